import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, lte, max, or } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import { removeStoredFile } from '#app/documents/storage.server.ts'
import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { JobHandler } from '#app/jobs/scheduler.server.ts'
import type { Db, Tx } from '#db/client.ts'
import { applications, calls, documents, outbox, statusChanges, users, visits, type ApplicationStatus, type Visit } from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import { addDays, zonedTimeToInstant } from './time.ts'

/**
 * The scheduler's sweeps for the visit (issue 13): the passport data's purge, daily, and the reminder to confirm,
 * hourly (app/jobs/registry.server.ts). Sweeps rather than one job per visit or approval, because they follow the
 * dates as they are when they run: a visit moved, cancelled or confirmed needs no job rescheduled or cancelled.
 * Both are safe to repeat: a purged visit is marked, and the reminder's dedupe key makes it once per confirm-by date.
 */

const DAY = 86_400_000
export const KEEP_SENSITIVE_DAYS = 90
export const CONFIRM_REMINDER_BEFORE = 7 * DAY

export const VISIT_PURGE_JOB = 'visit-data-purge'
export const CONFIRM_REMINDER_JOB = 'visit-confirm-reminder'

/** Statuses from which no visit will happen: the data go 90 days after the planned end, or after this status came. */
const ENDED_STATUSES: readonly ApplicationStatus[] = ['cancelled', 'withdrawn', 'rejected']

// ---------------------------------------------------------------------------------------------------------------
// The purge of the passport number, the date of birth and the passport copy.

/**
 * When a visit's sensitive data go: 90 days after the end of its end date in the call's time zone; for an application
 * that ended (cancelled, withdrawn, rejected) without an end date, 90 days after it ended; otherwise not yet known.
 * `endedAt` is when the application reached its ended status.
 */
export function sensitivePurgeDueAt({
	endDate,
	status,
	endedAt,
	timeZone,
}: {
	endDate: string | null
	status: ApplicationStatus
	endedAt: Date | null
	timeZone: string
}): Date | null {
	// The end of the end date is the start of the next day; 90 calendar days later in the same zone.
	if (endDate) return zonedTimeToInstant(addDays(endDate, KEEP_SENSITIVE_DAYS + 1), '00:00', timeZone)
	if (ENDED_STATUSES.includes(status) && endedAt) return new Date(endedAt.getTime() + KEEP_SENSITIVE_DAYS * DAY)
	return null
}

/** Visits still holding something sensitive (one, when `applicationId` is given), with what their due date needs. */
function holdingSensitiveData(tx: Tx | Db, applicationId?: number) {
	const passportCopies = tx
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.applicationId, visits.applicationId), eq(documents.kind, 'passport')))
	return tx
		.select({ visit: visits, status: applications.status, updatedAt: applications.updatedAt, timeZone: calls.timeZone })
		.from(visits)
		.innerJoin(applications, eq(applications.id, visits.applicationId))
		.innerJoin(calls, eq(calls.id, applications.callId))
		.where(
			and(
				applicationId === undefined ? undefined : eq(visits.applicationId, applicationId),
				isNull(visits.sensitivePurgedAt),
				or(isNotNull(visits.passportNumber), isNotNull(visits.dateOfBirth), isNotNull(visits.passportCopyDocumentId), exists(passportCopies)),
			),
		)
		.all()
}

/** When the application reached its current, ended status (the latest change into one; ended statuses are final). */
function endedAt(tx: Tx, applicationId: number, status: ApplicationStatus, fallback: Date): Date | null {
	if (!ENDED_STATUSES.includes(status)) return null
	const row = tx
		.select({ at: max(statusChanges.at) })
		.from(statusChanges)
		.where(and(eq(statusChanges.applicationId, applicationId), eq(statusChanges.toStatus, status)))
		.get()
	return row?.at ?? fallback
}

/** Purges one visit if its time has come, in the caller's transaction; the stored names of the files to delete after. */
function purgeIfDue(tx: Tx, applicationId: number, now: Date): string[] | null {
	const row = holdingSensitiveData(tx, applicationId)[0]
	if (!row) return null
	const dueAt = sensitivePurgeDueAt({
		endDate: row.visit.endDate,
		status: row.status,
		endedAt: endedAt(tx, applicationId, row.status, row.updatedAt),
		timeZone: row.timeZone,
	})
	if (!dueAt || now < dueAt) return null
	const copies = tx
		.select({ id: documents.id, storedName: documents.storedName })
		.from(documents)
		.where(
			and(
				eq(documents.applicationId, applicationId),
				or(eq(documents.kind, 'passport'), row.visit.passportCopyDocumentId ? eq(documents.id, row.visit.passportCopyDocumentId) : undefined),
			),
		)
		.all()
	const purged: Partial<Visit> = { passportNumber: null, dateOfBirth: null, passportCopyDocumentId: null, sensitivePurgedAt: now, updatedAt: now }
	tx.update(visits).set(purged).where(eq(visits.applicationId, applicationId)).run()
	if (copies.length > 0) tx.delete(documents).where(inArray(documents.id, copies.map((copy) => copy.id))).run()
	recordAudit(tx, {
		actorId: null,
		action: 'visit.sensitive_purged',
		entity: 'application',
		entityId: applicationId,
		applicationId,
		data: { dueAt: dueAt.toISOString(), documents: copies.length, basis: row.visit.endDate ? 'end_date' : 'ended' },
		at: now,
	})
	return copies.map((copy) => copy.storedName)
}

/**
 * Removes the passport number, date of birth and passport copy (row and file) of every visit whose time has come
 * (sensitivePurgeDueAt), sets sensitivePurgedAt and writes a 'visit.sensitive_purged' audit row. One transaction per
 * visit; files are deleted after it commits, and a file already gone is fine. Returns how many visits were purged.
 */
export function purgeExpiredVisitData(db: Db, config: Pick<Config, 'uploadDir'>, now: Date): { purged: number } {
	let purged = 0
	for (const { visit } of holdingSensitiveData(db)) {
		const files = db.transaction((tx) => purgeIfDue(tx, visit.applicationId, now), { behavior: 'immediate' })
		if (!files) continue
		purged += 1
		for (const storedName of files) {
			try {
				removeStoredFile(config.uploadDir, storedName)
			} catch (error) {
				// The row is gone, so nothing can serve the file any more; say so, so someone removes it by hand.
				console.error(`Visit data purge: could not delete the stored file ${storedName} of application ${visit.applicationId}.`, error)
			}
		}
	}
	return { purged }
}

export const purgeVisitDataJob: JobHandler = (_data, { db, config, now }) => {
	purgeExpiredVisitData(db, config, now())
}

// ---------------------------------------------------------------------------------------------------------------
// Confirming the visit: the reminder and the office's list.

/**
 * Emails each applicant whose approval is still unconfirmed, once, 7 days before the confirm-by date ("Confirm your
 * visit by …", in their language, linking to the visit page). Not when the applicant's own proposal of dates awaits
 * the office, nor when the approval came less than 7 days before the date (its email said the same just now). The
 * dedupe key carries the confirm-by instant: a new date (a later approval) gets its own reminder. Returns how many
 * emails were queued now.
 */
export function sendConfirmReminders(db: Db, config: Pick<Config, 'publicUrl'>, now: Date): { sent: number } {
	return db.transaction(
		(tx) => {
			const due = tx
				.select({ application: applications, applicant: users, timeZone: calls.timeZone, visit: visits })
				.from(applications)
				.innerJoin(users, eq(users.id, applications.applicantId))
				.innerJoin(calls, eq(calls.id, applications.callId))
				.leftJoin(visits, eq(visits.applicationId, applications.id))
				.where(
					and(
						eq(applications.status, 'approved'),
						gt(applications.confirmBy, now),
						lte(applications.confirmBy, new Date(now.getTime() + CONFIRM_REMINDER_BEFORE)),
					),
				)
				.all()
			let sent = 0
			for (const { application, applicant, timeZone, visit } of due) {
				const confirmBy = application.confirmBy!
				const remindAt = confirmBy.getTime() - CONFIRM_REMINDER_BEFORE
				if (application.decidedAt && application.decidedAt.getTime() >= remindAt) continue
				if (visit?.confirmedAt || visit?.proposedBy === 'applicant' || applicant.disabledAt) continue
				const queued = queueEmail(tx, {
					to: applicant.email,
					toName: applicant.name,
					template: 'visit-confirm-reminder',
					locale: applicant.locale,
					props: {
						name: applicant.name,
						reference: application.reference,
						confirmBy: confirmBy.toISOString(),
						timeZone,
						link: `${config.publicUrl}/applications/${application.id}/visit-confirmation`,
					},
					// Once per application and date, even if the applicant changes their address meanwhile.
					dedupeKey: dedupeKey('confirm-by', application.id, confirmBy.getTime(), 'visit-confirm-reminder'),
					applicationId: application.id,
					now,
				})
				if (queued) sent += 1
			}
			return { sent }
		},
		{ behavior: 'immediate' },
	)
}

export const confirmRemindersJob: JobHandler = (_data, { db, config, now }) => {
	sendConfirmReminders(db, config, now())
}

export type UnconfirmedApproval = {
	applicationId: number
	reference: string
	applicantName: string
	applicantEmail: string
	confirmBy: Date | null
	/** The confirm-by date has passed: the office may cancel the approval and give the place to the waiting list. */
	passed: boolean
	/** Who must act next: the applicant (confirm or propose dates) or the office (answer the applicant's proposal). */
	waitingFor: 'applicant' | 'office'
	/** When the reminder was queued, if it was. */
	remindedAt: Date | null
}

/** The call's approved applications whose visit is not confirmed yet, soonest confirm-by date first. */
export function unconfirmedApprovals(db: Db, callId: number, now: Date): UnconfirmedApproval[] {
	const rows = db
		.select({
			applicationId: applications.id,
			reference: applications.reference,
			confirmBy: applications.confirmBy,
			applicantName: users.name,
			applicantEmail: users.email,
			proposedBy: visits.proposedBy,
		})
		.from(applications)
		.innerJoin(users, eq(users.id, applications.applicantId))
		.leftJoin(visits, eq(visits.applicationId, applications.id))
		.where(and(eq(applications.callId, callId), eq(applications.status, 'approved')))
		.orderBy(asc(applications.confirmBy), asc(applications.reference))
		.all()
	const reminders = new Map(
		rows.length === 0
			? []
			: db
					.select({ applicationId: outbox.applicationId, at: max(outbox.createdAt) })
					.from(outbox)
					.where(
						and(
							eq(outbox.template, 'visit-confirm-reminder'),
							inArray(
								outbox.applicationId,
								rows.map((row) => row.applicationId),
							),
						),
					)
					.groupBy(outbox.applicationId)
					.all()
					.map((row) => [row.applicationId, row.at] as const),
	)
	return rows.map(({ proposedBy, ...row }) => ({
		...row,
		passed: row.confirmBy !== null && now >= row.confirmBy,
		waitingFor: proposedBy === 'applicant' ? 'office' : 'applicant',
		remindedAt: reminders.get(row.applicationId) ?? null,
	}))
}
