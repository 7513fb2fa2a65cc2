import ICAL from 'ical.js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { visitCalendarAttachment } from '#app/documents/visit-calendar.server.ts'
import { messageIdFor } from '#app/email/message-id.ts'
import { openOutboxEmail } from '#app/email/outbox-view.server.ts'
import { createMailer, type Mailer } from '#app/email/transport.server.ts'
import { templates } from '#emails/registry.ts'
import type { TestAttachment } from '#emails/test-email.tsx'
import { emailHarness, type EmailHarness } from '#tests/support/email.ts'

let harness: EmailHarness | null = null
afterEach(async () => {
	vi.restoreAllMocks()
	await harness?.stop()
	harness = null
})

async function start() {
	harness = await emailHarness()
	return harness
}

/** Every byte value, so a transfer encoding that mangles binary would show. */
const BYTES = Buffer.from(Array.from({ length: 256 }, (_, index) => index))

const calendar = visitCalendarAttachment({
	uid: 'visit-42@portal.test',
	reference: 'VPP-2027-0001',
	visitorName: 'Łukasz Şahin Nguyễn',
	hostSchool: 'School of Physics',
	startDate: '2027-03-26',
	endDate: '2027-03-29',
	url: 'http://portal.test/applications/42',
	organizerEmail: 'vpp@portal.test',
	stamp: new Date('2027-01-15T08:00:00Z'),
})

const files: TestAttachment[] = [
	{ filename: 'invitation-letter-VPP-2027-0001.pdf', contentType: 'application/pdf', base64: BYTES.toString('base64') },
	{ filename: calendar.filename, contentType: calendar.contentType, text: calendar.content as string },
	{ filename: 'نامه دعوت.txt', contentType: 'text/plain; charset=utf-8', text: 'سلام، Łukasz' },
]

const noContent: TestAttachment = { filename: 'broken.pdf', contentType: 'application/pdf' }

describe('attachments', () => {
	it('are built at send time from the props and arrive with their names, types and bytes', async () => {
		const { queue, drain, sink, rows, config } = await start()
		queue({ to: 'visitor@example.org', props: { name: 'Łukasz', attachments: files } })
		expect(await drain()).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0 })
		const [mail] = await sink.waitForMessages(1)
		const [row] = rows()
		expect(mail!.messageId).toBe(messageIdFor(row!, config.publicUrl))
		expect(mail!.text).toContain('Dear Łukasz,')
		expect(mail!.html).toContain('Dear Łukasz,')

		const received = mail!.attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content }))
		expect(received.map(({ filename, contentType }) => ({ filename, contentType }))).toEqual([
			{ filename: 'invitation-letter-VPP-2027-0001.pdf', contentType: 'application/pdf' },
			{ filename: 'visit-VPP-2027-0001.ics', contentType: 'text/calendar' },
			{ filename: 'نامه دعوت.txt', contentType: 'text/plain' },
		])
		expect(received[0]!.content.equals(BYTES)).toBe(true)
		expect(received[1]!.content.toString('utf8')).toBe(calendar.content)
		expect(received[2]!.content.toString('utf8')).toBe('سلام، Łukasz')

		const event = new ICAL.Event(new ICAL.Component(ICAL.parse(received[1]!.content.toString('utf8'))).getFirstSubcomponent('vevent')!)
		expect([event.startDate.toString(), event.endDate.toString(), event.uid]).toEqual(['2027-03-26', '2027-03-30', 'visit-42@portal.test'])
	})

	it('are listed by name in the outbox view, without building them', async () => {
		const { queue, rows } = await start()
		queue({ props: { name: 'Office', attachments: [...files, noContent] } })
		const spy = vi.spyOn(templates.test as Required<typeof templates.test>, 'attachments')
		const view = await openOutboxEmail(harness!.db, rows()[0]!.id)
		expect(view!.attachments).toEqual([...files.map((file) => file.filename), 'broken.pdf'])
		expect(spy).not.toHaveBeenCalled()
	})

	it('go again with the resend of an email whose worker died after the server took it, under the same Message-ID', async () => {
		const { queue, worker, sink, rows, clock, config } = await start()
		queue({ props: { name: 'Resent', attachments: files.slice(0, 1) } })
		const real = createMailer(config.email)
		const dying: Mailer = { ...real, send: (email) => real.send(email).then(() => new Promise(() => {})) }
		void worker({ mailer: dying, owner: 'dead-worker' }).drainOnce()
		await sink.waitForMessages(1)
		clock.advance(2 * 60_000)
		const survivor = worker({ owner: 'survivor' })
		expect(await survivor.drainOnce()).toMatchObject({ claimed: 1, sent: 1 })
		await survivor.stop()
		real.close()

		const [first, second] = await sink.waitForMessages(2)
		expect(second!.messageId).toBe(first!.messageId)
		expect(rows()[0]).toMatchObject({ status: 'sent', attempts: 2 })
		for (const mail of [first!, second!]) expect(mail.attachments[0]!.content.equals(BYTES)).toBe(true)
	})
})

describe('an attachment that cannot be built', () => {
	it('fails its email for good with the reason, and the same round sends the next one', async () => {
		const { queue, drain, sink, rows, clock } = await start()
		queue({ to: 'broken@example.org', props: { name: 'Broken', attachments: [files[0]!, noContent] } })
		queue({ to: 'fine@example.org', props: { name: 'Fine', attachments: files.slice(0, 1) } })
		expect(await drain()).toEqual({ claimed: 2, sent: 1, retried: 0, failed: 1 })

		const [broken, fine] = rows()
		expect(broken).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: null, leaseOwner: null, messageId: null })
		expect(broken!.lastError).toBe('Cannot build attachments: The test attachment "broken.pdf" has neither base64 nor text content')
		expect(fine).toMatchObject({ status: 'sent' })
		const [mail] = await sink.waitForMessages(1)
		expect(mail!.envelopeTo).toEqual(['fine@example.org'])

		// Failed is final: a day later nothing is tried again.
		clock.advance(24 * 60 * 60_000)
		expect(await drain()).toMatchObject({ claimed: 0 })
		expect(sink.received).toHaveLength(1)
	})

	it('fails when the builder gives a file with a path for a name or no MIME type', async () => {
		const { queue, drain, rows } = await start()
		queue({ props: { name: 'Path', attachments: [{ ...files[0]!, filename: '../etc/passwd' }] } })
		queue({ props: { name: 'Type', attachments: [{ ...files[0]!, contentType: 'pdf' }] } })
		expect(await drain()).toMatchObject({ failed: 2 })
		expect(rows().map((row) => row.lastError)).toEqual([
			'Cannot build attachments: an attachment is named "../etc/passwd": give it a file name without a path',
			'Cannot build attachments: "invitation-letter-VPP-2027-0001.pdf" has the content type "pdf", which is not a MIME type',
		])
	})

	it('fails when the builder never finishes, and the polling loop goes on with the next email', async () => {
		const { queue, worker, sink, rows } = await start()
		const template = templates.test as Required<typeof templates.test>
		const build = template.attachments
		vi.spyOn(template, 'attachments').mockImplementation((props, locale) =>
			props.name === 'Stuck' ? new Promise(() => {}) : build(props, locale),
		)
		queue({ to: 'stuck@example.org', props: { name: 'Stuck', attachments: files.slice(0, 1) } })
		const loop = worker({ attachmentTimeoutMs: 200 })
		loop.start()
		try {
			await vi.waitFor(() => expect(rows()[0]!.status).toBe('failed'), { timeout: 5_000 })
			expect(rows()[0]!.lastError).toBe('Cannot build attachments: took longer than 0.2 s')
			queue({ to: 'next@example.org', props: { name: 'Next', attachments: files.slice(0, 1) } })
			loop.wake()
			const [mail] = await sink.waitForMessages(1)
			expect(mail!.envelopeTo).toEqual(['next@example.org'])
		} finally {
			await loop.stop()
		}
	})
})
