import type { ApplicationStatus, DocumentKind, Role } from '#db/schema.ts'

/**
 * "May this user do this?": the one place that answers it. Every loader and action asks through
 * `requireUser(request, context, { can })` (app/auth/session.server.ts), and pages use `can` to hide what a
 * user may not do. Later issues add their actions (and records) here.
 */

export type Actor = { id: number; role: Role; verifiedAt: Date | null; disabledAt: Date | null }

export type Action =
	| 'applicant:home'
	| 'application:start'
	| 'reviewer:home'
	| 'office:home'
	| 'users:read'
	| 'users:invite'
	| 'users:disable'
	| 'users:edit'
	| 'outbox:read'
	| 'outbox:retry'
	| 'account:edit'
	// Reviewing (issue 8): the office's calls and application pages, assigning reviewers, the rubric editor.
	| 'calls:read'
	| 'applications:assign'
	| 'rubric:edit'
	// Creating and editing calls (issue 10, app/domain/call-editing.server.ts).
	| 'calls:write'
	// The office's actions on one application (issue 10): ask for changes, reject with a reason, extend its dates.
	| 'applications:manage'
	// The audit trail (issue 12): every recorded action, overall, per application and per user.
	| 'audit:read'
	// Bulk actions on selected rows of a call's applications table (issue 11, app/domain/bulk-actions.server.ts).
	| 'applications:bulk'
	// Decisions after review, held or made at once, and their release (issue 11, app/domain/decisions.server.ts).
	| 'applications:decide'

type Rule = (actor: Actor) => boolean

const isRole =
	(...roles: Role[]): Rule =>
	(actor) =>
		roles.includes(actor.role)

const RULES: Record<Action, Rule> = {
	'applicant:home': isRole('applicant'),
	// An unverified applicant can sign in but not start an application.
	'application:start': (actor) => actor.role === 'applicant' && actor.verifiedAt !== null,
	'reviewer:home': isRole('reviewer'),
	'office:home': isRole('office'),
	'users:read': isRole('office'),
	'users:invite': isRole('office'),
	'users:disable': isRole('office'),
	// A reviewer's review cap (the office's Users page).
	'users:edit': isRole('office'),
	'outbox:read': isRole('office'),
	'outbox:retry': isRole('office'),
	'account:edit': isRole('applicant', 'reviewer', 'office'),
	'calls:read': isRole('office'),
	'applications:assign': isRole('office'),
	'rubric:edit': isRole('office'),
	'calls:write': isRole('office'),
	'applications:manage': isRole('office'),
	'applications:bulk': isRole('office'),
	'applications:decide': isRole('office'),
	'audit:read': isRole('office'),
}

export const ACTIONS = Object.keys(RULES) as Action[]

export function can(actor: Actor | null, action: Action): boolean {
	if (!actor || actor.disabledAt) return false
	return RULES[action](actor)
}

// ---------------------------------------------------------------------------------------------------------------
// Record-level rules: what a user may do to one application and its documents.

/** What the rules need to know about an application. */
export type ApplicationAccess = {
	applicantId: number
	status: ApplicationStatus
	/** Reviewers with an active (or done) assignment on it, and whether each has declared no conflict of interest. */
	reviewers: readonly { id: number; declaredNoConflict: boolean }[]
}

export type ApplicationAction = 'application:read' | 'application:edit'

/** The applicant edits only while the application is a draft or the office has asked for changes. */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['draft', 'changes_requested']

/**
 * An assigned reviewer reads the application (its overview, documents and letters) only once they have declared no
 * conflict of interest: before that, the declaration page is all of it they see, and a declared conflict releases
 * the assignment.
 */
export function isClearedReviewer(actor: Actor, application: ApplicationAccess): boolean {
	return actor.role === 'reviewer' && application.reviewers.some((reviewer) => reviewer.id === actor.id && reviewer.declaredNoConflict)
}

export function canOnApplication(actor: Actor | null, action: ApplicationAction, application: ApplicationAccess): boolean {
	if (!actor || actor.disabledAt) return false
	const owner = actor.role === 'applicant' && actor.id === application.applicantId
	switch (action) {
		case 'application:read':
			return owner || actor.role === 'office' || isClearedReviewer(actor, application)
		case 'application:edit':
			return owner && EDITABLE_STATUSES.includes(application.status)
	}
}

/**
 * DOMAIN.md's document table, by role: the kinds each may read of an application they may read at all. The owner
 * reads their own documents except referee letters (status only), a reviewer all but the passport, the office
 * everything.
 */
const READABLE_KINDS: Record<Role, (kind: DocumentKind) => boolean> = {
	applicant: (kind) => kind !== 'reference_letter',
	reviewer: (kind) => kind !== 'passport',
	office: () => true,
}

export function documentKindReadableBy(role: Role, kind: DocumentKind): boolean {
	return READABLE_KINDS[role](kind)
}

/** Whether `actor` may download a document of `kind` of this application: they may read it, and the table lets them. */
export function canReadDocument(actor: Actor | null, kind: DocumentKind, application: ApplicationAccess): boolean {
	return actor !== null && canOnApplication(actor, 'application:read', application) && documentKindReadableBy(actor.role, kind)
}
