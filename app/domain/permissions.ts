import type { Role } from '#db/schema.ts'

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
	| 'outbox:read'
	| 'outbox:retry'
	| 'account:edit'

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
	'outbox:read': isRole('office'),
	'outbox:retry': isRole('office'),
	'account:edit': isRole('applicant', 'reviewer', 'office'),
}

export const ACTIONS = Object.keys(RULES) as Action[]

export function can(actor: Actor | null, action: Action): boolean {
	if (!actor || actor.disabledAt) return false
	return RULES[action](actor)
}
