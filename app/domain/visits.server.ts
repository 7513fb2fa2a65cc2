import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm'
import type { Db, Tx } from '#db/client.ts'
import { applicationSteps, applications, calls, documents, users, visits, type Application, type Call, type Visit } from '#db/schema.ts'
import { removeStoredFile } from '#app/documents/storage.server.ts'
import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { VisitLetterProps } from '#emails/application-status.tsx'
import { letterVisitorName, type InvitationLetterData } from '#app/documents/invitation-letter.server.ts'
import { ACTIVITIES } from '#app/schemas/application/proposed-visit.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { findDepartment, findSchool } from './schools.ts'
import { recordAudit } from './audit.ts'
import { replaceSingleDocument } from './visit-report.server.ts'
import { changeStatusInTransaction } from './lifecycle/change-status.server.ts'
import type { LifecycleSettings } from './lifecycle/recipients.server.ts'
import type { Actor } from './permissions.ts'
import { stepText } from './step-data.ts'
import { addDays, instantToZonedDate } from './time.ts'

/**
 * The visit after approval (DOMAIN.md; issue 13): the dates on the table start as the ones the applicant proposed in
 * the application. The applicant confirms them, or proposes others inside the call's window; the office accepts the
 * applicant's proposal (which confirms the visit) or answers with other dates, which the applicant then confirms.
 * Confirming moves the application to visit_confirmed through the lifecycle engine, in the same transaction as the
 * confirmed dates and the invitation letter's verification code.
 */

export type VisitRefusal =
	| 'not_found'
	/** Dates can be agreed only while the application is approved. */
	| 'not_approved'
	| 'dates_invalid'
	| 'outside_window'
	| 'too_short'
	| 'too_long'
	/** Nothing to confirm, or the dates on the table are not the other party's. */
	| 'nothing_to_confirm'

export class VisitError extends Error {
	override name = 'VisitError'
	constructor(readonly reason: VisitRefusal) {
		super(`Visit refused: ${reason}`)
	}
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Days from start to end, both counted. */
export function visitLength(start: string, end: string): number {
	return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1
}

/** Checks dates against the call: real days, start ≤ end, inside the window, between the shortest and longest visit. */
export function checkDates(call: Pick<Call, 'visitWindowStart' | 'visitWindowEnd' | 'minVisitDays' | 'maxVisitDays'>, start: string, end: string): VisitRefusal | null {
	if (!DAY.test(start) || !DAY.test(end) || Number.isNaN(Date.parse(`${start}T00:00:00Z`)) || Number.isNaN(Date.parse(`${end}T00:00:00Z`))) return 'dates_invalid'
	if (addDays(start, 0) !== start || addDays(end, 0) !== end || end < start) return 'dates_invalid'
	if (start < call.visitWindowStart || end > call.visitWindowEnd) return 'outside_window'
	const length = visitLength(start, end)
	if (length < call.minVisitDays) return 'too_short'
	if (length > call.maxVisitDays) return 'too_long'
	return null
}

function load(tx: Tx | Db, applicationId: number): { application: Application; call: Call; visit: Visit | null } {
	const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) throw new VisitError('not_found')
	const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const visit = tx.select().from(visits).where(eq(visits.applicationId, applicationId)).get() ?? null
	return { application, call, visit }
}

/** The dates the applicant proposed in the application (the visit step), if any. */
export function preferredDates(db: Db | Tx, applicationId: number): { start: string; end: string } | null {
	const step = db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, applicationId)).all().find((row) => row.step === 'visit')
	const start = step?.data.startDate
	const end = step?.data.endDate
	return typeof start === 'string' && typeof end === 'string' ? { start, end } : null
}

export type VisitState = {
	visit: Visit | null
	/**
	 * The dates on the table now: the application's own ('application', which either side may confirm), or a proposal
	 * by the applicant (the office answers) or by the office (the applicant answers).
	 */
	proposal: { start: string; end: string; by: 'application' | 'applicant' | 'office' } | null
	confirmed: { start: string; end: string } | null
}

export function visitState(db: Db | Tx, applicationId: number): VisitState {
	const visit = db.select().from(visits).where(eq(visits.applicationId, applicationId)).get() ?? null
	const preferred = preferredDates(db, applicationId)
	const proposal =
		visit?.proposedStart && visit.proposedEnd && visit.proposedBy
			? { start: visit.proposedStart, end: visit.proposedEnd, by: visit.proposedBy }
			: preferred
				? { ...preferred, by: 'application' as const }
				: null
	return { visit, proposal, confirmed: visit?.startDate && visit.endDate ? { start: visit.startDate, end: visit.endDate } : null }
}

function upsertVisit(tx: Tx, applicationId: number, values: Partial<typeof visits.$inferInsert>, now: Date): Visit {
	return tx
		.insert(visits)
		.values({ applicationId, ...values, updatedAt: now })
		.onConflictDoUpdate({ target: visits.applicationId, set: { ...values, updatedAt: now } })
		.returning()
		.get()
}

/** The applicant or the office puts other dates on the table (the other party then confirms or answers). */
export function proposeDates(
	db: Db,
	{ applicationId, start, end, by, actor, now }: { applicationId: number; start: string; end: string; by: 'applicant' | 'office'; actor: Actor; now: Date },
): Visit {
	return db.transaction(
		(tx) => {
			const { application, call } = load(tx, applicationId)
			if (application.status !== 'approved') throw new VisitError('not_approved')
			const refusal = checkDates(call, start, end)
			if (refusal) throw new VisitError(refusal)
			const visit = upsertVisit(tx, applicationId, { proposedStart: start, proposedEnd: end, proposedBy: by, proposedAt: now }, now)
			recordAudit(tx, { actorId: actor.id, action: 'visit.dates_proposed', entity: 'application', entityId: applicationId, applicationId, data: { start, end, by }, at: now })
			return visit
		},
		{ behavior: 'immediate' },
	)
}

/**
 * Confirms the visit on the dates on the table: the applicant confirms the application's dates or the office's
 * proposal; the office accepts the applicant's proposal. Sets the confirmed dates and the letter's verification
 * code, and moves the application to visit_confirmed (the lifecycle's emails go in the same transaction).
 */
export function confirmVisit(
	db: Db,
	settings: LifecycleSettings,
	{ applicationId, by, actor, now, verificationCode, expectedVersion }: { applicationId: number; by: 'applicant' | 'office'; actor: Actor; now: Date; verificationCode: string; expectedVersion: number },
): Visit {
	return db.transaction(
		(tx) => {
			const { application, call } = load(tx, applicationId)
			if (application.status !== 'approved') throw new VisitError('not_approved')
			const { proposal } = visitState(tx, applicationId)
			// Each side confirms the other's proposal; either may confirm the dates the application gave.
			if (!proposal || proposal.by === by) throw new VisitError('nothing_to_confirm')
			const refusal = checkDates(call, proposal.start, proposal.end)
			if (refusal) throw new VisitError(refusal)
			const visit = upsertVisit(
				tx,
				applicationId,
				{ startDate: proposal.start, endDate: proposal.end, confirmedAt: now, verificationCode, letterIssuedAt: now, proposedStart: null, proposedEnd: null, proposedBy: null },
				now,
			)
			changeStatusInTransaction(tx, { applicationId, to: 'visit_confirmed', actor, expectedVersion, now, settings, visitLetter: visitLetterProps(tx, applicationId, settings) })
			recordAudit(tx, {
				actorId: actor.id,
				action: 'visit.confirmed',
				entity: 'application',
				entityId: applicationId,
				applicationId,
				data: { start: proposal.start, end: proposal.end },
				at: now,
			})
			return visit
		},
		{ behavior: 'immediate' },
	)
}

/** The letter as an email carries it (rendered to PDF at send time), with the visit page and the calendar's organizer. */
function visitLetterProps(tx: Tx, applicationId: number, settings: LifecycleSettings): VisitLetterProps | null {
	const letter = invitationLetterData(tx, applicationId, settings.publicUrl)
	if (!letter) return null
	return {
		...letter,
		issuedAt: letter.issuedAt.toISOString(),
		url: `${settings.publicUrl}/applications/${applicationId}/visit-confirmation`,
		organizerEmail: settings.email.officeEmail ?? `visits@${new URL(settings.publicUrl).host}`,
	}
}

/** What the invitation letter says, from the application and its confirmed visit; null before confirmation. */
export function invitationLetterData(db: Db | Tx, applicationId: number, publicUrl: string): InvitationLetterData | null {
	const application = db.select().from(applications).where(eq(applications.id, applicationId)).get()
	const visit = db.select().from(visits).where(eq(visits.applicationId, applicationId)).get()
	if (!application || !visit?.startDate || !visit.endDate || !visit.verificationCode || !visit.letterIssuedAt) return null
	const call = db.select({ timeZone: calls.timeZone }).from(calls).where(eq(calls.id, application.callId)).get()!
	const account = db.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
	const steps = Object.fromEntries(
		db
			.select()
			.from(applicationSteps)
			.where(eq(applicationSteps.applicationId, applicationId))
			.all()
			.map((row) => [row.step, row.data]),
	) as Record<string, Record<string, unknown> | undefined>
	const t = makeTranslate('en')
	const department = findDepartment(stepText(steps.visit, 'hostDepartment'))
	const school = department?.school ?? findSchool(stepText(steps.visit, 'hostSchool'))
	const activities = Array.isArray(steps.visit?.activities) ? (steps.visit.activities as unknown[]) : []
	const personal = [stepText(steps.personal, 'givenNames'), stepText(steps.personal, 'familyName')].filter(Boolean).join(' ')
	return {
		reference: application.reference,
		visitorName: letterVisitorName({ passportName: visit.passportName, accountName: personal || account?.name || '' }),
		affiliation: stepText(steps.academic, 'institution'),
		hostSchool: school?.name.en ?? '',
		hostDepartment: department?.department.name.en ?? '',
		activities: activities.filter((activity): activity is (typeof ACTIVITIES)[number] => ACTIVITIES.includes(activity as never)).map((activity) => t(`wizard.activity.${activity}`)),
		startDate: visit.startDate,
		endDate: visit.endDate,
		issuedAt: visit.letterIssuedAt,
		verificationCode: visit.verificationCode,
		verifyUrl: `${publicUrl}/verify/${visit.verificationCode}`,
		timeZone: call.timeZone,
	}
}

/** The statuses in which the applicant sees and may fill in the follow-up form. */
export const FOLLOW_UP_STATUSES: readonly string[] = ['approved', 'visit_confirmed', 'completed']

export type FollowUpValues = {
	passportName: string
	/** Null after the purge: not asked for again. */
	passportNumber: string | null
	nationality: string
	dateOfBirth: string | null
	arrivalDate: string
	departureDate: string
	accompanyingPersons: string
	needs: string
	accommodationNeeded: boolean
	visaSupportNeeded: boolean
	publicListing: boolean
}

/**
 * Saves the follow-up form in one transaction, with the passport copy (already written to disk; kind 'passport',
 * replacing an earlier one). The new file is removed if the transaction fails; a replaced one after it commits.
 * After the purge the passport number, date of birth and copy are kept out.
 */
export function saveFollowUp(
	db: Db,
	{
		applicationId,
		values,
		passportCopy,
		uploadDir,
		actor,
		now,
		settings,
	}: {
		applicationId: number
		values: FollowUpValues
		passportCopy: { storedName: string; size: number; sha256: string; originalName: string } | null
		uploadDir: string
		actor: Actor
		now: Date
		settings: LifecycleSettings
	},
): { visit: Visit; letterReissued: boolean } {
	let replaced: string[] = []
	let saved: Visit
	let letterReissued = false
	try {
		saved = db.transaction(
			(tx) => {
				const { application, visit } = load(tx, applicationId)
				if (!FOLLOW_UP_STATUSES.includes(application.status)) throw new VisitError('not_approved')
				const purged = Boolean(visit?.sensitivePurgedAt)
				// A confirmed visit's letter names the visitor as in the passport: a new name there issues it again.
				const reissue = application.status === 'visit_confirmed' && Boolean(visit?.letterIssuedAt) && visit?.passportName !== values.passportName
				let passportCopyDocumentId = visit?.passportCopyDocumentId ?? null
				if (passportCopy && !purged) {
					const replacement = replaceSingleDocument(tx, { applicationId, kind: 'passport', file: passportCopy, actor, now })
					passportCopyDocumentId = replacement.id
					replaced = replacement.replaced
				}
				const row = upsertVisit(
					tx,
					applicationId,
					{
						passportName: values.passportName,
						nationality: values.nationality,
						arrivalDate: values.arrivalDate,
						departureDate: values.departureDate,
						accompanyingPersons: values.accompanyingPersons || null,
						needs: values.needs || null,
						accommodationNeeded: values.accommodationNeeded,
						visaSupportNeeded: values.visaSupportNeeded,
						publicListing: values.publicListing,
						followUpSavedAt: now,
						...(purged ? {} : { passportNumber: values.passportNumber, dateOfBirth: values.dateOfBirth, passportCopyDocumentId }),
						...(reissue ? { letterIssuedAt: now } : {}),
					},
					now,
				)
				if (reissue) emailLetterAgain(tx, application, settings, now)
				letterReissued = reissue
				// Which fields changed is enough for the trail; the passport data itself stays out of the audit log.
				recordAudit(tx, {
					actorId: actor.id,
					action: 'visit.follow_up_saved',
					entity: 'application',
					entityId: applicationId,
					applicationId,
					data: { passportCopy: Boolean(passportCopy && !purged), publicListing: values.publicListing, ...(reissue ? { letterReissued: true } : {}) },
					at: now,
				})
				return row
			},
			{ behavior: 'immediate' },
		)
	} catch (error) {
		if (passportCopy) removeStoredFile(uploadDir, passportCopy.storedName)
		throw error
	}
	// A copy sent after the purge is not kept.
	if (passportCopy && saved.passportCopyDocumentId === null) removeStoredFile(uploadDir, passportCopy.storedName)
	for (const storedName of replaced) removeStoredFile(uploadDir, storedName)
	return { visit: saved, letterReissued }
}

/** Emails the applicant the invitation letter issued again (with the name as in the passport), in the same transaction. */
function emailLetterAgain(tx: Tx, application: Application, settings: LifecycleSettings, now: Date) {
	const applicant = tx.select({ email: users.email, name: users.name, locale: users.locale }).from(users).where(eq(users.id, application.applicantId)).get()
	const visitLetter = visitLetterProps(tx, application.id, settings)
	if (!applicant || !visitLetter) return
	queueEmail(tx, {
		to: applicant.email,
		toName: applicant.name,
		template: 'visit-letter-updated',
		locale: applicant.locale,
		props: { name: applicant.name, reference: application.reference, link: visitLetter.url, visitLetter },
		dedupeKey: dedupeKey('letter-reissued', application.id, now.getTime()),
		applicationId: application.id,
		now,
	})
}

/** The follow-up answers as the office sees them (office only: passport number, date of birth and copy included). */
export function followUpForOffice(db: Db | Tx, applicationId: number) {
	const visit = db.select().from(visits).where(eq(visits.applicationId, applicationId)).get()
	if (!visit?.followUpSavedAt) return null
	const copy = visit.passportCopyDocumentId
		? (db.select({ id: documents.id, name: documents.originalName }).from(documents).where(eq(documents.id, visit.passportCopyDocumentId)).get() ?? null)
		: null
	return {
		passportName: visit.passportName,
		passportNumber: visit.passportNumber,
		nationality: visit.nationality,
		dateOfBirth: visit.dateOfBirth,
		arrivalDate: visit.arrivalDate,
		departureDate: visit.departureDate,
		accompanyingPersons: visit.accompanyingPersons,
		needs: visit.needs,
		accommodationNeeded: visit.accommodationNeeded,
		visaSupportNeeded: visit.visaSupportNeeded,
		publicListing: visit.publicListing,
		savedAt: visit.followUpSavedAt.toISOString(),
		purgedAt: visit.sensitivePurgedAt?.toISOString() ?? null,
		passportCopy: copy,
	}
}

export type FollowUpOfficeView = NonNullable<ReturnType<typeof followUpForOffice>>

/** The landing page lists every current visitor and the latest past ones. */
const PAST_VISITORS_SHOWN = 50

export type PublicVisitor = { name: string; institution: string; field: string | null; hostSchool: string | null; start: string; end: string }

/**
 * Visiting professors who agreed in the follow-up form to be listed publicly, with a confirmed or completed visit:
 * those visiting now (today within their dates, in the call's time zone) and those whose visit has ended, latest
 * first. Name, institution, field and host school come from the application; nothing else is shown.
 */
export function publicVisitors(db: Db, now: Date): { current: PublicVisitor[]; past: PublicVisitor[] } {
	// The dates first (a few columns per listed visit), then the shown steps of only the visits the page lists.
	const listed = db
		.select({ applicationId: visits.applicationId, start: visits.startDate, end: visits.endDate, timeZone: calls.timeZone })
		.from(visits)
		.innerJoin(applications, eq(applications.id, visits.applicationId))
		.innerJoin(calls, eq(calls.id, applications.callId))
		.where(and(eq(visits.publicListing, true), inArray(applications.status, ['visit_confirmed', 'completed']), isNotNull(visits.startDate), isNotNull(visits.endDate)))
		.orderBy(desc(visits.startDate), visits.applicationId)
		.all()
	const todayIn = new Map<string, string>()
	const today = (timeZone: string) => todayIn.get(timeZone) ?? todayIn.set(timeZone, instantToZonedDate(now, timeZone)).get(timeZone)!
	const current: typeof listed = []
	const past: typeof listed = []
	for (const row of listed) {
		if (!row.start || !row.end || row.start > today(row.timeZone)) continue
		if (row.end < today(row.timeZone)) {
			if (past.length < PAST_VISITORS_SHOWN) past.push(row)
		} else current.push(row)
	}
	const shown = [...current, ...past]
	const steps = new Map<number, Record<string, Record<string, unknown> | undefined>>()
	if (shown.length > 0) {
		for (const row of db
			.select({ applicationId: applicationSteps.applicationId, step: applicationSteps.step, data: applicationSteps.data })
			.from(applicationSteps)
			.where(and(inArray(applicationSteps.applicationId, shown.map((row) => row.applicationId)), inArray(applicationSteps.step, ['personal', 'academic', 'visit'])))
			.all()) {
			steps.set(row.applicationId, { ...steps.get(row.applicationId), [row.step]: row.data })
		}
	}
	const entry = (row: (typeof listed)[number]): PublicVisitor => {
		const own = steps.get(row.applicationId) ?? {}
		return {
			name: [stepText(own.personal, 'givenNames'), stepText(own.personal, 'familyName')].filter(Boolean).join(' '),
			institution: stepText(own.academic, 'institution'),
			field: stepText(own.academic, 'field', null),
			hostSchool: stepText(own.visit, 'hostSchool', null),
			start: row.start!,
			end: row.end!,
		}
	}
	const latestFirst = (a: PublicVisitor, b: PublicVisitor) => b.start.localeCompare(a.start) || a.name.localeCompare(b.name)
	return { current: current.map(entry).sort(latestFirst), past: past.map(entry).sort(latestFirst) }
}
