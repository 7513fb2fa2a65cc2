import { eq } from 'drizzle-orm'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { endOfDay } from '#app/domain/office-actions.server.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { departmentLabel, isDepartmentCode } from '#app/domain/schools.ts'
import { instantToZonedDate } from '#app/domain/time.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import type { Db } from '#db/client.ts'
import { reviewAssignments, type Application, type Call } from '#db/schema.ts'
import {
	ASSIGNABLE_STATUSES,
	AssignmentError,
	DEFAULT_DUE_DAYS,
	assignReviewers,
	assignableReviewerCount,
	changeDueDate,
	removeAssignment,
	reviewerOptions,
	type ReviewerOption,
} from './assignments.server.ts'
import type { LifecycleSettings } from './lifecycle/recipients.server.ts'

/**
 * The reviewers' forms on the office's application file: the assign form (its own route,
 * app/routes/office.applications.$id.assign.tsx, loaded on demand: its list holds every active reviewer) and, on
 * the file itself, each assignment's Remove and due-date forms. What the forms show, and their intents; the rules
 * are in assignments.server.ts.
 */

const DAY = 86_400_000

export type AssignFormView = {
	assignable: boolean
	/** The reviewers the office may pick now, with department (in the reader's language), load and warnings. */
	reviewers: ReviewerOption[]
	/** YYYY-MM-DD in the call's time zone: the suggested due date and the earliest one. */
	defaultDueDate: string
	minDueDate: string
	timeZone: string
}

export function assignFormView(db: Db, application: Application, call: Call, now: Date, locale: Locale): AssignFormView {
	const assignable = ASSIGNABLE_STATUSES.includes(application.status)
	return {
		assignable,
		reviewers: assignable
			? reviewerOptions(db, application.id)
					.filter((reviewer) => reviewer.assignable)
					.map((reviewer) => ({
						...reviewer,
						department: reviewer.department && isDepartmentCode(reviewer.department) ? departmentLabel(reviewer.department, locale) : null,
					}))
			: [],
		defaultDueDate: instantToZonedDate(new Date(now.getTime() + DEFAULT_DUE_DAYS * DAY), call.timeZone),
		minDueDate: instantToZonedDate(now, call.timeZone),
		timeZone: call.timeZone,
	}
}

/** What the file shows in place of the assign form: whether reviewers may be assigned now, and how many may be picked. */
export function assignFormSummary(db: Db, application: Application): { assignable: boolean; candidates: number } {
	if (!ASSIGNABLE_STATUSES.includes(application.status)) return { assignable: false, candidates: 0 }
	return { assignable: true, candidates: assignableReviewerCount(db, application.id) }
}

export const ASSIGNMENT_CHANGE_INTENTS = ['remove', 'due'] as const
export type AssignmentChangeIntent = (typeof ASSIGNMENT_CHANGE_INTENTS)[number]
export const isAssignmentChangeIntent = (intent: unknown): intent is AssignmentChangeIntent =>
	ASSIGNMENT_CHANGE_INTENTS.includes(intent as AssignmentChangeIntent)

export type AssignmentNotice = 'assigned' | 'removed' | 'due'

export type AssignmentActionResult =
	| { ok: true; notice: AssignmentNotice }
	| { ok: false; errors: Record<string, MessageKey>; values: { reviewerIds?: string[]; dueDate?: string } }

const REFUSALS: Record<string, MessageKey> = {
	not_found: 'office.assign.errors.gone',
	not_active: 'office.assign.errors.gone',
	not_assignable: 'office.assign.errors.notAssignable',
	no_reviewers: 'office.assign.errors.none',
	not_a_reviewer: 'office.assign.errors.notReviewer',
	already_assigned: 'office.assign.errors.alreadyAssigned',
	due_not_in_future: 'office.assign.errors.due',
}

/** A due date typed as a calendar day: the end of that day in the call's time zone, if that is still ahead. */
function dueInstant(value: FormDataEntryValue | null, call: Call, now: Date): Date | null {
	const at = typeof value === 'string' ? endOfDay(value.trim(), call.timeZone) : null
	return at && at > now ? at : null
}

/** The refusals of the domain, and a change made meanwhile (e.g. the applicant withdrew), as the form's error. */
function refusal(error: unknown): AssignmentActionResult {
	if (error instanceof AssignmentError) return { ok: false, errors: { form: REFUSALS[error.reason] ?? 'office.assign.errors.gone' }, values: {} }
	if (isConflictError(error) || isTransitionError(error)) return { ok: false, errors: { form: 'office.assign.errors.changed' }, values: {} }
	throw error
}

/** The assign form: the reviewers ticked and a due date from today on; every choice comes back with an error. */
export function assignAction(
	db: Db,
	settings: LifecycleSettings,
	{ application, call, formData, actor, now }: { application: Application; call: Call; formData: FormData; actor: Actor; now: Date },
): AssignmentActionResult {
	const reviewerIds = formData.getAll('reviewerId').map(Number).filter(Number.isInteger)
	const dueAt = dueInstant(formData.get('dueDate'), call, now)
	const values = { reviewerIds: reviewerIds.map(String), dueDate: String(formData.get('dueDate') ?? '') }
	const errors: Record<string, MessageKey> = {}
	if (reviewerIds.length === 0) errors.reviewerId = 'office.assign.errors.none'
	if (!dueAt) errors.dueDate = 'office.assign.errors.due'
	if (!dueAt || reviewerIds.length === 0) return { ok: false, errors, values }
	try {
		assignReviewers(db, settings, { applicationId: application.id, reviewerIds, dueAt, actor, now })
		return { ok: true, notice: 'assigned' }
	} catch (error) {
		return refusal(error)
	}
}

/** An assignment's Remove and due-date forms; an assignment of another application is as gone as a removed one. */
export function assignmentChangeAction(
	db: Db,
	settings: LifecycleSettings,
	{ application, call, intent, formData, actor, now }: { application: Application; call: Call; intent: AssignmentChangeIntent; formData: FormData; actor: Actor; now: Date },
): AssignmentActionResult {
	const assignmentId = Number(formData.get('assignmentId'))
	const assignment = Number.isInteger(assignmentId) ? db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).get() : undefined
	if (!assignment || assignment.applicationId !== application.id) return { ok: false, errors: { form: 'office.assign.errors.gone' }, values: {} }
	try {
		if (intent === 'remove') {
			removeAssignment(db, settings, { assignmentId: assignment.id, actor, now })
			return { ok: true, notice: 'removed' }
		}
		const dueAt = dueInstant(formData.get('dueDate'), call, now)
		if (!dueAt) return { ok: false, errors: { [`due-${assignment.id}`]: 'office.assign.errors.due' }, values: { dueDate: String(formData.get('dueDate') ?? '') } }
		changeDueDate(db, settings, { assignmentId: assignment.id, dueAt, actor, now })
		return { ok: true, notice: 'due' }
	} catch (error) {
		return refusal(error)
	}
}
