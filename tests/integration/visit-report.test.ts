import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedPath } from '#app/documents/storage.server.ts'
import { action as reportAction, loader as reportLoader } from '#app/routes/applications.$id.visit-report.tsx'
import { loader as applicantLoader } from '#app/routes/applications.$id._index.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { loader as officeFileLoader } from '#app/routes/office.applications.$id.tsx'
import { action as officeVisitsAction } from '#app/routes/office.calls.$id.visits.tsx'
import { action as feedbackAction, loader as feedbackLoader } from '#app/routes/visits.host-feedback.tsx'
import type { AfterVisitView } from '#app/domain/visit-report.server.ts'
import { auditLog, documents, hostEndorsements, outbox, visits, type Application } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
})

const PDF = fs.readFileSync(path.resolve('tests/fixtures/cv.pdf'))

/** A confirmed visit that ended two weeks ago (the clock stands at 2026-11-28), with a host who endorsed it. */
async function endedVisit() {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const office = insertUser(portal.db, { role: 'office' })
	const reviewer = insertUser(portal.db, { role: 'reviewer' })
	const visitor = insertUser(portal.db, { role: 'applicant', name: 'Łukasz Şahin Nguyễn', email: 'lukasz@uni-warszawa.pl' })
	const stranger = insertUser(portal.db, { role: 'applicant', name: 'Other Applicant', email: 'other@uni.example' })
	const application = placeApplication(portal.db, { callId, applicantId: visitor.id, now, status: 'visit_confirmed' })
	portal.db.insert(visits).values({ applicationId: application.id, startDate: '2026-11-01', endDate: '2026-11-14', confirmedAt: now, updatedAt: now }).run()
	portal.db
		.insert(hostEndorsements)
		.values({ applicationId: application.id, name: 'Prof. Hana Host', email: 'hana.host@university.example', school: 'physics', department: 'physics', decision: 'endorsed', answeredAt: now, createdAt: now })
		.run()
	return {
		callId,
		application,
		officeCookie: await sessionCookie(portal, office.id),
		reviewerCookie: await sessionCookie(portal, reviewer.id),
		visitorCookie: await sessionCookie(portal, visitor.id),
		strangerCookie: await sessionCookie(portal, stranger.id),
	}
}

async function complete(callId: number, application: Application, officeCookie: string) {
	const fields = { intent: 'complete', applicationId: String(application.id), version: String(application.version) }
	const result = await call(officeVisitsAction, formRequest(`/office/calls/${callId}/visits`, fields, { Cookie: officeCookie }), portal.context(), { id: String(callId) })
	expect(statusOf(result)).toBe(302)
}

/** Delivers what is due and answers the host's completion email, as the SMTP server received it. */
async function hostEmail() {
	const before = portal.sink.received.length
	await portal.deliver()
	const mails = await portal.sink.waitForMessages(before + 3)
	return mails.slice(before).find((mail) => mail.envelopeTo.includes('hana.host@university.example'))!
}

const feedbackGet = (url: string) => call(feedbackLoader, new Request(url), portal.context())
const feedbackPost = (url: string, feedback: string) =>
	call(feedbackAction, new Request(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ feedback }).toString() }), portal.context())

function reportPost(application: Application, cookie: string, text: string, file?: { bytes: Uint8Array; name: string }) {
	const body = new FormData()
	body.set('text', text)
	if (file) body.set('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name)
	const request = new Request(`http://portal.test/applications/${application.id}/visit-report`, { method: 'POST', headers: { Cookie: cookie }, body })
	return call(reportAction, request, portal.context(), { id: String(application.id) })
}

const reportPage = (application: Application, cookie: string) =>
	call(reportLoader, new Request(`http://portal.test/applications/${application.id}/visit-report`, { headers: { Cookie: cookie } }), portal.context(), { id: String(application.id) })

const officeFile = async (application: Application, cookie: string) =>
	dataOf<{ afterVisit: AfterVisitView | null }>(
		await call(officeFileLoader, new Request(`http://portal.test/office/applications/${application.id}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(application.id) }),
	).afterVisit

const visitRow = (application: Application) => portal.db.select().from(visits).where(eq(visits.applicationId, application.id)).get()!

describe('the host’s feedback after the visit', () => {
	it('the completion email carries a private link that takes one answer, which the office reads on its file', async () => {
		const { callId, application, officeCookie, visitorCookie } = await endedVisit()
		await complete(callId, application, officeCookie)
		const mail = await hostEmail()
		expect(mail.subject).toBe(`Visit completed: Łukasz Şahin Nguyễn (${application.reference})`)
		expect(mail.text).toContain('how the visit went')
		// The link works for 60 days from the completion (2026-11-28).
		expect(mail.text).toContain('27 January 2027')
		const link = mail.text!.match(/http:\/\/portal\.test\/visits\/host-feedback\?token=[A-Za-z0-9_-]+&lang=en/)?.[0]
		expect(link).toBeDefined()
		// The token is sealed in the outbox: neither the stored props nor the audit trail hold it.
		const token = new URL(link!).searchParams.get('token')!
		expect(JSON.stringify(portal.db.select({ props: outbox.props }).from(outbox).all())).not.toContain(token)
		expect(JSON.stringify(portal.db.select().from(auditLog).all())).not.toContain(token)

		const page = await feedbackGet(link!)
		expect(statusOf(page)).toBe(200)
		const facts = dataOf<{ hostName: string; facts: [string, string | null][] }>(page)
		expect(facts.hostName).toBe('Prof. Hana Host')
		expect(facts.facts).toContainEqual(['hostFeedback.visitor', 'Łukasz Şahin Nguyễn'])
		expect(facts.facts).toContainEqual(['hostFeedback.reference', application.reference])

		const empty = await feedbackPost(link!, '   ')
		expect(statusOf(empty)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(empty).errors.feedback).toBe('hostFeedback.errors.required')
		const tooLong = await feedbackPost(link!, 'x'.repeat(5_001))
		expect(statusOf(tooLong)).toBe(400)
		expect(visitRow(application).hostFeedback).toBeNull()

		const feedback = 'Excellent lectures on topology; we started a joint paper.\nWould host again.'
		const sent = await feedbackPost(link!, feedback)
		expect(statusOf(sent)).toBe(302)
		expect((sent as Response).headers.get('Location')).toBe('/visits/host-feedback?done=1')
		expect(visitRow(application)).toMatchObject({ hostFeedback: feedback, hostFeedbackAt: portal.clock.now() })

		// Once answered, the link does not open again.
		expect(statusOf(await feedbackGet(link!))).toBe(410)
		expect(statusOf(await feedbackPost(link!, 'Again'))).toBe(410)
		expect(visitRow(application).hostFeedback).toBe(feedback)

		const onFile = await officeFile(application, officeCookie)
		expect(onFile?.hostFeedback).toEqual({ text: feedback, at: portal.clock.now().toISOString() })
		// The visitor's own page does not carry the host's words.
		const mine = await call(applicantLoader, new Request(`http://portal.test/applications/${application.id}`, { headers: { Cookie: visitorCookie } }), portal.context(), { id: String(application.id) })
		expect(JSON.stringify(dataOf(mine))).not.toContain('joint paper')
	})

	it('an unknown token reveals nothing, and a link stops working 60 days after the completion', async () => {
		const { callId, application, officeCookie } = await endedVisit()
		const unknown = await feedbackGet('http://portal.test/visits/host-feedback?token=not-a-real-token')
		expect(statusOf(unknown)).toBe(404)
		expect(JSON.stringify(dataOf(unknown))).not.toContain(application.reference)

		await complete(callId, application, officeCookie)
		const link = (await hostEmail()).text!.match(/http:\/\/portal\.test\/visits\/host-feedback\?token=[A-Za-z0-9_-]+/)![0]
		portal.clock.advance(days(60))
		expect(statusOf(await feedbackGet(link))).toBe(410)
		expect(statusOf(await feedbackPost(link, 'Late but kind words'))).toBe(410)
		expect(visitRow(application).hostFeedback).toBeNull()
	})
})

describe('the visitor’s report', () => {
	it('exists only for the visitor of a completed visit', async () => {
		const { callId, application, officeCookie, visitorCookie, strangerCookie, reviewerCookie } = await endedVisit()
		// Before the office completes the visit.
		expect(statusOf(await reportPage(application, visitorCookie))).toBe(404)
		expect(statusOf(await reportPost(application, visitorCookie, 'Too early'))).toBe(404)
		await complete(callId, application, officeCookie)
		expect(statusOf(await reportPage(application, visitorCookie))).toBe(200)
		for (const cookie of [strangerCookie, reviewerCookie, officeCookie]) {
			expect(statusOf(await reportPage(application, cookie))).toBe(404)
			expect(statusOf(await reportPost(application, cookie, 'Not mine'))).toBe(404)
		}
		expect(visitRow(application).reportText).toBeNull()
	})

	it('takes a text and a PDF, refuses bad input beside the field keeping the text, and a correction replaces both', async () => {
		const { callId, application, officeCookie, visitorCookie } = await endedVisit()
		await complete(callId, application, officeCookie)

		const empty = await reportPost(application, visitorCookie, '  ')
		expect(statusOf(empty)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(empty).errors.text).toBe('visitReport.errors.required')
		const text = 'Taught a two-week course on algebraic topology (24 students).\nA joint paper with Prof. Host is under way.'
		const notPdf = await reportPost(application, visitorCookie, text, { bytes: new TextEncoder().encode('hello'), name: 'report.txt' })
		expect(statusOf(notPdf)).toBe(400)
		expect(dataOf<{ errors: Record<string, string>; text: string }>(notPdf)).toMatchObject({ errors: { file: 'visitReport.errors.upload.notPdf' }, text })
		const tooLong = await reportPost(application, visitorCookie, 'ü'.repeat(10_001))
		expect(dataOf<{ errors: Record<string, string> }>(tooLong).errors.text).toBe('visitReport.errors.tooLong')
		expect(visitRow(application).reportSubmittedAt).toBeNull()
		expect(portal.db.select().from(documents).where(eq(documents.kind, 'visit_report')).all()).toEqual([])

		const sent = await reportPost(application, visitorCookie, text, { bytes: PDF, name: 'Report — گزارش.pdf' })
		expect(statusOf(sent)).toBe(302)
		expect((sent as Response).headers.get('Location')).toBe(`/applications/${application.id}/visit-report?notice=sent`)
		const first = portal.db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'visit_report'))).get()!
		expect(first.originalName).toBe('Report — گزارش.pdf')
		expect(fs.readFileSync(storedPath(portal.config.uploadDir, first.storedName)).equals(PDF)).toBe(true)
		expect(visitRow(application)).toMatchObject({ reportText: text, reportDocumentId: first.id })
		expect(dataOf<{ text: string; document: { id: number } }>(await reportPage(application, visitorCookie))).toMatchObject({ text, document: { id: first.id } })
		// The visitor downloads their own PDF.
		const download = await call(documentLoader, new Request(`http://portal.test/documents/${first.id}`, { headers: { Cookie: visitorCookie } }), portal.context(), { id: String(first.id) })
		expect(statusOf(download)).toBe(200)

		// The office reads it on the application's file.
		const onFile = await officeFile(application, officeCookie)
		expect(onFile?.report).toEqual({ text, submittedAt: portal.clock.now().toISOString(), document: { id: first.id, name: 'Report — گزارش.pdf' } })
		expect(onFile?.hostFeedback).toBeNull()

		// A correction with a new file replaces the text and the file (the old one leaves the disk).
		portal.clock.advance(days(1))
		const corrected = `${text}\nCorrection: 26 students.`
		expect(statusOf(await reportPost(application, visitorCookie, corrected, { bytes: PDF, name: 'report-v2.pdf' }))).toBe(302)
		const reports = portal.db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'visit_report'))).all()
		expect(reports.map((row) => row.originalName)).toEqual(['report-v2.pdf'])
		expect(fs.existsSync(storedPath(portal.config.uploadDir, first.storedName))).toBe(false)
		expect(visitRow(application)).toMatchObject({ reportText: corrected, reportDocumentId: reports[0]!.id })
		// A correction of the text alone keeps the file.
		expect(statusOf(await reportPost(application, visitorCookie, 'Only the text changes.'))).toBe(302)
		expect(visitRow(application)).toMatchObject({ reportText: 'Only the text changes.', reportDocumentId: reports[0]!.id })
		const trail = portal.db.select().from(auditLog).where(and(eq(auditLog.applicationId, application.id), eq(auditLog.action, 'visit.report_submitted'))).all()
		expect(trail.map((row) => row.data)).toEqual([
			{ pdf: true, again: false },
			{ pdf: true, again: true },
			{ pdf: false, again: true },
		])
	})
})
