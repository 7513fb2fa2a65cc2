import { formatDeadline, formatDay, type DualDate } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { letterFilename } from '#app/documents/visit-file-names.ts'
import type { VisitLetterProps } from './application-status.tsx'
import { defineTemplate, type EmailAttachment, type TemplateProps } from './template.ts'

/** The invitation letter as a PDF attachment, rendered when the email is sent (the PDF code loads only then). */
export async function letterAttachment(letter: VisitLetterProps): Promise<EmailAttachment> {
	const { renderInvitationLetter } = await import('#app/documents/invitation-letter.server.ts')
	const pdf = await renderInvitationLetter({ ...letter, issuedAt: new Date(letter.issuedAt) })
	return { filename: letterFilename(letter.reference), contentType: 'application/pdf', content: pdf }
}

/** The reminder to confirm an approved visit (app/domain/visit-jobs.server.ts), 7 days before the confirm-by date. */

export type VisitConfirmReminderProps = {
	name: string
	reference: string
	/** ISO instant. */
	confirmBy: string
	/** The call's, in which the date is shown. */
	timeZone: string
	/** The application's visit page. */
	link: string
}

function dated(locale: Locale, date: DualDate): string {
	return date.gregorian ? emailTranslate(locale)('status.common.dateWithGregorian', { date: date.text, gregorian: date.gregorian }) : date.text
}

function VisitConfirmReminder({ locale, name, reference, confirmBy, timeZone, link }: TemplateProps<VisitConfirmReminderProps>) {
	const t = emailTranslate(locale)
	const deadline = dated(locale, formatDeadline(new Date(confirmBy), locale, timeZone))
	return (
		<EmailLayout locale={locale} preview={t('visit.confirmReminder.preview', { reference })}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('visit.confirmReminder.body', { reference, deadline })}</Paragraph>
			<Paragraph>{t('visit.confirmReminder.next')}</Paragraph>
			<ActionLink href={link} label={t('visit.confirmReminder.action')} hint={t('common.linkHint', { link })} />
		</EmailLayout>
	)
}

export const visitConfirmReminder = defineTemplate<VisitConfirmReminderProps>({
	subject: (props, locale) =>
		emailTranslate(locale)('visit.confirmReminder.subject', {
			day: dated(locale, formatDay(new Date(props.confirmBy), locale, props.timeZone)),
			reference: props.reference,
		}),
	component: VisitConfirmReminder,
})

/** The invitation letter issued again after the follow-up form changed the name as in the passport. */
export type VisitLetterUpdatedProps = {
	name: string
	reference: string
	/** The application's visit page, where the letter can be downloaded. */
	link: string
	visitLetter: VisitLetterProps
}

function VisitLetterUpdated({ locale, name, reference, link, visitLetter }: TemplateProps<VisitLetterUpdatedProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('visit.letterUpdated.preview', { reference })}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('visit.letterUpdated.body', { reference, passportName: visitLetter.visitorName })}</Paragraph>
			<Paragraph>{t('visit.letterUpdated.next')}</Paragraph>
			<ActionLink href={link} label={t('visit.letterUpdated.action')} hint={t('common.linkHint', { link })} />
		</EmailLayout>
	)
}

export const visitLetterUpdated = defineTemplate<VisitLetterUpdatedProps>({
	subject: (props, locale) => emailTranslate(locale)('visit.letterUpdated.subject', { reference: props.reference }),
	component: VisitLetterUpdated,
	attachments: async (props) => [await letterAttachment(props.visitLetter)],
	attachmentNames: (props) => [letterFilename(props.reference)],
})
