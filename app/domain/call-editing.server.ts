import { and, eq, ne } from 'drizzle-orm'
import { firstErrors, formValues, type FieldErrors, type FormFailure } from '#app/schemas/parse.ts'
import { CallFormSchema, type CallErrorKey, type CallFormValues, type CallInput } from '#app/schemas/call.ts'
import { isIsoDate, visitLengthDays } from '#app/schemas/application/proposed-visit.ts'
import type { Db, Tx } from '#db/client.ts'
import { applications, applicationSteps, callCriteria, calls, type ApplicationStatus, type Call } from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import type { Actor } from './permissions.ts'
import { criterionColumns, DEFAULT_RUBRIC } from './rubric.ts'
import { addDays, instantToZonedDate, zonedTimeToInstant } from './time.ts'

/**
 * The office creates and edits calls. Once applications have been submitted to a call, an edit may not make any of
 * them wrong after the fact: the referees they named must still be enough, the visits they proposed must still fit
 * the window and the length limits, and a deadline may not be moved to a time that has already passed (which would
 * close the call, or end the referees' links, behind everyone's back). The year is part of every application's
 * reference, so it is fixed once the call has an application at all.
 */

const DAY = 86_400_000

/**
 * Parses the posted form with the browser's schema. Unlike parseForm, it leaves the texts as typed (a Persian title
 * keeps its Persian digits); the schema itself normalises the digits of numbers, dates and times.
 */
export function parseCallForm(formData: FormData): { success: true; data: CallInput } | ({ success: false } & FormFailure) {
	const values = formValues(formData)
	const parsed = CallFormSchema.safeParse(values)
	return parsed.success ? { success: true, data: parsed.data } : { success: false, errors: firstErrors(parsed.error), values }
}

/**
 * Applications out of the program (withdrawn, rejected, cancelled) no longer hold the call to their visit dates; a
 * withdrawn draft was never submitted at all.
 */
const CLOSED_STATUSES: readonly ApplicationStatus[] = ['withdrawn', 'rejected', 'cancelled']

export type ProposedVisitDates = { startDate: string; endDate: string }

/** What an edit must respect besides the form's own rules. */
export type CallEditState = {
	/** Any application, even a draft: its reference carries the call's year. */
	hasApplications: boolean
	/** How many applications have ever been submitted (a first submission, or a status past draft). */
	submitted: number
	/** The visit dates proposed by the submitted applications still in the program. */
	visits: ProposedVisitDates[]
}

const wasSubmitted = (row: { status: ApplicationStatus; firstSubmittedAt: Date | null }) =>
	row.firstSubmittedAt !== null || (row.status !== 'draft' && row.status !== 'withdrawn')

export function callEditState(db: Db | Tx, callId: number): CallEditState {
	const rows = db
		.select({ status: applications.status, firstSubmittedAt: applications.firstSubmittedAt, visit: applicationSteps.data })
		.from(applications)
		.leftJoin(applicationSteps, and(eq(applicationSteps.applicationId, applications.id), eq(applicationSteps.step, 'visit')))
		.where(eq(applications.callId, callId))
		.all()
	const submitted = rows.filter(wasSubmitted)
	const visits = submitted.flatMap(({ status, visit }) => {
		if (CLOSED_STATUSES.includes(status)) return []
		const { startDate, endDate } = visit ?? {}
		return isIsoDate(startDate) && isIsoDate(endDate) ? [{ startDate, endDate }] : []
	})
	return { hasApplications: rows.length > 0, submitted: submitted.length, visits }
}

/** The earliest start, the latest end and the shortest and longest length of the proposed visits (for the form's hint). */
export function visitBounds(visits: readonly ProposedVisitDates[]) {
	if (visits.length === 0) return null
	const lengths = visits.map((visit) => visitLengthDays(visit.startDate, visit.endDate))
	return {
		start: visits.reduce((first, visit) => (visit.startDate < first ? visit.startDate : first), visits[0]!.startDate),
		end: visits.reduce((last, visit) => (visit.endDate > last ? visit.endDate : last), visits[0]!.endDate),
		minDays: Math.min(...lengths),
		maxDays: Math.max(...lengths),
	}
}

/** A call's fields that the form edits. */
type CallFields = Pick<Call, keyof CallInput>

/**
 * Why an edit of a call is refused, by the form field that shows it (none: it may be saved). Pure: `state` says
 * what the call already has, `now` is the clock.
 */
export function editRefusals(before: CallFields, after: CallInput, state: CallEditState, now: Date): FieldErrors {
	const errors: Partial<Record<keyof CallFormValues, CallErrorKey>> = {}
	if (state.hasApplications && after.year !== before.year) errors.year = 'office.callForm.errors.yearLocked'
	if (state.submitted === 0) return errors

	if (after.refereesRequired > before.refereesRequired) errors.refereesRequired = 'office.callForm.errors.refereesRaised'
	for (const visit of state.visits) {
		const days = visitLengthDays(visit.startDate, visit.endDate)
		if (visit.startDate < after.visitWindowStart) errors.visitWindowStart ??= 'office.callForm.errors.windowStartExcludes'
		if (visit.endDate > after.visitWindowEnd) errors.visitWindowEnd ??= 'office.callForm.errors.windowEndExcludes'
		if (days < after.minVisitDays) errors.minVisitDays ??= 'office.callForm.errors.minExcludes'
		if (days > after.maxVisitDays) errors.maxVisitDays ??= 'office.callForm.errors.maxExcludes'
	}
	const moved = (field: 'opensAt' | 'closesAt' | 'letterDeadline') => after[field].getTime() !== before[field].getTime()
	if (moved('closesAt') && after.closesAt <= now) errors.closesDate = 'office.callForm.errors.deadlineIntoPast'
	if (moved('letterDeadline') && after.letterDeadline <= now) errors.letterDeadlineDate = 'office.callForm.errors.deadlineIntoPast'
	if (moved('opensAt') && after.opensAt > now) errors.opensDate = 'office.callForm.errors.opensIntoFuture'
	return errors
}

/** Why a new call is refused (none: it may be saved). Pure. */
export function createRefusals(input: CallInput, now: Date): FieldErrors {
	return input.closesAt <= now ? { closesDate: 'office.callForm.errors.closesInPast' } : {}
}

function duplicateTitle(tx: Tx, input: CallInput, exceptId?: number): FieldErrors {
	const same = tx
		.select({ id: calls.id })
		.from(calls)
		.where(and(eq(calls.year, input.year), eq(calls.titleEn, input.titleEn), exceptId === undefined ? undefined : ne(calls.id, exceptId)))
		.get()
	return same ? { titleEn: 'office.callForm.errors.duplicateTitle' } : {}
}

/** Values as the audit row keeps them: instants as ISO strings. */
function auditValues(values: Partial<CallFields>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).map(([field, value]) => [field, value instanceof Date ? value.toISOString() : value]))
}

export type CreateCallResult = { ok: true; id: number } | { ok: false; errors: FieldErrors }
export type UpdateCallResult = { ok: true } | { ok: false; reason: 'not_found' } | { ok: false; reason: 'invalid'; errors: FieldErrors }

/**
 * Creates a call with the default rubric (DOMAIN.md: "the default rubric, per call, editable by the office"), in one
 * immediate transaction with its audit row; the year and English title are checked inside it, so two offices
 * creating the same call at once get one call and one clear refusal.
 */
export function createCall(db: Db, { input, actor, now }: { input: CallInput; actor: Actor; now: Date }): CreateCallResult {
	return db.transaction(
		(tx): CreateCallResult => {
			const errors = { ...createRefusals(input, now), ...duplicateTitle(tx, input) }
			if (Object.keys(errors).length > 0) return { ok: false, errors }
			const { id } = tx
				.insert(calls)
				.values({ ...input, createdAt: now, updatedAt: now })
				.returning({ id: calls.id })
				.get()
			tx.insert(callCriteria)
				.values(DEFAULT_RUBRIC.map((criterion, position) => ({ callId: id, position, weight: criterion.weight, ...criterionColumns(criterion) })))
				.run()
			recordAudit(tx, { actorId: actor.id, action: 'call.created', entity: 'call', entityId: id, data: { after: auditValues(input) }, at: now })
			return { ok: true, id }
		},
		{ behavior: 'immediate' },
	)
}

/**
 * Saves the office's edit of a call in one immediate transaction: the rules are checked against the applications as
 * they are inside it (a submission made meanwhile counts), then the changed fields are written with an audit row
 * holding each changed field before and after. An edit that changes nothing writes nothing.
 */
export function updateCall(db: Db, { callId, input, actor, now }: { callId: number; input: CallInput; actor: Actor; now: Date }): UpdateCallResult {
	return db.transaction(
		(tx): UpdateCallResult => {
			const before = tx.select().from(calls).where(eq(calls.id, callId)).get()
			if (!before) return { ok: false, reason: 'not_found' }
			const errors = { ...editRefusals(before, input, callEditState(tx, callId), now), ...duplicateTitle(tx, input, callId) }
			if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors }
			// The parsed input holds exactly the form's fields (zod drops any other).
			const changed = (Object.keys(input) as (keyof CallInput)[]).filter((field) => {
				const [was, is] = [before[field], input[field]]
				return was instanceof Date && is instanceof Date ? was.getTime() !== is.getTime() : was !== is
			})
			if (changed.length === 0) return { ok: true }
			const pick = (from: CallFields) => Object.fromEntries(changed.map((field) => [field, from[field]])) as Partial<CallFields>
			tx.update(calls)
				.set({ ...pick(input), updatedAt: now })
				.where(eq(calls.id, callId))
				.run()
			recordAudit(tx, {
				actorId: actor.id,
				action: 'call.updated',
				entity: 'call',
				entityId: callId,
				data: { before: auditValues(pick(before)), after: auditValues(pick(input)) },
				at: now,
			})
			return { ok: true }
		},
		{ behavior: 'immediate' },
	)
}

/** The wall-clock time (HH:mm) that `timeZone`'s clocks show at `at`. */
function zonedTime(at: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

/** A saved call as the form shows it: instants as a date and a time in the call's own time zone. */
export function callFormValues(call: CallFields): CallFormValues {
	const day = (at: Date) => instantToZonedDate(at, call.timeZone)
	return {
		year: String(call.year),
		titleEn: call.titleEn,
		titleFa: call.titleFa,
		descriptionEn: call.descriptionEn,
		descriptionFa: call.descriptionFa,
		timeZone: call.timeZone,
		opensDate: day(call.opensAt),
		opensTime: zonedTime(call.opensAt, call.timeZone),
		closesDate: day(call.closesAt),
		closesTime: zonedTime(call.closesAt, call.timeZone),
		letterDeadlineDate: day(call.letterDeadline),
		letterDeadlineTime: zonedTime(call.letterDeadline, call.timeZone),
		visitWindowStart: call.visitWindowStart,
		visitWindowEnd: call.visitWindowEnd,
		minVisitDays: String(call.minVisitDays),
		maxVisitDays: String(call.maxVisitDays),
		refereesRequired: String(call.refereesRequired),
		fundedVisits: String(call.fundedVisits),
	}
}

export const DEFAULT_CALL_TIME_ZONE = 'Asia/Tehran'

/**
 * The new-call form's starting point: open from today, a deadline at 23:59 about two months on, letters 14 days
 * after it (DOMAIN.md), visits in the months after review (as the demo call), the schema's defaults for the rest.
 * The number of funded visits is the office's decision, so it starts empty.
 */
export function newCallFormValues(now: Date, timeZone = DEFAULT_CALL_TIME_ZONE): CallFormValues {
	const today = instantToZonedDate(now, timeZone)
	const deadlineDay = instantToZonedDate(new Date(now.getTime() + 60 * DAY), timeZone)
	const closesAt = zonedTimeToInstant(deadlineDay, '23:59', timeZone)
	const letterDeadline = new Date(closesAt.getTime() + 14 * DAY)
	const windowStart = `${addDays(deadlineDay, 90).slice(0, 7)}-01`
	const windowEnd = addDays(`${addDays(windowStart, 280).slice(0, 7)}-01`, -1)
	return {
		year: deadlineDay.slice(0, 4),
		titleEn: '',
		titleFa: '',
		descriptionEn: '',
		descriptionFa: '',
		timeZone,
		opensDate: today,
		opensTime: '00:00',
		closesDate: deadlineDay,
		closesTime: '23:59',
		letterDeadlineDate: instantToZonedDate(letterDeadline, timeZone),
		letterDeadlineTime: zonedTime(letterDeadline, timeZone),
		visitWindowStart: windowStart,
		visitWindowEnd: windowEnd,
		minVisitDays: '7',
		maxVisitDays: '90',
		refereesRequired: '2',
		fundedVisits: '',
	}
}
