import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { ConflictError } from '#app/domain/lifecycle/errors.ts'
import { applications, outbox, statusChanges } from '#db/schema.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { bundleScript, startTestChild, type TestChild } from '#tests/support/child-process.ts'
import { actorOf, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

type Outcome = { outcome: 'changed' | 'conflict' | 'refused'; reason?: string; statusChangeId?: number }

let portal: Portal | null = null
const children: Array<TestChild<Outcome>> = []
afterEach(async () => {
	for (const { child } of children.splice(0)) child.kill()
	await portal?.stop()
	portal = null
})

describe('the same status change from 20 processes at once', () => {
	it('happens once, with one set of emails; every other attempt is refused as stale', async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, sink, config } = portal
		const PROCESSES = 20
		const now = clock.now()
		const applicant = insertUser(db, { role: 'applicant', name: 'Maryam Rahimi' })
		const application = placeApplication(db, { callId: insertCall(db, { now }), applicantId: applicant.id, now })
		const file = db.$client.name

		const input = JSON.stringify({
			applicationId: application.id,
			to: 'submitted',
			actor: { id: applicant.id, role: 'applicant' },
			expectedVersion: application.version,
			now: now.toISOString(),
		})
		const script = await bundleScript('tests/support/lifecycle-change-process.ts')
		for (let i = 0; i < PROCESSES; i += 1) children.push(startTestChild<Outcome>(script, [file, input], `changer-${i}`))
		await Promise.all(children.map((child) => child.ready))
		for (const child of children) child.go()
		const outcomes = await Promise.all(children.map((child) => child.result))

		const changed = outcomes.filter((outcome) => outcome.outcome === 'changed')
		const conflicts = outcomes.filter((outcome) => outcome.outcome === 'conflict')
		const changes = db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all()
		const emails = db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all()
		await portal.deliver()
		const received = await sink.waitForMessages(emails.length)
		console.log(
			`Contention: ${PROCESSES} processes attempted draft -> submitted at once: ${changed.length} changed it, ` +
				`${conflicts.length} refused as stale, ${PROCESSES - changed.length - conflicts.length} otherwise; ` +
				`${changes.length} status change, ${emails.length} emails queued, ${sink.received.length} delivered.`,
		)
		expect(changed).toHaveLength(1)
		expect(conflicts).toHaveLength(PROCESSES - 1)
		expect(changes).toHaveLength(1)
		expect(changes[0]!.id).toBe(changed[0]!.statusChangeId)
		expect(db.select().from(applications).where(eq(applications.id, application.id)).get()).toMatchObject({
			status: 'submitted',
			version: application.version + 1,
		})
		expect(emails.map((email) => email.toAddress).sort()).toEqual([applicant.email, 'office@portal.test'].sort())
		expect(received.flatMap((mail) => mail.envelopeTo).sort()).toEqual([applicant.email, 'office@portal.test'].sort())

		// The same request with the version it was made against is refused, and changes nothing.
		expect(() =>
			changeStatus(db, {
				applicationId: application.id,
				to: 'withdrawn',
				actor: actorOf(applicant),
				expectedVersion: application.version,
				now: clock.now(),
				settings: config,
			}),
		).toThrow(ConflictError)
		expect(db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all()).toHaveLength(1)
	})
})
