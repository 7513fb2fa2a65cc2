import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loader, SUBMITTED_PAGE_SIZE } from '#app/routes/reviewer._index.tsx'
import { conflictDeclarations, reviewAssignments, reviews, type User } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

type Home = {
	toDo: { id: number; reference: string; due: string; overdue: boolean; state: string }[]
	submitted: { id: number; reference: string; submittedOn: string | null }[]
	submittedCount: number
	page: number
	pageCount: number
}

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

/** One application assigned to `reviewer`, due `dueInDays` from now, in the given state of its review. */
function assignment(reviewer: User, callId: number, dueInDays: number, state: 'declare' | 'toReview' | 'draft' | 'submitted', submittedDaysAgo = 0) {
	const { db } = portal
	const now = portal.clock.now()
	const applicant = insertUser(db, { role: 'applicant' })
	const application = placeApplication(db, { callId, applicantId: applicant.id, now, status: 'under_review' })
	const row = db
		.insert(reviewAssignments)
		.values({
			applicationId: application.id,
			reviewerId: reviewer.id,
			dueAt: new Date(now.getTime() + days(dueInDays)),
			status: state === 'submitted' ? 'done' : 'active',
			createdAt: now,
			updatedAt: now,
		})
		.returning()
		.get()
	if (state !== 'declare') {
		db.insert(conflictDeclarations)
			.values({ assignmentId: row.id, applicationId: application.id, applicantId: applicant.id, reviewerId: reviewer.id, hasConflict: false, declaredAt: now })
			.run()
	}
	if (state === 'draft' || state === 'submitted') {
		db.insert(reviews)
			.values({
				assignmentId: row.id,
				applicationId: application.id,
				reviewerId: reviewer.id,
				scores: {},
				status: state === 'submitted' ? 'submitted' : 'draft',
				submittedAt: state === 'submitted' ? new Date(now.getTime() - days(submittedDaysAgo)) : null,
				createdAt: now,
				updatedAt: now,
			})
			.run()
	}
	return { id: row.id, reference: application.reference }
}

async function home(reviewer: User, search = '') {
	const result = await call(loader, new Request(`http://portal.test/reviewer${search}`, { headers: { Cookie: await sessionCookie(portal, reviewer.id) } }), portal.context())
	return dataOf<Home>(result)
}

describe("the reviewer's home", () => {
	it('lists the work to do whole, soonest due first, and the submitted reviews a page at a time, the latest first', async () => {
		const callId = insertCall(portal.db, { now: portal.clock.now() })
		const reviewer = insertUser(portal.db, { role: 'reviewer' })
		const later = assignment(reviewer, callId, 10, 'declare')
		const overdue = assignment(reviewer, callId, -2, 'toReview')
		const draft = assignment(reviewer, callId, 5, 'draft')
		// 25 submitted, the i-th i days ago: the latest is i = 0.
		const submitted = Array.from({ length: SUBMITTED_PAGE_SIZE + 5 }, (_, i) => assignment(reviewer, callId, -30, 'submitted', i))
		// Another reviewer's work never shows.
		const other = assignment(insertUser(portal.db, { role: 'reviewer' }), callId, 1, 'declare')

		const first = await home(reviewer)
		expect(first.toDo.map((row) => [row.reference, row.state, row.overdue])).toEqual([
			[overdue.reference, 'toReview', true],
			[draft.reference, 'draft', false],
			[later.reference, 'declare', false],
		])
		expect(first.submittedCount).toBe(SUBMITTED_PAGE_SIZE + 5)
		expect(first.pageCount).toBe(2)
		expect(first.submitted.map((row) => row.reference)).toEqual(submitted.slice(0, SUBMITTED_PAGE_SIZE).map((row) => row.reference))
		expect(first.submitted[0]!.submittedOn).toMatch(/2026/)

		const second = await home(reviewer, '?page=2')
		expect(second.page).toBe(2)
		expect(second.toDo).toHaveLength(3)
		expect(second.submitted.map((row) => row.reference)).toEqual(submitted.slice(SUBMITTED_PAGE_SIZE).map((row) => row.reference))
		// A page past the end, or nonsense, shows the nearest page.
		expect((await home(reviewer, '?page=99')).page).toBe(2)
		expect((await home(reviewer, '?page=abc')).page).toBe(1)

		const everything = [...first.toDo, ...first.submitted, ...second.submitted].map((row) => row.reference)
		expect(everything).not.toContain(other.reference)
		expect(new Set(everything).size).toBe(3 + SUBMITTED_PAGE_SIZE + 5)
	})

	it('is for reviewers only (others are told there is no such page)', async () => {
		const applicant = insertUser(portal.db, { role: 'applicant' })
		const result = await call(loader, new Request('http://portal.test/reviewer', { headers: { Cookie: await sessionCookie(portal, applicant.id) } }), portal.context())
		expect(statusOf(result)).toBe(404)
	})
})
