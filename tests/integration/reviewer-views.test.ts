import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { storedPath } from '#app/documents/storage.server.ts'
import { assignReviewers } from '#app/domain/assignments.server.ts'
import { issueAccessToken } from '#app/domain/letters.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { loader as overviewLoader } from '#app/routes/applications.$id._index.tsx'
import { action as submitAction } from '#app/routes/applications.$id.submit.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { action as hostAction } from '#app/routes/letters.host.tsx'
import { action as refereeAction } from '#app/routes/letters.referee.tsx'
import { action as reviewAction, loader as reviewLoader } from '#app/routes/reviewer.assignments.$id.tsx'
import { applications, calls, documents, referees, reviewAssignments, type User } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'

/**
 * What an assigned reviewer gets of an application: nothing before they declare no conflict of interest, and then
 * a view of their own on the overview, made only of what DOMAIN.md lets them read.
 */

const OFFICE_MAILBOX = 'vpp-mailbox@office.example.edu'
const OFFICE_NAME = 'Parisa Officestaff'
const DECISION_NOTE = 'Fund only if the cardiology budget allows; ask the dean first.'
const PASSPORT_NAME = 'passport-scan-P8817263.pdf'
const LETTER_NAME = 'Letter for Dr Tehrani from Prof Referee 1.pdf'
const PDF = Buffer.from('%PDF-1.4\nA strong letter.\n%%EOF')

let portal: Portal
let uploadDir: string
beforeEach(async () => {
	uploadDir = fs.mkdtempSync(path.join(TMP_DIR, 'reviewer-views-'))
	portal = await startPortal({ UPLOAD_DIR: uploadDir, OFFICE_EMAIL: OFFICE_MAILBOX })
})
afterEach(async () => {
	await portal.stop()
	fs.rmSync(uploadDir, { recursive: true, force: true })
})

const get = (pathname: string, user: User) =>
	sessionCookie(portal, user.id).then((cookie) => new Request(`http://portal.test${pathname}`, { headers: { Cookie: cookie } }))

const overview = async (applicationId: number, user: User) =>
	call(overviewLoader, await get(`/applications/${applicationId}`, user), portal.context(), { id: String(applicationId) })

const download = async (documentId: number, user: User) => {
	const result = await call(documentLoader, await get(`/documents/${documentId}`, user), portal.context(), { id: String(documentId) })
	if (result instanceof Response) await result.arrayBuffer()
	return statusOf(result)
}

/**
 * An application under review, as the people involved made it: the applicant submitted it (the office's mailbox was
 * told), a referee sent a letter and the host endorsed it through their links, the office assigned a reviewer. The
 * CV is on disk and a passport copy is on file (a fixture row: it is asked for only after approval).
 */
async function underReview() {
	const { db, clock } = portal
	const now = clock.now()
	const office = insertUser(db, { role: 'office', name: OFFICE_NAME })
	const applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani' })
	const reviewer = insertUser(db, { role: 'reviewer', name: 'Dr Sara Ahmadi' })
	const callId = insertCall(db, { now })
	const application = placeApplication(db, { callId, applicantId: applicant.id, now })
	const submitted = await call(
		submitAction,
		formRequest(`/applications/${application.id}/submit`, { version: String(application.version), accuracy: 'yes', consent: 'yes' }, { Cookie: await sessionCookie(portal, applicant.id) }),
		portal.context(),
		{ id: String(application.id) },
	)
	expect(statusOf(submitted)).toBe(302)

	// The links the referee and the host were emailed (issued afresh here, so the test need not read the emails).
	const letterDeadline = db.select().from(calls).where(eq(calls.id, callId)).get()!.letterDeadline
	const [referee] = db.select().from(referees).where(eq(referees.applicationId, application.id)).orderBy(referees.slot).all()
	const [refereeToken, hostToken] = db.transaction((tx) => [
		issueAccessToken(tx, { applicationId: application.id, refereeId: referee!.id, role: 'referee', expiresAt: letterDeadline, now }),
		issueAccessToken(tx, { applicationId: application.id, refereeId: null, role: 'host', expiresAt: letterDeadline, now }),
	])
	const letter = new FormData()
	letter.set('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), LETTER_NAME)
	const sent = await call(refereeAction, new Request(`http://portal.test/letters/referee?token=${refereeToken}`, { method: 'POST', body: letter }), portal.context())
	expect(statusOf(sent)).toBe(302)
	const endorsed = await call(
		hostAction,
		formRequest(`/letters/host?token=${hostToken}`, { decision: 'endorsed', statement: 'We want this visit.', knowsApplicant: 'no', howKnown: '' }),
		portal.context(),
	)
	expect(statusOf(endorsed)).toBe(302)

	const cv = db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'cv'))).get()!
	const passport = db
		.insert(documents)
		.values({ applicationId: application.id, kind: 'passport', originalName: PASSPORT_NAME, storedName: `${crypto.randomBytes(16).toString('hex')}.pdf`, size: PDF.length, sha256: 'b'.repeat(64), createdAt: now })
		.returning()
		.get()
	for (const { storedName } of [cv, passport]) {
		const file = storedPath(uploadDir, storedName)
		fs.mkdirSync(path.dirname(file), { recursive: true })
		fs.writeFileSync(file, PDF)
	}

	assignReviewers(db, portal.config, { applicationId: application.id, reviewerIds: [reviewer.id], dueAt: new Date(now.getTime() + days(14)), actor: actorOf(office), now })
	const assignment = db.select().from(reviewAssignments).where(eq(reviewAssignments.reviewerId, reviewer.id)).get()!
	const referenceLetter = db.select().from(documents).where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'reference_letter'))).get()!
	return { office, applicant, reviewer, application, assignment, cv, passport, referenceLetter }
}

async function declareNoConflict(reviewer: User, assignmentId: number) {
	const answer = await call(
		reviewAction,
		formRequest(`/reviewer/assignments/${assignmentId}`, { intent: 'declare', conflict: 'no' }, { Cookie: await sessionCookie(portal, reviewer.id) }),
		portal.context(),
		{ id: String(assignmentId) },
	)
	expect(statusOf(answer)).toBe(302)
}

/** Every key path in `value`, array items as `[]`: `documents[].name`, `host.statement`. */
function keyPaths(value: unknown, prefix = ''): string[] {
	if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[]`))
	if (value === null || typeof value !== 'object') return []
	return Object.entries(value).flatMap(([key, inner]) => {
		const here = prefix ? `${prefix}.${key}` : key
		return [here, ...keyPaths(inner, here)]
	})
}

/** What DOMAIN.md lets a reviewer read: the answers, the documents but the passport, the referees, the host, the status. */
const REVIEWER_KEYS = [
	'view',
	'id',
	'reference',
	'callTitle',
	'status',
	'assignmentId',
	'sections',
	'sections[].step',
	'sections[].title',
	'sections[].rows',
	'sections[].rows[].field',
	'sections[].rows[].label',
	'sections[].rows[].value',
	'documents',
	'documents[].id',
	'documents[].kind',
	'documents[].name',
	'referees',
	'referees[].name',
	'referees[].institution',
	'referees[].letterId',
	'referees[].declined',
	'host',
	'host.name',
	'host.decision',
	'host.statement',
	'host.knowsApplicant',
	'host.howKnown',
]

describe('an assigned reviewer', () => {
	it('gets 404 for the overview, the CV and the referee’s letter until they declare no conflict; the declaration page works', async () => {
		const { reviewer, application, assignment, cv, passport, referenceLetter } = await underReview()

		expect(statusOf(await overview(application.id, reviewer))).toBe(404)
		expect(await download(cv.id, reviewer)).toBe(404)
		expect(await download(referenceLetter.id, reviewer)).toBe(404)
		const page = await call(reviewLoader, await get(`/reviewer/assignments/${assignment.id}`, reviewer), portal.context(), { id: String(assignment.id) })
		expect(statusOf(page)).toBe(200)
		expect(dataOf(page)).toMatchObject({ reference: application.reference, declaration: null, review: null })

		await declareNoConflict(reviewer, assignment.id)
		expect(statusOf(await overview(application.id, reviewer))).toBe(200)
		expect(await download(cv.id, reviewer)).toBe(200)
		expect(await download(referenceLetter.id, reviewer)).toBe(200)
		// The passport never, declaration or not.
		expect(await download(passport.id, reviewer)).toBe(404)
	})

	it('reads the overview made only of what a reviewer may see, while the office keeps its view', async () => {
		const { office, reviewer, application, assignment, cv, referenceLetter } = await underReview()
		await declareNoConflict(reviewer, assignment.id)
		const version = portal.db.select().from(applications).where(eq(applications.id, application.id)).get()!.version
		changeStatus(portal.db, { applicationId: application.id, to: 'waitlisted', actor: actorOf(office), expectedVersion: version, note: DECISION_NOTE, now: portal.clock.now(), settings: portal.config })
		portal.clock.advance(portal.config.email.decisionGraceMs + 1)

		const mine = dataOf(await overview(application.id, reviewer))
		expect(keyPaths(mine).filter((key) => !REVIEWER_KEYS.includes(key))).toEqual([])
		const serialized = JSON.stringify(mine)
		for (const officeOnly of [DECISION_NOTE, OFFICE_NAME, OFFICE_MAILBOX, PASSPORT_NAME]) expect(serialized).not.toContain(officeOnly)
		// What the reviewer needs is there: the answers, the CV and the letter, the host's endorsement, the public status.
		expect(mine).toMatchObject({
			view: 'reviewer',
			reference: application.reference,
			status: 'waitlisted',
			assignmentId: assignment.id,
			documents: expect.arrayContaining([
				{ id: cv.id, kind: 'cv', name: 'cv.pdf' },
				{ id: referenceLetter.id, kind: 'reference_letter', name: LETTER_NAME },
			]),
			referees: expect.arrayContaining([expect.objectContaining({ letterId: referenceLetter.id })]),
			host: { decision: 'endorsed', statement: 'We want this visit.' },
		})
		expect((mine as { sections: { step: string }[] }).sections.map((section) => section.step)).toEqual(['personal', 'academic', 'visit', 'plan', 'referees'])

		// The office's view of the same page keeps the note, the staff, every email and every file.
		const theirs = JSON.stringify(dataOf(await overview(application.id, office)))
		for (const officeOnly of [DECISION_NOTE, OFFICE_NAME, OFFICE_MAILBOX, PASSPORT_NAME, LETTER_NAME]) expect(theirs).toContain(officeOnly)
	})
})
