import fs from 'node:fs'
import path from 'node:path'
import { expect } from '@playwright/test'
import { simpleParser, type ParsedMail } from 'mailparser'

const INBOX = path.resolve('tests/.tmp/e2e/inbox')

/** Every message the e2e SMTP server has received so far. */
export async function readInbox(): Promise<ParsedMail[]> {
	const files = fs.existsSync(INBOX) ? fs.readdirSync(INBOX).sort() : []
	return Promise.all(files.map((file) => simpleParser(fs.readFileSync(path.join(INBOX, file)))))
}

function recipients(mail: ParsedMail): string[] {
	const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []
	return to.flatMap((address) => address.value.map((entry) => entry.address?.toLowerCase() ?? ''))
}

/** Waits for the newest email to `address` whose subject matches, as a user waits for their mail. */
export async function waitForEmail(address: string, subject: RegExp): Promise<ParsedMail> {
	let found: ParsedMail | undefined
	await expect
		.poll(
			async () => {
				const mails = (await readInbox()).filter(
					(mail) => recipients(mail).includes(address.toLowerCase()) && subject.test(mail.subject ?? ''),
				)
				found = mails.at(-1)
				return Boolean(found)
			},
			{ timeout: 15_000, message: `an email to ${address} with subject ${subject}` },
		)
		.toBe(true)
	return found!
}

/** The first link in an email's text body that goes to `pathname`. */
export function linkIn(mail: ParsedMail, pathname: string): string {
	const match = (mail.text ?? '').match(new RegExp(`https?://[^\\s]+${pathname.replace('/', '\\/')}\\?token=[\\w-]+`))
	if (!match) throw new Error(`No ${pathname} link in:\n${mail.text}`)
	return match[0]
}
