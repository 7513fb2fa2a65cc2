import { afterEach, describe, expect, it } from 'vitest'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { createEmailWorker, type EmailWorker } from '#app/email/worker.server.ts'
import { outbox, statusChanges } from '#db/schema.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { actorOf, assignReviewerRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal | null = null
let worker: EmailWorker | null = null
afterEach(async () => {
	await worker?.stop()
	worker = null
	await portal?.stop()
	portal = null
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('status changes while the mail server is down', () => {
	it('lose no email and send none twice: 100 transitions during a 5 s outage', async () => {
		// The worker runs on the real clock, so the back-off (50 ms, 100 ms, 200 ms, …) runs in real time during the
		// outage; once the server is back, the worker's clock jumps a minute ahead rather than the test waiting out
		// the last (seconds-long) delays.
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test', EMAIL_RETRY_BASE: '50ms' })
		const { db, config, sink } = portal
		const TRANSITIONS = 100
		const OUTAGE_MS = 5000
		const callId = insertCall(db, { now: new Date() })
		const office = insertUser(db, { role: 'office' })
		// Half the transitions submit a draft (the applicant and the office are told), half put a submitted
		// application under review (the applicant is told).
		const moves = Array.from({ length: TRANSITIONS }, (_, index) => {
			const applicant = insertUser(db, { role: 'applicant' })
			const submitting = index % 2 === 0
			const application = placeApplication(db, {
				callId,
				applicantId: applicant.id,
				now: new Date(),
				...(submitting ? {} : { status: 'submitted' as const, firstSubmittedAt: new Date() }),
			})
			if (!submitting) assignReviewerRow(db, application.id, insertUser(db, { role: 'reviewer' }).id, new Date())
			return {
				application,
				actor: submitting ? applicant : office,
				to: submitting ? ('submitted' as const) : ('under_review' as const),
			}
		})

		let skewMs = 0
		worker = createEmailWorker({ db, config, now: () => new Date(Date.now() + skewMs), pollMs: 25 })
		worker.start()
		await sink.refuseConnections()
		const refusedAt = Date.now()
		// Spread the submissions over the first seconds of the outage, as applicants would send them.
		for (const { application, actor, to } of moves) {
			changeStatus(db, {
				applicationId: application.id,
				to,
				actor: actorOf(actor),
				expectedVersion: application.version,
				now: new Date(),
				settings: config,
			})
			await sleep(25)
		}
		await sleep(Math.max(0, OUTAGE_MS - (Date.now() - refusedAt)))
		expect(sink.received).toHaveLength(0)
		await sink.acceptConnections()
		const outageMs = Date.now() - refusedAt
		skewMs = 60_000
		worker.wake()

		const rows = () => db.select().from(outbox).all()
		const expected = rows().length
		await sink.waitForMessages(expected, 20_000)
		const catchUpMs = Date.now() - refusedAt - outageMs
		// Give a stray duplicate the chance to show up before counting.
		await sleep(300)
		await worker.stop()

		const all = rows()
		const attempts = all.reduce((sum, row) => sum + row.attempts, 0)
		const duplicates = [...sink.countsByMessageId().values()].reduce((sum, count) => sum + count - 1, 0)
		const changes = db.select().from(statusChanges).all().length
		console.log(
			`Lifecycle outage: ${changes} transitions while SMTP refused connections for ${(outageMs / 1000).toFixed(1)} s; ` +
				`${expected} emails queued, ${sink.received.length} delivered within ${(catchUpMs / 1000).toFixed(1)} s after it came back, ` +
				`${attempts} attempts ` +
				`(${attempts - expected} retries), ${duplicates} duplicates.`,
		)
		expect(changes).toBe(TRANSITIONS)
		expect(expected).toBe((TRANSITIONS / 2) * 2 + TRANSITIONS / 2)
		expect(all.every((row) => row.status === 'sent')).toBe(true)
		expect(sink.received).toHaveLength(expected)
		expect(duplicates).toBe(0)
		expect(new Set(sink.received.map((mail) => mail.messageId))).toEqual(new Set(all.map((row) => row.messageId)))
		const perRecipient = new Set(all.map((row) => `${row.applicationId}:${row.toAddress}`))
		expect(perRecipient.size).toBe(expected)
		expect(all.filter((row) => row.attempts > 1).length).toBeGreaterThan(expected / 2)
	})
})
