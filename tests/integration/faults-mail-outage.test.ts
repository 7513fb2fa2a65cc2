import { afterEach, describe, expect, it } from 'vitest'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { createEmailWorker, type EmailWorker } from '#app/email/worker.server.ts'
import { outbox, statusChanges } from '#db/schema.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { scaled } from '#tests/support/faults.ts'
import { actorOf, assignReviewerRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * A mail outage during 200 status changes: the SMTP server refuses connections (10 s in `npm run faults`, 3 s in
 * `npm test`: the worker's back-off base is a setting, so a shorter outage still sees many retries), then answers
 * every recipient 451 "try again later", then accepts. Every email arrives exactly once (counted by Message-ID) and
 * none is marked failed.
 */

const TRANSITIONS = 200
const REFUSED_MS = scaled(3000, 10_000)
const ANSWERING_451_MS = scaled(1500, 5000)

let portal: Portal | null = null
let worker: EmailWorker | null = null
afterEach(async () => {
	await worker?.stop()
	worker = null
	await portal?.stop()
	portal = null
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('status changes during a mail outage', () => {
	it(`lose no email and send none twice: ${TRANSITIONS} changes while SMTP refuses, then answers 451, then recovers`, { timeout: scaled(60_000, 120_000) }, async () => {
		// The worker runs on the real clock, so the back-off (250 ms, 500 ms, 1 s, …) runs in real time during the
		// outage; at each change of phase the worker's clock jumps ahead rather than the test waiting out the last
		// (seconds-long) delays, so every email meets every phase.
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test', EMAIL_RETRY_BASE: '250ms' })
		const { db, config, sink } = portal
		const callId = insertCall(db, { now: new Date() })
		const office = insertUser(db, { role: 'office' })
		// Half the changes submit a draft (the applicant and the office are told), half put a submitted application
		// under review (the applicant is told).
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
			return { application, actor: submitting ? applicant : office, to: submitting ? ('submitted' as const) : ('under_review' as const) }
		})

		let skewMs = 0
		worker = createEmailWorker({ db, config, now: () => new Date(Date.now() + skewMs), pollMs: 25 })
		worker.start()
		await sink.refuseConnections()
		const refusedAt = Date.now()
		// Spread over the refusal, as applicants and the office would make them.
		for (const { application, actor, to } of moves) {
			changeStatus(db, { applicationId: application.id, to, actor: actorOf(actor), expectedVersion: application.version, now: new Date(), settings: config })
			await sleep(REFUSED_MS / TRANSITIONS / 2)
		}
		await sleep(Math.max(0, REFUSED_MS - (Date.now() - refusedAt)))
		expect(sink.received).toHaveLength(0)
		const rows = () => db.select().from(outbox).all()
		const expected = rows().length

		sink.answerAll(451, 'Requested action aborted: try again later')
		await sink.acceptConnections()
		skewMs = 60_000
		worker.wake()
		await sleep(ANSWERING_451_MS)
		const answered451 = rows().filter((row) => row.lastError?.includes('451')).length
		expect(sink.received).toHaveLength(0)

		sink.answerNormally()
		const recoveredAt = Date.now()
		skewMs = 60 * 60_000
		worker.wake()
		await sink.waitForMessages(expected, 30_000)
		const catchUpMs = Date.now() - recoveredAt
		// Give a stray duplicate the chance to show up before counting.
		await sleep(300)
		await worker.stop()

		const all = rows()
		const attempts = all.reduce((sum, row) => sum + row.attempts, 0)
		const duplicates = [...sink.countsByMessageId().values()].reduce((sum, count) => sum + count - 1, 0)
		const changes = db.select().from(statusChanges).all().length
		console.log(
			`Mail outage: ${changes} status changes while SMTP refused connections for ${(REFUSED_MS / 1000).toFixed(1)} s, then answered 451 ` +
				`for ${(ANSWERING_451_MS / 1000).toFixed(1)} s (${answered451} emails saw it); ${expected} emails queued, ${sink.received.length} delivered ` +
				`within ${(catchUpMs / 1000).toFixed(1)} s of recovery, ${attempts} attempts (${attempts - expected} retries), ${duplicates} duplicates, ` +
				`${all.filter((row) => row.status === 'failed').length} marked failed.`,
		)
		expect(changes).toBe(TRANSITIONS)
		expect(expected).toBe((TRANSITIONS / 2) * 2 + TRANSITIONS / 2)
		expect(all.map((row) => row.status)).toEqual(Array(expected).fill('sent'))
		expect(sink.received).toHaveLength(expected)
		expect(duplicates).toBe(0)
		expect(new Set(sink.received.map((mail) => mail.messageId))).toEqual(new Set(all.map((row) => row.messageId)))
		expect(new Set(all.map((row) => `${row.applicationId}:${row.toAddress}`)).size).toBe(expected)
		// Those that met the 451 were put back for later like the refused ones, and arrived once all the same.
		expect(answered451).toBeGreaterThan(0)
	})
})
