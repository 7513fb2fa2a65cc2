import { afterEach, describe, expect, it } from 'vitest'
import { emailHarness, type EmailHarness } from '#tests/support/email.ts'

let harness: EmailHarness | null = null
afterEach(async () => {
	await harness?.stop()
	harness = null
})

describe('a mail server outage', () => {
	it('loses nothing and sends nothing twice: refused for 3 s, then every email arrives exactly once', async () => {
		harness = await emailHarness({ EMAIL_RETRY_BASE: '100ms' })
		const { queue, sink, rows } = harness
		const EMAILS = 20

		await sink.refuseConnections()
		const refusedAt = Date.now()
		// The real clock: back-off runs in real time here (100 ms, 200 ms, 400 ms, … capped at 10 minutes).
		const worker = harness.worker({ now: () => new Date(), pollMs: 25 })
		for (let i = 0; i < EMAILS; i += 1) queue({ now: new Date() })
		worker.start()

		await new Promise((resolve) => setTimeout(resolve, 3000))
		expect(sink.received).toHaveLength(0)
		expect(rows().every((row) => row.status === 'pending' || row.status === 'sending')).toBe(true)
		await sink.acceptConnections()
		const outageMs = Date.now() - refusedAt

		await sink.waitForMessages(EMAILS, 15_000)
		// Give a stray duplicate the chance to show up before counting.
		await new Promise((resolve) => setTimeout(resolve, 300))
		await worker.stop()

		const all = rows()
		const attempts = all.reduce((sum, row) => sum + row.attempts, 0)
		const duplicates = [...sink.countsByMessageId().values()].reduce((sum, count) => sum + count - 1, 0)
		console.log(
			`Outage test: ${EMAILS} emails queued, SMTP refused connections for ${(outageMs / 1000).toFixed(1)} s; ` +
				`${sink.received.length} delivered, ${attempts} attempts in all (${attempts - EMAILS} retries), ${duplicates} duplicates.`,
		)
		expect(all.map((row) => row.status)).toEqual(Array(EMAILS).fill('sent'))
		expect(sink.received).toHaveLength(EMAILS)
		expect(duplicates).toBe(0)
		expect(new Set(sink.received.map((mail) => mail.messageId))).toEqual(new Set(all.map((row) => row.messageId)))
		expect(all.every((row) => row.attempts > 1)).toBe(true)
		expect(all.every((row) => row.lastError?.includes('ECONNREFUSED'))).toBe(true)
	})
})
