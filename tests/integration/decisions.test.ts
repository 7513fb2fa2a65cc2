import { and, eq, inArray } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
	decideNow,
	fundingOf,
	heldDecisionOf,
	heldDecisions,
	holdDecision,
	previewHeldDecision,
	releaseHeldDecisions,
	type DecisionInput,
} from '#app/domain/decisions.server.ts'
import { createLetterRequests, hostEndorsementOf } from '#app/domain/letters.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { action as applicationAction, loader as applicationLoader } from '#app/routes/office.applications.$id.tsx'
import { action as releaseAction, loader as releaseLoader } from '#app/routes/office.calls.$id.decisions.tsx'
import { applications, calls, outbox, reviewAssignments, reviews, statusChanges, type Application } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, assignReviewerRow, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test', DECISION_GRACE: '5m' })
})
afterEach(async () => {
	await portal.stop()
})

const MINUTE = 60_000
const OFFICE = 'office@portal.test'

/** A call with an office user and a reviewer; `apply` adds an application under review with its host's letter row. */
function setUp() {
	const { db, clock } = portal
	const now = clock.now()
	const callId = insertCall(db, { now })
	const office = insertUser(db, { role: 'office', name: 'Parisa Office' })
	const reviewer = insertUser(db, { role: 'reviewer', name: 'Dr Reza Karimi', email: 'reza@example.edu' })
	const secondReviewer = insertUser(db, { role: 'reviewer', name: 'Dr Sara Ahmadi', email: 'sara@example.edu' })
	const apply = (name: string, locale: 'en' | 'fa' = 'en') => {
		const applicant = insertUser(db, { role: 'applicant', name, locale })
		const application = placeApplication(db, { callId, applicantId: applicant.id, now, status: 'under_review', firstSubmittedAt: new Date(now.getTime() - days(5)) })
		assignReviewerRow(db, application.id, reviewer.id, now)
		assignReviewerRow(db, application.id, secondReviewer.id, now)
		const row = db.select().from(calls).where(eq(calls.id, callId)).get()!
		db.transaction((tx) => createLetterRequests(tx, { application, call: row, now }))
		return { applicant, application }
	}
	/** A submitted review of `reviewerId` with a comment for the applicant; its id. */
	const review = (application: Application, reviewerId: number, comment: string) => {
		const assignment = db
			.select()
			.from(reviewAssignments)
			.where(and(eq(reviewAssignments.applicationId, application.id), eq(reviewAssignments.reviewerId, reviewerId)))
			.get()!
		return db
			.insert(reviews)
			.values({ assignmentId: assignment.id, applicationId: application.id, reviewerId, scores: {}, commentForApplicant: comment, status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now })
			.returning()
			.get().id
	}
	return { callId, office, actor: actorOf(office), reviewer, secondReviewer, apply, review }
}

const confirmBy = () => new Date(portal.clock.now().getTime() + days(21))

function hold(actor: ReturnType<typeof actorOf>, input: Partial<DecisionInput> & Pick<DecisionInput, 'applicationId' | 'decision'>) {
	return holdDecision(portal.db, {
		decisionNote: 'Panel agreed',
		confirmBy: input.decision === 'approved' ? confirmBy() : null,
		...input,
		actor,
		now: portal.clock.now(),
	})
}

const current = (application: Application) => portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!
const changesOf = (ids: number[]) => portal.db.select().from(statusChanges).where(inArray(statusChanges.applicationId, ids)).all()
const outboxOf = (ids: number[]) => portal.db.select().from(outbox).where(inArray(outbox.applicationId, ids)).all()

/** Moves the clock past the grace period, runs the worker and answers what the sink received meanwhile. */
async function deliverAfterGrace(expected: number) {
	const before = portal.sink.received.length
	portal.clock.advance(6 * MINUTE)
	await portal.deliver()
	return (await portal.sink.waitForMessages(before + expected)).slice(before)
}

const addressOf = (mail: { envelopeTo: string[] }) => mail.envelopeTo[0]!

describe('held decisions', () => {
	it('change nothing and send nothing until they are released', async () => {
		const { callId, actor, apply } = setUp()
		const first = apply('Dr Maryam Tehrani')
		const second = apply('Dr Ali Rahimi')
		const ids = [first.application.id, second.application.id]
		const before = { apps: ids.map((id) => portal.db.select().from(applications).where(eq(applications.id, id)).get()), changes: changesOf(ids), emails: outboxOf(ids) }

		hold(actor, { applicationId: first.application.id, decision: 'approved', applicantMessage: 'Welcome.' })
		hold(actor, { applicationId: second.application.id, decision: 'rejected' })
		// Recording again replaces the held decision.
		hold(actor, { applicationId: second.application.id, decision: 'waitlisted', decisionNote: 'Second thoughts' })

		expect(ids.map((id) => portal.db.select().from(applications).where(eq(applications.id, id)).get())).toEqual(before.apps)
		expect(changesOf(ids)).toEqual(before.changes)
		expect(outboxOf(ids)).toEqual(before.emails)
		const received = portal.sink.received.length
		portal.clock.advance(10 * MINUTE)
		await portal.deliver()
		expect(portal.sink.received.length).toBe(received)

		expect(heldDecisions(portal.db, callId).map((held) => [held.reference, held.decision, held.decisionNote, held.recordedByName])).toEqual([
			[first.application.reference, 'approved', 'Panel agreed', 'Parisa Office'],
			[second.application.reference, 'waitlisted', 'Second thoughts', 'Parisa Office'],
		])
		expect(fundingOf(portal.db, callId)).toEqual({ funded: 10, approvedNow: 0, afterRelease: 1 })

		const result = releaseHeldDecisions(portal.db, portal.config, { callId, actor, now: portal.clock.now() })
		expect(result.failed).toEqual([])
		expect(result.applied.map((entry) => [entry.reference, entry.decision])).toEqual([
			[first.application.reference, 'approved'],
			[second.application.reference, 'waitlisted'],
		])
		expect([current(first.application).status, current(second.application).status]).toEqual(['approved', 'waitlisted'])
		expect(current(first.application).confirmBy).not.toBeNull()
		expect(changesOf(ids).map((row) => [row.fromStatus, row.toStatus, row.note])).toEqual([
			['under_review', 'approved', 'Panel agreed'],
			['under_review', 'waitlisted', 'Second thoughts'],
		])
		expect(heldDecisions(portal.db, callId)).toEqual([])
	})

	it('release sends exactly the emails the preview showed, in each recipient’s language', async () => {
		const { callId, actor, apply } = setUp()
		const approved = apply('مریم رحیمی', 'fa')
		const rejected = apply('Dr Ali Rahimi')
		hold(actor, { applicationId: approved.application.id, decision: 'approved' })
		hold(actor, { applicationId: rejected.application.id, decision: 'rejected' })

		const now = portal.clock.now()
		const previews = (await Promise.all(heldDecisions(portal.db, callId).map((held) => previewHeldDecision(portal.db, portal.config, held, now)))).flat()
		const host = hostEndorsementOf(portal.db, approved.application.id)!
		expect(previews.map((email) => [email.to, email.template, email.locale]).sort()).toEqual(
			[
				[approved.applicant.email, 'status-approved-applicant', 'fa'],
				[host.email, 'status-approved-host', host.locale],
				[OFFICE, 'status-approved-office', 'en'],
				[rejected.applicant.email, 'status-rejected-applicant', 'en'],
			].sort(),
		)

		const result = releaseHeldDecisions(portal.db, portal.config, { callId, actor, now })
		expect(result.applied).toHaveLength(2)
		// Nothing leaves before the grace period is over.
		await portal.deliver()
		expect(portal.sink.received).toHaveLength(0)
		const received = await deliverAfterGrace(previews.length)
		const key = (to: string, subject: string) => `${to} | ${subject}`
		expect(received.map((mail) => key(addressOf(mail), mail.subject ?? '')).sort()).toEqual(previews.map((email) => key(email.to, email.subject)).sort())
		for (const email of previews) {
			const mail = received.find((candidate) => addressOf(candidate) === email.to)!
			expect(mail.text?.trim()).toBe(email.text.trim())
		}
	})

	it('applies the others when one was withdrawn meanwhile, and keeps that one held with the reason', async () => {
		const { callId, actor, apply } = setUp()
		const a = apply('Dr Maryam Tehrani')
		const b = apply('Dr Ali Rahimi')
		const c = apply('Dr Sara Karimi')
		hold(actor, { applicationId: a.application.id, decision: 'approved' })
		hold(actor, { applicationId: b.application.id, decision: 'rejected' })
		hold(actor, { applicationId: c.application.id, decision: 'waitlisted' })
		changeStatus(portal.db, {
			applicationId: b.application.id,
			to: 'withdrawn',
			actor: actorOf(b.applicant),
			expectedVersion: b.application.version,
			now: portal.clock.now(),
			settings: portal.config,
		})

		const result = releaseHeldDecisions(portal.db, portal.config, { callId, actor, now: portal.clock.now() })
		expect(result.applied.map((entry) => entry.reference)).toEqual([a.application.reference, c.application.reference])
		expect(result.failed).toEqual([{ applicationId: b.application.id, reference: b.application.reference, decision: 'rejected', reason: 'not_allowed' }])
		expect([a, b, c].map(({ application }) => current(application).status)).toEqual(['approved', 'withdrawn', 'waitlisted'])
		expect(heldDecisionOf(portal.db, b.application.id)).toMatchObject({ decision: 'rejected', lastError: 'not_allowed' })
		expect(heldDecisionOf(portal.db, a.application.id)).toBeNull()
		// Its preview is empty: nothing would go out for it now.
		expect(await previewHeldDecision(portal.db, portal.config, heldDecisionOf(portal.db, b.application.id)!, portal.clock.now())).toEqual([])
	})

	it('passes on the message for the applicant and the chosen reviewer comments only', async () => {
		const { callId, actor, apply, review, reviewer, secondReviewer } = setUp()
		const { applicant, application } = apply('Dr Maryam Tehrani')
		const chosen = review(application, reviewer.id, 'The plan for the second week is excellent.')
		review(application, secondReviewer.id, 'Not convinced by the budget.')
		hold(actor, {
			applicationId: application.id,
			decision: 'rejected',
			decisionNote: 'Office only: over budget',
			applicantMessage: 'We hope you will apply again next year.',
			sharedReviewIds: [chosen],
		})
		releaseHeldDecisions(portal.db, portal.config, { callId, actor, now: portal.clock.now() })
		const [mail] = await deliverAfterGrace(1)
		expect(addressOf(mail!)).toBe(applicant.email)
		expect(mail!.text).toContain('We hope you will apply again next year.')
		expect(mail!.text).toContain('The plan for the second week is excellent.')
		expect(mail!.text).not.toContain('Not convinced by the budget.')
		expect(mail!.text).not.toContain('Office only')
	})
})

describe('corrections of an approval', () => {
	it('within DECISION_GRACE: the approval’s emails never leave and the applicant gets only the new decision', async () => {
		const { actor, apply } = setUp()
		const { applicant, application } = apply('Dr Maryam Tehrani')
		const decide = (decision: 'approved' | 'waitlisted' | 'rejected') =>
			decideNow(portal.db, portal.config, {
				applicationId: application.id,
				decision,
				decisionNote: `Now ${decision}`,
				confirmBy: decision === 'approved' ? confirmBy() : null,
				actor,
				now: portal.clock.now(),
				expectedVersion: current(application).version,
			})
		decide('approved')
		portal.clock.advance(MINUTE)
		await portal.deliver()
		decide('waitlisted')
		const received = await deliverAfterGrace(1)
		expect(received.map((mail) => [addressOf(mail), mail.subject])).toEqual([
			[applicant.email, `Decision on your application ${application.reference}: waiting list`],
		])
		const rows = outboxOf([application.id])
		expect(rows.filter((row) => row.template.startsWith('status-approved')).map((row) => row.status)).toEqual(['cancelled', 'cancelled', 'cancelled'])
		expect(rows.find((row) => row.template === 'status-waitlisted-applicant')?.status).toBe('sent')
	})

	it('after DECISION_GRACE: the applicant gets a correction that names the earlier decision', async () => {
		const { actor, apply } = setUp()
		const { applicant, application } = apply('Dr Maryam Tehrani')
		decideNow(portal.db, portal.config, {
			applicationId: application.id,
			decision: 'approved',
			decisionNote: 'Approved',
			confirmBy: confirmBy(),
			actor,
			now: portal.clock.now(),
			expectedVersion: application.version,
		})
		const approval = await deliverAfterGrace(3)
		expect(approval.find((mail) => addressOf(mail) === applicant.email)?.subject).toMatch(/^Action required: confirm your visit/)

		decideNow(portal.db, portal.config, {
			applicationId: application.id,
			decision: 'rejected',
			decisionNote: 'Funding withdrawn',
			actor,
			now: portal.clock.now(),
			expectedVersion: current(application).version,
		})
		const [mail] = await deliverAfterGrace(1)
		expect(addressOf(mail!)).toBe(applicant.email)
		expect(mail!.subject).toMatch(/^Correction: /)
		expect(mail!.text).toContain('approved')
		expect(outboxOf([application.id]).at(-1)).toMatchObject({ template: 'status-corrected-rejected-applicant', status: 'sent' })
	})
})

describe('the decision form and the release page', () => {
	/** A calendar day `offset` days from now (the clock is at 10:00 UTC, the same day in Asia/Tehran). */
	const day = (offset: number) => new Date(portal.clock.now().getTime() + days(offset)).toISOString().slice(0, 10)

	type Handler = Parameters<typeof call>[0]

	function post(pathname: string, handler: Handler, params: Record<string, string>, cookie: string, fields: Record<string, string | string[]>) {
		const body = new URLSearchParams()
		for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
		const request = new Request(`http://portal.test${pathname}`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
			body: body.toString(),
		})
		return call(handler, request, portal.context(), params)
	}
	const postDecision = (application: Application, cookie: string, fields: Record<string, string | string[]>) =>
		post(`/office/applications/${application.id}`, applicationAction, { id: String(application.id) }, cookie, { version: String(current(application).version), ...fields })
	const postRelease = (callId: number, cookie: string, fields: Record<string, string | string[]>) =>
		post(`/office/calls/${callId}/decisions`, releaseAction, { id: String(callId) }, cookie, fields)
	const get = (handler: Handler, pathname: string, params: Record<string, string>, cookie: string) =>
		call(handler, new Request(`http://portal.test${pathname}`, { headers: { Cookie: cookie } }), portal.context(), params)

	type DecisionPage = {
		decision: {
			allowed: string[]
			correction: boolean
			comments: { reviewId: number; reviewerName: string; comment: string }[]
			dates: { today: string; confirmBy: string }
			held: { decision: string; decisionNote: string; sharedReviewIds: number[]; confirmByDay: string | null; recordedBy: string } | null
			releaseHref: string
		} | null
	}
	type ReleasePage = {
		funding: { funded: number; afterRelease: number }
		result: { released: number; failed: number } | null
		held: { token: string; reference: string; decision: string; lastError: { key: string; reason: string } | null; emails: { to: string; subject: string; locale: string; html: string; text: string }[] }[]
	}
	const location = (result: unknown) => (result as Response).headers.get('Location')

	it('holds, replaces, discards and decides through the application page', async () => {
		const { callId, office, apply, review, reviewer } = setUp()
		const cookie = await sessionCookie(portal, office.id)
		const { application } = apply('Dr Maryam Tehrani')
		const comment = review(application, reviewer.id, 'Strong collaboration plan.')
		const page = async () => dataOf<DecisionPage>(await get(applicationLoader, `/office/applications/${application.id}`, { id: String(application.id) }, cookie))

		const before = await page()
		expect(before.decision).toMatchObject({
			allowed: ['approved', 'waitlisted', 'rejected'],
			correction: false,
			comments: [{ reviewId: comment, reviewerName: 'Dr Reza Karimi', comment: 'Strong collaboration plan.' }],
			dates: { today: day(0), confirmBy: day(21) },
			held: null,
			releaseHref: `/office/calls/${callId}/decisions`,
		})

		const held = await postDecision(application, cookie, {
			intent: 'hold',
			decision: 'approved',
			decisionNote: 'Top of the list',
			applicantMessage: 'Congratulations.',
			sharedReviewId: String(comment),
			confirmBy: day(21),
		})
		expect(statusOf(held)).toBe(302)
		expect(location(held)).toBe(`/office/applications/${application.id}?notice=held#decision`)
		expect(current(application).status).toBe('under_review')
		expect(outboxOf([application.id])).toEqual([])
		expect((await page()).decision?.held).toMatchObject({ decision: 'approved', decisionNote: 'Top of the list', sharedReviewIds: [comment], confirmByDay: day(21), recordedBy: 'Parisa Office' })

		// Replaced by another held decision; the confirm-by date is ignored for it.
		expect(statusOf(await postDecision(application, cookie, { intent: 'hold', decision: 'rejected', decisionNote: 'On reflection', confirmBy: '' }))).toBe(302)
		expect(heldDecisionOf(portal.db, application.id)).toMatchObject({ decision: 'rejected', confirmBy: null, sharedReviewIds: [] })

		const discarded = await postDecision(application, cookie, { intent: 'discard' })
		expect(location(discarded)).toBe(`/office/applications/${application.id}?notice=discarded#decision`)
		expect(heldDecisionOf(portal.db, application.id)).toBeNull()

		const decided = await postDecision(application, cookie, { intent: 'decide', decision: 'waitlisted', decisionNote: 'Reserve list' })
		expect(location(decided)).toBe(`/office/applications/${application.id}?notice=decided#decision`)
		expect(current(application).status).toBe('waitlisted')
		expect(outboxOf([application.id]).map((row) => row.template)).toEqual(['status-waitlisted-applicant'])

		// An approved application may be corrected: approval is no longer among the choices.
		expect(statusOf(await postDecision(application, cookie, { intent: 'decide', decision: 'approved', decisionNote: 'Yes', confirmBy: day(21) }))).toBe(302)
		expect((await page()).decision).toMatchObject({ allowed: ['waitlisted', 'rejected'], correction: true })
	})

	it('answers 400 beside the fields with everything typed kept, and 409 when the application changed meanwhile', async () => {
		const { office, apply, review, reviewer } = setUp()
		const cookie = await sessionCookie(portal, office.id)
		const { applicant, application } = apply('Dr Maryam Tehrani')
		const comment = review(application, reviewer.id, 'Strong collaboration plan.')
		type Failure = { decision: true; errors: Record<string, string>; values: Record<string, string>; sharedReviewIds: number[] }

		const missing = await postDecision(application, cookie, { intent: 'hold', decision: 'approved', decisionNote: '  ', applicantMessage: 'Kept', sharedReviewId: String(comment), confirmBy: '' })
		expect(statusOf(missing)).toBe(400)
		expect(dataOf<Failure>(missing)).toMatchObject({
			decision: true,
			errors: { decisionNote: 'office.decision.errors.note', confirmBy: 'office.decision.errors.confirmBy' },
			values: { decision: 'approved', applicantMessage: 'Kept' },
			sharedReviewIds: [comment],
		})
		const cases: [Record<string, string>, Record<string, string>][] = [
			[{ decisionNote: 'x', confirmBy: '' }, { decision: 'office.decision.errors.decision' }],
			[{ decision: 'withdrawn', decisionNote: 'x' }, { decision: 'office.decision.errors.decision' }],
			[{ decision: 'approved', decisionNote: 'x', confirmBy: day(-1) }, { confirmBy: 'office.decision.errors.confirmByFuture' }],
			[{ decision: 'approved', decisionNote: 'x', confirmBy: '2027-02-31' }, { confirmBy: 'office.decision.errors.confirmBy' }],
			[{ decision: 'rejected', decisionNote: 'x'.repeat(4_001) }, { decisionNote: 'office.decision.errors.tooLong' }],
			[{ decision: 'rejected', decisionNote: 'x', sharedReviewId: '999999' }, { sharedReviewId: 'office.decision.errors.comments' }],
		]
		for (const [fields, errors] of cases) {
			for (const intent of ['hold', 'decide']) {
				const result = await postDecision(application, cookie, { intent, ...fields })
				expect(statusOf(result), JSON.stringify(fields)).toBe(400)
				expect(dataOf<Failure>(result).errors).toEqual(errors)
			}
		}
		expect(current(application).status).toBe('under_review')
		expect(heldDecisionOf(portal.db, application.id)).toBeNull()

		const stale = await postDecision(application, cookie, { intent: 'decide', decision: 'rejected', decisionNote: 'x', version: String(application.version - 1) })
		expect(statusOf(stale)).toBe(409)
		expect(dataOf<Failure>(stale).errors).toEqual({ form: 'office.decision.errors.changed' })
		// Withdrawn meanwhile: a page with the new version is told no decision applies.
		changeStatus(portal.db, { applicationId: application.id, to: 'withdrawn', actor: actorOf(applicant), expectedVersion: application.version, now: portal.clock.now(), settings: portal.config })
		const withdrawn = await postDecision(application, cookie, { intent: 'hold', decision: 'rejected', decisionNote: 'x' })
		expect(statusOf(withdrawn)).toBe(409)
		expect(dataOf<Failure>(withdrawn).errors).toEqual({ form: 'office.decision.errors.notAllowed' })
	})

	it('lists the held decisions with their previews and releases them from the call’s page', async () => {
		const { callId, office, actor, apply } = setUp()
		const cookie = await sessionCookie(portal, office.id)
		const a = apply('Dr Maryam Tehrani')
		const b = apply('Dr Ali Rahimi')
		portal.db.update(calls).set({ fundedVisits: 0 }).where(eq(calls.id, callId)).run()
		const releasePage = async (search = '') =>
			dataOf<ReleasePage>(await get(releaseLoader, `/office/calls/${callId}/decisions${search}`, { id: String(callId) }, cookie))

		expect((await releasePage()).held).toEqual([])
		hold(actor, { applicationId: a.application.id, decision: 'approved' })
		hold(actor, { applicationId: b.application.id, decision: 'rejected' })
		const shown = await releasePage()
		expect(shown.funding).toMatchObject({ funded: 0, afterRelease: 1 })
		expect(shown.held.map((held) => [held.reference, held.decision, held.emails.length])).toEqual([
			[a.application.reference, 'approved', 3],
			[b.application.reference, 'rejected', 1],
		])
		expect(shown.held[1]!.emails[0]).toMatchObject({ to: `Dr Ali Rahimi <${b.applicant.email}>`, locale: 'en', subject: `Decision on your application ${b.application.reference}` })
		expect(shown.held[1]!.emails[0]!.html).toContain('<html')

		// One recorded again since the page was shown: nothing is released.
		hold(actor, { applicationId: b.application.id, decision: 'waitlisted' })
		portal.clock.advance(1000)
		hold(actor, { applicationId: b.application.id, decision: 'rejected' })
		const tokens = shown.held.map((held) => held.token)
		const refused = await postRelease(callId, cookie, { intent: 'release', held: tokens })
		expect(statusOf(refused)).toBe(409)
		expect(dataOf<{ errors: Record<string, string> }>(refused).errors).toEqual({ form: 'office.release.errors.changed' })
		expect(current(a.application).status).toBe('under_review')

		// The applicant of b withdraws meanwhile: a is released, b stays held with the reason.
		const again = await releasePage()
		changeStatus(portal.db, { applicationId: b.application.id, to: 'withdrawn', actor: actorOf(b.applicant), expectedVersion: b.application.version, now: portal.clock.now(), settings: portal.config })
		const released = await postRelease(callId, cookie, { intent: 'release', held: again.held.map((held) => held.token) })
		expect(location(released)).toBe(`/office/calls/${callId}/decisions?released=1&failed=1`)
		expect(current(a.application).status).toBe('approved')
		const after = await releasePage('?released=1&failed=1')
		expect(after.result).toEqual({ released: 1, failed: 1 })
		expect(after.held.map((held) => [held.reference, held.lastError, held.emails])).toEqual([
			[b.application.reference, { key: 'office.release.reason.statusChanged', reason: 'not_allowed' }, []],
		])
	})

	it('answers 404 to applicants and reviewers', async () => {
		const { callId, actor, apply, reviewer } = setUp()
		const { applicant, application } = apply('Dr Maryam Tehrani')
		hold(actor, { applicationId: application.id, decision: 'rejected' })
		for (const user of [applicant, reviewer]) {
			const cookie = await sessionCookie(portal, user.id)
			for (const intent of ['hold', 'decide', 'discard']) {
				expect(statusOf(await postDecision(application, cookie, { intent, decision: 'rejected', decisionNote: 'x' }))).toBe(404)
			}
			expect(statusOf(await get(releaseLoader, `/office/calls/${callId}/decisions`, { id: String(callId) }, cookie))).toBe(404)
			expect(statusOf(await postRelease(callId, cookie, { intent: 'release' }))).toBe(404)
		}
		expect(heldDecisionOf(portal.db, application.id)).toMatchObject({ decision: 'rejected' })
		expect(current(application).status).toBe('under_review')
	})
})
