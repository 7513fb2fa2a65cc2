import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assignReviewers, AssignmentError, reviewerOptions } from '#app/domain/assignments.server.ts'
import { callRubric, defaultRubricValues, saveRubric } from '#app/domain/call-rubric.server.ts'
import { action as assignAction } from '#app/routes/office.applications.$id.assign.tsx'
import { action as applicationAction, loader as applicationLoader } from '#app/routes/office.applications.$id.tsx'
import { loader as callLoader } from '#app/routes/office.calls.$id._index.tsx'
import { action as rubricAction, loader as rubricLoader } from '#app/routes/office.calls.$id.rubric.tsx'
import { loader as callsLoader } from '#app/routes/office.calls._index.tsx'
import {
	applications,
	auditLog,
	conflictDeclarations,
	reviewAssignments,
	reviews,
	scheduledJobs,
	statusChanges,
	users,
	type Application,
} from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
})

/** A submitted application with a call that has the default rubric, an office user and three reviewers. */
async function setUp() {
	const { db, clock } = portal
	const now = clock.now()
	const callId = insertCall(db, { now })
	const office = insertUser(db, { role: 'office', name: 'Parisa Office' })
	expect(saveRubric(db, { callId, criteria: defaultRubricValues(), actor: actorOf(office), now })).toEqual({ ok: true })
	const applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani', email: 'maryam@uni-lisboa.pt' })
	const application = placeApplication(db, { callId, applicantId: applicant.id, now, status: 'submitted', firstSubmittedAt: now })
	const reviewers = [
		insertUser(db, { role: 'reviewer', name: 'Dr Reza Karimi', email: 'reza@example.edu' }),
		insertUser(db, { role: 'reviewer', name: 'Dr Sara Ahmadi', email: 'sara@example.edu', locale: 'fa' }),
		insertUser(db, { role: 'reviewer', name: 'Dr Ali Rahimi', email: 'ali@example.edu' }),
	] as const
	return { callId, office, officeCookie: await sessionCookie(portal, office.id), applicant, application, reviewers }
}

const dueDay = (offsetDays: number) => new Date(portal.clock.now().getTime() + days(offsetDays)).toISOString().slice(0, 10)

/** A form post as the page sends it: the assign form to its own route (…/assign), an assignment's forms to the file. */
function post(application: Application, cookie: string, fields: Record<string, string | string[]>) {
	const body = new URLSearchParams()
	for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item)
	const assign = fields.intent === 'assign'
	const request = new Request(`http://portal.test/office/applications/${application.id}${assign ? '/assign' : ''}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
		body: body.toString(),
	})
	return call(assign ? assignAction : applicationAction, request, portal.context(), { id: String(application.id) })
}

const page = (application: Application, cookie: string) =>
	call(applicationLoader, new Request(`http://portal.test/office/applications/${application.id}`, { headers: { Cookie: cookie } }), portal.context(), {
		id: String(application.id),
	})

const statusRows = (applicationId: number) =>
	portal.db.select().from(statusChanges).where(eq(statusChanges.applicationId, applicationId)).all()

async function deliverAll() {
	const pending = portal.sink.received.length
	const queued = await portal.deliver()
	return { pending, queued }
}

describe('assigning reviewers', () => {
	it('moves the application to under_review with the first assignment, and a second assignment does not repeat it', async () => {
		const { application, officeCookie, reviewers } = await setUp()
		const first = await post(application, officeCookie, { intent: 'assign', reviewerId: [String(reviewers[0].id), String(reviewers[1].id)], dueDate: dueDay(14) })
		expect(statusOf(first)).toBe(302)
		expect((first as Response).headers.get('Location')).toBe(`/office/applications/${application.id}?notice=assigned#reviewers`)
		const after = portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!
		expect(after.status).toBe('under_review')
		expect(statusRows(application.id).map((row) => `${row.fromStatus}>${row.toStatus}`)).toEqual(['submitted>under_review'])

		const second = await post(application, officeCookie, { intent: 'assign', reviewerId: String(reviewers[2].id), dueDate: dueDay(10) })
		expect(statusOf(second)).toBe(302)
		expect(statusRows(application.id)).toHaveLength(1)
		const assignments = portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, application.id)).all()
		expect(assignments.map((row) => row.status)).toEqual(['active', 'active', 'active'])
		// Due at the end of the chosen day in the call's time zone (Asia/Tehran, UTC+3:30).
		expect(assignments[2]!.dueAt.toISOString()).toBe(`${dueDay(10)}T20:29:00.000Z`)
		// Each assignment has its two reminders and an audit row.
		const jobs = portal.db.select().from(scheduledJobs).all().filter((job) => job.key.startsWith('review-reminder:'))
		expect(jobs).toHaveLength(6)
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'assignment.created')).all()).toHaveLength(3)
	})

	it('emails each assigned reviewer, in their language, with the due date and the link to the assignment', async () => {
		const { application, officeCookie, reviewers } = await setUp()
		await post(application, officeCookie, { intent: 'assign', reviewerId: [String(reviewers[0].id), String(reviewers[1].id)], dueDate: dueDay(14) })
		const { pending } = await deliverAll()
		const mails = await portal.sink.waitForMessages(pending + 3)
		const assignments = portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, application.id)).all()
		for (const [index, reviewer] of [reviewers[0], reviewers[1]].entries()) {
			const mail = mails.find((item) => item.envelopeTo.includes(reviewer.email))
			expect(mail, reviewer.email).toBeDefined()
			expect(mail!.text).toContain(`http://portal.test/reviewer/assignments/${assignments[index]!.id}`)
			expect(mail!.text).toContain(application.reference)
		}
		expect(mails.find((item) => item.envelopeTo.includes('reza@example.edu'))!.subject).toMatch(/^Please review application VPP-2027-\d{4} by .*\d{4}/)
		expect(mails.find((item) => item.envelopeTo.includes('sara@example.edu'))!.subject).toContain('داوری کنید')
		// The applicant is told that the application is under review (the lifecycle's email); the third reviewer nothing.
		expect(mails.some((item) => item.envelopeTo.includes('ali@example.edu'))).toBe(false)
	})

	it('tells the reviewer when the office removes the assignment, and when it moves the due date', async () => {
		const { application, officeCookie, reviewers } = await setUp()
		await post(application, officeCookie, { intent: 'assign', reviewerId: [String(reviewers[0].id), String(reviewers[1].id)], dueDate: dueDay(14) })
		const [first, second] = portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, application.id)).all()
		const removed = await post(application, officeCookie, { intent: 'remove', assignmentId: String(first!.id) })
		expect(statusOf(removed)).toBe(302)
		expect(portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, first!.id)).get()!.status).toBe('ended')
		// Removing it again: it is no longer active.
		expect(statusOf(await post(application, officeCookie, { intent: 'remove', assignmentId: String(first!.id) }))).toBe(400)

		const moved = await post(application, officeCookie, { intent: 'due', assignmentId: String(second!.id), dueDate: dueDay(21) })
		expect(statusOf(moved)).toBe(302)
		expect(portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, second!.id)).get()!.dueAt.toISOString()).toBe(`${dueDay(21)}T20:29:00.000Z`)
		const reminders = portal.db.select().from(scheduledJobs).all().filter((job) => job.key.includes(`:${second!.id}:`))
		expect(reminders).toHaveLength(4)
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'assignment.due_date_changed')).all()).toHaveLength(1)

		const { pending } = await deliverAll()
		const mails = await portal.sink.waitForMessages(pending + 5)
		const toReza = mails.filter((mail) => mail.envelopeTo.includes('reza@example.edu')).map((mail) => mail.subject)
		expect(toReza).toEqual([expect.stringMatching(/^Please review/), `You no longer need to review ${application.reference}`])
		const toSara = mails.filter((mail) => mail.envelopeTo.includes('sara@example.edu'))
		expect(toSara).toHaveLength(2)
		expect(toSara[1]!.subject).toContain('مهلت تازه')

		// An assignment the office ended can be made again, and the reviewer is told again.
		expect(statusOf(await post(application, officeCookie, { intent: 'assign', reviewerId: String(reviewers[0].id), dueDate: dueDay(7) }))).toBe(302)
		expect(portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.id, first!.id)).get()!.status).toBe('active')
	})

	it('answers 400 with the field problems and keeps what was chosen', async () => {
		const { application, officeCookie, reviewers } = await setUp()
		const none = await post(application, officeCookie, { intent: 'assign', dueDate: dueDay(14) })
		expect(statusOf(none)).toBe(400)
		expect(dataOf(none)).toMatchObject({ errors: { reviewerId: 'office.assign.errors.none' } })
		const past = await post(application, officeCookie, { intent: 'assign', reviewerId: String(reviewers[0].id), dueDate: dueDay(-1) })
		expect(statusOf(past)).toBe(400)
		expect(dataOf(past)).toMatchObject({ errors: { dueDate: 'office.assign.errors.due' }, values: { reviewerIds: [String(reviewers[0].id)] } })
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(0)
		expect(statusRows(application.id)).toHaveLength(0)
	})

	it('refuses the whole batch when one reviewer cannot be assigned, and after a declared conflict', async () => {
		const { application, office, reviewers, applicant } = await setUp()
		const now = portal.clock.now()
		const notReviewer = () =>
			assignReviewers(portal.db, portal.config, { applicationId: application.id, reviewerIds: [reviewers[0].id, applicant.id], dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now })
		expect(notReviewer).toThrow(AssignmentError)
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(0)
		expect(portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('submitted')

		assignReviewers(portal.db, portal.config, { applicationId: application.id, reviewerIds: [reviewers[0].id], dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now })
		const assignment = portal.db.select().from(reviewAssignments).get()!
		portal.db.update(reviewAssignments).set({ status: 'released' }).where(eq(reviewAssignments.id, assignment.id)).run()
		portal.db
			.insert(conflictDeclarations)
			.values({ assignmentId: assignment.id, applicationId: application.id, reviewerId: reviewers[0].id, applicantId: applicant.id, hasConflict: true, reason: 'Co-author', declaredAt: now })
			.run()
		expect(() =>
			assignReviewers(portal.db, portal.config, { applicationId: application.id, reviewerIds: [reviewers[0].id], dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now }),
		).toThrow(expect.objectContaining({ reason: 'already_assigned' }))
		const option = reviewerOptions(portal.db, application.id).find((item) => item.id === reviewers[0].id)!
		expect(option).toMatchObject({ assignable: false, assignment: 'released' })
		expect(option.warnings.map((warning) => warning.reason)).toEqual(['declared_conflict'])
	})
})

describe('the assign form’s reviewer list', () => {
	it('gives every active reviewer with department, keywords, open load and conflict warnings', async () => {
		const { application, office, reviewers } = await setUp()
		const { db } = portal
		const now = portal.clock.now()
		// Dr Karimi is the proposed host; one referee shares the applicant's domain; a disabled reviewer is not listed.
		const host = insertUser(db, { role: 'reviewer', name: 'Host Reviewer', email: `host-${application.id}@example.edu` })
		const referee = insertUser(db, { role: 'reviewer', name: 'Referee Reviewer', email: `referee1-${application.id}@example.org` })
		const colleague = insertUser(db, { role: 'reviewer', name: 'Colleague', email: 'colleague@uni-lisboa.pt' })
		const disabled = insertUser(db, { role: 'reviewer', name: 'Gone', email: 'gone@example.edu' })
		db.update(users).set({ disabledAt: now }).where(eq(users.id, disabled.id)).run()
		assignReviewers(db, portal.config, { applicationId: application.id, reviewerIds: [reviewers[0].id], dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now })

		const options = reviewerOptions(db, application.id)
		expect(options.map((option) => option.name)).not.toContain('Gone')
		const byId = new Map(options.map((option) => [option.id, option]))
		expect(byId.get(reviewers[0].id)).toMatchObject({ openLoad: 1, assignment: 'active', assignable: false })
		expect(byId.get(reviewers[1].id)).toMatchObject({ openLoad: 0, assignment: null, assignable: true, warnings: [] })
		expect(byId.get(host.id)!.warnings.map((warning) => warning.reason)).toEqual(['named_host'])
		expect(byId.get(referee.id)!.warnings.map((warning) => warning.reason)).toEqual(['named_referee'])
		expect(byId.get(colleague.id)!.warnings.map((warning) => warning.reason)).toEqual(['same_email_domain'])
	})
})

describe('the office’s application page', () => {
	it('shows the reviews side by side, each review’s score, the application’s score and the disagreement flag', async () => {
		const { application, office, officeCookie, reviewers } = await setUp()
		const now = portal.clock.now()
		const { db } = portal
		assignReviewers(db, portal.config, { applicationId: application.id, reviewerIds: reviewers.map((reviewer) => reviewer.id), dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now })
		const assignments = db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, application.id)).all()
		const scores = [
			{ excellence: 5, relevance: 5, plan: 5, impact: 5 },
			{ excellence: 3, relevance: 3, plan: 3, impact: 3 },
		]
		scores.forEach((score, index) => {
			const assignment = assignments[index]!
			db.insert(reviews)
				.values({ assignmentId: assignment.id, applicationId: application.id, reviewerId: assignment.reviewerId, scores: score, recommendation: index === 0 ? 'strongly_support' : 'neutral', commentForOffice: `Office note ${index}`, status: 'submitted', submittedAt: now, createdAt: now, updatedAt: now })
				.run()
		})
		// A draft is not compared.
		db.insert(reviews)
			.values({ assignmentId: assignments[2]!.id, applicationId: application.id, reviewerId: assignments[2]!.reviewerId, scores: { excellence: 1 }, status: 'draft', createdAt: now, updatedAt: now })
			.run()

		const result = dataOf<{ comparison: { reviews: { score: number; reviewerName: string; commentForOffice: string }[]; summary: { score: number; count: number; lowest: number; highest: number; disagree: boolean; criteria: { key: string; mean: number; spread: number }[] } }; assignments: { review: string }[] }>(
			await page(application, officeCookie),
		)
		expect(result.comparison.reviews.map((review) => [review.reviewerName, review.score, review.commentForOffice])).toEqual([
			['Dr Reza Karimi', 100, 'Office note 0'],
			['Dr Sara Ahmadi', 50, 'Office note 1'],
		])
		expect(result.comparison.summary).toMatchObject({ score: 75, count: 2, lowest: 50, highest: 100, disagree: true })
		expect(result.comparison.summary.criteria[0]).toMatchObject({ key: 'excellence', mean: 4, spread: 2 })
		expect(result.assignments.map((row) => row.review)).toEqual(['submitted', 'submitted', 'draft'])

		// The call's list shows the same score, with its count and the flag.
		const list = dataOf<{ total: number; rows: { reference: string; score: number; disagree: boolean; reviewsDone: number; reviewsAssigned: number }[] }>(
			await call(callLoader, new Request(`http://portal.test/office/calls/${application.callId}?status=under_review`, { headers: { Cookie: officeCookie } }), portal.context(), { id: String(application.callId) }),
		)
		expect(list.total).toBe(1)
		expect(list.rows[0]).toMatchObject({ reference: application.reference, score: 75, disagree: true, reviewsDone: 2, reviewsAssigned: 3 })
		const filtered = dataOf<{ total: number }>(
			await call(callLoader, new Request(`http://portal.test/office/calls/${application.callId}?status=approved`, { headers: { Cookie: officeCookie } }), portal.context(), { id: String(application.callId) }),
		)
		expect(filtered.total).toBe(0)
	})
})

const rubricPost = (callId: number, cookie: string, fields: Record<string, string>) =>
	call(
		rubricAction,
		formRequest(`/office/calls/${callId}/rubric`, fields, { Cookie: cookie }),
		portal.context(),
		{ id: String(callId) },
	)

function fieldsOf(callId: number, change: (criteria: Record<string, string>[]) => void = () => {}) {
	const criteria = callRubric(portal.db, callId).map((row) => ({
		key: row.key,
		weight: String(row.weight),
		labelEn: row.labelEn,
		labelFa: row.labelFa,
		descriptionEn: row.descriptionEn,
		descriptionFa: row.descriptionFa,
		anchor1En: row.anchor1En,
		anchor1Fa: row.anchor1Fa,
		anchor3En: row.anchor3En,
		anchor3Fa: row.anchor3Fa,
		anchor5En: row.anchor5En,
		anchor5Fa: row.anchor5Fa,
	})) as Record<string, string>[]
	change(criteria)
	return Object.fromEntries(criteria.flatMap((criterion, index) => Object.entries(criterion).map(([field, value]) => [`criteria.${index}.${field}`, value])))
}

describe('the rubric editor', () => {
	it('requires weights that add up to 100 and every text, answering 400 with nothing lost', async () => {
		const { callId, officeCookie } = await setUp()
		const wrong = await rubricPost(callId, officeCookie, {
			intent: 'save',
			...fieldsOf(callId, (criteria) => {
				criteria[0]!.weight = '35'
				criteria[1]!.labelFa = ' '
			}),
		})
		expect(statusOf(wrong)).toBe(400)
		const body = dataOf<{ errors: Record<string, string>; criteria: { weight: string; labelEn: string }[] }>(wrong)
		expect(body.errors).toMatchObject({ weights: 'office.rubric.errors.sum', 'criteria.1.labelFa': 'office.rubric.errors.required' })
		expect(body.criteria[0]).toMatchObject({ weight: '35', labelEn: 'Scientific excellence and track record' })
		expect(callRubric(portal.db, callId).map((row) => row.weight)).toEqual([30, 25, 25, 20])

		// Persian digits are read; a criterion is removed and another added, weights again 100.
		const saved = await rubricPost(callId, officeCookie, {
			intent: 'save',
			...fieldsOf(callId, (criteria) => {
				criteria[0]!.weight = '۳۵'
				criteria[3]!.remove = 'on'
				criteria.push({ ...criteria[3]!, remove: '', key: '', weight: '15', labelEn: 'Teaching experience', labelFa: 'تجربه آموزشی' })
				delete criteria[4]!.remove
			}),
		})
		expect(statusOf(saved)).toBe(302)
		expect(callRubric(portal.db, callId).map((row) => [row.key, row.weight])).toEqual([
			['excellence', 35],
			['relevance', 25],
			['plan', 25],
			['teaching-experience', 15],
		])
	})

	it('cannot be edited once a review of the call is submitted', async () => {
		const { callId, office, officeCookie, application, reviewers } = await setUp()
		const now = portal.clock.now()
		assignReviewers(portal.db, portal.config, { applicationId: application.id, reviewerIds: [reviewers[0].id], dueAt: new Date(now.getTime() + days(5)), actor: actorOf(office), now })
		const assignment = portal.db.select().from(reviewAssignments).get()!
		portal.db
			.insert(reviews)
			.values({ assignmentId: assignment.id, applicationId: application.id, reviewerId: reviewers[0].id, scores: { excellence: 3, relevance: 3, plan: 3, impact: 3 }, status: 'draft', createdAt: now, updatedAt: now })
			.run()
		// A draft does not lock it.
		expect(statusOf(await rubricPost(callId, officeCookie, { intent: 'save', ...fieldsOf(callId) }))).toBe(302)
		portal.db.update(reviews).set({ status: 'submitted', submittedAt: now }).where(eq(reviews.assignmentId, assignment.id)).run()
		const refused = await rubricPost(callId, officeCookie, { intent: 'save', ...fieldsOf(callId, (criteria) => void (criteria[0]!.labelEn = 'Changed')) })
		expect(statusOf(refused)).toBe(409)
		expect(callRubric(portal.db, callId)[0]!.labelEn).toBe('Scientific excellence and track record')
		const loaded = dataOf<{ locked: boolean }>(
			await call(rubricLoader, new Request(`http://portal.test/office/calls/${callId}/rubric`, { headers: { Cookie: officeCookie } }), portal.context(), { id: String(callId) }),
		)
		expect(loaded.locked).toBe(true)
	})
})

describe('office pages', () => {
	it('answer 404 to reviewers and applicants, and send a visitor to sign in', async () => {
		const { callId, application, applicant, reviewers, officeCookie } = await setUp()
		const now = portal.clock.now()
		// Even an assigned reviewer and the application's own applicant.
		portal.db.insert(reviewAssignments).values({ applicationId: application.id, reviewerId: reviewers[0].id, dueAt: new Date(now.getTime() + days(5)), createdAt: now, updatedAt: now }).run()
		const id = { id: String(application.id) }
		const callParams = { id: String(callId) }
		for (const user of [applicant, reviewers[0]]) {
			const cookie = await sessionCookie(portal, user.id)
			const get = (path: string) => new Request(`http://portal.test${path}`, { headers: { Cookie: cookie } })
			expect(statusOf(await call(callsLoader, get('/office/calls'), portal.context()))).toBe(404)
			expect(statusOf(await call(callLoader, get(`/office/calls/${callId}`), portal.context(), callParams))).toBe(404)
			expect(statusOf(await call(rubricLoader, get(`/office/calls/${callId}/rubric`), portal.context(), callParams))).toBe(404)
			expect(statusOf(await call(applicationLoader, get(`/office/applications/${application.id}`), portal.context(), id))).toBe(404)
			expect(statusOf(await post(application, cookie, { intent: 'assign', reviewerId: String(reviewers[1].id), dueDate: dueDay(14) }))).toBe(404)
			expect(statusOf(await rubricPost(callId, cookie, { intent: 'save', ...fieldsOf(callId) }))).toBe(404)
		}
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(1)
		const anonymous = await call(callsLoader, new Request('http://portal.test/office/calls'), portal.context())
		expect(statusOf(anonymous)).toBe(302)
		// The office sees them; an unknown id is 404 for the office too.
		expect(statusOf(await call(callsLoader, new Request('http://portal.test/office/calls', { headers: { Cookie: officeCookie } }), portal.context()))).toBe(200)
		expect(statusOf(await page(application, officeCookie))).toBe(200)
		expect(statusOf(await call(applicationLoader, new Request('http://portal.test/office/applications/99999', { headers: { Cookie: officeCookie } }), portal.context(), { id: '99999' }))).toBe(404)
	})
})
