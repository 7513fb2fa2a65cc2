import { data } from '@remix-run/node'
import type { AppContext } from '#app/server/context.ts'
import { hitRateLimit } from './rate-limit.server.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

type Limit = 'signInIp' | 'signInAccount' | 'registerIp' | 'resetIp' | 'verifyIp'

/**
 * Counts an attempt; when over the limit, throws a 429 page in the reader's language (the route's
 * ErrorBoundary shows it). `subject` is the address or the account the limit is kept for.
 */
export function enforceRateLimit(context: AppContext, limit: Limit, subject: string): void {
	const { rateLimits } = context.config
	const settings: Record<Limit, { max: number; windowMs: number }> = {
		signInIp: { max: rateLimits.signInPerIp, windowMs: MINUTE },
		signInAccount: { max: rateLimits.signInPerAccount, windowMs: MINUTE },
		registerIp: { max: rateLimits.registerPerIp, windowMs: HOUR },
		resetIp: { max: rateLimits.resetPerIp, windowMs: HOUR },
		verifyIp: { max: rateLimits.verifyPerIp, windowMs: 10 * MINUTE },
	}
	const { max, windowMs } = settings[limit]
	const result = hitRateLimit(context.db, { key: `${limit}:${subject}`, limit: max, windowMs, now: context.now() })
	if (!result.allowed) {
		throw data(
			{ retryAfterSeconds: result.retryAfterSeconds },
			{ status: 429, headers: { 'Retry-After': String(result.retryAfterSeconds) } },
		)
	}
}
