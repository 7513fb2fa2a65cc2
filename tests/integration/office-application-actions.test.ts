import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedPath } from '#app/documents/storage.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { loader as downloadsLoader } from '#app/routes/office.applications.$id.downloads.tsx'
import { action as applicationAction, loader as applicationLoader } from '#app/routes/office.applications.$id.tsx'
import { applications, auditLog, documents, outbox, statusChanges, type Application, type ApplicationStatus, type User } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, assignReviewerRow, days, declareNoConflictRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
})

const MINUTE = 60_000

const cookieOf = (user: User) => sessionCookie(portal, user.id)

/** An office user, an applicant, a reviewer and an application of theirs in `status`, with the fields it carries. */
async function setUp(status: ApplicationStatus, state: Partial<Pick<Application, 'returnsTo' | 'replyBy' | 'firstSubmittedAt'>> = {}) {
	const { db, clock } = portal
	const now = clock.now()
	const callId = insertCall(db, { now })
	const office = insertUser(db, { role: 'office', name: 'Parisa Office' })
	const applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani', email: 'maryam@uni-lisboa.pt' })
	const reviewer = insertUser(db, { role: 'reviewer', name: 'Dr Reza Karimi', email: 'reza@example.edu' })
	const application = placeApplication(db, {
		callId,
		applicantId: applicant.id,
		now,
		status,
		firstSubmittedAt: status === 'draft' ? null : new Date(now.getTime() - days(2)),
		...state,
	})
	if (status === 'under_review') assignReviewerRow(db, application.id, reviewer.id, now)
	return { callId, office, officeCookie: await cookieOf(office), applicant, reviewer, application }
}

/** A calendar day `offset` days from now (the clock is at 10:00 UTC, the same day in Asia/Tehran). */
const day = (offset: number) => new Date(portal.clock.now().getTime() + days(offset)).toISOString().slice(0, 10)
/** The end of that day in Asia/Tehran (UTC+3:30). */
const endOf = (isoDay: string) => new Date(`${isoDay}T20:29:00.000Z`)

const current = (application: Application) => portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!
const changes = (application: Application) => portal.db.select().from(statusChanges).where(eq(statusChanges.applicationId, application.id)).all()
const emailsOf = (application: Application) => portal.db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all()
const audits = (action: string) => portal.db.select().from(auditLog).where(eq(auditLog.action, action)).all()

function post(application: Application, cookie: string, fields: Record<string, string>) {
	const request = new Request(`http://portal.test/office/applications/${application.id}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
		body: new URLSearchParams({ version: String(current(application).version), ...fields }).toString(),
	})
	return call(applicationAction, request, portal.context(), { id: String(application.id) })
}

type PageData = {
	status: ApplicationStatus
	actions: {
		version: number
		requestChanges: boolean
		reject: { afterReplyBy: boolean; available: boolean; availableFrom: { text: string } | null } | null
		extend: { kind: 'deadline' | 'replyBy'; current: { text: string } | null; passed: boolean } | null
		extensions: { kind: string; by: string | null; reason: string; to: string | null }[]
	} | null
	documents: { id: number; name: string; downloads: number; latest: { by: string | null; role: string | null; at: string } | null }[]
}

async function page(application: Application, cookie: string) {
	const result = await call(applicationLoader, new Request(`http://portal.test/office/applications/${application.id}`, { headers: { Cookie: cookie } }), portal.context(), {
		id: String(application.id),
	})
	expect(statusOf(result)).toBe(200)
	return dataOf<PageData>(result)
}

const location = (result: unknown) => (result as Response).headers.get('Location')

describe('asking the applicant for changes', () => {
	it.each(['submitted', 'under_review'] as const)('moves %s to changes_requested with the message and the reply-by date, and emails the applicant', async (status) => {
		const { application, officeCookie, office } = await setUp(status)
		expect((await page(application, officeCookie)).actions).toMatchObject({ requestChanges: true })
		const message = 'Please upload a CV that lists your publications since 2020.'
		const result = await post(application, officeCookie, { intent: 'request-changes', message, replyBy: day(14) })
		expect(statusOf(result)).toBe(302)
		expect(location(result)).toBe(`/office/applications/${application.id}?notice=changes_requested`)

		const after = current(application)
		expect(after).toMatchObject({ status: 'changes_requested', returnsTo: status, changeRequestMessage: message, version: application.version + 1 })
		expect(after.replyBy?.toISOString()).toBe(endOf(day(14)).toISOString())
		expect(changes(application).map((row) => [row.fromStatus, row.toStatus, row.note, row.actorId])).toEqual([[status, 'changes_requested', message, office.id]])

		const queued = emailsOf(application)
		expect(queued.map((email) => [email.template, email.toAddress])).toEqual([['status-changes-requested-applicant', 'maryam@uni-lisboa.pt']])
		const pending = portal.sink.received.length
		await portal.deliver()
		const [mail] = (await portal.sink.waitForMessages(pending + 1)).slice(pending)
		expect(mail!.subject).toMatch(new RegExp(`^Changes needed to your application ${application.reference}: reply by `))
		expect(mail!.text).toContain(message)

		// The page now offers what a change request allows: no second request; rejecting only after the date.
		const actions = (await page(application, officeCookie)).actions!
		expect(actions).toMatchObject({ requestChanges: false, reject: { afterReplyBy: true, available: false }, extend: { kind: 'replyBy', passed: false } })
	})

	it('answers 400 beside the fields for a missing message, a missing, impossible or past date, and changes nothing', async () => {
		const { application, officeCookie } = await setUp('submitted')
		const cases: [Record<string, string>, Record<string, string>][] = [
			[{ message: '  ', replyBy: day(14) }, { message: 'office.actions.errors.message' }],
			[{ message: 'Fix it' }, { replyBy: 'office.actions.errors.date' }],
			[{ message: 'Fix it', replyBy: '2027-02-31' }, { replyBy: 'office.actions.errors.date' }],
			[{ message: 'Fix it', replyBy: day(-1) }, { replyBy: 'office.actions.errors.future' }],
		]
		for (const [fields, errors] of cases) {
			const result = await post(application, officeCookie, { intent: 'request-changes', ...fields })
			expect(statusOf(result), JSON.stringify(fields)).toBe(400)
			expect(dataOf(result)).toMatchObject({ office: true, intent: 'request-changes', errors })
		}
		// What was typed comes back, to show again.
		const past = await post(application, officeCookie, { intent: 'request-changes', message: 'Fix it', replyBy: day(-1) })
		expect(dataOf(past)).toMatchObject({ values: { message: 'Fix it', replyBy: day(-1) } })
		expect(current(application)).toMatchObject({ status: 'submitted', version: application.version, replyBy: null })
		expect(changes(application)).toEqual([])
		expect(emailsOf(application)).toEqual([])
	})

	it('answers 409 when the status does not allow it', async () => {
		const { application, officeCookie } = await setUp('draft')
		const refused = await post(application, officeCookie, { intent: 'request-changes', message: 'Fix it', replyBy: day(14) })
		expect(statusOf(refused)).toBe(409)
		expect(dataOf(refused)).toMatchObject({ errors: { form: 'office.actions.errors.notAllowed' } })
		expect((await page(application, officeCookie)).actions).toMatchObject({ requestChanges: false, reject: null })
		expect(current(application)).toMatchObject({ status: 'draft', version: application.version })
	})

	it('answers 409 when the application changed since the page was shown', async () => {
		const { application, officeCookie } = await setUp('submitted')
		const stale = await post(application, officeCookie, { intent: 'request-changes', message: 'Fix it', replyBy: day(14), version: String(application.version - 1) })
		expect(statusOf(stale)).toBe(409)
		expect(dataOf(stale)).toMatchObject({ errors: { form: 'office.actions.errors.changed' } })
		expect(current(application).status).toBe('submitted')
		expect(changes(application)).toEqual([])
	})
})

describe('rejecting with a reason', () => {
	it('rejects a submitted application at screening; the applicant is emailed the decision, without the reason', async () => {
		const { application, officeCookie } = await setUp('submitted')
		expect((await page(application, officeCookie)).actions).toMatchObject({ reject: { afterReplyBy: false, available: true } })
		expect(statusOf(await post(application, officeCookie, { intent: 'reject', reason: ' ' }))).toBe(400)
		expect(current(application).status).toBe('submitted')

		const reason = 'Not eligible: the applicant works in the country.'
		const result = await post(application, officeCookie, { intent: 'reject', reason })
		expect(statusOf(result)).toBe(302)
		expect(location(result)).toBe(`/office/applications/${application.id}?notice=rejected`)
		expect(current(application)).toMatchObject({ status: 'rejected', decisionNote: reason })
		expect(changes(application).map((row) => [row.fromStatus, row.toStatus, row.note])).toEqual([['submitted', 'rejected', reason]])
		expect(emailsOf(application).map((email) => [email.template, email.toAddress, email.kind])).toEqual([
			['status-rejected-applicant', 'maryam@uni-lisboa.pt', 'decision'],
		])

		// A decision email waits out the grace period.
		portal.clock.advance(6 * MINUTE)
		const pending = portal.sink.received.length
		await portal.deliver()
		const [mail] = (await portal.sink.waitForMessages(pending + 1)).slice(pending)
		expect(mail!.subject).toBe(`Decision on your application ${application.reference}`)
		expect(mail!.text).not.toContain(reason)
		expect((await page(application, officeCookie)).actions).toMatchObject({ requestChanges: false, reject: null, extend: null })
	})

	it('is not offered for an application under review (a decision, made elsewhere), and refused with 409', async () => {
		const { application, officeCookie } = await setUp('under_review')
		expect((await page(application, officeCookie)).actions).toMatchObject({ requestChanges: true, reject: null })
		const refused = await post(application, officeCookie, { intent: 'reject', reason: 'Weak' })
		expect(statusOf(refused)).toBe(409)
		expect(current(application).status).toBe('under_review')
	})

	it('rejects an unanswered change request only once its reply-by date has passed', async () => {
		const now = portal.clock.now()
		const replyBy = new Date(now.getTime() + days(2))
		const { application, office } = await setUp('changes_requested', { returnsTo: 'submitted', replyBy })
		let officeCookie = await cookieOf(office)
		const before = (await page(application, officeCookie)).actions!
		expect(before.reject).toMatchObject({ afterReplyBy: true, available: false })
		expect(before.reject!.availableFrom!.text).toContain('2026')

		const early = await post(application, officeCookie, { intent: 'reject', reason: 'No reply' })
		expect(statusOf(early)).toBe(409)
		expect(dataOf(early)).toMatchObject({ errors: { form: 'office.actions.errors.replyByNotPassed' } })
		expect(current(application).status).toBe('changes_requested')
		expect(changes(application)).toEqual([])

		portal.clock.advance(days(2) + MINUTE)
		officeCookie = await cookieOf(office)
		expect((await page(application, officeCookie)).actions!.reject).toMatchObject({ available: true })
		const late = await post(application, officeCookie, { intent: 'reject', reason: 'No reply to the request for changes' })
		expect(statusOf(late)).toBe(302)
		expect(changes(application).map((row) => [row.fromStatus, row.toStatus, row.note])).toEqual([['changes_requested', 'rejected', 'No reply to the request for changes']])
		expect(emailsOf(application).map((email) => email.template)).toEqual(['status-rejected-applicant'])
	})
})

describe('extending a date for one applicant', () => {
	it('extends a draft’s submission deadline, with the reason in the audit log, and lets it be submitted after the call closes', async () => {
		const { application, officeCookie, office, applicant } = await setUp('draft')
		const before = (await page(application, officeCookie)).actions!
		expect(before).toMatchObject({ requestChanges: false, reject: null, extend: { kind: 'deadline', passed: false } })

		// The call closes in 30 days: an extension must be later than that, and needs a reason.
		expect(dataOf(await post(application, officeCookie, { intent: 'extend-deadline', until: day(20), reason: 'Illness' }))).toMatchObject({ errors: { until: 'office.actions.errors.later' } })
		expect(dataOf(await post(application, officeCookie, { intent: 'extend-deadline', until: day(40), reason: '' }))).toMatchObject({ errors: { reason: 'office.actions.errors.reason' } })
		expect(statusOf(await post(application, officeCookie, { intent: 'extend-deadline', until: 'soon', reason: 'Illness' }))).toBe(400)
		expect(current(application)).toMatchObject({ deadlineExtendedTo: null, version: application.version })
		// The other date does not apply to a draft.
		expect(statusOf(await post(application, officeCookie, { intent: 'extend-reply-by', until: day(40), reason: 'Illness' }))).toBe(409)

		const result = await post(application, officeCookie, { intent: 'extend-deadline', until: day(40), reason: 'Hospitalised during the last week of the call' })
		expect(statusOf(result)).toBe(302)
		expect(location(result)).toBe(`/office/applications/${application.id}?notice=deadline_extended`)
		const after = current(application)
		expect(after.deadlineExtendedTo?.toISOString()).toBe(endOf(day(40)).toISOString())
		expect(after).toMatchObject({ status: 'draft', version: application.version + 1 })
		const [row] = audits('application.deadline_extended')
		expect(row).toMatchObject({ actorId: office.id, applicationId: application.id, entity: 'application', entityId: String(application.id) })
		expect(row!.data).toMatchObject({ to: endOf(day(40)).toISOString(), reason: 'Hospitalised during the last week of the call' })
		const extensions = (await page(application, officeCookie)).actions!.extensions
		expect(extensions).toMatchObject([{ kind: 'deadline', by: 'Parisa Office', reason: 'Hospitalised during the last week of the call' }])

		// After the call's own deadline, the applicant may still submit.
		portal.clock.advance(days(35))
		changeStatus(portal.db, { applicationId: application.id, to: 'submitted', actor: actorOf(applicant), expectedVersion: after.version, now: portal.clock.now(), settings: portal.config })
		expect(current(application).status).toBe('submitted')
	})

	it('extends the reply-by date of a change request, even once passed, so the applicant can resubmit', async () => {
		const now = portal.clock.now()
		const { application, office, applicant } = await setUp('changes_requested', { returnsTo: 'submitted', replyBy: new Date(now.getTime() + days(1)) })
		portal.clock.advance(days(3))
		// Sessions end after a while without use: sign in again after moving the clock.
		const officeCookie = await cookieOf(office)
		const actions = (await page(application, officeCookie)).actions!
		expect(actions).toMatchObject({ extend: { kind: 'replyBy', passed: true }, reject: { available: true } })

		expect(dataOf(await post(application, officeCookie, { intent: 'extend-reply-by', until: day(-1), reason: 'Asked for more time' }))).toMatchObject({
			errors: { until: 'office.actions.errors.future' },
		})
		expect(statusOf(await post(application, officeCookie, { intent: 'extend-deadline', until: day(10), reason: 'Asked for more time' }))).toBe(409)
		const result = await post(application, officeCookie, { intent: 'extend-reply-by', until: day(10), reason: 'Asked for more time' })
		expect(statusOf(result)).toBe(302)
		const after = current(application)
		expect(after.replyBy?.toISOString()).toBe(endOf(day(10)).toISOString())
		expect(audits('application.reply_by_extended')[0]!.data).toMatchObject({ reason: 'Asked for more time', to: endOf(day(10)).toISOString() })
		// The reply-by date is ahead again: no rejection for want of a reply yet.
		expect((await page(application, officeCookie)).actions).toMatchObject({ reject: { available: false }, extend: { passed: false } })

		changeStatus(portal.db, { applicationId: application.id, to: 'submitted', actor: actorOf(applicant), expectedVersion: after.version, now: portal.clock.now(), settings: portal.config })
		expect(current(application).status).toBe('submitted')
	})
})

describe('the documents’ download log', () => {
	it('shows who downloaded each document and when, newest first', async () => {
		const { application, officeCookie, reviewer } = await setUp('under_review')
		const document = portal.db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'cv'))).get()!
		const file = storedPath(portal.config.uploadDir, document.storedName)
		fs.mkdirSync(path.dirname(file), { recursive: true })
		fs.writeFileSync(file, '%PDF-1.4\n%test\n')
		expect((await page(application, officeCookie)).documents.find((item) => item.id === document.id)).toMatchObject({ downloads: 0, latest: null })

		const download = async (cookie: string) => {
			const result = await call(documentLoader, new Request(`http://portal.test/documents/${document.id}`, { headers: { Cookie: cookie } }), portal.context(), { id: String(document.id) })
			expect(statusOf(result)).toBe(200)
			await (result as Response).arrayBuffer()
		}
		declareNoConflictRow(portal.db, application.id, reviewer.id, portal.clock.now())
		await download(await cookieOf(reviewer))
		portal.clock.advance(MINUTE)
		await download(officeCookie)

		// The file counts them and names the latest; the office opens every download from there (…/downloads).
		expect((await page(application, officeCookie)).documents.find((item) => item.id === document.id)).toMatchObject({ downloads: 2, latest: { by: 'Parisa Office', role: 'office' } })
		const opened = await call(downloadsLoader, new Request(`http://portal.test/office/applications/${application.id}/downloads`, { headers: { Cookie: officeCookie } }), portal.context(), {
			id: String(application.id),
		})
		const { every } = dataOf<{ documents: { id: number; every: { by: string | null; role: string | null; at: string }[] }[] }>(opened).documents.find((item) => item.id === document.id)!
		expect(every.map((entry) => [entry.by, entry.role])).toEqual([
			['Parisa Office', 'office'],
			['Dr Reza Karimi', 'reviewer'],
		])
		expect(every[0]!.at).toBe(portal.clock.now().toISOString())
	})
})

describe('who may act', () => {
	it('answers 404 to the applicant and a reviewer, and changes nothing', async () => {
		const { application, applicant, reviewer } = await setUp('submitted')
		for (const user of [applicant, reviewer]) {
			const cookie = await cookieOf(user)
			const attempts: Record<string, string>[] = [
				{ intent: 'request-changes', message: 'Fix it', replyBy: day(14) },
				{ intent: 'reject', reason: 'No' },
				{ intent: 'extend-deadline', until: day(40), reason: 'Why not' },
				{ intent: 'extend-reply-by', until: day(40), reason: 'Why not' },
			]
			for (const fields of attempts) {
				expect(statusOf(await post(application, cookie, fields)), `${user.role} ${fields.intent}`).toBe(404)
			}
		}
		expect(current(application)).toMatchObject({ status: 'submitted', version: application.version })
		expect(changes(application)).toEqual([])
		expect(audits('application.deadline_extended')).toEqual([])
	})
})
