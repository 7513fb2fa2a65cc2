/**
 * When to try again after a failed send, and which failures are worth another try. Pure functions, so the schedule
 * is tested without a mail server.
 */

export const MAX_RETRY_DELAY_MS = 10 * 60_000
/** A temporary failure is retried until this long after the email was queued, then the email is marked failed. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000

/** Delay after the `attempt`-th failed attempt (1-based): base, 2×base, 4×base, … capped at 10 minutes. */
export function retryDelay(attempt: number, baseMs: number, maxMs = MAX_RETRY_DELAY_MS): number {
	const exponent = Math.max(0, attempt - 1)
	// 2^30 × any sane base is far above the cap; stop doubling before the number loses meaning.
	return Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 30))
}

/**
 * The time of the next attempt after a temporary failure, or null when the email has been trying for 24 hours.
 * The last attempt is made at the 24-hour mark rather than skipped.
 */
export function nextAttemptAt({
	attempts,
	createdAt,
	now,
	baseMs,
}: {
	attempts: number
	createdAt: Date
	now: Date
	baseMs: number
}): Date | null {
	const deadline = createdAt.getTime() + GIVE_UP_AFTER_MS
	if (now.getTime() >= deadline) return null
	return new Date(Math.min(now.getTime() + retryDelay(attempts, baseMs), deadline))
}

export type SendFailure = {
	/** True for answers that another try cannot change (5xx, a malformed envelope). */
	permanent: boolean
	/** The SMTP reply code, when the server answered. */
	code: number | null
	message: string
}

type MailError = Error & { code?: string; responseCode?: number; response?: string }

/**
 * 5xx answers are permanent, except a refused login (535), which is the operator's to fix: those emails wait
 * (up to 24 hours) rather than fail. 4xx answers, refused connections, timeouts and file errors are temporary.
 */
export function classifySendError(error: unknown): SendFailure {
	const mailError = (error instanceof Error ? error : new Error(String(error))) as MailError
	const code = typeof mailError.responseCode === 'number' ? mailError.responseCode : null
	const message = (mailError.response ?? mailError.message ?? 'Unknown error').trim().slice(0, 1000)
	const isAuth = mailError.code === 'EAUTH' || mailError.code === 'ENOAUTH'
	if (code !== null && code >= 500 && code < 600 && !isAuth) return { permanent: true, code, message }
	if (code === null && mailError.code === 'EENVELOPE') return { permanent: true, code, message }
	return { permanent: false, code, message: mailError.code && code === null ? `${mailError.code}: ${message}` : message }
}
