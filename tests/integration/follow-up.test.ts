import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { PDFParse } from 'pdf-parse'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedPath } from '#app/documents/storage.server.ts'
import { action as followUpAction, loader as followUpLoader } from '#app/routes/applications.$id.follow-up.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { loader as officeLoader } from '#app/routes/office.applications.$id.tsx'
import { auditLog, documents, outbox, visits, type Application } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

async function setUp(status: Application['status'] = 'approved') {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const applicant = insertUser(portal.db, { role: 'applicant' })
	const other = insertUser(portal.db, { role: 'applicant' })
	const office = insertUser(portal.db, { role: 'office' })
	const reviewer = insertUser(portal.db, { role: 'reviewer' })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status })
	return {
		application,
		applicantCookie: await sessionCookie(portal, applicant.id),
		otherCookie: await sessionCookie(portal, other.id),
		officeCookie: await sessionCookie(portal, office.id),
		reviewerCookie: await sessionCookie(portal, reviewer.id),
	}
}

const GOOD = {
	passportName: 'NGUYEN LUKASZ',
	passportNumber: 'ab ۱۲۳۴۵۶۷',
	nationality: 'PL',
	dateOfBirth: '1975-06-30',
	arrivalDate: '2027-04-01',
	departureDate: '2027-04-14',
	accompanyingPersons: 'My spouse',
	needs: 'Vegetarian',
	accommodationNeeded: 'yes',
	visaSupportNeeded: 'no',
	publicListing: 'yes',
}

const PDF = '%PDF-1.4\n% passport copy\n%%EOF\n'

function post(id: number, cookie: string, fields: Record<string, string>, file?: { content: string; name: string }) {
	const body = new FormData()
	for (const [name, value] of Object.entries(fields)) body.append(name, value)
	if (file) body.append('passportCopy', new Blob([file.content], { type: 'application/pdf' }), file.name)
	const request = new Request(`http://portal.test/applications/${id}/follow-up`, { method: 'POST', headers: { Cookie: cookie }, body })
	return call(followUpAction, request, portal.context(), { id: String(id) })
}

const get = (handler: typeof followUpLoader | typeof officeLoader, path: string, cookie: string, id: number) =>
	call(handler, new Request(`http://portal.test${path}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(id) })

const download = (documentId: number, cookie: string) =>
	call(documentLoader, new Request(`http://portal.test/documents/${documentId}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(documentId) })

describe('the follow-up form', () => {
	it('saves the answers with the passport copy, and shows them back to the applicant and the office', async () => {
		const { application, applicantCookie, officeCookie } = await setUp()
		const result = await post(application.id, applicantCookie, GOOD, { content: PDF, name: 'passport.pdf' })
		expect(statusOf(result)).toBe(302)
		const visit = portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()!
		expect(visit).toMatchObject({
			passportName: 'NGUYEN LUKASZ',
			passportNumber: 'AB1234567',
			nationality: 'PL',
			dateOfBirth: '1975-06-30',
			arrivalDate: '2027-04-01',
			departureDate: '2027-04-14',
			accompanyingPersons: 'My spouse',
			needs: 'Vegetarian',
			accommodationNeeded: true,
			visaSupportNeeded: false,
			publicListing: true,
		})
		const copy = portal.db.select().from(documents).where(eq(documents.id, visit.passportCopyDocumentId!)).get()!
		expect(copy.kind).toBe('passport')
		expect(fs.existsSync(storedPath(portal.context().config.uploadDir, copy.storedName))).toBe(true)
		expect(portal.db.select().from(auditLog).where(eq(auditLog.action, 'visit.follow_up_saved')).all()).toHaveLength(1)

		const page = dataOf<{ values: Record<string, string>; passportCopy: { id: number } | null }>(await get(followUpLoader, `/applications/${application.id}/follow-up`, applicantCookie, application.id))
		expect(page.values).toMatchObject({ passportNumber: 'AB1234567', accommodationNeeded: 'yes', publicListing: 'yes' })
		expect(page.passportCopy?.id).toBe(copy.id)

		const office = dataOf<{ followUp: { view: { passportNumber: string; passportCopy: { id: number } } } }>(await get(officeLoader, `/office/applications/${application.id}`, officeCookie, application.id))
		expect(office.followUp.view).toMatchObject({ passportNumber: 'AB1234567', passportCopy: { id: copy.id } })

		// A new copy replaces the old one, on disk too.
		expect(statusOf(await post(application.id, applicantCookie, GOOD, { content: PDF, name: 'passport-2.pdf' }))).toBe(302)
		expect(portal.db.select().from(documents).where(eq(documents.kind, 'passport')).all()).toHaveLength(1)
		expect(fs.existsSync(storedPath(portal.context().config.uploadDir, copy.storedName))).toBe(false)
	})

	it('answers bad input with 400, errors by field and the typed values kept', async () => {
		const { application, applicantCookie } = await setUp()
		const result = await post(application.id, applicantCookie, {
			...GOOD,
			passportNumber: 'AB-1',
			dateOfBirth: '1975-02-30',
			departureDate: '2027-03-01',
			nationality: 'XX',
			accommodationNeeded: '',
		})
		expect(statusOf(result)).toBe(400)
		const body = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(result)
		expect(body.errors).toMatchObject({
			passportNumber: 'followUp.errors.passportNumber',
			dateOfBirth: 'followUp.errors.date',
			departureDate: 'followUp.errors.departureBeforeArrival',
			nationality: 'followUp.errors.nationality',
			accommodationNeeded: 'followUp.errors.yesNo',
		})
		expect(body.values).toMatchObject({ passportName: 'NGUYEN LUKASZ', passportNumber: 'AB-1', needs: 'Vegetarian' })
		expect(portal.db.select().from(visits).all()).toHaveLength(0)

		const notPdf = await post(application.id, applicantCookie, GOOD, { content: 'hello', name: 'passport.pdf' })
		expect(statusOf(notPdf)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(notPdf).errors.passportCopy).toBe('followUp.errors.upload.notPdf')
		expect(portal.db.select().from(documents).where(eq(documents.kind, 'passport')).all()).toHaveLength(0)

		// A form sent without multipart encoding (no file) is read too.
		const plain = new Request(`http://portal.test/applications/${application.id}/follow-up`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: applicantCookie },
			body: new URLSearchParams(GOOD).toString(),
		})
		expect(statusOf(await call(followUpAction, plain, portal.context(), { id: String(application.id) }))).toBe(302)
	})

	it('is not there for a draft or submitted application, nor for another applicant', async () => {
		for (const status of ['draft', 'submitted'] as const) {
			const { application, applicantCookie } = await setUp(status)
			expect(statusOf(await get(followUpLoader, `/applications/${application.id}/follow-up`, applicantCookie, application.id))).toBe(404)
			expect(statusOf(await post(application.id, applicantCookie, GOOD))).toBe(404)
		}
		const { application, otherCookie } = await setUp()
		expect(statusOf(await get(followUpLoader, `/applications/${application.id}/follow-up`, otherCookie, application.id))).toBe(404)
		expect(statusOf(await post(application.id, otherCookie, GOOD))).toBe(404)
	})

	it('the passport copy is downloaded by the applicant and the office, never by a reviewer', async () => {
		const { application, applicantCookie, officeCookie, reviewerCookie } = await setUp()
		expect(statusOf(await post(application.id, applicantCookie, GOOD, { content: PDF, name: 'passport.pdf' }))).toBe(302)
		const copyId = portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()!.passportCopyDocumentId!
		expect(statusOf(await download(copyId, applicantCookie))).toBe(200)
		expect(statusOf(await download(copyId, officeCookie))).toBe(200)
		expect(statusOf(await download(copyId, reviewerCookie))).toBe(404)
	})

	it('after the purge, passport number, date of birth and copy are not asked for again', async () => {
		const { application, applicantCookie } = await setUp()
		expect(statusOf(await post(application.id, applicantCookie, GOOD))).toBe(302)
		portal.db.update(visits).set({ passportNumber: null, dateOfBirth: null, sensitivePurgedAt: portal.clock.now() }).where(eq(visits.applicationId, application.id)).run()
		const page = dataOf<{ purged: boolean }>(await get(followUpLoader, `/applications/${application.id}/follow-up`, applicantCookie, application.id))
		expect(page.purged).toBe(true)
		const { passportNumber: _number, dateOfBirth: _birth, ...rest } = GOOD
		expect(statusOf(await post(application.id, applicantCookie, { ...rest, needs: 'None' }))).toBe(302)
		expect(portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()).toMatchObject({ needs: 'None', passportNumber: null, dateOfBirth: null })
	})
})

describe('a new name as in the passport after the visit is confirmed', () => {
	it('issues the invitation letter again with that name and emails it; the same name again sends nothing', async () => {
		const { application, applicantCookie } = await setUp('visit_confirmed')
		const now = portal.clock.now()
		portal.db.insert(visits).values({ applicationId: application.id, startDate: '2027-04-01', endDate: '2027-04-14', confirmedAt: now, verificationCode: 'K7QX-9M2P-4TRD', letterIssuedAt: now, updatedAt: now }).run()
		portal.clock.advance(3 * 86_400_000)
		const passportName = 'ŞAHİN NGUYỄN ŁUKASZ'
		const saved = await post(application.id, applicantCookie, { ...GOOD, passportName })
		expect((saved as Response).headers.get('Location')).toBe(`/applications/${application.id}/follow-up?notice=reissued`)
		expect(portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()?.letterIssuedAt).toEqual(portal.clock.now())

		const before = portal.sink.received.length
		await portal.deliver()
		const [mail] = (await portal.sink.waitForMessages(before + 1)).slice(before)
		expect(mail!.subject).toBe(`Your invitation letter, updated: ${application.reference}`)
		expect(mail!.text).toContain(`“${passportName}”`)
		expect(mail!.attachments.map((attachment) => attachment.filename)).toEqual([`invitation-letter-${application.reference}.pdf`])
		const text = (await new PDFParse({ data: new Uint8Array(mail!.attachments[0]!.content) }).getText()).text
		expect(text).toContain(passportName)
		expect(text).toContain('K7QX-9M2P-4TRD')
		expect(text).toContain('1 December 2026')

		// Saving the form again with the same name issues nothing new.
		expect(statusOf(await post(application.id, applicantCookie, { ...GOOD, passportName, needs: 'Vegan' }))).toBe(302)
		await portal.deliver()
		expect(portal.db.select().from(outbox).where(eq(outbox.template, 'visit-letter-updated')).all()).toHaveLength(1)
		const trail = portal.db.select({ data: auditLog.data }).from(auditLog).where(eq(auditLog.action, 'visit.follow_up_saved')).all()
		expect(trail.map((row) => row.data?.letterReissued ?? false)).toEqual([true, false])
	})

	it('sends nothing while the visit is only approved (the letter comes with the confirmation)', async () => {
		const { application, applicantCookie } = await setUp('approved')
		expect(statusOf(await post(application.id, applicantCookie, GOOD))).toBe(302)
		expect(portal.db.select().from(outbox).where(eq(outbox.template, 'visit-letter-updated')).all()).toEqual([])
	})
})

