import type { ReactElement } from 'react'
import type { Locale } from '#app/i18n/locales.ts'

/** What a template component receives: its own props (secrets already merged in) and the recipient's language. */
export type TemplateProps<P> = P & { locale: Locale }

/** A file sent with an email. */
export type EmailAttachment = {
	/** The name the recipient sees, e.g. `visit-VPP-2027-0001.ics`; no path. */
	filename: string
	/** A MIME type, parameters allowed: `application/pdf`, `text/calendar; charset=utf-8; method=PUBLISH`. */
	contentType: string
	/** Bytes, or text (sent as UTF-8). */
	content: Uint8Array | string
}

export type EmailTemplate<P> = {
	/** The subject line; it must not contain a secret (the outbox view shows it). */
	subject: (props: P, locale: Locale) => string
	component: (props: TemplateProps<P>) => ReactElement
	/**
	 * Files to attach, built by the worker each time it sends the email (from the stored props, secrets merged in),
	 * so the outbox row holds props only. A builder that throws fails the email for good: its props cannot make the
	 * file, and another try would not change that.
	 */
	attachments?: (props: P, locale: Locale) => Promise<EmailAttachment[]>
	/** The attachments' file names without building them, for the office's outbox view (no PDF rendered to show a row). */
	attachmentNames?: (props: P, locale: Locale) => string[]
}

/** Declares a template with its props type; register it in emails/registry.ts. */
export function defineTemplate<P>(template: EmailTemplate<P>): EmailTemplate<P> {
	return template
}
