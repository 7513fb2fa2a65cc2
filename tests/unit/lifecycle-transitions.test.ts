import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '#app/config.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { changeStatus, SYSTEM, type ChangeStatusInput } from '#app/domain/lifecycle/change-status.server.ts'
import { ConflictError, TransitionError, type TransitionRefusal } from '#app/domain/lifecycle/errors.ts'
import { findTransition, isFinal, nextStatuses, TRANSITIONS } from '#app/domain/lifecycle/transitions.ts'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import {
	APPLICATION_STATUSES,
	applications,
	auditLog,
	outbox,
	reviewAssignments,
	ROLES,
	statusChanges,
	type Application,
	type ApplicationStatus,
	type Role,
	type User,
} from '#db/schema.ts'
import {
	actorOf,
	assignReviewerRow,
	days,
	EXPECTED_MOVES,
	insertCall,
	insertUser,
	placeApplication,
	readyFor,
	TEST_SETTINGS,
} from '#tests/support/lifecycle.ts'

const NOW = new Date('2027-01-10T08:00:00Z')
let db: Db

beforeAll(() => {
	db = openDatabase(':memory:')
	migrateDatabase(db)
	configureEmail(
		loadConfig({
			NODE_ENV: 'test',
			DATABASE_PATH: ':memory:',
			SESSION_SECRET: 'lifecycle-unit-test-secret-0123456789',
		}),
	)
})
afterAll(() => db.$client.close())

/** An application in `from`, with everything the happy path of `from -> to` needs, and an actor of `role`. */
function arrange(from: ApplicationStatus, to: ApplicationStatus, role: Role) {
	const applicant = insertUser(db, { role: 'applicant' })
	const callId = insertCall(db, { now: NOW })
	const application = placeApplication(db, { callId, applicantId: applicant.id, now: NOW, ...readyFor(from, to, NOW) })
	assignReviewerRow(db, application.id, insertUser(db, { role: 'reviewer' }).id, NOW)
	const actor = role === 'applicant' ? applicant : insertUser(db, { role })
	return { application, applicant, actor }
}

function input(application: Application, to: ApplicationStatus, actor: User, extra: Partial<ChangeStatusInput> = {}) {
	return {
		applicationId: application.id,
		to,
		actor: actorOf(actor),
		expectedVersion: application.version,
		note: 'A note',
		replyBy: new Date(NOW.getTime() + days(7)),
		confirmBy: new Date(NOW.getTime() + days(14)),
		now: NOW,
		settings: TEST_SETTINGS,
		...extra,
	} satisfies ChangeStatusInput
}

function refusal(run: () => unknown): TransitionRefusal | 'allowed' {
	try {
		run()
		return 'allowed'
	} catch (error) {
		if (error instanceof TransitionError) return error.reason
		throw error
	}
}

describe('the transition table', () => {
	it('has each (from, to) pair in one row only, and matches DOMAIN.md', () => {
		const pairs = TRANSITIONS.flatMap((row) => row.from.flatMap((from) => row.to.map((to) => `${from}>${to}`)))
		expect(new Set(pairs).size).toBe(pairs.length)
		const fromTable = Object.fromEntries(
			pairs.map((pair) => {
				const [from, to] = pair.split('>') as [ApplicationStatus, ApplicationStatus]
				return [pair, [...findTransition(from, to)!.roles].sort()]
			}),
		)
		expect(fromTable).toEqual(
			Object.fromEntries(Object.entries(EXPECTED_MOVES).map(([pair, roles]) => [pair, [...roles].sort()])),
		)
	})

	it('answers which moves a role may make, and which statuses are final', () => {
		expect(nextStatuses('approved', 'applicant')).toEqual(['visit_confirmed', 'withdrawn'])
		expect(nextStatuses('under_review', 'reviewer')).toEqual([])
		expect(APPLICATION_STATUSES.filter(isFinal)).toEqual(['completed', 'cancelled', 'withdrawn', 'rejected'])
	})
})

describe('every (from, to, role) combination', () => {
	const combinations = APPLICATION_STATUSES.flatMap((from) =>
		APPLICATION_STATUSES.flatMap((to) => ROLES.map((role) => [from, to, role] as const)),
	)
	let allowed = 0
	afterAll(() => {
		console.log(
			`Lifecycle: ${combinations.length} (from × to × role) combinations tested ` +
				`(${APPLICATION_STATUSES.length} statuses × ${APPLICATION_STATUSES.length} × ${ROLES.length} roles): ` +
				`${allowed} allowed, ${combinations.length - allowed} refused.`,
		)
	})

	it.each(combinations)('%s -> %s by %s', (from, to, role) => {
		const { application, actor } = arrange(from, to, role)
		const roles = EXPECTED_MOVES[`${from}>${to}`]
		const expected: TransitionRefusal | 'allowed' = !roles
			? 'no_such_transition'
			: roles.includes(role)
				? 'allowed'
				: 'role_not_allowed'
		const outcome = refusal(() => changeStatus(db, input(application, to, actor)))
		expect(outcome).toBe(expected)

		const changes = db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all()
		if (outcome === 'allowed') {
			allowed += 1
			expect(changes).toMatchObject([{ fromStatus: from, toStatus: to, actorId: actor.id, note: 'A note' }])
			const audit = db.select().from(auditLog).where(eq(auditLog.applicationId, application.id)).all()
			expect(audit.map((row) => row.action)).toEqual(['application.created', 'application.status_changed'])
		} else {
			expect(changes).toEqual([])
		}
	})
})

describe('changeStatus refuses', () => {
	const cases: Array<{
		name: string
		reason: TransitionRefusal
		from: ApplicationStatus
		to: ApplicationStatus
		role: Role
		setup?: () => Partial<Application>
		extra?: (application: Application) => Partial<ChangeStatusInput>
		arrange?: (application: Application) => void
	}> = [
		{
			name: 'an unknown application',
			reason: 'not_found',
			from: 'draft',
			to: 'submitted',
			role: 'applicant',
			extra: () => ({ applicationId: 999_999 }),
		},
		{
			name: 'a move to the same status',
			reason: 'no_such_transition',
			from: 'submitted',
			to: 'submitted',
			role: 'office',
		},
		{
			name: 'the system making an applicant’s move',
			reason: 'role_not_allowed',
			from: 'draft',
			to: 'submitted',
			role: 'office',
			extra: () => ({ actor: SYSTEM }),
		},
		{
			name: 'a change request without a message',
			reason: 'note_required',
			from: 'submitted',
			to: 'changes_requested',
			role: 'office',
			extra: () => ({ note: '   ' }),
		},
		{
			name: 'a change request without a reply-by date',
			reason: 'reply_by_required',
			from: 'under_review',
			to: 'changes_requested',
			role: 'office',
			extra: () => ({ replyBy: null }),
		},
		{
			name: 'a reply-by date in the past',
			reason: 'reply_by_not_in_future',
			from: 'submitted',
			to: 'changes_requested',
			role: 'office',
			extra: () => ({ replyBy: new Date(NOW.getTime() - 1) }),
		},
		{
			name: 'an approval without a decision note',
			reason: 'note_required',
			from: 'under_review',
			to: 'approved',
			role: 'office',
			extra: () => ({ note: null }),
		},
		{
			name: 'an approval without a confirm-by date',
			reason: 'confirm_by_required',
			from: 'waitlisted',
			to: 'approved',
			role: 'office',
			extra: () => ({ confirmBy: undefined }),
		},
		{
			name: 'a confirm-by date that is now',
			reason: 'confirm_by_not_in_future',
			from: 'under_review',
			to: 'approved',
			role: 'office',
			extra: () => ({ confirmBy: NOW }),
		},
		{
			name: 'a screening rejection without a reason',
			reason: 'note_required',
			from: 'submitted',
			to: 'rejected',
			role: 'office',
			extra: () => ({ note: '' }),
		},
		{
			name: 'a cancellation without a reason',
			reason: 'note_required',
			from: 'visit_confirmed',
			to: 'cancelled',
			role: 'applicant',
			extra: () => ({ note: undefined }),
		},
		{
			name: 'a submission after the deadline',
			reason: 'deadline_passed',
			from: 'draft',
			to: 'submitted',
			role: 'applicant',
			extra: () => ({ now: new Date(NOW.getTime() + days(31)) }),
		},
		{
			name: 'under review with no reviewer assigned',
			reason: 'no_active_reviewer',
			from: 'submitted',
			to: 'under_review',
			role: 'office',
			arrange: (application) =>
				db
					.update(reviewAssignments)
					.set({ status: 'released' })
					.where(eq(reviewAssignments.applicationId, application.id))
					.run(),
		},
		{
			name: 'a resubmission after the reply-by date',
			reason: 'reply_by_passed',
			from: 'changes_requested',
			to: 'submitted',
			role: 'applicant',
			extra: () => ({ now: new Date(NOW.getTime() + days(7)) }),
		},
		{
			name: 'rejecting an unanswered request before its reply-by date',
			reason: 'reply_by_not_passed',
			from: 'changes_requested',
			to: 'rejected',
			role: 'office',
			setup: () => ({ replyBy: new Date(NOW.getTime() + days(1)) }),
		},
		{
			name: 'a resubmission to another status than it came from',
			reason: 'must_return_to_origin',
			from: 'changes_requested',
			to: 'under_review',
			role: 'applicant',
			setup: () => ({ returnsTo: 'submitted' }),
		},
		{
			name: 'the applicant confirming after the confirm-by date',
			reason: 'confirm_by_passed',
			from: 'approved',
			to: 'visit_confirmed',
			role: 'applicant',
			extra: () => ({ now: new Date(NOW.getTime() + days(14)) }),
		},
	]

	it.each(cases)('$name ($reason)', ({ reason, from, to, role, setup, extra, arrange: prepare }) => {
		const arranged = arrange(from, to, role)
		let application = arranged.application
		if (setup) application = placeInPlace(application, setup())
		prepare?.(application)
		expect(refusal(() => changeStatus(db, input(application, to, arranged.actor, extra?.(application))))).toBe(reason)
	})

	it('an applicant acting on someone else’s application, and a disabled account', () => {
		const { application } = arrange('draft', 'withdrawn', 'applicant')
		const stranger = insertUser(db, { role: 'applicant' })
		expect(refusal(() => changeStatus(db, input(application, 'withdrawn', stranger)))).toBe('not_own_application')
		const office = insertUser(db, { role: 'office' })
		const disabled = { ...actorOf(office), disabledAt: NOW }
		const { application: other } = arrange('submitted', 'rejected', 'office')
		expect(refusal(() => changeStatus(db, { ...input(other, 'rejected', office), actor: disabled }))).toBe(
			'actor_disabled',
		)
	})

	it('a stale version, with a ConflictError that writes nothing', () => {
		const { application, actor } = arrange('draft', 'submitted', 'applicant')
		expect(() =>
			changeStatus(db, input(application, 'submitted', actor, { expectedVersion: application.version - 1 })),
		).toThrow(ConflictError)
		const first = changeStatus(db, input(application, 'submitted', actor))
		expect(first.application.version).toBe(application.version + 1)
		// The same request again (a double click) carries the old version.
		const error = (() => {
			try {
				changeStatus(db, input(application, 'withdrawn', actor))
			} catch (thrown) {
				return thrown
			}
		})()
		expect(error).toBeInstanceOf(ConflictError)
		expect(error).toMatchObject({ expectedVersion: application.version, actualVersion: application.version + 1 })
		expect(db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all()).toHaveLength(1)
	})
})

describe('changeStatus records', () => {
	it('an extension that lets a submission in after the call’s deadline', () => {
		const { application, actor } = arrange('draft', 'submitted', 'applicant')
		const late = new Date(NOW.getTime() + days(31))
		const extended = placeInPlace(application, { deadlineExtendedTo: new Date(NOW.getTime() + days(32)) })
		const { application: submitted } = changeStatus(db, input(extended, 'submitted', actor, { now: late }))
		expect(submitted).toMatchObject({ status: 'submitted', submittedAt: late, firstSubmittedAt: late })
	})

	it('a change request: the message, the reply-by date and the status it returns to', () => {
		const { application, actor } = arrange('under_review', 'changes_requested', 'office')
		const replyBy = new Date(NOW.getTime() + days(10))
		const { application: updated } = changeStatus(
			db,
			input(application, 'changes_requested', actor, { note: ' Add your CV. ', replyBy }),
		)
		expect(updated).toMatchObject({ returnsTo: 'under_review', replyBy, changeRequestMessage: 'Add your CV.' })
	})

	it('a decision: its time, its note and the confirm-by date; the system may make office moves', () => {
		const { application } = arrange('under_review', 'approved', 'office')
		const confirmBy = new Date(NOW.getTime() + days(20))
		const { application: approved, change } = changeStatus(db, {
			...input(application, 'approved', insertUser(db, { role: 'office' }), { note: 'Strong reviews', confirmBy }),
			actor: SYSTEM,
		})
		expect(approved).toMatchObject({ decidedAt: NOW, decisionNote: 'Strong reviews', confirmBy })
		expect(change.actorId).toBeNull()
		const emails = db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all()
		expect(emails.length).toBeGreaterThan(0)
		expect(emails.every((email) => email.kind === 'decision')).toBe(true)
	})

	it('a withdrawal, which ends the active review assignments', () => {
		const { application, actor } = arrange('under_review', 'withdrawn', 'applicant')
		changeStatus(db, input(application, 'withdrawn', actor, { note: null }))
		const assignments = db
			.select()
			.from(reviewAssignments)
			.where(and(eq(reviewAssignments.applicationId, application.id)))
			.all()
		expect(assignments.map((row) => row.status)).toEqual(['ended'])
	})
})

/** Test set-up only: changes the application's row directly. */
function placeInPlace(application: Application, changes: Partial<Application>): Application {
	return db.update(applications).set(changes).where(eq(applications.id, application.id)).returning().get()!
}
