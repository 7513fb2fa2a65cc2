import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action, loader } from '#app/routes/office.calls.$id.suggestions.tsx'
import { applications, auditLog, calls, outbox, reviewAssignments, users } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

function reviewer(name: string, email: string, department: string, keywords: string, reviewCap = 8) {
	const user = insertUser(portal.db, { role: 'reviewer', name, email })
	return portal.db.update(users).set({ department, keywords, reviewCap }).where(eq(users.id, user.id)).returning().get()
}

/**
 * Three submitted applications (complete content: a cardiology applicant from the Charité hosted by the School of
 * Medicine's cardiology department), three eligible reviewers and one whose address is at the Charité.
 */
async function setUp() {
	const { db, clock } = portal
	const now = clock.now()
	const callId = insertCall(db, { now })
	const office = insertUser(db, { role: 'office', name: 'Parisa Office' })
	const list = [1, 2, 3].map((n) => {
		const applicant = insertUser(db, { role: 'applicant', name: `Applicant ${n}`, email: `applicant${n}@uni-lisboa.pt` })
		return placeApplication(db, { callId, applicantId: applicant.id, now, status: 'submitted', firstSubmittedAt: now })
	})
	const karimi = reviewer('Dr Reza Karimi', 'reza@example.edu', 'medicine.cardiology', 'cardiology, heart failure')
	const ahmadi = reviewer('Dr Sara Ahmadi', 'sara@example.edu', 'public-health.epidemiology-biostatistics', 'epidemiology')
	const rostami = reviewer('Dr Hamid Rostami', 'hamid@example.edu', 'dentistry.periodontics', 'periodontology')
	const charite = reviewer('Dr Lena Vogel', 'lena.vogel@charite.de', 'medicine.cardiology', 'cardiology')
	return { callId, office, officeCookie: await sessionCookie(portal, office.id), applications: list, karimi, ahmadi, rostami, charite }
}

const url = (callId: number, query = '') => `http://portal.test/office/calls/${callId}/suggestions${query}`

type Page = {
	perApplication: number
	rows: { applicationId: number; reference: string; need: number; reviewerIds: number[]; shortfall: { reason: string; eligible: number } | null }[]
	reviewers: { id: number; proposedLoad: number }[]
}

async function proposal(callId: number, cookie: string, query = ''): Promise<Page> {
	const result = await call(loader, new Request(url(callId, query), { headers: { Cookie: cookie } }), portal.context(), { id: String(callId) })
	expect(statusOf(result)).toBe(200)
	return dataOf<Page>(result)
}

function post(callId: number, cookie: string, fields: [string, string][], query = '') {
	const request = new Request(url(callId, query), {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
		body: new URLSearchParams(fields).toString(),
	})
	return call(action, request, portal.context(), { id: String(callId) })
}

const dueDay = (offset: number) => new Date(portal.clock.now().getTime() + days(offset)).toISOString().slice(0, 10)

/** The form the page posts: each row's application id and its reviewers' addresses. */
function proposalFields(rows: { applicationId: number; emails: string[] }[], extra: [string, string][] = []): [string, string][] {
	return [
		...rows.flatMap(({ applicationId, emails }): [string, string][] => [
			['application', String(applicationId)],
			...emails.map((email): [string, string] => [`reviewers-${applicationId}`, email]),
		]),
		['dueDate', dueDay(14)],
		...extra,
	]
}

describe('reviewer suggestions', () => {
	it('proposes N reviewers per application, never one with a conflict warning, spreading the load', async () => {
		const { callId, officeCookie, karimi, ahmadi, rostami, charite } = await setUp()
		const page = await proposal(callId, officeCookie)
		expect(page.perApplication).toBe(2)
		expect(page.rows).toHaveLength(3)
		for (const row of page.rows) {
			expect(row.reviewerIds).toHaveLength(2)
			expect(row.reviewerIds).not.toContain(charite.id)
			expect(row.shortfall).toBeNull()
		}
		// Six places over three eligible reviewers: two each.
		const loads = new Map(page.reviewers.map((reviewer) => [reviewer.id, reviewer.proposedLoad]))
		expect([karimi, ahmadi, rostami].map((reviewer) => loads.get(reviewer.id))).toEqual([2, 2, 2])
		expect(loads.get(charite.id)).toBe(0)
		// The cardiologist fits best (host department and keywords): listed first wherever chosen.
		for (const row of page.rows.filter((row) => row.reviewerIds.includes(karimi.id))) expect(row.reviewerIds[0]).toBe(karimi.id)
		// Deterministic: asking again gives the same proposal.
		expect((await proposal(callId, officeCookie)).rows).toEqual(page.rows)
	})

	it('keeps within each cap and names why an application falls short', async () => {
		const { callId, officeCookie, karimi, ahmadi, rostami } = await setUp()
		portal.db.update(users).set({ reviewCap: 1 }).where(eq(users.id, karimi.id)).run()
		portal.db.update(users).set({ reviewCap: 1 }).where(eq(users.id, ahmadi.id)).run()
		portal.db.update(users).set({ reviewCap: 0 }).where(eq(users.id, rostami.id)).run()
		const page = await proposal(callId, officeCookie)
		const loads = new Map(page.reviewers.map((reviewer) => [reviewer.id, reviewer.proposedLoad]))
		expect(loads.get(karimi.id)).toBe(1)
		expect(loads.get(ahmadi.id)).toBe(1)
		expect(loads.get(rostami.id)).toBe(0)
		expect(page.rows.flatMap((row) => row.reviewerIds)).toHaveLength(2)
		// Every application left short says why: enough reviewers are eligible, but their caps are reached.
		const short = page.rows.filter((row) => row.reviewerIds.length < 2)
		expect(short.length).toBeGreaterThanOrEqual(2)
		expect(short.map((row) => row.shortfall)).toEqual(short.map(() => ({ reason: 'caps_reached', eligible: 3 })))
		expect(page.rows.filter((row) => row.reviewerIds.length === 2).every((row) => row.shortfall === null)).toBe(true)

		// Four reviewers each, with three eligible: too few without a conflict.
		await post(callId, officeCookie, [
			['intent', 'per-application'],
			['perApplication', '۴'],
		])
		expect(portal.db.select().from(calls).where(eq(calls.id, callId)).get()!.reviewersPerApplication).toBe(4)
		const four = await proposal(callId, officeCookie)
		expect(four.rows.every((row) => row.shortfall?.reason === 'too_few_eligible' && row.shortfall.eligible === 3)).toBe(true)
	})

	it('counts reviewers already on an application and proposes only the rest; one application alone when asked', async () => {
		const { callId, officeCookie, applications: list, karimi } = await setUp()
		const now = portal.clock.now()
		portal.db.insert(reviewAssignments).values({ applicationId: list[0]!.id, reviewerId: karimi.id, dueAt: new Date(now.getTime() + days(14)), createdAt: now, updatedAt: now }).run()
		const page = await proposal(callId, officeCookie)
		const first = page.rows.find((row) => row.applicationId === list[0]!.id)!
		expect(first.need).toBe(1)
		expect(first.reviewerIds).toHaveLength(1)
		expect(first.reviewerIds).not.toContain(karimi.id)
		const one = await proposal(callId, officeCookie, `?application=${list[1]!.id}`)
		expect(one.rows.map((row) => row.applicationId)).toEqual([list[1]!.id])
	})

	it('confirming assigns every row in one go and queues one email per reviewer per application', async () => {
		const { callId, officeCookie, applications: list, karimi, ahmadi, rostami } = await setUp()
		const page = await proposal(callId, officeCookie)
		const emailOf = new Map([karimi, ahmadi, rostami].map((reviewer) => [reviewer.id, reviewer.email]))
		const rows = page.rows.map((row) => ({ applicationId: row.applicationId, emails: row.reviewerIds.map((id) => emailOf.get(id)!) }))
		const result = await post(callId, officeCookie, proposalFields(rows, [['intent', 'confirm']]))
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('Location')).toBe(`/office/calls/${callId}/suggestions?notice=assigned&assigned=6&applications=3`)

		const assigned = portal.db.select().from(reviewAssignments).all()
		expect(assigned).toHaveLength(6)
		expect(assigned.every((row) => row.status === 'active')).toBe(true)
		for (const application of list) {
			expect(portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!.status).toBe('under_review')
		}
		const emails = portal.db.select().from(outbox).where(eq(outbox.template, 'review-assigned')).all()
		expect(emails).toHaveLength(6)
		expect(new Set(emails.map((email) => `${email.applicationId}:${email.toAddress}`)).size).toBe(6)
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'assignment.created')).all()).toHaveLength(6)
		// Nothing is left to suggest.
		expect((await proposal(callId, officeCookie)).rows).toEqual([])
	})

	it('an edited proposal keeps its warnings: a conflicted choice is flagged and needs an explicit yes', async () => {
		const { callId, officeCookie, applications: list, karimi, ahmadi, charite } = await setUp()
		const rows = [{ applicationId: list[0]!.id, emails: [karimi.email, charite.email] }]
		const checked = await post(callId, officeCookie, proposalFields(rows, [['intent', 'check']]), `?application=${list[0]!.id}`)
		expect(statusOf(checked)).toBe(200)
		const warnings = dataOf<{ warnings: Record<string, Record<string, { reason: string }[]>> }>(checked).warnings
		expect(warnings[list[0]!.id]![charite.id]!.map((warning) => warning.reason)).toEqual(['same_institution'])
		expect(warnings[list[0]!.id]![karimi.id]).toBeUndefined()

		const refused = await post(callId, officeCookie, proposalFields(rows, [['intent', 'confirm']]), `?application=${list[0]!.id}`)
		expect(statusOf(refused)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(refused).errors.acceptWarnings).toBe('office.suggest.errors.acceptWarnings')
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(0)

		const accepted = await post(callId, officeCookie, proposalFields(rows, [['intent', 'confirm'], ['acceptWarnings', 'yes']]), `?application=${list[0]!.id}`)
		expect(statusOf(accepted)).toBe(302)
		const made = portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, list[0]!.id)).all()
		expect(made.map((row) => row.reviewerId).sort()).toEqual([karimi.id, charite.id].sort())
		expect(made.some((row) => row.reviewerId === ahmadi.id)).toBe(false)
	})

	it('refuses unknown and repeated reviewers next to their box, and saves nothing', async () => {
		const { callId, officeCookie, applications: list, karimi } = await setUp()
		const rows = [{ applicationId: list[0]!.id, emails: ['nobody@example.edu', karimi.email, karimi.email] }]
		const result = await post(callId, officeCookie, proposalFields(rows, [['intent', 'confirm']]))
		expect(statusOf(result)).toBe(400)
		const errors = dataOf<{ errors: Record<string, string>; values: Record<string, string[]> }>(result)
		expect(errors.errors[`reviewers-${list[0]!.id}-0`]).toBe('office.suggest.errors.unknownReviewer')
		expect(errors.errors[`reviewers-${list[0]!.id}-2`]).toBe('office.suggest.errors.duplicate')
		// What was typed comes back for the form.
		expect(errors.values[list[0]!.id]).toEqual(['nobody@example.edu', karimi.email, karimi.email])
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(0)
	})

	it('assigns all or nothing: an application withdrawn meanwhile is named and no row is assigned', async () => {
		const { callId, officeCookie, applications: list, karimi, ahmadi, rostami } = await setUp()
		const page = await proposal(callId, officeCookie)
		const emailOf = new Map([karimi, ahmadi, rostami].map((reviewer) => [reviewer.id, reviewer.email]))
		const rows = page.rows.map((row) => ({ applicationId: row.applicationId, emails: row.reviewerIds.map((id) => emailOf.get(id)!) }))
		portal.db.update(applications).set({ status: 'withdrawn' }).where(eq(applications.id, list[1]!.id)).run()
		const result = await post(callId, officeCookie, proposalFields(rows, [['intent', 'confirm']]))
		expect(statusOf(result)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(result).errors.form).toBe('office.suggest.errors.changed')
		expect(portal.db.select().from(reviewAssignments).all()).toHaveLength(0)
		expect(portal.db.select().from(outbox).where(eq(outbox.template, 'review-assigned')).all()).toHaveLength(0)
	})

	it('refuses a bad number of reviewers per application with a message, and keeps the old one', async () => {
		const { callId, officeCookie } = await setUp()
		for (const value of ['0', '7', 'two', '']) {
			const result = await post(callId, officeCookie, [
				['intent', 'per-application'],
				['perApplication', value],
			])
			expect(statusOf(result)).toBe(400)
			expect(dataOf<{ errors: Record<string, string> }>(result).errors.perApplication).toBe('office.suggest.errors.perApplication')
		}
		expect(portal.db.select().from(calls).where(eq(calls.id, callId)).get()!.reviewersPerApplication).toBe(2)
		const saved = await post(callId, officeCookie, [
			['intent', 'per-application'],
			['perApplication', '3'],
		])
		expect(statusOf(saved)).toBe(302)
		expect(portal.db.select().from(auditLog).where(and(eq(auditLog.action, 'call.reviewers_per_application'))).all()).toHaveLength(1)
	})

	it('answers 404 to applicants and reviewers, and for an application of another call', async () => {
		const { callId, applications: list, karimi } = await setUp()
		const applicant = portal.db.select().from(users).where(eq(users.id, list[0]!.applicantId)).get()!
		for (const user of [applicant, karimi]) {
			const cookie = await sessionCookie(portal, user.id)
			expect(statusOf(await call(loader, new Request(url(callId), { headers: { Cookie: cookie } }), portal.context(), { id: String(callId) }))).toBe(404)
			expect(statusOf(await post(callId, cookie, [['intent', 'confirm']]))).toBe(404)
		}
		const office = insertUser(portal.db, { role: 'office' })
		const other = insertCall(portal.db, { now: portal.clock.now() })
		const cookie = await sessionCookie(portal, office.id)
		expect(statusOf(await call(loader, new Request(url(other, `?application=${list[0]!.id}`), { headers: { Cookie: cookie } }), portal.context(), { id: String(other) }))).toBe(404)
	})
})
