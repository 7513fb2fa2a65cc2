import { and, eq, inArray } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BULK_LIMIT, holdDecisionsInBulk, remindRefereesInBulk, requestChangesInBulk, resolveSelection } from '#app/domain/bulk-actions.server.ts'
import { sendLetterReminders } from '#app/domain/letters.server.ts'
import { action, loader } from '#app/routes/office.calls.$id._index.tsx'
import { accessTokens, applications, auditLog, outbox, pendingDecisions, referees, type Application, type ApplicationStatus, type User } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
})

const cookieOf = (user: User) => sessionCookie(portal, user.id)

/** A call, an office user, and one application (its own applicant) in each of `statuses`, in that order. */
function seed(statuses: ApplicationStatus[], { closesAt }: { closesAt?: Date } = {}) {
	const { db, clock } = portal
	const now = clock.now()
	const callId = insertCall(db, { now, closesAt })
	const office = insertUser(db, { role: 'office' })
	const placed = statuses.map((status) => {
		const applicant = insertUser(db, { role: 'applicant' })
		const submittedAt = status === 'draft' ? null : new Date(now.getTime() - days(3))
		return placeApplication(db, { callId, applicantId: applicant.id, now, status, submittedAt, firstSubmittedAt: submittedAt })
	})
	return { callId, office, actor: actorOf(office), applications: placed }
}

const statusNow = (application: Application) =>
	portal.db.select({ status: applications.status }).from(applications).where(eq(applications.id, application.id)).get()!.status
const emailsOf = (ids: number[]) => portal.db.select().from(outbox).where(inArray(outbox.applicationId, ids)).all()
const audits = (action: string) => portal.db.select().from(auditLog).where(eq(auditLog.action, action)).all()
const ids = (list: Application[]) => list.map((application) => application.id)

describe('held decisions in bulk', () => {
	it('holds a decision for each application its status allows and reports the others, sending nothing', () => {
		const { actor, applications: list } = seed(['under_review', 'waitlisted', 'under_review', 'submitted', 'withdrawn'])
		const now = portal.clock.now()
		const confirmBy = new Date(now.getTime() + days(21))
		const result = holdDecisionsInBulk(portal.db, {
			applicationIds: ids(list),
			decision: 'approved',
			decisionNote: 'Strong reviews all round.',
			applicantMessage: 'Congratulations.',
			confirmBy,
			actor,
			now,
		})
		expect(result.succeeded).toBe(3)
		expect(result.failed).toEqual([
			{ applicationId: list[3]!.id, reference: list[3]!.reference, reason: 'status_not_allowed', status: 'submitted' },
			{ applicationId: list[4]!.id, reference: list[4]!.reference, reason: 'status_not_allowed', status: 'withdrawn' },
		])
		const held = portal.db
			.select()
			.from(pendingDecisions)
			.where(inArray(pendingDecisions.applicationId, ids(list)))
			.all()
		expect(held.map((row) => row.applicationId).sort()).toEqual([list[0]!.id, list[1]!.id, list[2]!.id].sort())
		expect(held.every((row) => row.decision === 'approved' && row.confirmBy?.getTime() === confirmBy.getTime() && row.applicantMessage === 'Congratulations.')).toBe(true)
		// Held: the statuses stay and nothing is queued.
		expect(list.map(statusNow)).toEqual(['under_review', 'waitlisted', 'under_review', 'submitted', 'withdrawn'])
		expect(emailsOf(ids(list))).toEqual([])
		expect(audits('decision.held')).toHaveLength(3)
	})

	it('replaces an earlier held decision and leaves no confirm-by date on a rejection', () => {
		const { actor, applications: list } = seed(['under_review'])
		const now = portal.clock.now()
		holdDecisionsInBulk(portal.db, { applicationIds: ids(list), decision: 'approved', decisionNote: 'First', confirmBy: new Date(now.getTime() + days(5)), actor, now })
		const result = holdDecisionsInBulk(portal.db, {
			applicationIds: ids(list),
			decision: 'rejected',
			decisionNote: 'Second thoughts',
			confirmBy: new Date(now.getTime() + days(5)),
			actor,
			now,
		})
		expect(result).toEqual({ succeeded: 1, failed: [] })
		expect(portal.db.select().from(pendingDecisions).where(eq(pendingDecisions.applicationId, list[0]!.id)).all()).toMatchObject([
			{ decision: 'rejected', decisionNote: 'Second thoughts', confirmBy: null },
		])
	})
})

describe('reminding referees in bulk', () => {
	function addReferee(application: Application, slot: number, state: Partial<typeof referees.$inferInsert> = {}) {
		const now = portal.clock.now()
		return portal.db
			.insert(referees)
			.values({
				applicationId: application.id,
				slot,
				name: `Referee ${slot}`,
				email: `ref${slot}-${application.id}@example.org`,
				institution: 'Somewhere',
				relationship: 'Colleague',
				requestedAt: new Date(now.getTime() - days(3)),
				createdAt: now,
				...state,
			})
			.returning()
			.get()
	}

	it('emails a reminder with a new link to each referee who has not answered, and reports the rest', async () => {
		const { actor, applications: list } = seed(['submitted', 'under_review', 'submitted', 'approved', 'changes_requested'])
		const [mixed, waiting, answered, decided, noReferees] = list as [Application, Application, Application, Application, Application]
		const now = portal.clock.now()
		const received = addReferee(mixed, 1, { receivedAt: now })
		const declined = addReferee(mixed, 2, { declinedAt: now })
		const replaced = addReferee(mixed, 3, { replacedAt: now })
		const open = addReferee(mixed, 3, { email: `replacement-${mixed.id}@example.org` })
		const second = addReferee(waiting, 1)
		addReferee(answered, 1, { receivedAt: now })
		addReferee(decided, 1)
		void noReferees

		const result = remindRefereesInBulk(portal.db, portal.config, { applicationIds: ids(list), actor, now })
		expect(result.succeeded).toBe(2)
		expect(result.reminded).toBe(2)
		expect(result.failed).toEqual([
			{ applicationId: answered.id, reference: answered.reference, reason: 'nobody_to_remind', status: 'submitted' },
			{ applicationId: decided.id, reference: decided.reference, reason: 'not_chasing', status: 'approved' },
			{ applicationId: noReferees.id, reference: noReferees.reference, reason: 'nobody_to_remind', status: 'changes_requested' },
		])
		const emails = emailsOf(ids(list))
		expect(emails.map((email) => ({ to: email.toAddress, template: email.template })).sort((a, b) => a.to.localeCompare(b.to))).toEqual(
			[
				{ to: open.email, template: 'letter-reminder-referee' },
				{ to: second.email, template: 'letter-reminder-referee' },
			].sort((a, b) => a.to.localeCompare(b.to)),
		)
		// Nobody who answered or was replaced is reminded; a link is issued for each reminded referee.
		for (const person of [received, declined, replaced]) expect(emails.some((email) => email.toAddress === person.email)).toBe(false)
		expect(
			portal.db
				.select()
				.from(accessTokens)
				.where(inArray(accessTokens.refereeId, [open.id, second.id]))
				.all(),
		).toHaveLength(2)
		expect(portal.db.select().from(referees).where(eq(referees.id, open.id)).get()!.remindedAt).toEqual(now)
		expect(audits('letter.reminded').map((row) => ({ actorId: row.actorId, entityId: row.entityId }))).toEqual([
			{ actorId: actor.id, entityId: String(open.id) },
			{ actorId: actor.id, entityId: String(second.id) },
		])

		// The email leaves with a working link (the token is sealed in the outbox and merged in by the worker).
		await portal.deliver()
		await portal.sink.waitForMessages(2)
		const message = portal.sink.received.find((entry) => entry.envelopeTo.includes(open.email))
		expect(message?.text).toMatch(/\/letters\/referee\?token=[\w-]+/)

		// Not twice within three days, also not by the scheduled reminder; after that, again.
		expect(remindRefereesInBulk(portal.db, portal.config, { applicationIds: [mixed.id], actor, now }).failed).toEqual([
			{ applicationId: mixed.id, reference: mixed.reference, reason: 'reminded_recently', status: 'submitted' },
		])
		await sendLetterReminders({ applicationId: mixed.id }, { db: portal.db, config: portal.config, now: portal.clock.now, job: { key: 'k', runAt: now, attempts: 1 } })
		expect(emailsOf([mixed.id])).toHaveLength(1)
		portal.clock.advance(days(3))
		expect(remindRefereesInBulk(portal.db, portal.config, { applicationIds: [mixed.id], actor, now: portal.clock.now() })).toEqual({
			succeeded: 1,
			failed: [],
			reminded: 1,
		})
		expect(emailsOf([mixed.id]).filter((email) => email.toAddress === open.email)).toHaveLength(2)
	})

	it('stops at the letter deadline', () => {
		const now = portal.clock.now()
		// Closed 20 days ago: the letter deadline (14 days after) has passed.
		const { actor, applications: list } = seed(['under_review'], { closesAt: new Date(now.getTime() - days(20)) })
		addReferee(list[0]!, 1)
		expect(remindRefereesInBulk(portal.db, portal.config, { applicationIds: ids(list), actor, now }).failed).toEqual([
			{ applicationId: list[0]!.id, reference: list[0]!.reference, reason: 'letter_deadline_passed', status: 'under_review' },
		])
		expect(emailsOf(ids(list))).toEqual([])
	})
})

describe('requesting changes in bulk', () => {
	it('asks each submitted or under-review application for changes with one message, and reports the others', () => {
		const { actor, applications: list } = seed(['submitted', 'under_review', 'approved', 'submitted'])
		const now = portal.clock.now()
		const replyBy = new Date(now.getTime() + days(14))
		const result = requestChangesInBulk(portal.db, portal.config, { applicationIds: ids(list), message: 'Please add your publication list.', replyBy, actor, now })
		expect(result).toEqual({ succeeded: 3, failed: [{ applicationId: list[2]!.id, reference: list[2]!.reference, reason: 'status_not_allowed', status: 'approved' }] })
		expect(list.map(statusNow)).toEqual(['changes_requested', 'changes_requested', 'approved', 'changes_requested'])
		const stored = portal.db.select().from(applications).where(eq(applications.id, list[1]!.id)).get()!
		expect(stored).toMatchObject({ replyBy, returnsTo: 'under_review' })
		// One email to each applicant asked, none for the refused one.
		const emails = emailsOf(ids(list))
		expect(emails.map((email) => email.applicationId).sort()).toEqual([list[0]!.id, list[1]!.id, list[3]!.id].sort())
		expect(emails.every((email) => email.template.includes('changes-requested'))).toBe(true)
	})
})

describe('the selection', () => {
	it('takes ticked rows of this call only, or every row the filters match', () => {
		const { callId, applications: list } = seed(['under_review', 'submitted', 'under_review', 'draft'])
		const other = seed(['under_review'])
		expect(resolveSelection(portal.db, callId, { scope: 'selected', ids: [list[0]!.id, list[3]!.id, other.applications[0]!.id, 999_999] })).toEqual([list[0]!.id])
		expect(resolveSelection(portal.db, callId, { scope: 'all', view: new URLSearchParams('status=under_review&page=3&size=10') })).toEqual([list[0]!.id, list[2]!.id])
		expect(resolveSelection(portal.db, callId, { scope: 'all', view: new URLSearchParams('') })).toEqual([list[0]!.id, list[1]!.id, list[2]!.id])
		expect(resolveSelection(portal.db, callId, { scope: 'selected', ids: Array.from({ length: BULK_LIMIT + 1 }, (_, index) => index + 1) })).toBe('too_many')
	})
})

describe('the table page', () => {
	const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString()
	const post = (callId: number, cookie: string, pairs: [string, string][], search = '') =>
		call(
			action,
			new Request(`http://portal.test/office/calls/${callId}?index${search}`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
				body: form(pairs),
			}),
			portal.context(),
			{ id: String(callId) },
		)
	const load = async (url: string, cookie: string, callId: number) =>
		call(loader, new Request(`http://portal.test${url}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(callId) })

	it('applies an action to all applications matching the filters and shows the outcome after the redirect', async () => {
		const { callId, office, applications: list } = seed(['under_review', 'submitted', 'under_review', 'withdrawn', 'under_review'])
		const cookie = await cookieOf(office)
		// Withdrawn meanwhile: the filter still matched it when the page was shown, but it is reported, the rest go through.
		const result = await post(callId, cookie, [
			['view', 'status=under_review&sort=reference&dir=desc&page=1'],
			['scope', 'all'],
			['bulkAction', 'hold-decision'],
			['decision', 'waitlisted'],
			['decisionNote', 'Good, but others are stronger.'],
			['confirmBy', ''],
		])
		expect(statusOf(result)).toBe(302)
		const location = (result as Response).headers.get('Location')!
		expect(location).toMatch(new RegExp(`^/office/calls/${callId}\\?status=under_review&sort=reference&dir=desc&bulk=\\d+$`))
		expect(
			portal.db
				.select()
				.from(pendingDecisions)
				.where(eq(pendingDecisions.callId, callId))
				.all()
				.map((row) => row.applicationId)
				.sort(),
		).toEqual([list[0]!.id, list[2]!.id, list[4]!.id].sort())

		const page = dataOf<{ heldCount: number; bulk: { report: { action: string; selected: number; succeeded: number; failed: unknown[] } | null } }>(
			await load(location, cookie, callId),
		)
		expect(page.heldCount).toBe(3)
		expect(page.bulk.report).toMatchObject({ action: 'hold-decision', selected: 3, succeeded: 3, failed: [] })
		// Another office user, or the same one much later, does not see it.
		const colleague = insertUser(portal.db, { role: 'office' })
		expect(dataOf<{ bulk: { report: unknown } }>(await load(location, await cookieOf(colleague), callId)).bulk.report).toBeNull()
		portal.clock.advance(31 * 60_000)
		expect(dataOf<{ bulk: { report: unknown } }>(await load(location, cookie, callId)).bulk.report).toBeNull()
	})

	it('lists the applications that could not take the action, with their reasons', async () => {
		const { callId, office, applications: list } = seed(['submitted', 'approved', 'under_review'])
		const cookie = await cookieOf(office)
		const result = await post(callId, cookie, [
			['view', ''],
			['scope', 'selected'],
			...ids(list).map((id): [string, string] => ['ids', String(id)]),
			['bulkAction', 'request-changes'],
			['message', 'Add the host letter.'],
			['replyBy', new Date(portal.clock.now().getTime() + days(10)).toISOString().slice(0, 10)],
		])
		expect(statusOf(result)).toBe(302)
		const page = dataOf<{ bulk: { report: { succeeded: number; failed: unknown[]; more: number } } }>(
			await load((result as Response).headers.get('Location')!, cookie, callId),
		)
		expect(page.bulk.report).toMatchObject({
			succeeded: 2,
			more: 0,
			failed: [{ applicationId: list[1]!.id, reference: list[1]!.reference, reason: 'status_not_allowed', status: 'approved' }],
		})
		expect(emailsOf(ids(list)).filter((email) => email.template.includes('changes-requested'))).toHaveLength(2)
	})

	it('answers 400 with the problems beside the fields, keeping the selection and what was typed; nothing changes', async () => {
		const { callId, office, applications: list } = seed(['submitted', 'under_review'])
		const cookie = await cookieOf(office)
		const nothing = await post(callId, cookie, [
			['view', ''],
			['scope', 'selected'],
		])
		expect(statusOf(nothing)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(nothing).errors).toEqual({ selection: 'office.bulk.errors.selection', bulkAction: 'office.bulk.errors.action' })

		const changes = await post(callId, cookie, [
			['view', ''],
			['ids', String(list[0]!.id)],
			['ids', String(list[1]!.id)],
			['bulkAction', 'request-changes'],
			['message', '   '],
			['replyBy', new Date(portal.clock.now().getTime() - days(1)).toISOString().slice(0, 10)],
		])
		expect(statusOf(changes)).toBe(400)
		expect(dataOf<{ errors: Record<string, string>; ids: number[]; values: Record<string, string> }>(changes)).toMatchObject({
			errors: { message: 'office.actions.errors.message', replyBy: 'office.actions.errors.future' },
			ids: ids(list),
			values: { bulkAction: 'request-changes' },
		})

		const approve = await post(callId, cookie, [
			['view', ''],
			['ids', String(list[1]!.id)],
			['bulkAction', 'hold-decision'],
			['decision', 'approved'],
			['decisionNote', ''],
			['applicantMessage', 'Kept as typed'],
			['confirmBy', '2026-02-31'],
		])
		expect(statusOf(approve)).toBe(400)
		expect(dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(approve)).toMatchObject({
			errors: { decisionNote: 'office.bulk.errors.decisionNote', confirmBy: 'office.actions.errors.date' },
			values: { applicantMessage: 'Kept as typed', decision: 'approved' },
		})
		const undecided = await post(callId, cookie, [
			['view', ''],
			['ids', String(list[1]!.id)],
			['bulkAction', 'hold-decision'],
			['decisionNote', 'A note'],
		])
		expect(dataOf<{ errors: Record<string, string> }>(undecided).errors).toEqual({ decision: 'office.bulk.errors.decision' })

		expect(list.map(statusNow)).toEqual(['submitted', 'under_review'])
		expect(portal.db.select().from(pendingDecisions).all()).toEqual([])
		expect(emailsOf(ids(list))).toEqual([])
		expect(audits('call.bulk_action')).toEqual([])
	})

	it('is the office’s only: applicants and reviewers get 404', async () => {
		const { callId, applications: list } = seed(['under_review'])
		const applicant = await cookieOf(insertUser(portal.db, { role: 'applicant' }))
		const reviewer = await cookieOf(insertUser(portal.db, { role: 'reviewer' }))
		for (const cookie of [applicant, reviewer]) {
			const result = await post(callId, cookie, [
				['view', ''],
				['ids', String(list[0]!.id)],
				['bulkAction', 'remind-referees'],
			])
			expect(statusOf(result)).toBe(404)
			expect(statusOf(await load(`/office/calls/${callId}`, cookie, callId))).toBe(404)
		}
		expect(
			portal.db
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.action, 'call.bulk_action')))
				.all(),
		).toEqual([])
	})
})
