import { formatDeadline } from '#app/i18n/format.ts'
import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** Reviewer reminders and the office's review emails (app/domain/reviews.server.ts). */

export type ReviewReminderProps = { name: string; reference: string; dueAt: number; timeZone: string; overdue: boolean; link: string }

function ReviewReminder({ locale, name, reference, dueAt, timeZone, overdue, link }: TemplateProps<ReviewReminderProps>) {
	const t = emailTranslate(locale)
	const due = formatDeadline(new Date(dueAt), locale, timeZone)
	const date = due.gregorian ? `${due.text} (${due.gregorian})` : due.text
	return (
		<EmailLayout locale={locale} preview={t(overdue ? 'review.overdue.preview' : 'review.reminder.preview', { reference })}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t(overdue ? 'review.overdue.body' : 'review.reminder.body', { reference, date })}</Paragraph>
			<ActionLink href={link} label={t('review.open')} hint={t('common.linkHint', { link })} />
		</EmailLayout>
	)
}

export const reviewReminder = defineTemplate<ReviewReminderProps>({
	subject: (props, locale) => emailTranslate(locale)(props.overdue ? 'review.overdue.subject' : 'review.reminder.subject', { reference: props.reference }),
	component: ReviewReminder,
})

export type ReviewConflictProps = { reviewerName: string; reference: string; reason: string; link: string }

function ReviewConflict({ locale, reviewerName, reference, reason, link }: TemplateProps<ReviewConflictProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('review.conflict.preview', { reference })}>
			<Paragraph>{t('review.conflict.body', { reviewer: reviewerName, reference })}</Paragraph>
			{reason ? <Paragraph>{t('review.conflict.reason', { reason })}</Paragraph> : null}
			<ActionLink href={link} label={t('review.conflict.action')} hint={t('common.linkHint', { link })} />
		</EmailLayout>
	)
}

export const reviewConflict = defineTemplate<ReviewConflictProps>({
	subject: (props, locale) => emailTranslate(locale)('review.conflict.subject', { reference: props.reference }),
	component: ReviewConflict,
})

export type ReviewsCompleteProps = { reference: string; count: number; link: string }

function ReviewsComplete({ locale, reference, count, link }: TemplateProps<ReviewsCompleteProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('review.complete.preview', { reference })}>
			<Paragraph>{t('review.complete.body', { reference, count })}</Paragraph>
			<ActionLink href={link} label={t('review.complete.action')} hint={t('common.linkHint', { link })} />
		</EmailLayout>
	)
}

export const reviewsComplete = defineTemplate<ReviewsCompleteProps>({
	subject: (props, locale) => emailTranslate(locale)('review.complete.subject', { reference: props.reference }),
	component: ReviewsComplete,
})
