import { formatDeadline } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { EmailMessageKey } from './i18n/en.ts'
import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/**
 * The emails about referees' letters and the host's endorsement (app/domain/letters.server.ts queues them): a new or
 * repeated request and the reminder, to the referee or host, whose link carries their token and is always a secret;
 * and, to the applicant, that a letter or the host's answer arrived, never with its content. Strings are
 * `letters.<template>.subject|body|next|action` in emails/i18n.
 */
export type LetterEmailProps = {
	reference: string
	/** Who the email is to. */
	recipientName: string
	applicantName: string
	/** The referee or host the email is about (emails to the applicant). */
	personName: string
	callTitleEn: string
	callTitleFa: string
	timeZone: string
	/** ISO instant. */
	letterDeadline: string
	/** A secret when it carries a token (requests and reminders); the application's page for the applicant. */
	link: string
}

export const LETTER_TEMPLATES = [
	'letter-request-referee',
	'letter-request-host',
	'letter-reminder-referee',
	'letter-reminder-host',
	'letter-received',
	'letter-declined',
	'host-endorsed',
	'host-declined',
] as const
export type LetterTemplateName = (typeof LETTER_TEMPLATES)[number]

const keyOf = (name: LetterTemplateName, part: 'subject' | 'body' | 'next' | 'action') =>
	`letters.${name}.${part}` as EmailMessageKey

function params(props: LetterEmailProps, locale: Locale): Record<string, string> {
	const t = emailTranslate(locale)
	const deadline = formatDeadline(new Date(props.letterDeadline), locale, props.timeZone)
	return {
		reference: props.reference,
		applicant: props.applicantName,
		person: props.personName,
		call: locale === 'fa' ? props.callTitleFa : props.callTitleEn,
		deadline: deadline.gregorian
			? t('status.common.dateWithGregorian', { date: deadline.text, gregorian: deadline.gregorian })
			: deadline.text,
	}
}

function letterTemplate(name: LetterTemplateName) {
	const subject = (props: LetterEmailProps, locale: Locale) => emailTranslate(locale)(keyOf(name, 'subject'), params(props, locale))

	function LetterEmail(props: TemplateProps<LetterEmailProps>) {
		const { locale, recipientName, link } = props
		const t = emailTranslate(locale)
		const values = params(props, locale)
		return (
			<EmailLayout locale={locale} preview={subject(props, locale)}>
				<Paragraph>{t('common.greeting', { name: recipientName })}</Paragraph>
				<Paragraph>{t(keyOf(name, 'body'), values)}</Paragraph>
				<Paragraph>{t(keyOf(name, 'next'), values)}</Paragraph>
				<Paragraph>{t('status.common.reference', { reference: props.reference })}</Paragraph>
				<ActionLink href={link} label={t(keyOf(name, 'action'))} hint={t('common.linkHint', { link })} />
			</EmailLayout>
		)
	}

	return defineTemplate<LetterEmailProps>({ subject, component: LetterEmail })
}

export const letterTemplates = Object.fromEntries(LETTER_TEMPLATES.map((name) => [name, letterTemplate(name)])) as Record<
	LetterTemplateName,
	ReturnType<typeof letterTemplate>
>
