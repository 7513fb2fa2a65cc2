import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import { action as stepAction, loader as stepLoader } from '#app/routes/applications.$id.$step.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { applicationSteps, documents, reviewAssignments, users, type Role } from '#db/schema.ts'
import { seedDemo } from '#db/seed.ts'
import { call, formRequest, sessionCookie, startPortal, statusOf, dataOf, type Portal } from '#tests/support/app.ts'
import { declareNoConflictRow } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'

let portal: Portal
let uploadDir: string
beforeEach(async () => {
	uploadDir = fs.mkdtempSync(path.join(TMP_DIR, 'uploads-'))
	portal = await startPortal({ UPLOAD_DIR: uploadDir, UPLOAD_MAX_MB: '10' })
	seedDemo(portal.db, portal.clock.now())
})
afterEach(async () => {
	await portal.stop()
	fs.rmSync(uploadDir, { recursive: true, force: true })
})

/** A user inserted directly (password hashing is slow and not what these tests are about), signed in. */
async function signedIn(role: Role, email: string) {
	const now = portal.clock.now()
	const user = portal.db
		.insert(users)
		.values({ email, name: email.split('@')[0]!, role, verifiedAt: now, createdAt: now, updatedAt: now })
		.returning()
		.get()
	return { user, cookie: await sessionCookie(portal, user.id) }
}

function startApplicationFor(userId: number) {
	return createApplication(portal.db, { callId: 1, applicantId: userId, now: portal.clock.now() }).application
}

function multipart(pathname: string, cookie: string, file: { name: string; bytes: Buffer }) {
	const body = new FormData()
	body.set('file', new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name)
	return new Request(`http://portal.test${pathname}`, { method: 'POST', headers: { Cookie: cookie }, body })
}

/** Every file under the upload folder, the temporary ones of uploads in progress included. */
const uploadedFiles = () =>
	fs
		.readdirSync(uploadDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name)

describe('saving a step', () => {
	it('keeps what is valid and reports the rest, without losing what was typed', async () => {
		const { user, cookie } = await signedIn('applicant', 'maryam@example.org')
		const application = startApplicationFor(user.id)
		const result = await call(
			stepAction,
			formRequest(`/applications/${application.id}/personal`, { intent: 'draft', givenNames: 'Maryam', phone: 'not a phone', orcid: '0000-0002-1825-0098' }, { Cookie: cookie }),
			portal.context(),
			{ id: String(application.id), step: 'personal' },
		)
		expect(statusOf(result)).toBe(400)
		const answer = dataOf<{ errors: Record<string, string>; values: Record<string, string> }>(result)
		expect(Object.keys(answer.errors).sort()).toEqual(['orcid', 'phone'])
		expect(answer.values.phone).toBe('not a phone')
		const saved = portal.db.select().from(applicationSteps).all()
		expect(saved).toHaveLength(1)
		expect(saved[0]!.data).toEqual({ givenNames: 'Maryam' })
	})
})

describe('uploads', () => {
	it('refuses a text file renamed .pdf, and leaves nothing on disk', async () => {
		const { user, cookie } = await signedIn('applicant', 'a@example.org')
		const application = startApplicationFor(user.id)
		const result = await call(
			stepAction,
			multipart(`/applications/${application.id}/academic?document=cv`, cookie, { name: 'cv.pdf', bytes: Buffer.from('Just some text, honestly.') }),
			portal.context(),
			{ id: String(application.id), step: 'academic' },
		)
		expect(statusOf(result)).toBe(400)
		expect(dataOf(result)).toMatchObject({ kind: 'upload', document: 'cv', problem: 'notPdf' })
		expect(portal.db.select().from(documents).all()).toEqual([])
		expect(uploadedFiles()).toEqual([])
	})

	it('answers an 11 MB upload with 413 and leaves nothing on disk', async () => {
		const { user, cookie } = await signedIn('applicant', 'b@example.org')
		const application = startApplicationFor(user.id)
		const bytes = Buffer.alloc(11 * 1024 * 1024, 0x20)
		bytes.write('%PDF-1.4\n')
		const result = await call(
			stepAction,
			multipart(`/applications/${application.id}/academic?document=cv`, cookie, { name: 'big.pdf', bytes }),
			portal.context(),
			{ id: String(application.id), step: 'academic' },
		)
		expect(statusOf(result)).toBe(413)
		expect(dataOf(result)).toMatchObject({ problem: 'tooLarge' })
		expect(portal.db.select().from(documents).all()).toEqual([])
		expect(uploadedFiles()).toEqual([])
	})

	it('stores a PDF under a generated name with its size and SHA-256, and a new CV replaces the old', async () => {
		const { user, cookie } = await signedIn('applicant', 'c@example.org')
		const application = startApplicationFor(user.id)
		const upload = (bytes: Buffer) =>
			call(stepAction, multipart(`/applications/${application.id}/academic?document=cv`, cookie, { name: 'My CV – مریم.pdf', bytes }), portal.context(), {
				id: String(application.id),
				step: 'academic',
			})
		expect(statusOf(await upload(Buffer.from('%PDF-1.4 first')))).toBe(200)
		expect(statusOf(await upload(Buffer.from('%PDF-1.4 second version')))).toBe(200)
		const rows = portal.db.select().from(documents).all()
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ kind: 'cv', originalName: 'My CV – مریم.pdf', size: 23 })
		expect(rows[0]!.sha256).toMatch(/^[a-f0-9]{64}$/)
		expect(uploadedFiles()).toEqual([rows[0]!.storedName])

		const download = (await call(documentLoader, new Request(`http://portal.test/documents/${rows[0]!.id}`, { headers: { Cookie: cookie } }), portal.context(), {
			id: String(rows[0]!.id),
		})) as Response
		expect(download.status).toBe(200)
		expect(download.headers.get('Content-Disposition')).toBe(
			`attachment; filename="My CV _ ____.pdf"; filename*=UTF-8''My%20CV%20%E2%80%93%20%D9%85%D8%B1%DB%8C%D9%85.pdf`,
		)
		expect(download.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(await download.text()).toBe('%PDF-1.4 second version')
	})
})

describe('who may see what', () => {
	it('answers 404 for another applicant’s application, step and document; a reviewer not assigned cannot download', async () => {
		const owner = await signedIn('applicant', 'owner@example.org')
		const other = await signedIn('applicant', 'other@example.org')
		const application = startApplicationFor(owner.user.id)
		await call(stepAction, multipart(`/applications/${application.id}/academic?document=cv`, owner.cookie, { name: 'cv.pdf', bytes: Buffer.from('%PDF-1.4 x') }), portal.context(), {
			id: String(application.id),
			step: 'academic',
		})
		const document = portal.db.select().from(documents).get()!

		const stepAsOther = await call(stepLoader, new Request(`http://portal.test/applications/${application.id}/personal`, { headers: { Cookie: other.cookie } }), portal.context(), {
			id: String(application.id),
			step: 'personal',
		})
		expect(statusOf(stepAsOther)).toBe(404)
		const saveAsOther = await call(stepAction, formRequest(`/applications/${application.id}/personal`, { givenNames: 'Mallory' }, { Cookie: other.cookie }), portal.context(), {
			id: String(application.id),
			step: 'personal',
		})
		expect(statusOf(saveAsOther)).toBe(404)
		const documentAsOther = await call(documentLoader, new Request(`http://portal.test/documents/${document.id}`, { headers: { Cookie: other.cookie } }), portal.context(), {
			id: String(document.id),
		})
		expect(statusOf(documentAsOther)).toBe(404)

		const reviewer = await signedIn('reviewer', 'reviewer@example.edu')
		const download = () =>
			call(documentLoader, new Request(`http://portal.test/documents/${document.id}`, { headers: { Cookie: reviewer.cookie } }), portal.context(), {
				id: String(document.id),
			})
		expect(statusOf(await download())).toBe(404)
		// Assigned, the reviewer may once they have declared no conflict of interest.
		const now = portal.clock.now()
		portal.db.insert(reviewAssignments).values({ applicationId: application.id, reviewerId: reviewer.user.id, dueAt: now, createdAt: now, updatedAt: now }).run()
		expect(statusOf(await download())).toBe(404)
		declareNoConflictRow(portal.db, application.id, reviewer.user.id, now)
		expect(statusOf(await download())).toBe(200)
	})
})
