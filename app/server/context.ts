import type { Config } from '#app/config.server.ts'
import type { Db } from '#db/client.ts'

/**
 * What every loader and action receives besides the request: the database, the settings and the clock.
 * Passing them in (rather than importing singletons) lets tests call a route with their own database file
 * and an injected time.
 */
export type AppContext = {
	db: Db
	config: Config
	now: () => Date
	/** The client's address (from X-Forwarded-For only when TRUST_PROXY is on). */
	clientIp?: string
	/** This response's Content-Security-Policy nonce, for the scripts Remix writes into the page. */
	cspNonce?: string
}

declare module '@remix-run/node' {
	// eslint-disable-next-line @typescript-eslint/no-empty-object-type
	interface AppLoadContext extends AppContext {}
}
