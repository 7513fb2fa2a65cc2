import type { ApplicationStatus } from '#db/schema.ts'

/** Why a status change was refused, for pages to turn into a message (and tests to compare). */
export type TransitionRefusal =
	/** No such application. */
	| 'not_found'
	/** The table has no row from the current status to the requested one (this includes "to the same status"). */
	| 'no_such_transition'
	/** The table's row does not name the actor's role. */
	| 'role_not_allowed'
	/** An applicant acting on someone else's application. */
	| 'not_own_application'
	/** A disabled account. */
	| 'actor_disabled'
	/** The change needs a note (a message, a reason or a decision note; `field` says which). */
	| 'note_required'
	| 'reply_by_required'
	| 'reply_by_not_in_future'
	| 'confirm_by_required'
	| 'confirm_by_not_in_future'
	/** The call's deadline (or the application's extension) has passed. */
	| 'deadline_passed'
	/** A step is incomplete or invalid (`details` says which). */
	| 'not_submittable'
	/** Under review needs at least one active review assignment. */
	| 'no_active_reviewer'
	/** The applicant answers a change request after its reply-by date. */
	| 'reply_by_passed'
	/** The office rejects an unanswered change request before its reply-by date. */
	| 'reply_by_not_passed'
	/** The applicant confirms the visit after the confirm-by date. */
	| 'confirm_by_passed'
	/** A resubmission must go back to the status the change request came from. */
	| 'must_return_to_origin'

export class TransitionError extends Error {
	override name = 'TransitionError'
	constructor(
		readonly reason: TransitionRefusal,
		readonly from: ApplicationStatus | null,
		readonly to: ApplicationStatus,
		/** Machine-readable extras: `field` for a missing input, `returnsTo`, `steps`, … */
		readonly details: Record<string, unknown> = {},
	) {
		super(`Cannot change the status${from ? ` from ${from}` : ''} to ${to}: ${reason}`)
	}
}

/**
 * The application changed since the actor loaded it (another tab, another person, a double click): nothing was
 * written. Pages reload and say so.
 */
export class ConflictError extends Error {
	override name = 'ConflictError'
	constructor(
		readonly applicationId: number,
		readonly expectedVersion: number,
		readonly actualVersion: number,
	) {
		super(`Application ${applicationId} is at version ${actualVersion}, not ${expectedVersion}: it changed meanwhile`)
	}
}

export function isTransitionError(error: unknown): error is TransitionError {
	return error instanceof TransitionError
}

export function isConflictError(error: unknown): error is ConflictError {
	return error instanceof ConflictError
}
