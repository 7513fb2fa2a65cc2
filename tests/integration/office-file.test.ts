import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRubricValues, saveRubric } from '#app/domain/call-rubric.server.ts'
import { loader as answersLoader } from '#app/routes/office.applications.$id.answers.tsx'
import { action as assignAction, loader as assignLoader } from '#app/routes/office.applications.$id.assign.tsx'
import { loader as downloadsLoader } from '#app/routes/office.applications.$id.downloads.tsx'
import { loader as emailsLoader } from '#app/routes/office.applications.$id.emails.tsx'
import { loader as historyLoader } from '#app/routes/office.applications.$id.history.tsx'
import { loader as fileLoader } from '#app/routes/office.applications.$id.tsx'
import { auditLog, documents, outbox, reviewAssignments, reviews, statusChanges, type Application, type User } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * The office's application file for a busy application (a long history, a year of emails with some that did not get
 * through, every document downloaded many times, four reviews, forty reviewers to choose from): its first view stays
 * small and says what each long section holds, and each section, opened on demand, gives the office the whole list
 * and anyone else a 404, as the file does.
 */

/** Status changes, from the draft on; the last one (the 32nd) puts the application under review again. */
const CHANGES = 32
const EMAILS = 60
const DOWNLOADS = 40
const REVIEWERS = 40
const ASSIGNED = 4
/** The first view's loader data, as JSON (issue 23: at most 10 KB). */
const FIRST_VIEW_LIMIT = 10_000

let portal: Portal
let application: Application
let office: User
let reviewers: User[]
const cookies: Record<'office' | 'reviewer' | 'applicant', string> = { office: '', reviewer: '', applicant: '' }
let cvId: number

beforeAll(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
	const { db } = portal
	const now = portal.clock.now()
	const callId = insertCall(db, { now })
	office = insertUser(db, { role: 'office', name: 'Parisa Office' })
	expect(saveRubric(db, { callId, criteria: defaultRubricValues(), actor: actorOf(office), now })).toEqual({ ok: true })
	const applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani', email: 'maryam@uni-lisboa.pt' })
	reviewers = Array.from({ length: REVIEWERS }, (_, index) => insertUser(db, { role: 'reviewer', name: `Dr Reviewer ${index + 1}`, email: `reviewer${index + 1}@example.edu` }))
	application = placeApplication(db, { callId, applicantId: applicant.id, now, status: 'under_review', submittedAt: new Date(now.getTime() - days(40)), firstSubmittedAt: new Date(now.getTime() - days(40)) })

	// A long history: the application went back and forth between the office and the applicant.
	const statuses = ['submitted', 'under_review', 'changes_requested'] as const
	db.insert(statusChanges)
		.values(
			Array.from({ length: CHANGES }, (_, index) => ({
				applicationId: application.id,
				fromStatus: index === 0 ? ('draft' as const) : statuses[(index - 1) % 3]!,
				toStatus: statuses[index % 3]!,
				actorId: office.id,
				note: `Note ${index + 1}: the office checked the dates and the host's letter again.`,
				at: new Date(now.getTime() - days(CHANGES - index)),
			})),
		)
		.run()

	// A year of emails: most sent, three failed for good, two still being retried after an error.
	db.insert(outbox)
		.values(
			Array.from({ length: EMAILS }, (_, index) => {
				const at = new Date(now.getTime() - (EMAILS - index) * 3_600_000)
				const status = index < 3 ? ('failed' as const) : index < 5 ? ('pending' as const) : ('sent' as const)
				return {
					toAddress: 'maryam@uni-lisboa.pt',
					template: 'test',
					locale: 'en' as const,
					props: {},
					subject: `Email ${index + 1} about ${application.reference}`,
					dedupeKey: `office-file:${index}`,
					status,
					applicationId: application.id,
					attempts: 1,
					notBefore: at,
					lastError: status === 'sent' ? null : `550 Mailbox unavailable (${index + 1})`,
					sentAt: status === 'sent' ? at : null,
					createdAt: at,
					updatedAt: at,
				}
			}),
		)
		.run()

	// Four reviewers, each with a submitted review.
	for (const [index, reviewer] of reviewers.slice(0, ASSIGNED).entries()) {
		const assignment = db
			.insert(reviewAssignments)
			.values({ applicationId: application.id, reviewerId: reviewer.id, assignedBy: office.id, dueAt: new Date(now.getTime() + days(7)), status: 'done', createdAt: now, updatedAt: now })
			.returning({ id: reviewAssignments.id })
			.get()
		db.insert(reviews)
			.values({
				assignmentId: assignment.id,
				applicationId: application.id,
				reviewerId: reviewer.id,
				scores: { excellence: 1 + index, relevance: 3, plan: 4, impact: 5 - index },
				recommendation: 'support',
				commentForOffice: `Reviewer ${index + 1}: a strong candidate with a clear plan; the host department is well prepared for the visit.`,
				commentForApplicant: `Reviewer ${index + 1}: a clear plan; consider a longer visit.`,
				status: 'submitted',
				submittedAt: now,
				createdAt: now,
				updatedAt: now,
			})
			.run()
	}

	// The CV, downloaded again and again by the office and the reviewers.
	cvId = db.select({ id: documents.id }).from(documents).where(eq(documents.applicationId, application.id)).get()!.id
	db.insert(auditLog)
		.values(
			Array.from({ length: DOWNLOADS }, (_, index) => ({
				actorId: index % 2 === 0 ? office.id : reviewers[index % ASSIGNED]!.id,
				action: 'document.downloaded',
				entity: 'document',
				entityId: String(cvId),
				applicationId: application.id,
				at: new Date(now.getTime() - (DOWNLOADS - index) * 60_000),
			})),
		)
		.run()

	cookies.office = await sessionCookie(portal, office.id)
	cookies.reviewer = await sessionCookie(portal, reviewers[0]!.id)
	cookies.applicant = await sessionCookie(portal, applicant.id)
})

afterAll(async () => {
	await portal.stop()
})

const path = (section = '') => `/office/applications/${application.id}${section ? `/${section}` : ''}`
const get = (handler: (args: never) => unknown, section: string, who: keyof typeof cookies) =>
	call(handler as never, new Request(`http://portal.test${path(section)}`, { headers: { Cookie: cookies[who] } }), portal.context(), { id: String(application.id) })

type FirstView = {
	history: { changes: number; latest: { event: string; note: string | null; by: string | null } | null }
	emails: { total: number; byStatus: Record<string, number>; undelivered: { subject: string; status: string; lastError: string | null }[]; undeliveredCount: number }
	documents: { id: number; downloads: number; latest: { by: string | null } | null; every?: unknown }[]
	assign: { assignable: boolean; candidates: number }
	keyAnswers: { field: string; value: string }[]
	comparison: { reviews: unknown[] }
	assignments: unknown[]
}

describe('the office’s file of a busy application', () => {
	it('sends at most 10 KB of loader data for its first view, with a summary of each section it loads on demand', async () => {
		const result = await get(fileLoader, '', 'office')
		expect(statusOf(result)).toBe(200)
		const data = dataOf<FirstView>(result)
		expect(JSON.stringify(data).length).toBeLessThanOrEqual(FIRST_VIEW_LIMIT)
		// What it shows in full: the reviews and the assignments.
		expect(data.comparison.reviews).toHaveLength(ASSIGNED)
		expect(data.assignments).toHaveLength(ASSIGNED)
		// The history: how many changes, and the latest with who made it and its note.
		expect(data.history).toMatchObject({ changes: CHANGES, latest: { event: 'under_review', by: 'Parisa Office', note: `Note ${CHANGES}: the office checked the dates and the host's letter again.` } })
		// The emails: counted by state, and the ones that did not get through at once, with the mail server's answer.
		expect(data.emails).toMatchObject({ total: EMAILS, byStatus: { sent: EMAILS - 5, failed: 3, pending: 2 }, undeliveredCount: 5 })
		expect(data.emails.undelivered.map((email) => [email.subject, email.status, email.lastError])).toEqual([
			[`Email 5 about ${application.reference}`, 'pending', '550 Mailbox unavailable (5)'],
			[`Email 4 about ${application.reference}`, 'pending', '550 Mailbox unavailable (4)'],
			[`Email 3 about ${application.reference}`, 'failed', '550 Mailbox unavailable (3)'],
			[`Email 2 about ${application.reference}`, 'failed', '550 Mailbox unavailable (2)'],
			[`Email 1 about ${application.reference}`, 'failed', '550 Mailbox unavailable (1)'],
		])
		// The downloads: the count and the latest per document, not each one.
		const cv = data.documents.find((document) => document.id === cvId)!
		expect(cv).toMatchObject({ downloads: DOWNLOADS, latest: { by: reviewers[(DOWNLOADS - 1) % ASSIGNED]!.name } })
		expect(cv.every).toBeUndefined()
		// The assign form: how many reviewers may be picked; the answers: the key ones.
		expect(data.assign).toEqual({ assignable: true, candidates: REVIEWERS - ASSIGNED })
		expect(data.keyAnswers.map((row) => row.field)).toEqual(['institution', 'position', 'field', 'hostDepartment', 'startDate', 'endDate'])
		expect(data.keyAnswers.every((row) => row.value !== '')).toBe(true)
	})

	it('opens the whole history, with who made each change and its note', async () => {
		const { timeline } = dataOf<{ timeline: { entries: { note: string | null; actor: { name: string } | null }[] } }>(await get(historyLoader, 'history', 'office'))
		expect(timeline.entries).toHaveLength(CHANGES)
		expect(timeline.entries[0]).toMatchObject({ note: `Note 1: the office checked the dates and the host's letter again.`, actor: { name: 'Parisa Office' } })
	})

	it('opens every email, newest first, with the mail server’s last error', async () => {
		const { emails } = dataOf<{ emails: { subject: string; lastError: string | null }[] }>(await get(emailsLoader, 'emails', 'office'))
		expect(emails).toHaveLength(EMAILS)
		expect(emails[0]!.subject).toBe(`Email ${EMAILS} about ${application.reference}`)
		expect(emails.at(-1)).toMatchObject({ subject: `Email 1 about ${application.reference}`, lastError: '550 Mailbox unavailable (1)' })
	})

	it('opens every download of each document, newest first, with who and in what role', async () => {
		const { documents: listed } = dataOf<{ documents: { id: number; every: { by: string | null; role: string | null; at: string }[] }[] }>(await get(downloadsLoader, 'downloads', 'office'))
		const { every } = listed.find((document) => document.id === cvId)!
		expect(every).toHaveLength(DOWNLOADS)
		expect(every.slice(0, 2).map((entry) => [entry.by, entry.role])).toEqual([
			[reviewers[(DOWNLOADS - 1) % ASSIGNED]!.name, 'reviewer'],
			['Parisa Office', 'office'],
		])
		expect(every[0]!.at).toBe(new Date(portal.clock.now().getTime() - 60_000).toISOString())
	})

	it('opens every answer, step by step', async () => {
		const { sections } = dataOf<{ sections: { step: string; rows: unknown[] }[] }>(await get(answersLoader, 'answers', 'office'))
		expect(sections.map((section) => section.step)).toEqual(['personal', 'academic', 'visit', 'plan', 'referees'])
		expect(sections.every((section) => section.rows.length > 0)).toBe(true)
	})

	it('opens the assign form with every reviewer who may be picked, and assigns from it', async () => {
		const view = dataOf<{ reviewers: { id: number; name: string }[]; defaultDueDate: string }>(await get(assignLoader, 'assign', 'office'))
		expect(view.reviewers).toHaveLength(REVIEWERS - ASSIGNED)
		expect(view.reviewers.map((reviewer) => reviewer.id)).not.toContain(reviewers[0]!.id)

		const post = (fields: Record<string, string>) => call(assignAction as never, formRequest(path('assign'), fields, { Cookie: cookies.office }), portal.context(), { id: String(application.id) })
		// Nothing ticked: the form comes back with the error and the date typed.
		const refused = await post({ intent: 'assign', dueDate: view.defaultDueDate })
		expect(statusOf(refused)).toBe(400)
		expect(dataOf(refused)).toEqual({ errors: { reviewerId: 'office.assign.errors.none' }, values: { reviewerIds: [], dueDate: view.defaultDueDate } })
		const assigned = await post({ intent: 'assign', reviewerId: String(reviewers[ASSIGNED]!.id), dueDate: view.defaultDueDate })
		expect(statusOf(assigned)).toBe(302)
		expect((assigned as Response).headers.get('Location')).toBe(`${path()}?notice=assigned#reviewers`)
		expect(dataOf<{ reviewers: unknown[] }>(await get(assignLoader, 'assign', 'office')).reviewers).toHaveLength(REVIEWERS - ASSIGNED - 1)
		portal.db.delete(reviewAssignments).where(eq(reviewAssignments.reviewerId, reviewers[ASSIGNED]!.id)).run()
	})

	describe.each([
		['history', historyLoader],
		['emails', emailsLoader],
		['downloads', downloadsLoader],
		['answers', answersLoader],
		['assign', assignLoader],
	] as const)('its section “%s”', (section, loader) => {
		it.each(['reviewer', 'applicant'] as const)('answers 404 to the application’s %s', async (who) => {
			expect(statusOf(await get(loader, section, who))).toBe(404)
		})

		it('answers 404 for an application that does not exist', async () => {
			const result = await call(loader as never, new Request(`http://portal.test/office/applications/99999/${section}`, { headers: { Cookie: cookies.office } }), portal.context(), { id: '99999' })
			expect(statusOf(result)).toBe(404)
		})
	})

	it('refuses the assign form’s post to a reviewer and the applicant with a 404, and assigns no one', async () => {
		for (const who of ['reviewer', 'applicant'] as const) {
			const request = formRequest(path('assign'), { intent: 'assign', reviewerId: String(reviewers[ASSIGNED]!.id), dueDate: '2026-12-20' }, { Cookie: cookies[who] })
			expect(statusOf(await call(assignAction as never, request, portal.context(), { id: String(application.id) }))).toBe(404)
		}
		expect(portal.db.select().from(reviewAssignments).where(eq(reviewAssignments.applicationId, application.id)).all()).toHaveLength(ASSIGNED)
	})
})
