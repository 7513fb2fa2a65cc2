import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action as applicantAction } from '#app/routes/applications.$id.visit-confirmation.tsx'
import { action as officeAction, loader as officeLoader } from '#app/routes/office.calls.$id.visits.tsx'
import { applications, outbox, statusChanges, visits, type Application, type User } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
})

const cookieOf = (user: User) => sessionCookie(portal, user.id)

/** A call with one unconfirmed approval (confirm by in 3 days) and one confirmed visit (2027-04-01 to 2027-04-14). */
async function setUp() {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const office = insertUser(portal.db, { role: 'office' })
	const reviewer = insertUser(portal.db, { role: 'reviewer' })
	const waiting = insertUser(portal.db, { role: 'applicant', name: 'Ada Waiting', email: 'ada@uni.example' })
	const visitor = insertUser(portal.db, { role: 'applicant', name: 'Vera Visitor', email: 'vera@uni.example' })
	const unconfirmed = placeApplication(portal.db, { callId, applicantId: waiting.id, now, status: 'approved', confirmBy: new Date(now.getTime() + days(3)) })
	const confirmed = placeApplication(portal.db, { callId, applicantId: visitor.id, now, status: 'visit_confirmed' })
	portal.db.insert(visits).values({ applicationId: confirmed.id, startDate: '2027-04-01', endDate: '2027-04-14', confirmedAt: now, updatedAt: now }).run()
	return {
		callId,
		unconfirmed,
		confirmed,
		waiting,
		visitor,
		office,
		officeCookie: await cookieOf(office),
		reviewerCookie: await cookieOf(reviewer),
		waitingCookie: await cookieOf(waiting),
		visitorCookie: await cookieOf(visitor),
	}
}

const reload = (application: Application) => portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!

function post(handler: typeof officeAction | typeof applicantAction, path: string, cookie: string, fields: Record<string, string>, id: number) {
	const request = new Request(`http://portal.test${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
		body: new URLSearchParams(fields).toString(),
	})
	return call(handler, request, portal.context(), { id: String(id) })
}

const officePost = (callId: number, cookie: string, fields: Record<string, string>) => post(officeAction, `/office/calls/${callId}/visits`, cookie, fields, callId)

const page = (callId: number, cookie: string) =>
	call(officeLoader, new Request(`http://portal.test/office/calls/${callId}/visits`, { headers: { Cookie: cookie } }), portal.context(), { id: String(callId) })

type Page = {
	unconfirmed: { applicationId: number; reference: string; applicantName: string; passed: boolean; waitingFor: string; version: number }[]
	visits: { applicationId: number; reference: string; visitorName: string; startDate: string; endDate: string; status: string; ended: boolean }[]
}

const lastChange = (application: Application) =>
	portal.db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all().at(-1)

describe('the office visits page', () => {
	it('lists the unconfirmed approvals and the confirmed visits', async () => {
		const { callId, unconfirmed, confirmed, officeCookie } = await setUp()
		const result = await page(callId, officeCookie)
		expect(statusOf(result)).toBe(200)
		const data = dataOf<Page>(result)
		expect(data.unconfirmed).toEqual([
			expect.objectContaining({ applicationId: unconfirmed.id, reference: unconfirmed.reference, applicantName: 'Ada Waiting', passed: false, waitingFor: 'applicant', version: unconfirmed.version }),
		])
		expect(data.visits).toEqual([
			expect.objectContaining({ applicationId: confirmed.id, visitorName: 'Vera Visitor', startDate: '2027-04-01', endDate: '2027-04-14', status: 'visit_confirmed', ended: false }),
		])
	})

	it('answers 404 to an applicant and a reviewer', async () => {
		const { callId, unconfirmed, waitingCookie, reviewerCookie } = await setUp()
		for (const cookie of [waitingCookie, reviewerCookie]) {
			expect(statusOf(await page(callId, cookie))).toBe(404)
			const fields = { intent: 'cancel-approval', applicationId: String(unconfirmed.id), version: String(unconfirmed.version), reason: 'x' }
			expect(statusOf(await officePost(callId, cookie, fields))).toBe(404)
		}
	})
})

describe('cancelling an unconfirmed approval', () => {
	it('is refused before the confirm-by date, and cancels with the reason after it, telling the applicant', async () => {
		const { callId, unconfirmed, office, ...rest } = await setUp()
		let { officeCookie } = rest
		const fields = { intent: 'cancel-approval', applicationId: String(unconfirmed.id), version: String(unconfirmed.version), reason: 'Did not confirm in time' }
		const early = await officePost(callId, officeCookie, fields)
		expect(statusOf(early)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(early).errors.form).toBe('office.visits.errors.notPassed')
		expect(reload(unconfirmed).status).toBe('approved')

		portal.clock.advance(days(3))
		// Sessions end when idle: sign in again after the clock moved.
		officeCookie = await cookieOf(office)
		expect(dataOf<Page>(await page(callId, officeCookie)).unconfirmed[0]?.passed).toBe(true)
		const missing = await officePost(callId, officeCookie, { ...fields, reason: '  ' })
		expect(statusOf(missing)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(missing).errors.reason).toBe('office.visits.errors.reasonRequired')

		const done = await officePost(callId, officeCookie, fields)
		expect(statusOf(done)).toBe(302)
		expect((done as Response).headers.get('Location')).toBe(`/office/calls/${callId}/visits?done=cancel-approval`)
		expect(reload(unconfirmed).status).toBe('cancelled')
		expect(lastChange(unconfirmed)).toMatchObject({ fromStatus: 'approved', toStatus: 'cancelled', note: 'Did not confirm in time' })
		const emails = portal.db
			.select()
			.from(outbox)
			.where(and(eq(outbox.applicationId, unconfirmed.id), eq(outbox.toAddress, 'ada@uni.example')))
			.all()
		expect(emails.some((email) => email.template.includes('cancelled'))).toBe(true)

		// The same form again: the application changed meanwhile.
		expect(statusOf(await officePost(callId, officeCookie, fields))).toBe(409)
	})
})

describe('a confirmed visit', () => {
	it('is marked completed only after its end date in the call’s time zone', async () => {
		const { callId, confirmed, office, ...rest } = await setUp()
		let { officeCookie } = rest
		const fields = { intent: 'complete', applicationId: String(confirmed.id), version: String(confirmed.version) }
		// 2027-04-14 23:00 in Tehran (UTC+3:30) is still the last day of the visit.
		portal.clock.advance(new Date('2027-04-14T19:30:00Z').getTime() - portal.clock.now().getTime())
		officeCookie = await cookieOf(office)
		const early = await officePost(callId, officeCookie, fields)
		expect(statusOf(early)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(early).errors.form).toBe('office.visits.errors.notEnded')
		expect(reload(confirmed).status).toBe('visit_confirmed')

		// 00:30 on 15 April in Tehran.
		portal.clock.advance(days(1) / 24)
		officeCookie = await cookieOf(office)
		expect(dataOf<Page>(await page(callId, officeCookie)).visits[0]?.ended).toBe(true)
		expect(statusOf(await officePost(callId, officeCookie, fields))).toBe(302)
		expect(reload(confirmed).status).toBe('completed')
		expect(dataOf<Page>(await page(callId, officeCookie)).visits[0]?.status).toBe('completed')
	})

	it('is cancelled by the office with a reason, and not without one', async () => {
		const { callId, confirmed, officeCookie } = await setUp()
		const fields = { intent: 'cancel-visit', applicationId: String(confirmed.id), version: String(confirmed.version) }
		expect(statusOf(await officePost(callId, officeCookie, fields))).toBe(400)
		expect(statusOf(await officePost(callId, officeCookie, { ...fields, version: String(confirmed.version - 1), reason: 'Stale' }))).toBe(409)
		expect(statusOf(await officePost(callId, officeCookie, { ...fields, reason: 'The host school is closed' }))).toBe(302)
		expect(reload(confirmed).status).toBe('cancelled')
		expect(lastChange(confirmed)).toMatchObject({ fromStatus: 'visit_confirmed', toStatus: 'cancelled', note: 'The host school is closed' })
	})

	it('is cancelled by its applicant with a reason, and not by another applicant', async () => {
		const { confirmed, visitorCookie, waitingCookie } = await setUp()
		const path = `/applications/${confirmed.id}/visit-confirmation`
		const fields = { intent: 'cancel-visit', version: String(confirmed.version) }
		expect(statusOf(await post(applicantAction, path, waitingCookie, { ...fields, reason: 'Not mine' }, confirmed.id))).toBe(404)
		const missing = await post(applicantAction, path, visitorCookie, fields, confirmed.id)
		expect(statusOf(missing)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(missing).errors.reason).toBe('office.visits.errors.reasonRequired')
		expect(reload(confirmed).status).toBe('visit_confirmed')

		const done = await post(applicantAction, path, visitorCookie, { ...fields, reason: 'A family emergency' }, confirmed.id)
		expect(statusOf(done)).toBe(302)
		expect(reload(confirmed).status).toBe('cancelled')
		const change = lastChange(confirmed)
		expect(change).toMatchObject({ fromStatus: 'visit_confirmed', toStatus: 'cancelled', note: 'A family emergency', actorId: reload(confirmed).applicantId })
	})
})
