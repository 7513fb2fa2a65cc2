import fs from 'node:fs'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { Config } from '#app/config.server.ts'
import type { RenderedAttachment } from './render.server.ts'

export type OutgoingEmail = {
	from: string
	to: { address: string; name?: string | null }
	subject: string
	html: string
	text: string
	attachments?: RenderedAttachment[]
	/** With angle brackets, e.g. `<vpp.outbox.1.abc@example.org>`. */
	messageId: string
}

/** Sends one email; rejects with nodemailer's error (code, responseCode, response) when it is not accepted. */
export type Mailer = {
	/** Where mail goes, for the start-up log (no password). */
	description: string
	send(email: OutgoingEmail): Promise<{ response: string }>
	close(): void
}

/**
 * SMTP when SMTP_URL is set; otherwise each email is written to MAIL_DIR as an .eml file named after its
 * Message-ID, so a resend overwrites the same file. Timeouts are kept well inside the worker's lease (2 minutes) so
 * a hung server cannot outlive the lease and let a second worker send the same row.
 */
export function createMailer(settings: Config['email']): Mailer {
	if (settings.smtpUrl) return smtpMailer(settings.smtpUrl)
	return fileMailer(settings.mailDir)
}

function message(email: OutgoingEmail) {
	return {
		from: email.from,
		to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
		subject: email.subject,
		html: email.html,
		text: email.text,
		messageId: email.messageId,
		...(email.attachments?.length ? { attachments: email.attachments } : {}),
		// RFC 3834: tells auto-responders (out-of-office replies) not to answer.
		headers: { 'Auto-Submitted': 'auto-generated' },
	}
}

function smtpMailer(smtpUrl: string): Mailer {
	const transport = nodemailer.createTransport({
		url: smtpUrl,
		// A few connections kept open and reused: opening one per email (TCP, greeting, EHLO, STARTTLS, AUTH) was most of
		// a delivery's time (docs/performance.md). The worker sends a batch concurrently over them.
		pool: true,
		maxConnections: 5,
		maxMessages: 100,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 45_000,
	})
	const url = new URL(smtpUrl)
	return {
		description: `SMTP ${url.protocol}//${url.host}`,
		async send(email) {
			const info = await transport.sendMail(message(email))
			return { response: info.response }
		},
		close: () => transport.close(),
	}
}

function fileMailer(mailDir: string): Mailer {
	const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
	return {
		description: `.eml files in ${mailDir} (SMTP_URL is unset)`,
		async send(email) {
			const info = await transport.sendMail(message(email))
			const name = email.messageId.replace(/^<|>$/g, '').replace(/@.*$/, '').replace(/[^\w.-]/g, '_')
			const file = path.join(mailDir, `${name}.eml`)
			await fs.promises.mkdir(mailDir, { recursive: true })
			// Write beside, then rename: a reader never sees half a message.
			await fs.promises.writeFile(`${file}.tmp`, info.message as Buffer)
			await fs.promises.rename(`${file}.tmp`, file)
			return { response: `written to ${file}` }
		},
		close: () => transport.close(),
	}
}
