import { APPLICATION_STATUSES, type ApplicationStatus, type Role } from '#db/schema.ts'

/**
 * DOMAIN.md's table "Statuses and who moves them", as data. Pure (no database), so pages can ask which moves to
 * offer; change-status.server.ts is the one place that makes them.
 */

export { APPLICATION_STATUSES, type ApplicationStatus }

/** What must hold besides the actor's role, checked by changeStatus against the application and the clock. */
export type Guard =
	/** Before the call's deadline, or the application's individual extension. */
	| 'beforeDeadline'
	/** Every step valid (assertSubmittable). */
	| 'submittable'
	/** At least one active review assignment. */
	| 'reviewerAssigned'
	/** The applicant answers before the reply-by date. */
	| 'beforeReplyBy'
	/** The office may reject an unanswered change request only once its reply-by date has passed. */
	| 'replyByPassed'
	/** The status the application returns to must be the one it came from (`returns_to`). */
	| 'returnsToOrigin'
	/** The applicant confirms before the confirm-by date (the office may accept dates later). */
	| 'applicantBeforeConfirmBy'

/** A text the actor must give: kept as the status change's note. `reason` and `decisionNote` differ only in wording. */
export type NoteRequirement = 'message' | 'reason' | 'decisionNote'

export type Transition = {
	from: readonly ApplicationStatus[]
	to: readonly ApplicationStatus[]
	roles: readonly Role[]
	guards: readonly Guard[]
	/** A note the change cannot be made without; any change may carry an optional note. */
	note?: NoteRequirement
	/** A reply-by date (changes requested), later than now. */
	replyBy?: true
	/** A confirm-by date (approval), later than now. */
	confirmBy?: true
}

/**
 * One entry per row of the table, in its order. The row "under_review, waitlisted -> approved, rejected" is split in
 * two because only approval sets a confirm-by date. A (from, to) pair appears in one row only (a unit test checks).
 */
export const TRANSITIONS: readonly Transition[] = [
	{ from: ['draft'], to: ['submitted'], roles: ['applicant'], guards: ['beforeDeadline', 'submittable'] },
	{ from: ['submitted'], to: ['under_review'], roles: ['office'], guards: ['reviewerAssigned'] },
	{
		from: ['submitted', 'under_review'],
		to: ['changes_requested'],
		roles: ['office'],
		guards: [],
		note: 'message',
		replyBy: true,
	},
	{
		from: ['changes_requested'],
		to: ['submitted', 'under_review'],
		roles: ['applicant'],
		guards: ['returnsToOrigin', 'beforeReplyBy', 'submittable'],
	},
	{ from: ['changes_requested'], to: ['rejected'], roles: ['office'], guards: ['replyByPassed'], note: 'reason' },
	{ from: ['submitted'], to: ['rejected'], roles: ['office'], guards: [], note: 'reason' },
	{
		from: ['under_review', 'waitlisted'],
		to: ['approved'],
		roles: ['office'],
		guards: [],
		note: 'decisionNote',
		confirmBy: true,
	},
	{ from: ['under_review', 'waitlisted'], to: ['rejected'], roles: ['office'], guards: [], note: 'decisionNote' },
	{ from: ['under_review'], to: ['waitlisted'], roles: ['office'], guards: [], note: 'decisionNote' },
	// A correction before the visit is confirmed.
	{ from: ['approved'], to: ['waitlisted', 'rejected'], roles: ['office'], guards: [], note: 'decisionNote' },
	// The applicant confirms the dates, or the office accepts dates the applicant proposed.
	{ from: ['approved'], to: ['visit_confirmed'], roles: ['applicant', 'office'], guards: ['applicantBeforeConfirmBy'] },
	// Not confirmed by the confirm-by date, or the visit cannot happen.
	{ from: ['approved'], to: ['cancelled'], roles: ['office'], guards: [], note: 'reason' },
	// The visit took place (the applicant's report may follow).
	{ from: ['visit_confirmed'], to: ['completed'], roles: ['office'], guards: [] },
	{ from: ['visit_confirmed'], to: ['cancelled'], roles: ['office', 'applicant'], guards: [], note: 'reason' },
	// The reason is optional here.
	{
		from: ['draft', 'submitted', 'under_review', 'changes_requested', 'waitlisted', 'approved'],
		to: ['withdrawn'],
		roles: ['applicant'],
		guards: [],
	},
]

/** Decisions: their emails wait DECISION_GRACE, and a newer decision cancels the older one's unsent emails. */
export const DECISION_STATUSES: readonly ApplicationStatus[] = ['approved', 'waitlisted', 'rejected']

export function isDecision(status: ApplicationStatus): boolean {
	return DECISION_STATUSES.includes(status)
}

/** The row that allows `from -> to`, or null when the table has none. */
export function findTransition(from: ApplicationStatus, to: ApplicationStatus): Transition | null {
	return TRANSITIONS.find((row) => row.from.includes(from) && row.to.includes(to)) ?? null
}

/** The statuses a role may move an application in `from` to, by the table alone (guards are not evaluated). */
export function nextStatuses(from: ApplicationStatus, role: Role): ApplicationStatus[] {
	return APPLICATION_STATUSES.filter((to) => findTransition(from, to)?.roles.includes(role) ?? false)
}

/** Statuses no transition leaves. */
export function isFinal(status: ApplicationStatus): boolean {
	return TRANSITIONS.every((row) => !row.from.includes(status))
}
