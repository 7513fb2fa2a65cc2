import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { describeAuditRow, listAudit } from '#app/domain/audit-views.server.ts'
import { purgeExpiredVisitData, sendConfirmReminders, unconfirmedApprovals } from '#app/domain/visit-jobs.server.ts'
import { storedPath } from '#app/documents/storage.server.ts'
import { jobs, recurringJobs } from '#app/jobs/registry.server.ts'
import { createScheduler } from '#app/jobs/scheduler.server.ts'
import { applications, auditLog, documents, outbox, scheduledJobs, statusChanges, visits, type Application, type ApplicationStatus } from '#db/schema.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE

let portal: Portal | null = null
afterEach(async () => {
	await portal?.stop()
	portal = null
})

async function start() {
	portal = await startPortal()
	const callId = insertCall(portal.db, { now: portal.clock.now() })
	return { portal, callId }
}

function applicationIn(portal: Portal, callId: number, state: Partial<Application> & { status: ApplicationStatus }, locale: 'en' | 'fa' = 'en') {
	const applicant = insertUser(portal.db, { role: 'applicant', locale })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now: portal.clock.now(), ...state })
	return { applicant, application }
}

/** A passport copy as an upload leaves it: a row and a real file under UPLOAD_DIR. */
function passportCopy(portal: Portal, applicationId: number) {
	const storedName = `${crypto.randomBytes(16).toString('hex')}.pdf`
	const file = storedPath(portal.config.uploadDir, storedName)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	fs.writeFileSync(file, '%PDF-1.4 passport copy')
	const row = portal.db
		.insert(documents)
		.values({ applicationId, kind: 'passport', originalName: 'passport.pdf', storedName, size: 22, sha256: 'x'.repeat(64), createdAt: portal.clock.now() })
		.returning()
		.get()
	return { id: row.id, file }
}

function insertVisit(portal: Portal, applicationId: number, values: Partial<typeof visits.$inferInsert> = {}) {
	const copy = passportCopy(portal, applicationId)
	portal.db
		.insert(visits)
		.values({
			applicationId,
			passportName: 'Łukasz Şahin Nguyễn',
			passportNumber: 'X1234567',
			nationality: 'PL',
			dateOfBirth: '1980-02-29',
			passportCopyDocumentId: copy.id,
			needs: 'Vegetarian',
			updatedAt: portal.clock.now(),
			...values,
		})
		.run()
	return copy
}

const visitOf = (portal: Portal, applicationId: number) => portal.db.select().from(visits).where(eq(visits.applicationId, applicationId)).get()!
const purgeAudits = (portal: Portal) => portal.db.select().from(auditLog).where(eq(auditLog.action, 'visit.sensitive_purged')).all()
/** Moves the clock to `at`, which must not be in the past. */
const advanceTo = (portal: Portal, at: Date) => portal.clock.advance(at.getTime() - portal.clock.now().getTime())

describe('the passport data purge', () => {
	it('removes the passport number, date of birth and passport copy 90 days after the visit, not a minute before, once', async () => {
		const { portal, callId } = await start()
		const { application } = applicationIn(portal, callId, { status: 'completed' })
		const copy = insertVisit(portal, application.id, { startDate: '2026-11-20', endDate: '2026-12-10', confirmedAt: portal.clock.now() })
		const otherDocuments = portal.db.select().from(documents).where(eq(documents.applicationId, application.id)).all().length - 1
		expect(otherDocuments).toBeGreaterThan(0)
		// The end of 10 December in Tehran (UTC+3:30) is 20:30 UTC; 90 days later is 10 March.
		const dueAt = new Date('2027-03-10T20:30:00Z')
		const purge = () => purgeExpiredVisitData(portal.db, portal.config, portal.clock.now())

		expect(purge()).toEqual({ purged: 0 })
		advanceTo(portal, new Date(dueAt.getTime() - MINUTE))
		expect(purge()).toEqual({ purged: 0 })
		portal.clock.advance(MINUTE - 1)
		expect(purge()).toEqual({ purged: 0 })
		expect(visitOf(portal, application.id)).toMatchObject({ passportNumber: 'X1234567', dateOfBirth: '1980-02-29', sensitivePurgedAt: null })
		expect(fs.existsSync(copy.file)).toBe(true)

		portal.clock.advance(1)
		expect(purge()).toEqual({ purged: 1 })
		expect(visitOf(portal, application.id)).toMatchObject({
			passportNumber: null,
			dateOfBirth: null,
			passportCopyDocumentId: null,
			sensitivePurgedAt: dueAt,
			// Everything else about the visit stays.
			passportName: 'Łukasz Şahin Nguyễn',
			nationality: 'PL',
			needs: 'Vegetarian',
			startDate: '2026-11-20',
			endDate: '2026-12-10',
		})
		expect(portal.db.select().from(documents).where(eq(documents.id, copy.id)).get()).toBeUndefined()
		expect(fs.existsSync(copy.file)).toBe(false)
		expect(portal.db.select().from(documents).where(eq(documents.applicationId, application.id)).all()).toHaveLength(otherDocuments)

		const [audit] = purgeAudits(portal)
		expect(audit).toMatchObject({ actorId: null, applicationId: application.id, at: dueAt })
		expect(JSON.stringify(audit!.data)).not.toContain('X1234567')
		const [row] = listAudit(portal.db, { action: 'visit.sensitive_purged' }).rows
		expect(describeAuditRow(row!, 'en').summary).toBe('Removed the passport number, date of birth and passport copy, 90 days after the visit')

		// Again, later: nothing more happens.
		portal.clock.advance(days(1))
		expect(purge()).toEqual({ purged: 0 })
		expect(purgeAudits(portal)).toHaveLength(1)
	})

	it('purges an ended application 90 days after its planned end date, or after it ended when it had none', async () => {
		const { portal, callId } = await start()
		const now = portal.clock.now()
		const ended = (status: ApplicationStatus, values: Partial<typeof visits.$inferInsert>) => {
			const { application } = applicationIn(portal, callId, { status })
			portal.db.insert(statusChanges).values({ applicationId: application.id, fromStatus: 'approved', toStatus: status, at: now }).run()
			return { application, copy: insertVisit(portal, application.id, values) }
		}
		// Withdrawn after filling in the form, before any dates were confirmed: 90 days after the withdrawal.
		const withdrawn = ended('withdrawn', { proposedStart: '2027-06-01', proposedEnd: '2027-06-30', proposedBy: 'applicant' })
		// A confirmed visit cancelled: 90 days after its planned end (the end of 20 December in Tehran).
		const cancelled = ended('cancelled', { startDate: '2026-12-01', endDate: '2026-12-20', confirmedAt: now })
		// Still approved with no confirmed dates: the visit may yet happen, so nothing is due.
		const { application: approved } = applicationIn(portal, callId, { status: 'approved', confirmBy: new Date(now.getTime() + days(14)) })
		insertVisit(portal, approved.id)
		const purged = () =>
			[withdrawn.application.id, cancelled.application.id, approved.id].filter((id) => visitOf(portal, id).sensitivePurgedAt !== null)

		// The withdrawal's file is already gone from disk: the purge goes on.
		fs.rmSync(withdrawn.copy.file)
		advanceTo(portal, new Date(now.getTime() + days(90) - MINUTE))
		expect(purgeExpiredVisitData(portal.db, portal.config, portal.clock.now())).toEqual({ purged: 0 })
		portal.clock.advance(MINUTE)
		expect(purgeExpiredVisitData(portal.db, portal.config, portal.clock.now())).toEqual({ purged: 1 })
		expect(purged()).toEqual([withdrawn.application.id])

		advanceTo(portal, new Date('2027-03-20T20:30:00Z'))
		expect(purgeExpiredVisitData(portal.db, portal.config, portal.clock.now())).toEqual({ purged: 1 })
		expect(purged()).toEqual([withdrawn.application.id, cancelled.application.id])
		expect(fs.existsSync(cancelled.copy.file)).toBe(false)

		portal.clock.advance(days(1000))
		expect(purgeExpiredVisitData(portal.db, portal.config, portal.clock.now())).toEqual({ purged: 0 })
		expect(visitOf(portal, approved.id).passportNumber).toBe('X1234567')
	})

	it('runs as a daily sweep in the scheduler, once a day however often it restarts', async () => {
		const { portal, callId } = await start()
		const { application } = applicationIn(portal, callId, { status: 'completed' })
		const copy = insertVisit(portal, application.id, { startDate: '2026-11-01', endDate: '2026-11-27', confirmedAt: portal.clock.now() })
		const scheduler = () => createScheduler({ db: portal.db, config: portal.config, now: portal.clock.now, jobs, recurring: recurringJobs })
		const rows = (job: string) => portal.db.select().from(scheduledJobs).where(eq(scheduledJobs.job, job)).orderBy(scheduledJobs.runAt).all()

		// Started at 10:00 UTC: today's purge and this hour's reminder run now; the next of each waits.
		expect(await scheduler().runDueOnce()).toEqual({ ran: 2, retried: 0, failed: 0 })
		expect(await scheduler().runDueOnce()).toEqual({ ran: 0, retried: 0, failed: 0 })
		expect(rows('visit-data-purge').map((row) => [row.key, row.status])).toEqual([
			['visit-data-purge:2026-11-28T00:00:00.000Z', 'done'],
			['visit-data-purge:2026-11-29T00:00:00.000Z', 'pending'],
		])
		portal.clock.advance(HOUR)
		expect(await scheduler().runDueOnce()).toMatchObject({ ran: 1 })
		// A long pause (the server was down): each sweep runs once, not once per missed period.
		portal.clock.advance(days(95))
		expect(await scheduler().runDueOnce()).toMatchObject({ ran: 2, failed: 0 })
		expect(visitOf(portal, application.id).sensitivePurgedAt).not.toBeNull()
		expect(fs.existsSync(copy.file)).toBe(false)
		expect(rows('visit-data-purge').filter((row) => row.status === 'pending')).toHaveLength(1)
		expect(rows('visit-confirm-reminder').filter((row) => row.status === 'done')).toHaveLength(3)
	})
})

describe('the reminder to confirm a visit', () => {
	async function approvals() {
		const { portal, callId } = await start()
		const now = portal.clock.now()
		const confirmBy = new Date(now.getTime() + days(10))
		const approved = { status: 'approved' as const, confirmBy, decidedAt: now }
		return {
			portal,
			callId,
			confirmBy,
			// In Persian: the one who is reminded.
			waiting: applicationIn(portal, callId, approved, 'fa'),
			confirmed: applicationIn(portal, callId, { ...approved, status: 'visit_confirmed' }),
			withdrawn: applicationIn(portal, callId, { ...approved, status: 'withdrawn' }),
			// Approved 5 days before the date: the approval's email is the reminder.
			late: applicationIn(portal, callId, { ...approved, confirmBy: new Date(now.getTime() + days(5)) }),
			// Has proposed other dates, which the office has yet to answer.
			proposed: applicationIn(portal, callId, approved),
		}
	}

	it('goes once, 7 days before the confirm-by date, in the applicant’s language, only to those who have to act', async () => {
		const { portal, confirmBy, waiting, proposed } = await approvals()
		portal.db.insert(visits).values({ applicationId: proposed.application.id, proposedStart: '2027-05-01', proposedEnd: '2027-05-20', proposedBy: 'applicant', updatedAt: portal.clock.now() }).run()
		const remind = () => sendConfirmReminders(portal.db, portal.config, portal.clock.now())

		expect(remind()).toEqual({ sent: 0 })
		advanceTo(portal, new Date(confirmBy.getTime() - days(7) - MINUTE))
		expect(remind()).toEqual({ sent: 0 })
		portal.clock.advance(MINUTE)
		expect(remind()).toEqual({ sent: 1 })
		expect(remind()).toEqual({ sent: 0 })
		portal.clock.advance(days(3))
		expect(remind()).toEqual({ sent: 0 })

		const queued = portal.db.select().from(outbox).where(eq(outbox.template, 'visit-confirm-reminder')).all()
		expect(queued).toMatchObject([{ toAddress: waiting.applicant.email, locale: 'fa', applicationId: waiting.application.id }])
		await portal.deliver()
		const [mail] = await portal.sink.waitForMessages(1)
		expect(mail!.envelopeTo).toEqual([waiting.applicant.email])
		expect(mail!.subject).toContain('یادآوری: دیدار خود را تا')
		expect(mail!.subject).toContain(waiting.application.reference)
		expect(mail!.text).toContain(`http://portal.test/applications/${waiting.application.id}/visit-confirmation`)
	})

	it('is not sent when the status changed before the day', async () => {
		const { portal, confirmBy, waiting, proposed } = await approvals()
		portal.db.update(applications).set({ status: 'cancelled' }).where(eq(applications.id, waiting.application.id)).run()
		advanceTo(portal, new Date(confirmBy.getTime() - days(7)))
		// Only the other approval, which has no proposal of its own here, is reminded.
		expect(sendConfirmReminders(portal.db, portal.config, portal.clock.now())).toEqual({ sent: 1 })
		expect(portal.db.select().from(outbox).where(eq(outbox.template, 'visit-confirm-reminder')).all()).toMatchObject([
			{ toAddress: proposed.applicant.email, locale: 'en' },
		])
	})

	it('lists the office’s unconfirmed approvals with their date, whether it passed, who must act and the reminder', async () => {
		const { portal, callId, confirmBy, waiting, late, proposed } = await approvals()
		portal.db.insert(visits).values({ applicationId: proposed.application.id, proposedStart: '2027-05-01', proposedEnd: '2027-05-20', proposedBy: 'applicant', updatedAt: portal.clock.now() }).run()
		advanceTo(portal, new Date(confirmBy.getTime() - days(7)))
		sendConfirmReminders(portal.db, portal.config, portal.clock.now())
		const remindedAt = portal.clock.now()

		const list = unconfirmedApprovals(portal.db, callId, portal.clock.now())
		// Soonest date first, then by reference.
		expect(list.map((row) => row.applicationId)).toEqual([late.application.id, waiting.application.id, proposed.application.id])
		expect(list.find((row) => row.applicationId === late.application.id)).toMatchObject({ passed: false, waitingFor: 'applicant', remindedAt: null })
		expect(list.find((row) => row.applicationId === waiting.application.id)).toMatchObject({
			reference: waiting.application.reference,
			applicantEmail: waiting.applicant.email,
			confirmBy,
			passed: false,
			waitingFor: 'applicant',
			remindedAt,
		})
		expect(list.find((row) => row.applicationId === proposed.application.id)).toMatchObject({ passed: false, waitingFor: 'office', remindedAt: null })

		portal.clock.advance(days(2))
		expect(unconfirmedApprovals(portal.db, callId, portal.clock.now()).map((row) => row.passed)).toEqual([true, false, false])
		portal.clock.advance(days(5))
		expect(unconfirmedApprovals(portal.db, callId, portal.clock.now()).map((row) => row.passed)).toEqual([true, true, true])
		expect(unconfirmedApprovals(portal.db, callId + 1, portal.clock.now())).toEqual([])
	})
})
