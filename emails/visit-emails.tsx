import { formatDeadline, formatDay, type DualDate } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

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
