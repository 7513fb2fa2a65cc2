import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { seedDemo } from '#db/seed.ts'
import { declareConflict, ReviewError, saveReview, scheduleReviewReminders } from '#app/domain/reviews.server.ts'
import { jobs } from '#app/jobs/registry.server.ts'
import { createScheduler } from '#app/jobs/scheduler.server.ts'
import { loader as reviewLoader } from '#app/routes/reviewer.assignments.$id.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { documents, outbox, reviewAssignments, reviews } from '#db/schema.ts'
import { call, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { insertUser, placeApplication } from '#tests/support/lifecycle.ts'

const DAY = 86_400_000
let portal: Portal | null = null
afterEach(async () => {
	await portal?.stop()
	portal = null
})

async function underReview() {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
	const { db, clock } = portal
	const now = clock.now()
	seedDemo(db, now)
	const applicant = insertUser(db, { role: 'applicant' })
	const reviewer = insertUser(db, { role: 'reviewer', name: 'Dr Reza Karimi' })
	const application = placeApplication(db, { callId: 1, applicantId: applicant.id, now, status: 'under_review', firstSubmittedAt: now })
	const dueAt = new Date(now.getTime() + 14 * DAY)
	const assignment = db
		.insert(reviewAssignments)
		.values({ applicationId: application.id, reviewerId: reviewer.id, dueAt, createdAt: now, updatedAt: now })
		.returning()
		.get()
	db.transaction((tx) => scheduleReviewReminders(tx, { assignmentId: assignment.id, dueAt, now }), { behavior: 'immediate' })
	return { portal, applicant, reviewer, application, assignment, dueAt }
}

const reminders = (portal: Portal) => portal.db.select().from(outbox).where(eq(outbox.template, 'review-reminder')).all()

describe('review reminders', () => {
	it('go 3 days before and 1 day after the due date, once each, and not again after a restart', async () => {
		const { portal, reviewer } = await underReview()
		const scheduler = () => createScheduler({ db: portal.db, config: portal.config, now: portal.clock.now, jobs })
		await scheduler().runDueOnce()
		expect(reminders(portal)).toHaveLength(0)

		portal.clock.advance(11 * DAY)
		await scheduler().runDueOnce()
		expect(reminders(portal)).toHaveLength(1)
		// A restart (a new scheduler) at the same time repeats nothing.
		await scheduler().runDueOnce()
		expect(reminders(portal)).toHaveLength(1)

		portal.clock.advance(4 * DAY)
		await scheduler().runDueOnce()
		await scheduler().runDueOnce()
		const sent = reminders(portal)
		expect(sent).toHaveLength(2)
		expect(sent.every((email) => email.toAddress === reviewer.email)).toBe(true)
		await portal.deliver()
		const mails = await portal.sink.waitForMessages(2)
		expect(mails.map((mail) => mail.subject)).toEqual([expect.stringMatching(/^Reminder/), expect.stringMatching(/^Overdue/)])
	})

	it('are not sent for a review already submitted', async () => {
		const { portal, reviewer, assignment } = await underReview()
		declareConflict(portal.db, portal.config, { assignmentId: assignment.id, reviewerId: reviewer.id, hasConflict: false, reason: null, now: portal.clock.now() })
		saveReview(portal.db, portal.config, {
			assignmentId: assignment.id,
			reviewerId: reviewer.id,
			input: { scores: { excellence: 4, relevance: 4, plan: 3, impact: 5 }, recommendation: 'support', commentForOffice: 'Good.', commentForApplicant: null },
			submit: true,
			now: portal.clock.now(),
		})
		portal.clock.advance(20 * DAY)
		await createScheduler({ db: portal.db, config: portal.config, now: portal.clock.now, jobs }).runDueOnce()
		expect(reminders(portal)).toHaveLength(0)
		// The office heard once that all reviews are in.
		expect(portal.db.select().from(outbox).where(eq(outbox.template, 'reviews-complete')).all().map((email) => email.toAddress)).toEqual(['office@portal.test'])
	})
})

describe('declaring a conflict', () => {
	it('releases the assignment and tells the office', async () => {
		const { portal, reviewer, assignment } = await underReview()
		declareConflict(portal.db, portal.config, { assignmentId: assignment.id, reviewerId: reviewer.id, hasConflict: true, reason: 'We co-authored a paper last year.', now: portal.clock.now() })
		expect(portal.db.select().from(reviewAssignments).get()?.status).toBe('released')
		await portal.deliver()
		const [mail] = await portal.sink.waitForMessages(1)
		expect(mail!.envelopeTo).toEqual(['office@portal.test'])
		expect(mail!.text).toContain('We co-authored a paper last year.')
		expect(() =>
			saveReview(portal.db, portal.config, {
				assignmentId: assignment.id,
				reviewerId: reviewer.id,
				input: { scores: {}, recommendation: null, commentForOffice: null, commentForApplicant: null },
				submit: false,
				now: portal.clock.now(),
			}),
		).toThrow(ReviewError)
	})
})

describe('a review', () => {
	it('cannot be submitted incomplete, may be saved as a draft, and is revised after submission', async () => {
		const { portal, reviewer, assignment } = await underReview()
		const now = portal.clock.now()
		declareConflict(portal.db, portal.config, { assignmentId: assignment.id, reviewerId: reviewer.id, hasConflict: false, reason: null, now })
		const partial = { scores: { excellence: 4 }, recommendation: null, commentForOffice: null, commentForApplicant: null }
		const save = (input: typeof partial | Parameters<typeof saveReview>[2]['input'], submit: boolean) =>
			saveReview(portal.db, portal.config, { assignmentId: assignment.id, reviewerId: reviewer.id, input, submit, now })
		expect(() => save(partial, true)).toThrow(ReviewError)
		expect(save(partial, false).status).toBe('draft')
		const full = { scores: { excellence: 4, relevance: 4, plan: 3, impact: 5 }, recommendation: 'support' as const, commentForOffice: null, commentForApplicant: null }
		expect(save(full, true).status).toBe('submitted')
		expect(save({ ...full, scores: { ...full.scores, plan: 5 } }, false)).toMatchObject({ status: 'submitted', scores: { plan: 5 } })
		expect(portal.db.select().from(reviews).all()).toHaveLength(1)
	})
})

describe('a reviewer', () => {
	it('cannot open, review or download what is not assigned to them', async () => {
		const { portal, application, assignment } = await underReview()
		const stranger = insertUser(portal.db, { role: 'reviewer' })
		const cookie = await sessionCookie(portal, stranger.id)
		const page = await call(reviewLoader, new Request(`http://portal.test/reviewer/assignments/${assignment.id}`, { headers: { Cookie: cookie } }), portal.context(), {
			id: String(assignment.id),
		})
		expect(statusOf(page)).toBe(404)
		const cv = portal.db.select().from(documents).where(eq(documents.applicationId, application.id)).get()!
		const download = await call(documentLoader, new Request(`http://portal.test/documents/${cv.id}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(cv.id) })
		expect(statusOf(download)).toBe(404)
		expect(() =>
			saveReview(portal.db, portal.config, {
				assignmentId: assignment.id,
				reviewerId: stranger.id,
				input: { scores: {}, recommendation: null, commentForOffice: null, commentForApplicant: null },
				submit: false,
				now: portal.clock.now(),
			}),
		).toThrow(ReviewError)
	})
})
