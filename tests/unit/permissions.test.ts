import { describe, expect, it } from 'vitest'
import { ACTIONS, can, canOnApplication, canReadDocument, type Action, type Actor, type ApplicationAccess } from '#app/domain/permissions.ts'
import { DOCUMENT_KINDS, ROLES, type Role } from '#db/schema.ts'

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
	'users:edit': ['office'],
	'outbox:read': ['office'],
	'outbox:retry': ['office'],
	'account:edit': ['applicant', 'reviewer', 'office'],
	'calls:read': ['office'],
	'applications:assign': ['office'],
	'rubric:edit': ['office'],
	'calls:write': ['office'],
	'applications:manage': ['office'],
	'applications:bulk': ['office'],
	'applications:decide': ['office'],
	'audit:read': ['office'],
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

describe('record-level permissions', () => {
	const application = (status: ApplicationAccess['status'] = 'draft'): ApplicationAccess => ({
		applicantId: 10,
		status,
		reviewers: [
			{ id: 20, declaredNoConflict: true },
			{ id: 22, declaredNoConflict: false },
		],
	})
	const owner: Actor = { id: 10, role: 'applicant', verifiedAt: new Date(), disabledAt: null }
	const stranger: Actor = { id: 11, role: 'applicant', verifiedAt: new Date(), disabledAt: null }
	const assigned: Actor = { id: 20, role: 'reviewer', verifiedAt: new Date(), disabledAt: null }
	const unassigned: Actor = { id: 21, role: 'reviewer', verifiedAt: new Date(), disabledAt: null }
	/** Assigned, but has not yet declared whether they have a conflict of interest. */
	const undeclared: Actor = { id: 22, role: 'reviewer', verifiedAt: new Date(), disabledAt: null }
	const office: Actor = { id: 30, role: 'office', verifiedAt: new Date(), disabledAt: null }

	it('lets the owner, the office and assigned reviewers who declared no conflict read an application, nobody else', () => {
		expect([owner, stranger, assigned, unassigned, office].map((actor) => canOnApplication(actor, 'application:read', application()))).toEqual([
			true,
			false,
			true,
			false,
			true,
		])
	})

	it('lets only the owner edit, and only a draft or an application with changes requested', () => {
		expect(canOnApplication(owner, 'application:edit', application('draft'))).toBe(true)
		expect(canOnApplication(owner, 'application:edit', application('changes_requested'))).toBe(true)
		expect(canOnApplication(owner, 'application:edit', application('submitted'))).toBe(false)
		expect(canOnApplication(office, 'application:edit', application('draft'))).toBe(false)
	})

	it.each([
		['cv', [true, false, true, false, true]],
		['reference_letter', [false, false, true, false, true]],
		['passport', [true, false, false, false, true]],
	] as const)('follows the document table for %s', (kind, expected) => {
		expect([owner, stranger, assigned, unassigned, office].map((actor) => canReadDocument(actor, kind, application()))).toEqual(expected)
	})

	it('shows an assigned reviewer nothing of the application, not even the CV or a letter, before they declare no conflict', () => {
		expect(canOnApplication(undeclared, 'application:read', application('under_review'))).toBe(false)
		for (const kind of DOCUMENT_KINDS) expect(canReadDocument(undeclared, kind, application('under_review'))).toBe(false)
	})
})
