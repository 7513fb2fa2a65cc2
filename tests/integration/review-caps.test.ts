import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action as usersAction, loader as usersLoader } from '#app/routes/office.users.tsx'
import { auditLog, users, type User } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { assignReviewerRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

const cookieOf = (user: User) => sessionCookie(portal, user.id)

function setUp() {
	const office = insertUser(portal.db, { role: 'office', name: 'Parisa Office' })
	const reviewer = insertUser(portal.db, { role: 'reviewer', name: 'Dr Reza Karimi', email: 'reza@example.edu' })
	return { office, reviewer }
}

const postCap = async (as: User, userId: number, cap: string) =>
	call(usersAction, formRequest('/office/users', { intent: 'cap', userId: String(userId), cap }, { Cookie: await cookieOf(as) }), portal.context())

const capOf = (userId: number) => portal.db.select({ cap: users.reviewCap }).from(users).where(eq(users.id, userId)).get()!.cap

const capAudits = (userId: number) =>
	portal.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, 'user.review_cap_changed'), eq(auditLog.entityId, String(userId))))
		.all()

describe("a reviewer's review cap", () => {
	it('is saved by the office, with an audit row saying from what to what', async () => {
		const { office, reviewer } = setUp()
		expect(capOf(reviewer.id)).toBe(8)

		const result = await postCap(office, reviewer.id, ' 12 ')
		expect(statusOf(result)).toBe(200)
		expect(dataOf(result)).toMatchObject({ notice: 'office.users.cap.saved' })
		expect(capOf(reviewer.id)).toBe(12)
		expect(capAudits(reviewer.id)).toEqual([
			expect.objectContaining({ actorId: office.id, entity: 'user', data: { from: 8, to: 12 }, at: portal.clock.now() }),
		])
	})

	it('accepts Persian and Arabic-Indic digits', async () => {
		const { office, reviewer } = setUp()
		expect(statusOf(await postCap(office, reviewer.id, '۱۵'))).toBe(200)
		expect(capOf(reviewer.id)).toBe(15)
		expect(statusOf(await postCap(office, reviewer.id, '٣'))).toBe(200)
		expect(capOf(reviewer.id)).toBe(3)
		expect(capAudits(reviewer.id).map((row) => row.data)).toEqual([
			{ from: 8, to: 15 },
			{ from: 15, to: 3 },
		])
	})

	it('takes 0 and 50, and writes no audit row when nothing changes', async () => {
		const { office, reviewer } = setUp()
		expect(statusOf(await postCap(office, reviewer.id, '0'))).toBe(200)
		expect(capOf(reviewer.id)).toBe(0)
		expect(statusOf(await postCap(office, reviewer.id, '50'))).toBe(200)
		expect(statusOf(await postCap(office, reviewer.id, '50'))).toBe(200)
		expect(capOf(reviewer.id)).toBe(50)
		expect(capAudits(reviewer.id)).toHaveLength(2)
	})

	it.each(['51', '-1', '2.5', 'ten', '', '1e1', '۵۱'])('refuses %j with a 400, the message for that row, and saves nothing', async (value) => {
		const { office, reviewer } = setUp()
		const result = await postCap(office, reviewer.id, value)
		expect(statusOf(result)).toBe(400)
		expect(dataOf(result)).toMatchObject({
			errors: {},
			cap: { userId: reviewer.id, error: 'office.users.cap.errors.range', value },
		})
		expect(capOf(reviewer.id)).toBe(8)
		expect(capAudits(reviewer.id)).toEqual([])
	})

	it('is refused for someone who is not a reviewer, or nobody', async () => {
		const { office } = setUp()
		const applicant = insertUser(portal.db, { role: 'applicant' })
		for (const userId of [applicant.id, office.id, 999_999]) {
			const result = await postCap(office, userId, '5')
			expect(statusOf(result)).toBe(400)
			expect(dataOf(result)).toMatchObject({ problem: 'office.users.cap.errors.notReviewer' })
		}
		expect(capOf(applicant.id)).toBe(8)
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'user.review_cap_changed')).all()).toEqual([])
	})

	it('may not be changed by an applicant or a reviewer (not found)', async () => {
		const { reviewer } = setUp()
		const applicant = insertUser(portal.db, { role: 'applicant' })
		for (const someone of [applicant, reviewer]) {
			expect(statusOf(await postCap(someone, reviewer.id, '20'))).toBe(404)
		}
		expect(capOf(reviewer.id)).toBe(8)
		expect(capAudits(reviewer.id)).toEqual([])
	})

	it('is listed on the Users page beside the reviewer’s open reviews', async () => {
		const { office, reviewer } = setUp()
		const now = portal.clock.now()
		const callId = insertCall(portal.db, { now })
		for (let i = 0; i < 2; i++) {
			const applicant = insertUser(portal.db, { role: 'applicant' })
			const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status: 'under_review' })
			assignReviewerRow(portal.db, application.id, reviewer.id, now)
		}
		await postCap(office, reviewer.id, '5')
		const page = await call(usersLoader, new Request('http://portal.test/office/users', { headers: { Cookie: await cookieOf(office) } }), portal.context())
		const row = dataOf<{ users: { id: number; reviewCap: number; openLoad: number }[] }>(page).users.find((user) => user.id === reviewer.id)
		expect(row).toMatchObject({ reviewCap: 5, openLoad: 2 })
	})
})
