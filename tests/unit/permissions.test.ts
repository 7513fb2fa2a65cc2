import { describe, expect, it } from 'vitest'
import { ACTIONS, can, type Action, type Actor } from '#app/domain/permissions.ts'
import { ROLES, type Role } from '#db/schema.ts'

const actor = (role: Role, extra: Partial<Actor> = {}): Actor => ({
	id: 1,
	role,
	verifiedAt: new Date('2026-01-01'),
	disabledAt: null,
	...extra,
})

/** Who may do what: the table the permissions module must match, cell by cell. */
const EXPECTED: Record<Action, Role[]> = {
	'applicant:home': ['applicant'],
	'application:start': ['applicant'],
	'reviewer:home': ['reviewer'],
	'office:home': ['office'],
	'users:read': ['office'],
	'users:invite': ['office'],
	'users:disable': ['office'],
	'outbox:read': ['office'],
	'outbox:retry': ['office'],
	'account:edit': ['applicant', 'reviewer', 'office'],
}

describe('permissions', () => {
	it('lists every action in the expected table', () => {
		expect([...ACTIONS].sort()).toEqual(Object.keys(EXPECTED).sort())
	})

	const cells = ACTIONS.flatMap((action) => ROLES.map((role) => [action, role] as const))
	it.each(cells)('%s for %s', (action, role) => {
		expect(can(actor(role), action)).toBe(EXPECTED[action].includes(role))
	})

	it('lets nobody do anything when signed out or disabled', () => {
		for (const action of ACTIONS) {
			expect(can(null, action)).toBe(false)
			for (const role of ROLES) expect(can(actor(role, { disabledAt: new Date() }), action)).toBe(false)
		}
	})

	it('lets an unverified applicant sign in but not start an application', () => {
		const unverified = actor('applicant', { verifiedAt: null })
		expect(can(unverified, 'applicant:home')).toBe(true)
		expect(can(unverified, 'application:start')).toBe(false)
	})
})
