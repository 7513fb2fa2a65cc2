import type { AssignmentEmailProps } from '#app/domain/assignments.server.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { EmailMessageKey } from './i18n/en.ts'
import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/**
 * What the office's assignment work tells a reviewer (app/domain/assignments.server.ts): a new assignment with its
 * due date, an assignment taken back, a new due date. Strings are `assignment.<template>.subject|body|next|action`.
 */
export const ASSIGNMENT_TEMPLATES = ['review-assigned', 'review-assignment-removed', 'review-due-date-changed'] as const
type AssignmentTemplateName = (typeof ASSIGNMENT_TEMPLATES)[number]

const keyOf = (name: AssignmentTemplateName, part: 'subject' | 'body' | 'next' | 'action') => `assignment.${name}.${part}` as EmailMessageKey

function params(props: AssignmentEmailProps, locale: Locale): Record<string, string> {
	const t = emailTranslate(locale)
	const due = formatDeadline(new Date(props.dueAt), locale, props.timeZone)
	return {
		reference: props.reference,
		applicant: props.applicantName,
		call: locale === 'fa' ? props.callTitleFa : props.callTitleEn,
		due: due.gregorian ? t('status.common.dateWithGregorian', { date: due.text, gregorian: due.gregorian }) : due.text,
	}
}

function assignmentTemplate(name: AssignmentTemplateName) {
	const subject = (props: AssignmentEmailProps, locale: Locale) => emailTranslate(locale)(keyOf(name, 'subject'), params(props, locale))

	function AssignmentEmail(props: TemplateProps<AssignmentEmailProps>) {
		const { locale, link } = props
		const t = emailTranslate(locale)
		const values = params(props, locale)
		return (
			<EmailLayout locale={locale} preview={subject(props, locale)}>
				<Paragraph>{t('common.greeting', { name: props.name })}</Paragraph>
				<Paragraph>{t(keyOf(name, 'body'), values)}</Paragraph>
				<Paragraph>{t(keyOf(name, 'next'), values)}</Paragraph>
				<Paragraph>{t('status.common.reference', { reference: props.reference })}</Paragraph>
				<ActionLink href={link} label={t(keyOf(name, 'action'))} hint={t('common.linkHint', { link })} />
			</EmailLayout>
		)
	}

	return defineTemplate<AssignmentEmailProps>({ subject, component: AssignmentEmail })
}

export const assignmentTemplates = Object.fromEntries(ASSIGNMENT_TEMPLATES.map((name) => [name, assignmentTemplate(name)])) as Record<
	AssignmentTemplateName,
	ReturnType<typeof assignmentTemplate>
>
