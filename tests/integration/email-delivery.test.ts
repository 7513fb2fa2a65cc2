import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { cancelEmails, dedupeKey } from '#app/email/queue.server.ts'
import { messageIdFor } from '#app/email/message-id.ts'
import { createEmailWorker } from '#app/email/worker.server.ts'
import { createMailer, type Mailer } from '#app/email/transport.server.ts'
import { outbox } from '#db/schema.ts'
import { emailConfig, emailHarness, type EmailHarness } from '#tests/support/email.ts'
import { freshDatabase } from '#tests/support/db.ts'
import { TMP_DIR } from '#tests/support/paths.ts'

let harness: EmailHarness | null = null
afterEach(async () => {
	await harness?.stop()
	harness = null
})

async function start(env: Record<string, string> = {}) {
	harness = await emailHarness(env)
	return harness
}

describe('the outbox worker', () => {
	it('delivers a queued email once, with HTML and text bodies and the derived Message-ID', async () => {
		const { queue, drain, sink, rows, config } = await start()
		expect(queue({ to: 'maryam@example.org', toName: 'Maryam Rahimi', props: { name: 'Maryam' } })).toBe(true)
		expect(await drain()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 })
		const [mail] = await sink.waitForMessages(1)
		const [row] = rows()
		expect(mail!.subject).toBe('Test message from the Visiting Professor Program')
		expect(mail!.to).toMatchObject({ value: [{ address: 'maryam@example.org', name: 'Maryam Rahimi' }] })
		expect(mail!.from?.text).toContain('vpp@localhost')
		expect(mail!.html).toContain('Dear Maryam,')
		expect(mail!.html).toContain('lang="en"')
		expect(mail!.text).toContain('Dear Maryam,')
		expect(mail!.text).not.toContain('<')
		expect(mail!.headers.get('auto-submitted')).toBe('auto-generated')
		expect(mail!.messageId).toBe(messageIdFor(row!, config.publicUrl))
		expect(row).toMatchObject({ status: 'sent', attempts: 1, messageId: mail!.messageId, leaseOwner: null })
		expect(row!.sentAt).toBeInstanceOf(Date)

		// Nothing is due any more: a second round sends nothing.
		expect(await drain()).toEqual({ claimed: 0, sent: 0, retried: 0, failed: 0 })
		expect(sink.received).toHaveLength(1)
	})

	it('queues an email once per dedupe key', async () => {
		const { queue, drain, sink, rows } = await start()
		const key = dedupeKey('status-change', 7, 'test', 'a@example.org')
		expect(queue({ to: 'a@example.org', dedupeKey: key })).toBe(true)
		expect(queue({ to: 'a@example.org', dedupeKey: key })).toBe(false)
		await drain()
		expect(queue({ to: 'a@example.org', dedupeKey: key })).toBe(false)
		await drain()
		expect(rows()).toHaveLength(1)
		expect(sink.received).toHaveLength(1)
	})

	it('never sends an email queued in a transaction that rolled back', async () => {
		const { db, drain, sink, rows, clock } = await start()
		const { queueEmail } = await import('#app/email/queue.server.ts')
		expect(() =>
			db.transaction((tx) => {
				queueEmail(tx, {
					to: 'ghost@example.org',
					template: 'test',
					locale: 'en',
					props: { name: 'Ghost' },
					dedupeKey: 'rollback-test',
					now: clock.now(),
				})
				throw new Error('the change that caused the email failed')
			}),
		).toThrow('the change that caused the email failed')
		expect(await drain()).toMatchObject({ claimed: 0, sent: 0 })
		expect(rows()).toHaveLength(0)
		expect(sink.received).toHaveLength(0)
	})

	it('sends a secret link in the email but keeps only its ciphertext in the database', async () => {
		const { queue, drain, sink, db } = await start()
		const link = 'http://portal.test/verify-email?token=tok_SECRET_0123456789'
		queue({ to: 'new@example.org', props: { name: 'New' }, secrets: { link } })
		const raw = db.$client.prepare('SELECT props, subject FROM outbox').get() as { props: string; subject: string }
		expect(raw.props).not.toContain('tok_SECRET')
		expect(JSON.parse(raw.props)).toMatchObject({ name: 'New', $secrets: { names: ['link'] } })
		await drain()
		const [mail] = await sink.waitForMessages(1)
		expect(mail!.html).toContain(`href="${link}"`)
		expect(mail!.text).toContain(link)
	})

	it('marks an email failed at once, with the code and the text, when the server answers 550', async () => {
		const { queue, drain, sink, rows } = await start()
		sink.answerNext(550, 'No such user here')
		queue({ to: 'nobody@example.org' })
		expect(await drain()).toEqual({ claimed: 1, sent: 0, retried: 0, failed: 1 })
		expect(rows()[0]).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 550, leaseOwner: null })
		expect(rows()[0]!.lastError).toContain('No such user here')
		expect(sink.received).toHaveLength(0)
	})

	it('retries a 4xx answer after the back-off, and keeps the Message-ID', async () => {
		const { queue, drain, sink, rows, clock } = await start({ EMAIL_RETRY_BASE: '30s' })
		sink.answerNext(451, 'Greylisted, try again later', 2)
		queue()
		expect(await drain()).toMatchObject({ retried: 1 })
		expect(rows()[0]).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 451 })
		expect(rows()[0]!.notBefore.getTime() - clock.now().getTime()).toBe(30_000)

		clock.advance(29_999)
		expect(await drain()).toMatchObject({ claimed: 0 })
		clock.advance(1)
		expect(await drain()).toMatchObject({ retried: 1 })
		expect(rows()[0]!.notBefore.getTime() - clock.now().getTime()).toBe(60_000)

		clock.advance(60_000)
		expect(await drain()).toMatchObject({ sent: 1 })
		expect(rows()[0]).toMatchObject({ status: 'sent', attempts: 3 })
		expect(sink.received.map((mail) => mail.messageId)).toEqual([rows()[0]!.messageId])
	})

	it('gives up on a temporary failure 24 hours after the email was queued', async () => {
		const { queue, drain, sink, rows, clock } = await start({ EMAIL_RETRY_BASE: '10m' })
		sink.answerNext(421, 'Service not available', 3)
		queue()
		const queuedAt = clock.now().getTime()
		expect(await drain()).toMatchObject({ retried: 1 })
		// Shortly before the 24 hours are up, the next try is set at the 24-hour mark rather than 10 minutes on…
		clock.set(new Date(queuedAt + 24 * 60 * 60_000 - 60_000))
		expect(await drain()).toMatchObject({ retried: 1 })
		expect(rows()[0]!.notBefore.getTime()).toBe(queuedAt + 24 * 60 * 60_000)
		// …and when that one fails too, the email is failed.
		clock.set(rows()[0]!.notBefore)
		expect(await drain()).toMatchObject({ failed: 1 })
		const [row] = rows()
		expect(row).toMatchObject({ status: 'failed', attempts: 3, lastErrorCode: 421 })
		expect(row!.lastError).toMatch(/^Gave up after 24 hours: .*Service not available/)
		expect(sink.received).toHaveLength(0)
	})

	it('reclaims a row whose worker died mid-send, and resends it with the same Message-ID', async () => {
		const { queue, worker, sink, rows, clock, config } = await start()
		queue()
		// A worker whose process "dies" after the server accepted the message: its send never returns.
		const real = createMailer(config.email)
		const dying: Mailer = { ...real, send: (email) => real.send(email).then(() => new Promise(() => {})) }
		void worker({ mailer: dying, owner: 'dead-worker' }).drainOnce()
		await sink.waitForMessages(1)
		expect(rows()[0]).toMatchObject({ status: 'sending', leaseOwner: 'dead-worker' })

		const survivor = worker({ owner: 'survivor' })
		expect(await survivor.drainOnce()).toMatchObject({ claimed: 0 })
		clock.advance(2 * 60_000)
		expect(await survivor.drainOnce()).toMatchObject({ claimed: 1, sent: 1 })
		await survivor.stop()
		real.close()

		expect(rows()[0]).toMatchObject({ status: 'sent', attempts: 2 })
		const [first, second] = await sink.waitForMessages(2)
		expect(second!.messageId).toBe(first!.messageId)
	})

	it('holds a decision email for DECISION_GRACE, and a newer decision cancels it', async () => {
		const { queue, drain, sink, rows, clock, db } = await start({ DECISION_GRACE: '5m' })
		queue({ to: 'applicant@example.org', kind: 'decision', applicationId: 12, dedupeKey: 'decision:1' })
		expect(rows()[0]!.notBefore.getTime() - clock.now().getTime()).toBe(5 * 60_000)
		clock.advance(60_000)
		expect(await drain()).toMatchObject({ claimed: 0 })

		// A newer decision a minute later: the first one's email is cancelled, the new one waits its own grace.
		db.transaction((tx) => {
			expect(cancelEmails(tx, { applicationId: 12, kind: 'decision', now: clock.now() })).toBe(1)
		})
		queue({ to: 'applicant@example.org', kind: 'decision', applicationId: 12, dedupeKey: 'decision:2' })
		clock.advance(4 * 60_000)
		expect(await drain()).toMatchObject({ claimed: 0 })
		clock.advance(60_000)
		expect(await drain()).toMatchObject({ sent: 1 })
		expect(rows().map((row) => [row.dedupeKey, row.status])).toEqual([
			['decision:1', 'cancelled'],
			['decision:2', 'sent'],
		])
		expect(sink.received).toHaveLength(1)
	})

	it('sends a Persian email right to left', async () => {
		const { queue, drain, sink } = await start()
		queue({ locale: 'fa', props: { name: 'مریم' } })
		await drain()
		const [mail] = await sink.waitForMessages(1)
		expect(mail!.subject).toBe('پیام آزمایشی از برنامه استادان مدعو')
		expect(mail!.html).toMatch(/<html[^>]*dir="rtl"/)
		expect(mail!.html).toMatch(/<html[^>]*lang="fa"/)
		expect(mail!.text).toContain('مریم گرامی،')
	})

	it('fails a row whose template cannot be rendered, without sending', async () => {
		const { queue, drain, sink, rows, db } = await start()
		queue()
		db.update(outbox).set({ template: 'retired-template' }).where(eq(outbox.id, rows()[0]!.id)).run()
		expect(await drain()).toMatchObject({ failed: 1 })
		expect(rows()[0]!.lastError).toContain('Cannot render: No email template named "retired-template"')
		expect(sink.received).toHaveLength(0)
	})
})

describe('without SMTP_URL', () => {
	it('writes each email as an .eml file named after its Message-ID', async () => {
		const { db, file } = freshDatabase()
		const mailDir = path.join(TMP_DIR, `mail-${path.basename(file, '.db')}`)
		const config = emailConfig(file, { MAIL_DIR: mailDir })
		const { queueEmail, configureEmail } = await import('#app/email/queue.server.ts')
		configureEmail(config)
		db.transaction((tx) =>
			queueEmail(tx, {
				to: 'laptop@example.org',
				template: 'test',
				locale: 'fa',
				props: { name: 'Laptop' },
				dedupeKey: 'eml-test',
				now: new Date(),
			}),
		)
		const worker = createEmailWorker({ db, config })
		expect(await worker.drainOnce()).toMatchObject({ sent: 1 })
		await worker.stop()
		const files = fs.readdirSync(mailDir)
		expect(files).toHaveLength(1)
		expect(files[0]).toMatch(/^vpp\.outbox\.1\.\w+\.eml$/)
		const eml = fs.readFileSync(path.join(mailDir, files[0]!), 'utf8')
		expect(eml).toContain('To: laptop@example.org')
		expect(eml).toMatch(/Message-ID: <vpp\.outbox\.1\.\w+@portal\.test>/i)
		expect(eml).toContain('multipart/alternative')
		db.$client.close()
	})
})
