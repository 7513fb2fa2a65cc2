import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
	activeReferees,
	createLetterRequests,
	hostEndorsementOf,
	LetterActionError,
	letterStatuses,
	replaceReferee,
	resendLetterRequest,
	sendLetterReminders,
} from '#app/domain/letters.server.ts'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import { changeStatusInTransaction } from '#app/domain/lifecycle/change-status.server.ts'
import { jobs } from '#app/jobs/registry.server.ts'
import { createScheduler } from '#app/jobs/scheduler.server.ts'
import { action as hostAction, loader as hostLoader } from '#app/routes/letters.host.tsx'
import { action as refereeAction, loader as refereeLoader } from '#app/routes/letters.referee.tsx'
import { loader as overviewLoader } from '#app/routes/applications.$id._index.tsx'
import { loader as documentLoader } from '#app/routes/documents.$id.tsx'
import { auditLog, calls, documents, outbox, referees } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { fillCompleteContent } from '#tests/support/application-content.ts'
import { actorOf, days, insertCall, insertUser } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'

let portal: Portal
let uploadDir: string
beforeEach(async () => {
	uploadDir = fs.mkdtempSync(path.join(TMP_DIR, 'letters-'))
	portal = await startPortal({ UPLOAD_DIR: uploadDir, UPLOAD_MAX_MB: '1', OFFICE_EMAIL: 'office@portal.test' })
})
afterEach(async () => {
	await portal.stop()
	fs.rmSync(uploadDir, { recursive: true, force: true })
})

const PDF = Buffer.from('%PDF-1.4\nA strong letter for a strong candidate.\n%%EOF')

/** A complete application, submitted for the first time as the submit page does it, its emails delivered. */
async function submitted() {
	const { db, clock, config } = portal
	const now = clock.now()
	const applicant = insertUser(db, { role: 'applicant', name: 'Dr Maryam Tehrani' })
	const callId = insertCall(db, { now })
	const { application } = createApplication(db, { callId, applicantId: applicant.id, now })
	fillCompleteContent(db, application, now)
	const callRow = db.select().from(calls).where(eq(calls.id, callId)).get()!
	db.transaction(
		(tx) => {
			createLetterRequests(tx, { application, call: callRow, now })
			changeStatusInTransaction(tx, {
				applicationId: application.id,
				to: 'submitted',
				actor: actorOf(applicant),
				expectedVersion: application.version,
				now,
				settings: config,
			})
		},
		{ behavior: 'immediate' },
	)
	const before = portal.sink.received.length
	const queued = db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all().length
	await portal.deliver()
	await portal.sink.waitForMessages(before + queued)
	return { applicant, application, call: callRow, referees: activeReferees(db, application.id), host: hostEndorsementOf(db, application.id)! }
}

/** The newest private link emailed to `address`, as its token. */
function tokenSentTo(address: string, role: 'referee' | 'host'): string {
	const mails = portal.sink.received.filter((mail) => mail.envelopeTo.includes(address))
	const match = new RegExp(`/letters/${role}\\?token=([\\w-]+)`).exec(mails.at(-1)?.text ?? '')
	if (!match) throw new Error(`No ${role} link emailed to ${address}`)
	return match[1]!
}

const refereePage = (token: string) =>
	call(refereeLoader, new Request(`http://portal.test/letters/referee?token=${token}`), portal.context())
const hostPage = (token: string) => call(hostLoader, new Request(`http://portal.test/letters/host?token=${token}`), portal.context())

function uploadLetter(token: string, bytes: Buffer = PDF, extra: Record<string, string> = {}, fileName = 'letter.pdf') {
	const body = new FormData()
	for (const [name, value] of Object.entries(extra)) body.set(name, value)
	body.set('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), fileName)
	return call(refereeAction, new Request(`http://portal.test/letters/referee?token=${token}`, { method: 'POST', body }), portal.context())
}

const declineAsReferee = (token: string, reason = '') =>
	call(refereeAction, formRequest(`/letters/referee?token=${token}`, { intent: 'decline', reason }), portal.context())

const answerAsHostForm = (token: string, fields: Record<string, string>) =>
	call(hostAction, formRequest(`/letters/host?token=${token}`, fields), portal.context())

/**
 * Letters kept under UPLOAD_DIR. (Not `.incoming/`: storeUpload can leave a refused upload's temporary file there
 * when it is refused before the write stream has opened; reported, app/documents/storage.server.ts is not ours.)
 */
const storedFiles = () =>
	fs
		.readdirSync(uploadDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && !entry.parentPath.includes('.incoming'))
		.map((entry) => entry.name)

const refereeRow = (id: number) => portal.db.select().from(referees).where(eq(referees.id, id)).get()!

describe('a referee’s link', () => {
	it('works for its own slot only, once for the letter, and not after the letter deadline', async () => {
		const { application, call: callRow, referees: [first, second] } = await submitted()
		const firstToken = tokenSentTo(first!.email, 'referee')
		const secondToken = tokenSentTo(second!.email, 'referee')
		expect(firstToken).not.toBe(secondToken)

		const page = await refereePage(firstToken)
		expect(statusOf(page)).toBe(200)
		expect(dataOf(page)).toMatchObject({ state: 'open', refereeName: first!.name, facts: { reference: application.reference, applicantName: 'Dr Maryam Tehrani' } })
		// Not a host link, and nothing at all without the right token.
		expect(statusOf(await hostPage(firstToken))).toBe(404)
		expect(statusOf(await refereePage('not-a-token'))).toBe(404)

		// A file that is not a PDF is refused and not kept; the link still works.
		expect(statusOf(await uploadLetter(firstToken, Buffer.from('plain text')))).toBe(400)
		expect(storedFiles()).toEqual([])
		const tooLarge = Buffer.alloc(1024 * 1024 + 10, 0x20)
		tooLarge.write('%PDF-1.4\n')
		expect(statusOf(await uploadLetter(firstToken, tooLarge))).toBe(413)
		expect(storedFiles()).toEqual([])

		// The letter lands on the token's own referee, whatever the form claims.
		const sent = await uploadLetter(firstToken, PDF, { refereeId: String(second!.id), slot: '2' })
		expect(statusOf(sent)).toBe(302)
		expect((sent as Response).headers.get('Location')).toBe('/letters/referee?done=received')
		expect(refereeRow(first!.id).receivedAt).toEqual(portal.clock.now())
		expect(refereeRow(first!.id).letterDocumentId).not.toBeNull()
		expect(refereeRow(second!.id)).toMatchObject({ receivedAt: null, letterDocumentId: null })
		expect(portal.db.select().from(documents).where(eq(documents.kind, 'reference_letter')).all()).toHaveLength(1)

		// Once: a second letter (another tab) and a decline are refused as used.
		expect(statusOf(await uploadLetter(firstToken))).toBe(410)
		expect(statusOf(await declineAsReferee(firstToken))).toBe(410)
		expect(statusOf(await refereePage(firstToken))).toBe(410)
		expect(storedFiles()).toHaveLength(1)

		// After the letter deadline the other referee's link no longer works.
		portal.clock.advance(callRow.letterDeadline.getTime() - portal.clock.now().getTime())
		expect(statusOf(await refereePage(secondToken))).toBe(410)
		expect(statusOf(await uploadLetter(secondToken))).toBe(410)
		expect(statusOf(await declineAsReferee(secondToken, 'Too late anyway'))).toBe(410)
		expect(refereeRow(second!.id)).toMatchObject({ receivedAt: null, declinedAt: null })
		expect(storedFiles()).toHaveLength(1)

		const audit = portal.db.select().from(auditLog).where(eq(auditLog.action, 'letter.received')).all()
		expect(audit).toMatchObject([{ actorId: null, applicationId: application.id, entityId: String(first!.id) }])
	})

	it('lets a referee decline with a reason, which the applicant is told without the reason', async () => {
		const { applicant, referees: [first] } = await submitted()
		const token = tokenSentTo(first!.email, 'referee')
		const answer = await declineAsReferee(token, 'I am on sabbatical without email.')
		expect((answer as Response).headers.get('Location')).toBe('/letters/referee?done=declined')
		expect(refereeRow(first!.id)).toMatchObject({ declineReason: 'I am on sabbatical without email.' })
		const before = portal.sink.received.length
		await portal.deliver()
		const [mail] = (await portal.sink.waitForMessages(before + 1)).slice(before)
		expect(mail!.envelopeTo).toEqual([applicant.email])
		expect(mail!.text).toContain(first!.name)
		expect(mail!.text).not.toContain('sabbatical')
	})
})

describe('the host’s link', () => {
	it('endorses once; the applicant never sees the statement or a letter', async () => {
		const { applicant, application, host, referees: [first] } = await submitted()
		const token = tokenSentTo(host.email, 'host')
		expect(dataOf(await hostPage(token))).toMatchObject({ state: 'open', hostName: host.name })
		expect(statusOf(await refereePage(token))).toBe(404)

		const invalid = await answerAsHostForm(token, { decision: 'endorsed', statement: '', knowsApplicant: 'yes', howKnown: '' })
		expect(statusOf(invalid)).toBe(400)
		expect(dataOf<{ errors: Record<string, string> }>(invalid).errors).toEqual({
			statement: 'letters.errors.statement.required',
			howKnown: 'letters.errors.howKnown.required',
		})
		const statement = 'Our department badly wants this visit: CONFIDENTIAL-STATEMENT.'
		const fields = { decision: 'endorsed', statement, knowsApplicant: 'yes', howKnown: 'We met at a congress in 2019.' }
		const answered = await answerAsHostForm(token, fields)
		expect((answered as Response).headers.get('Location')).toBe('/letters/host?done=endorsed')
		expect(hostEndorsementOf(portal.db, application.id)).toMatchObject({
			decision: 'endorsed',
			statement,
			knowsApplicant: true,
			howKnown: 'We met at a congress in 2019.',
			answeredAt: portal.clock.now(),
		})
		expect(statusOf(await answerAsHostForm(token, { ...fields, decision: 'declined' }))).toBe(410)
		expect(hostEndorsementOf(portal.db, application.id)!.decision).toBe('endorsed')

		expect(statusOf(await uploadLetter(tokenSentTo(first!.email, 'referee')))).toBe(302)
		const letter = portal.db.select().from(documents).where(eq(documents.kind, 'reference_letter')).get()!

		// The applicant: states only, the letter answers 404, and their emails say nothing of the content.
		const statuses = letterStatuses(portal.db, application.id, portal.clock.now())
		expect(statuses.map((status) => [status.role, status.state])).toEqual([
			['referee', 'received'],
			['referee', 'requested'],
			['host', 'received'],
		])
		expect(JSON.stringify(statuses)).not.toContain('CONFIDENTIAL-STATEMENT')
		expect(JSON.stringify(statuses)).not.toContain(letter.storedName)
		const cookie = await sessionCookie(portal, applicant.id)
		const download = await call(documentLoader, new Request(`http://portal.test/documents/${letter.id}`, { headers: { Cookie: cookie } }), portal.context(), {
			id: String(letter.id),
		})
		expect(statusOf(download)).toBe(404)

		const before = portal.sink.received.length
		await portal.deliver()
		const mails = (await portal.sink.waitForMessages(before + 2)).slice(before)
		expect(mails.map((mail) => mail.envelopeTo[0])).toEqual([applicant.email, applicant.email])
		for (const mail of mails) {
			expect(mail.text).not.toContain('CONFIDENTIAL-STATEMENT')
			expect(mail.text).not.toContain('congress')
		}
	})
})

describe('what the applicant sees and may do', () => {
	it('shows on their overview each letter’s state, never its file', async () => {
		const { applicant, application, referees: [first] } = await submitted()
		const fileName = 'Prof Referee 1 on Dr Tehrani (confidential).pdf'
		expect(statusOf(await uploadLetter(tokenSentTo(first!.email, 'referee'), PDF, {}, fileName))).toBe(302)
		const letter = portal.db.select().from(documents).where(eq(documents.kind, 'reference_letter')).get()!
		expect(letter.originalName).toBe(fileName)

		const cookie = await sessionCookie(portal, applicant.id)
		const page = await call(overviewLoader, new Request(`http://portal.test/applications/${application.id}`, { headers: { Cookie: cookie } }), portal.context(), {
			id: String(application.id),
		})
		const data = dataOf<{ documents: { kind: string }[]; letters: { refereeId: number | null; state: string }[] }>(page)
		expect(data.letters.find((status) => status.refereeId === first!.id)!.state).toBe('received')
		expect(data.documents.map((document) => document.kind)).toEqual(['cv'])
		expect(JSON.stringify(data)).not.toContain(fileName)
		expect(JSON.stringify(data)).not.toContain(letter.storedName)
	})

	it('shows “undeliverable” when a referee’s email bounced with 550', async () => {
		const { applicant, application, referees: [first, second] } = await submitted()
		resendLetterRequest(portal.db, portal.config, { applicationId: application.id, refereeId: second!.id, actorId: applicant.id, now: portal.clock.now() })
		portal.sink.answerNext(550, 'No such user here')
		await portal.deliver()
		const failed = portal.db
			.select()
			.from(outbox)
			.where(and(eq(outbox.applicationId, application.id), eq(outbox.toAddress, second!.email)))
			.all()
			.at(-1)!
		expect(failed).toMatchObject({ status: 'failed', template: 'letter-request-referee', lastErrorCode: 550 })
		const statuses = letterStatuses(portal.db, application.id, portal.clock.now())
		expect(statuses.find((status) => status.refereeId === first!.id)!.state).toBe('requested')
		expect(statuses.find((status) => status.refereeId === second!.id)).toMatchObject({ state: 'undeliverable', canResend: true, canReplace: true })
	})

	it('resends: the new link works and the old one does not', async () => {
		const { applicant, application, referees: [first], host } = await submitted()
		const oldToken = tokenSentTo(first!.email, 'referee')
		const oldHostToken = tokenSentTo(host.email, 'host')
		portal.clock.advance(days(1))
		resendLetterRequest(portal.db, portal.config, { applicationId: application.id, refereeId: first!.id, actorId: applicant.id, now: portal.clock.now() })
		resendLetterRequest(portal.db, portal.config, { applicationId: application.id, refereeId: 'host', actorId: applicant.id, now: portal.clock.now() })
		const before = portal.sink.received.length
		await portal.deliver()
		await portal.sink.waitForMessages(before + 2)
		const newToken = tokenSentTo(first!.email, 'referee')
		const newHostToken = tokenSentTo(host.email, 'host')
		expect(newToken).not.toBe(oldToken)
		expect(statusOf(await refereePage(oldToken))).toBe(404)
		expect(statusOf(await hostPage(oldHostToken))).toBe(404)
		expect(statusOf(await refereePage(newToken))).toBe(200)
		expect(statusOf(await hostPage(newHostToken))).toBe(200)
		// The outbox keeps the link sealed: the token is nowhere in clear.
		expect(JSON.stringify(portal.db.select().from(outbox).all())).not.toContain(newToken)
		// Someone else's application: not found.
		const stranger = insertUser(portal.db, { role: 'applicant' })
		expect(() =>
			resendLetterRequest(portal.db, portal.config, { applicationId: application.id, refereeId: first!.id, actorId: stranger.id, now: portal.clock.now() }),
		).toThrow(LetterActionError)
	})

	it('replaces a referee, refusing the applicant’s own email, a duplicate and the host', async () => {
		const { applicant, application, referees: [first, second], host } = await submitted()
		const oldToken = tokenSentTo(first!.email, 'referee')
		const replace = (email: string) =>
			replaceReferee(portal.db, portal.config, {
				applicationId: application.id,
				refereeId: first!.id,
				referee: { name: 'Prof Neue', email, institution: 'Universität Wien', relationship: 'Co-author', locale: 'fa' },
				actorId: applicant.id,
				now: portal.clock.now(),
			})
		expect(replace(applicant.email.toUpperCase())).toEqual({ ok: false, errors: { email: 'errors.referees.email.self' } })
		expect(replace(second!.email)).toEqual({ ok: false, errors: { email: 'errors.referees.email.duplicate' } })
		expect(replace(host.email)).toEqual({ ok: false, errors: { email: 'errors.referees.email.host' } })
		expect(replace('not an email')).toMatchObject({ ok: false, errors: { email: expect.any(String) } })
		expect(activeReferees(portal.db, application.id).map((referee) => referee.id)).toEqual([first!.id, second!.id])

		const result = replace('Neue@Univie.ac.at')
		expect(result).toMatchObject({ ok: true })
		expect(activeReferees(portal.db, application.id).map((referee) => [referee.slot, referee.email, referee.locale])).toEqual([
			[1, 'neue@univie.ac.at', 'fa'],
			[2, second!.email, 'en'],
		])
		expect(refereeRow(first!.id).replacedAt).toEqual(portal.clock.now())
		expect(statusOf(await refereePage(oldToken))).toBe(404)

		const before = portal.sink.received.length
		await portal.deliver()
		const [mail] = (await portal.sink.waitForMessages(before + 1)).slice(before)
		expect(mail!.envelopeTo).toEqual(['neue@univie.ac.at'])
		const page = await refereePage(tokenSentTo('neue@univie.ac.at', 'referee'))
		expect(dataOf(page)).toMatchObject({ state: 'open', refereeName: 'Prof Neue' })
		expect(letterStatuses(portal.db, application.id, portal.clock.now()).filter((status) => status.role === 'referee').map((status) => status.name)).toEqual([
			'Prof Neue',
			second!.name,
		])
	})

	it('allows neither resend nor replace after the letter deadline', async () => {
		const { applicant, application, call: callRow, referees: [first] } = await submitted()
		portal.clock.advance(callRow.letterDeadline.getTime() - portal.clock.now().getTime())
		const statuses = letterStatuses(portal.db, application.id, portal.clock.now())
		expect(statuses.every((status) => !status.canResend && !status.canReplace)).toBe(true)
		expect(() =>
			resendLetterRequest(portal.db, portal.config, { applicationId: application.id, refereeId: first!.id, actorId: applicant.id, now: portal.clock.now() }),
		).toThrow(/not_allowed/)
	})
})

describe('the reminder', () => {
	it('goes once, 7 days before the letter deadline, only to those who have not answered', async () => {
		const { application, call: callRow, referees: [first, second], host } = await submitted()
		expect(statusOf(await uploadLetter(tokenSentTo(first!.email, 'referee')))).toBe(302)
		const secondToken = tokenSentTo(second!.email, 'referee')
		const scheduler = createScheduler({ db: portal.db, config: portal.config, now: portal.clock.now, jobs })
		const reminders = () =>
			portal.db
				.select({ to: outbox.toAddress, template: outbox.template })
				.from(outbox)
				.where(and(eq(outbox.applicationId, application.id)))
				.all()
				.filter((row) => row.template.startsWith('letter-reminder'))

		expect(await scheduler.runDueOnce()).toMatchObject({ ran: 0 })
		portal.clock.advance(callRow.letterDeadline.getTime() - days(7) - portal.clock.now().getTime() - 60_000)
		expect(await scheduler.runDueOnce()).toMatchObject({ ran: 0 })
		portal.clock.advance(60_000)
		expect(await scheduler.runDueOnce()).toMatchObject({ ran: 1 })
		expect(reminders().sort((a, b) => a.to.localeCompare(b.to))).toEqual(
			[
				{ to: host.email, template: 'letter-reminder-host' },
				{ to: second!.email, template: 'letter-reminder-referee' },
			].sort((a, b) => a.to.localeCompare(b.to)),
		)
		// Once: the job is done, and running its handler again (a retried lease) adds nothing.
		portal.clock.advance(days(1))
		expect(await scheduler.runDueOnce()).toMatchObject({ ran: 0 })
		await sendLetterReminders({ applicationId: application.id }, { db: portal.db, config: portal.config, now: portal.clock.now, job: { key: 'again', runAt: portal.clock.now(), attempts: 2 } })
		expect(reminders()).toHaveLength(2)

		// The reminder's link works, and so does the first one.
		const before = portal.sink.received.length
		await portal.deliver()
		await portal.sink.waitForMessages(before + 2)
		const reminded = tokenSentTo(second!.email, 'referee')
		expect(reminded).not.toBe(secondToken)
		expect(statusOf(await refereePage(reminded))).toBe(200)
		expect(statusOf(await refereePage(secondToken))).toBe(200)
		expect(refereeRow(second!.id).remindedAt).not.toBeNull()
	})
})
