import { and, eq } from 'drizzle-orm'
import ICAL from 'ical.js'
import { PDFParse } from 'pdf-parse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { action as visitAction, loader as visitLoader } from '#app/routes/applications.$id.visit-confirmation.tsx'
import { loader as letterLoader } from '#app/routes/applications.$id.invitation-letter[.]pdf.ts'
import { action as officeAction } from '#app/routes/office.applications.$id.tsx'
import { applications, applicationSteps, auditLog, visits, type Application, type User } from '#db/schema.ts'
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

/** An approved application of 'Łukasz Şahin Nguyễn' whose visit step proposes 2027-04-01 to 2027-04-14. */
async function approved() {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const applicant = insertUser(portal.db, { role: 'applicant', name: 'Łukasz Şahin Nguyễn', email: 'lukasz@uni-warszawa.pl' })
	const office = insertUser(portal.db, { role: 'office' })
	const reviewer = insertUser(portal.db, { role: 'reviewer' })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status: 'approved', confirmBy: new Date(now.getTime() + days(21)) })
	const where = and(eq(applicationSteps.applicationId, application.id), eq(applicationSteps.step, 'personal'))
	const personal = portal.db.select().from(applicationSteps).where(where).get()!
	portal.db.update(applicationSteps).set({ data: { ...personal.data, givenNames: 'Łukasz Şahin', familyName: 'Nguyễn' } }).where(where).run()
	return { application, applicant, office, reviewer, applicantCookie: await cookieOf(applicant), officeCookie: await cookieOf(office), reviewerCookie: await cookieOf(reviewer) }
}

function post(handler: typeof visitAction | typeof officeAction, path: string, cookie: string, fields: Record<string, string>, id: number) {
	const request = new Request(`http://portal.test${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
		body: new URLSearchParams(fields).toString(),
	})
	return call(handler, request, portal.context(), { id: String(id) })
}

const reload = (application: Application) => portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!

describe('confirming the visit', () => {
	it('the applicant confirms the dates of the application: visit_confirmed, and the email carries the letter PDF and the .ics', async () => {
		const { application, applicantCookie } = await approved()
		const page = dataOf<{ proposal: { by: string; start: string; end: string } }>(
			await call(visitLoader, new Request(`http://portal.test/applications/${application.id}/visit-confirmation`, { headers: { Cookie: applicantCookie } }), portal.context(), { id: String(application.id) }),
		)
		expect(page.proposal).toMatchObject({ by: 'application', start: '2027-04-01', end: '2027-04-14' })
		const result = await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'confirm', version: String(application.version) }, application.id)
		expect(statusOf(result)).toBe(302)
		expect(reload(application).status).toBe('visit_confirmed')
		const visit = portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()!
		expect(visit).toMatchObject({ startDate: '2027-04-01', endDate: '2027-04-14' })
		expect(visit.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)

		const before = portal.sink.received.length
		await portal.deliver()
		// The applicant and the office (this test's application has no host endorsement row, so no host email).
		const mails = await portal.sink.waitForMessages(before + 2)
		const mine = mails.find((mail) => mail.envelopeTo.includes('lukasz@uni-warszawa.pl') && /confirm/i.test(mail.subject ?? ''))!
		expect(mine).toBeDefined()
		const pdf = mine.attachments.find((attachment) => attachment.contentType === 'application/pdf')!
		expect(pdf.filename).toBe(`invitation-letter-${application.reference}.pdf`)
		const text = (await new PDFParse({ data: new Uint8Array(pdf.content) }).getText()).text
		expect(text).toContain('Łukasz Şahin Nguyễn')
		expect(text).toContain(application.reference)
		expect(text).toContain(visit.verificationCode!)
		expect(text).toMatch(/1 April 2027/)
		const ics = mine.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!
		const event = new ICAL.Component(ICAL.parse(ics.content.toString('utf8'))).getFirstSubcomponent('vevent')!
		expect(String(event.getFirstPropertyValue('dtstart'))).toBe('2027-04-01')
		expect(String(event.getFirstPropertyValue('dtend'))).toBe('2027-04-15')
		// The office is told too, without attachments.
		const others = mails.slice(before).filter((mail) => mail !== mine)
		expect(others.some((mail) => mail.envelopeTo.includes('office@portal.test'))).toBe(true)
		expect(others.every((mail) => mail.attachments.length === 0)).toBe(true)
	})

	it('the applicant proposes other dates inside the window; the office accepts them, which confirms the visit', async () => {
		const { application, applicantCookie, officeCookie } = await approved()
		const outside = await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'propose', start: '2026-01-01', end: '2026-01-20' }, application.id)
		expect(statusOf(outside)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(outside).errors.start).toBe('visit.errors.window')
		const short = await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'propose', start: '2027-05-01', end: '2027-05-02' }, application.id)
		expect(dataOf<{ errors: Record<string, string> }>(short).errors.start).toBe('visit.errors.tooShort')
		expect(statusOf(await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'propose', start: '۲۰۲۷-۰۵-۰۱', end: '2027-05-20' }, application.id))).toBe(302)
		// The applicant cannot confirm their own proposal; the office accepts it.
		expect(statusOf(await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'confirm', version: String(application.version) }, application.id))).toBe(409)
		const accepted = await post(officeAction, `/office/applications/${application.id}`, officeCookie, { intent: 'visit-accept', version: String(application.version) }, application.id)
		expect(statusOf(accepted)).toBe(302)
		expect(reload(application).status).toBe('visit_confirmed')
		expect(portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()).toMatchObject({ startDate: '2027-05-01', endDate: '2027-05-20' })
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'visit.confirmed')).all()).toHaveLength(1)
	})

	it('the office answers with other dates, which the applicant confirms', async () => {
		const { application, applicantCookie, officeCookie } = await approved()
		expect(statusOf(await post(officeAction, `/office/applications/${application.id}`, officeCookie, { intent: 'visit-propose', start: '2027-06-01', end: '2027-06-15' }, application.id))).toBe(302)
		expect(statusOf(await post(officeAction, `/office/applications/${application.id}`, officeCookie, { intent: 'visit-accept', version: String(application.version) }, application.id))).toBe(409)
		expect(statusOf(await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'confirm', version: String(application.version) }, application.id))).toBe(302)
		expect(portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()).toMatchObject({ startDate: '2027-06-01', endDate: '2027-06-15' })
	})

	it('the letter can be downloaded again by the visitor and the office, never by a reviewer', async () => {
		const { application, applicantCookie, officeCookie, reviewerCookie } = await approved()
		const get = (cookie: string) =>
			call(letterLoader, new Request(`http://portal.test/applications/${application.id}/invitation-letter.pdf`, { headers: { Cookie: cookie } }), portal.context(), { id: String(application.id) })
		expect(statusOf(await get(applicantCookie))).toBe(404)
		await post(visitAction, `/applications/${application.id}/visit-confirmation`, applicantCookie, { intent: 'confirm', version: String(application.version) }, application.id)
		for (const cookie of [applicantCookie, officeCookie]) {
			const response = (await get(cookie)) as Response
			expect(response.status).toBe(200)
			expect(response.headers.get('Content-Type')).toBe('application/pdf')
			const text = (await new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) }).getText()).text
			expect(text).toContain('Łukasz Şahin Nguyễn')
		}
		expect(statusOf(await get(reviewerCookie))).toBe(404)
	})
})
