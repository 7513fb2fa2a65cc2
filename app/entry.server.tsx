import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { NonceContext } from '#app/components/nonce.tsx'
import { ABORT_DELAY, renderHtmlStream } from '#app/html-stream.server.ts'

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	const body = await renderHtmlStream(
		<NonceContext.Provider value={nonce}>
			<RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
		</NonceContext.Provider>,
		{
			nonce,
			// Crawlers get the whole page at once; people get the shell as soon as it is ready.
			waitForAll: isbot(request.headers.get('user-agent') ?? ''),
			onError(error, afterStart) {
				responseStatusCode = 500
				// Errors after the shell are logged here; before it, Remix's handleError sees them.
				if (afterStart) console.error(error)
			},
		},
	)
	responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
	// The language comes from a cookie or Accept-Language, so caches must keep them apart.
	responseHeaders.append('Vary', 'Cookie, Accept-Language')
	return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}

/** Errors Remix catches in loaders and actions: log real failures, not cancelled requests. */
export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	console.error(error)
}
