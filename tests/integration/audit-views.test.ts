import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkCredentials, setUserDisabled } from '#app/auth/accounts.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { storedPath } from '#app/documents/storage.server.ts'
import { assignReviewers } from '#app/domain/assignments.server.ts'
import { auditFilterFromParams, describeAuditRow, listAudit, type AuditFilter } from '#app/domain/audit-views.server.ts'
import { fa } from '#app/i18n/fa.ts'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { loader as auditLoader } from '#app/routes/office.audit.tsx'
import { auditLog, documents, users, type Application, type User } from '#db/schema.ts'
import { call, dataOf, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, declareNoConflictRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * The office's audit trail over rows written by the real actions (a sign-in, an assignment with its status change,
 * a reviewer's download, disabling an account) and one row of an action the code no longer knows. The clock starts
 * at 2026-11-28 10:00 UTC, 13:30 in Tehran (UTC+3:30), so the download at 20:45 UTC falls on the 29th in Tehran.
 */

let portal: Portal
let office: User
let reviewer: User
let applicant: User
let other: User
let application: Application
let otherApplication: Application
const TOKEN = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5'

const at = (iso: string) => {
	portal.clock.advance(new Date(iso).getTime() - portal.clock.now().getTime())
	return portal.clock.now()
}

const cookieOf = (user: User) => sessionCookie(portal, user.id)

beforeAll(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
	const { db } = portal
	const now = portal.clock.now()
	const callId = insertCall(db, { now })
	office = insertUser(db, { role: 'office', name: 'Parisa Office', email: 'parisa@office.example.edu' })
	reviewer = insertUser(db, { role: 'reviewer', name: 'Dr Sara Ahmadi', email: 'sara@example.edu' })
	applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani', email: 'maryam@uni-lisboa.pt' })
	other = insertUser(db, { role: 'applicant', name: 'Dr Jonas Berg', email: 'jonas@uni-oslo.no' })
	// Each records application.created, by its applicant, at 2026-11-28 10:00 UTC.
	application = placeApplication(db, { callId, applicantId: applicant.id, now, status: 'submitted', firstSubmittedAt: now })
	otherApplication = placeApplication(db, { callId, applicantId: other.id, now, status: 'submitted', firstSubmittedAt: now })

	db.update(users).set({ passwordHash: await hashPassword('office-password-2027') }).where(eq(users.id, office.id)).run()
	at('2026-11-28T11:00:00Z')
	expect((await checkCredentials(portal.context(), office.email, 'office-password-2027', '203.0.113.7')).ok).toBe(true)

	at('2026-11-28T12:00:00Z')
	assignReviewers(db, portal.config, {
		applicationId: application.id,
		reviewerIds: [reviewer.id],
		dueAt: new Date('2026-12-12T20:29:00Z'),
		actor: actorOf(office),
		now: portal.clock.now(),
	})
	// The reviewer declares no conflict, which opens the CV to them (a fixture row: the trail below has no row for it).
	declareNoConflictRow(db, application.id, reviewer.id, portal.clock.now())

	// The reviewer's download is audited; the applicant's own download of the same file is not.
	const cv = db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'cv'))).get()!
	const file = storedPath(portal.config.uploadDir, cv.storedName)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	fs.writeFileSync(file, '%PDF-1.4\n%test\n')
	at('2026-11-28T20:45:00Z')
	for (const user of [reviewer, applicant]) {
		const result = await call(documentLoader, new Request(`http://portal.test/documents/${cv.id}`, { headers: { Cookie: await cookieOf(user) } }), portal.context(), {
			id: String(cv.id),
		})
		expect(statusOf(result)).toBe(200)
		await (result as Response).arrayBuffer()
	}

	at('2026-11-29T10:00:00Z')
	expect(setUserDisabled(portal.context(), office, other.id, true)).toBe(true)

	// An action renamed since: its row stays in the log, with a token-like value the page must not show.
	at('2026-11-29T11:00:00Z')
	db.insert(auditLog)
		.values({ actorId: office.id, action: 'legacy.exported', entity: 'call', entityId: String(callId), data: { rows: 3, resetToken: 'abc', note: 'kept', raw: TOKEN }, at: portal.clock.now() })
		.run()
})

afterAll(async () => {
	await portal.stop()
})

const actions = (filter: AuditFilter = {}) => listAudit(portal.db, { pageSize: 100, ...filter }).rows.map((row) => row.action)

const EVERYTHING = [
	'legacy.exported',
	'user.disabled',
	'document.downloaded',
	'assignment.created',
	'application.status_changed',
	'auth.signed_in',
	'application.created',
	'application.created',
]

describe('the audit trail', () => {
	it('lists every recorded action, newest first, without the applicant’s download of their own file', () => {
		expect(actions()).toEqual(EVERYTHING)
		const download = listAudit(portal.db, { action: 'document.downloaded' }).rows
		expect(download.map((row) => row.actor?.id)).toEqual([reviewer.id])
	})

	it('filters by actor, by the actor’s email (any part, any case) and by their role', () => {
		expect(actions({ actorId: office.id })).toEqual(['legacy.exported', 'user.disabled', 'assignment.created', 'application.status_changed', 'auth.signed_in'])
		expect(actions({ actorId: reviewer.id })).toEqual(['document.downloaded'])
		expect(actions({ actorEmail: 'LISBOA' })).toEqual(['application.created'])
		expect(listAudit(portal.db, { actorEmail: 'maryam@uni-lisboa.pt' }).rows[0]!.application?.id).toBe(application.id)
		expect(actions({ actorEmail: '%' })).toEqual([])
		expect(actions({ actorRole: 'reviewer' })).toEqual(['document.downloaded'])
		expect(actions({ actorRole: 'applicant' })).toEqual(['application.created', 'application.created'])
	})

	it('filters by a group of actions or one action', () => {
		expect(actions({ action: 'assignment.' })).toEqual(['assignment.created'])
		expect(actions({ action: 'application.' })).toEqual(['application.status_changed', 'application.created', 'application.created'])
		expect(actions({ action: 'auth.signed_in' })).toEqual(['auth.signed_in'])
		expect(actions({ action: 'auth.signed' })).toEqual([])
		expect(actions({ action: 'application.', actorId: office.id })).toEqual(['application.status_changed'])
	})

	it('filters by calendar days in Tehran, both ends included', () => {
		expect(actions({ from: '2026-11-29', to: '2026-11-29' })).toEqual(['legacy.exported', 'user.disabled', 'document.downloaded'])
		expect(actions({ to: '2026-11-28' })).toEqual(EVERYTHING.slice(3))
		expect(actions({ from: '2026-11-30' })).toEqual([])
	})

	it('filters by application, and by user as the actor or as the account acted on', () => {
		expect(actions({ applicationId: application.id })).toEqual(['document.downloaded', 'assignment.created', 'application.status_changed', 'application.created'])
		expect(actions({ applicationId: otherApplication.id })).toEqual(['application.created'])
		expect(actions({ userId: other.id })).toEqual(['user.disabled', 'application.created'])
		expect(actions({ userId: office.id })).toEqual(actions({ actorId: office.id }))
	})

	it('pages newest first with a count, and a page past the end shows the last', () => {
		const pages = [1, 2, 3].map((page) => listAudit(portal.db, { page, pageSize: 3 }))
		expect(pages.map((page) => [page.total, page.pageCount, page.rows.length])).toEqual([
			[8, 3, 3],
			[8, 3, 3],
			[8, 3, 2],
		])
		expect(pages.flatMap((page) => page.rows.map((row) => row.action))).toEqual(EVERYTHING)
		expect(new Set(pages.flatMap((page) => page.rows.map((row) => row.id))).size).toBe(8)
		expect(listAudit(portal.db, { page: 99, pageSize: 3 }).page).toBe(3)
	})

	it('reads the filter from the URL, ignoring what is not a filter', () => {
		const params = new URLSearchParams({ actor: '7', email: ' maryam ', role: 'office', action: 'decision.', from: '2026-11-01', to: '2026-02-30', application: 'x', user: '-3', page: '2' })
		expect(auditFilterFromParams(params)).toEqual({ actorId: 7, actorEmail: 'maryam', actorRole: 'office', action: 'decision.', from: '2026-11-01', to: undefined, applicationId: undefined, userId: undefined, page: 2 })
		expect(auditFilterFromParams(new URLSearchParams({ action: "x' or 1=1" })).action).toBeUndefined()
	})
})

describe('each row in words', () => {
	const rows = () => listAudit(portal.db, { pageSize: 100 }).rows
	const row = (action: string) => rows().find((item) => item.action === action)!

	it('tells what happened in English, with the names it refers to', () => {
		const view = (action: string) => describeAuditRow(row(action), 'en')
		expect(view('assignment.created')).toMatchObject({
			summary: 'Assigned Dr Sara Ahmadi (due 12 December 2026)',
			actor: { id: office.id, name: 'Parisa Office', role: 'office staff' },
			application: { id: application.id, reference: application.reference },
		})
		expect(view('application.status_changed').summary).toBe('Changed the status from Submitted to Under review')
		expect(view('document.downloaded')).toMatchObject({ summary: 'Downloaded cv.pdf', actor: { name: 'Dr Sara Ahmadi', role: 'reviewer' } })
		expect(view('auth.signed_in')).toMatchObject({ summary: 'Signed in', details: [{ label: 'IP address', value: '203.0.113.7' }], application: null })
		expect(view('user.disabled').summary).toBe('Disabled the account of Dr Jonas Berg')
		expect(view('application.created')).toMatchObject({ summary: 'Started the application', actor: { role: 'applicant' } })
		expect(view('auth.signed_in').when).toBe('28 Nov 2026, 14:30')
	})

	it('tells it in Persian, with the statuses and dates in Persian', () => {
		const change = describeAuditRow(row('application.status_changed'), 'fa')
		expect(change.summary).toContain(fa['status.submitted'])
		expect(change.summary).toContain(fa['status.under_review'])
		const assigned = describeAuditRow(row('assignment.created'), 'fa').summary
		expect(assigned).toContain('Dr Sara Ahmadi')
		expect(assigned).toMatch(/[۰-۹]/)
		expect(assigned).not.toMatch(/[{}]/)
	})

	it('shows an action it does not know by its name, with its data but nothing secret', () => {
		const legacy = describeAuditRow(row('legacy.exported'), 'en')
		expect(legacy.summary).toBe('legacy.exported')
		expect(legacy.details).toEqual([
			{ label: 'rows', value: '3' },
			{ label: 'note', value: 'kept' },
		])
	})
})

describe('the audit page', () => {
	it('shows the office the rows of the filter in the URL, described, and never the stored data', async () => {
		const request = new Request(`http://portal.test/office/audit?actor=${reviewer.id}`, { headers: { Cookie: await cookieOf(office) } })
		const result = await call(auditLoader, request, portal.context())
		expect(statusOf(result)).toBe(200)
		const data = dataOf<Awaited<ReturnType<typeof auditLoader>>>(result)
		expect(data.rows.map((item) => [item.actor?.name, item.summary])).toEqual([['Dr Sara Ahmadi', 'Downloaded cv.pdf']])
		expect(data.actors.map((person) => person.name)).toEqual(['Parisa Office', 'Dr Sara Ahmadi'])

		const all = await call(auditLoader, new Request('http://portal.test/office/audit', { headers: { Cookie: await cookieOf(office) } }), portal.context())
		expect(JSON.stringify(all)).not.toContain(TOKEN)
		expect(JSON.stringify(all)).not.toContain('resetToken')
	})

	it('names the application or the user whose trail it shows', async () => {
		const cookie = await cookieOf(office)
		const scoped = dataOf<Awaited<ReturnType<typeof auditLoader>>>(
			await call(auditLoader, new Request(`http://portal.test/office/audit?application=${application.id}&user=${other.id}`, { headers: { Cookie: cookie } }), portal.context()),
		)
		expect(scoped.scope).toEqual({ application: { id: application.id, reference: application.reference }, user: { id: other.id, name: 'Dr Jonas Berg', email: 'jonas@uni-oslo.no' } })
		expect(scoped.total).toBe(0)
	})

	it('answers 404 to a reviewer and an applicant', async () => {
		for (const user of [reviewer, applicant]) {
			const result = await call(auditLoader, new Request('http://portal.test/office/audit', { headers: { Cookie: await cookieOf(user) } }), portal.context())
			expect(statusOf(result)).toBe(404)
		}
	})
})
