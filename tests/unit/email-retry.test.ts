import { describe, expect, it } from 'vitest'
import { messageIdFor } from '#app/email/message-id.ts'
import { classifySendError, GIVE_UP_AFTER_MS, MAX_RETRY_DELAY_MS, nextAttemptAt, retryDelay } from '#app/email/retry.ts'

describe('back-off', () => {
	it('doubles from the base and stops at 10 minutes', () => {
		const delays = Array.from({ length: 8 }, (_, i) => retryDelay(i + 1, 30_000))
		expect(delays).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000])
		expect(retryDelay(1000, 30_000)).toBe(MAX_RETRY_DELAY_MS)
		expect(retryDelay(3, 100)).toBe(400)
	})

	it('schedules the next attempt until 24 hours after queueing, the last one at the 24-hour mark', () => {
		const createdAt = new Date('2026-11-28T10:00:00Z')
		const at = (ms: number) => new Date(createdAt.getTime() + ms)
		expect(nextAttemptAt({ attempts: 1, createdAt, now: createdAt, baseMs: 30_000 })).toEqual(at(30_000))
		expect(nextAttemptAt({ attempts: 9, createdAt, now: at(3_600_000), baseMs: 30_000 })).toEqual(at(3_600_000 + 600_000))
		expect(nextAttemptAt({ attempts: 150, createdAt, now: at(GIVE_UP_AFTER_MS - 1000), baseMs: 30_000 })).toEqual(
			at(GIVE_UP_AFTER_MS),
		)
		expect(nextAttemptAt({ attempts: 151, createdAt, now: at(GIVE_UP_AFTER_MS), baseMs: 30_000 })).toBeNull()
	})
})

describe('classifySendError', () => {
	const smtpError = (code: string, responseCode?: number, response?: string) =>
		Object.assign(new Error(response ?? code), { code, responseCode, response })

	it('fails 5xx answers at once, with the code and the text', () => {
		expect(classifySendError(smtpError('EENVELOPE', 550, '550 5.1.1 No such user'))).toEqual({
			permanent: true,
			code: 550,
			message: '550 5.1.1 No such user',
		})
		expect(classifySendError(smtpError('EMESSAGE', 554, '554 Message rejected'))).toMatchObject({ permanent: true })
	})

	it('retries 4xx answers, refused connections and timeouts', () => {
		expect(classifySendError(smtpError('EENVELOPE', 451, '451 Try again later'))).toMatchObject({ permanent: false, code: 451 })
		expect(classifySendError(smtpError('ESOCKET', undefined, 'connect ECONNREFUSED 127.0.0.1:25'))).toEqual({
			permanent: false,
			code: null,
			message: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
		})
		expect(classifySendError(smtpError('ETIMEDOUT'))).toMatchObject({ permanent: false })
		expect(classifySendError(new Error('EACCES: permission denied, open data/mail/x.eml'))).toMatchObject({ permanent: false })
	})

	it('retries a refused login, which the operator can fix, rather than failing every email', () => {
		expect(classifySendError(smtpError('EAUTH', 535, '535 Authentication failed'))).toMatchObject({ permanent: false, code: 535 })
	})

	it('fails an envelope the server never saw (no recipients)', () => {
		expect(classifySendError(smtpError('EENVELOPE', undefined, 'No recipients defined'))).toMatchObject({ permanent: true })
	})
})

describe('messageIdFor', () => {
	const row = { id: 42, createdAt: new Date('2026-11-28T10:00:00Z') }

	it('is derived from the row and the public host alone, so a resend carries the same id', () => {
		expect(messageIdFor(row, 'https://vpp.example.ac.ir/portal')).toBe(
			`<vpp.outbox.42.${row.createdAt.getTime().toString(36)}@vpp.example.ac.ir>`,
		)
		expect(messageIdFor({ ...row }, 'https://vpp.example.ac.ir')).toBe(messageIdFor(row, 'https://vpp.example.ac.ir'))
	})

	it('differs between rows, and between databases that reuse an id', () => {
		expect(messageIdFor({ ...row, id: 43 }, 'http://localhost:3000')).not.toBe(messageIdFor(row, 'http://localhost:3000'))
		expect(messageIdFor({ ...row, createdAt: new Date('2027-01-01T00:00:00Z') }, 'http://localhost:3000')).not.toBe(
			messageIdFor(row, 'http://localhost:3000'),
		)
		expect(messageIdFor(row, 'http://localhost:3000')).toMatch(/^<[^<>@\s]+@localhost>$/)
	})
})
