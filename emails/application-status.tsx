import type { EmailChange, RecipientKind } from '#app/domain/lifecycle/notifications.ts'
import { formatDay, formatDeadline, type DualDate } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { EmailMessageKey } from './i18n/en.ts'
import { emailTranslate, type EmailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import type { InvitationLetterData } from '#app/documents/invitation-letter.server.ts'
import { defineTemplate, type EmailAttachment, type TemplateProps } from './template.ts'
import { letterFilename, visitCalendarFilename } from '#app/documents/visit-file-names.ts'
import { letterAttachment } from './visit-emails.tsx'

/**
 * The emails a status change sends (app/domain/lifecycle/notify.server.ts queues them): one template per change and
 * recipient kind, all with the same frame: the greeting, what happened, the office's message or note where there is
 * one, what to do next and by when, the reference, and a link to the page the recipient uses. Strings are
 * `status.<change>.<kind>.subject|happened|next` in emails/i18n. No link carries a token.
 */
/** The invitation letter's data as stored in the outbox row (JSON: the issue date as an ISO instant). */
export type VisitLetterProps = Omit<InvitationLetterData, 'issuedAt'> & { issuedAt: string; url: string; organizerEmail: string }

export type StatusEmailProps = {
	reference: string
	applicantName: string
	/** Null for the program office's shared mailbox. */
	recipientName: string | null
	callTitleEn: string
	callTitleFa: string
	/** The call's time zone: dates are shown in it. */
	timeZone: string
	link: string
	/** ISO instants. */
	replyBy?: string | null
	confirmBy?: string | null
	/** The office's change request, or its message with a decision, for the applicant. */
	message?: string | null
	/** Reviewers' comments for the applicant that the office passes on with a decision. */
	comments?: string[] | null
	/** A correction: the earlier decision the applicant was emailed ('approved', …). */
	earlierDecision?: string | null
	/** Visit confirmed, to the applicant: the invitation letter (PDF) and the visit (.ics) are attached. */
	visitLetter?: VisitLetterProps | null
	/** The change's note, for the office only. */
	note?: string | null
	/**
	 * Referees and the host on the first submission: the letter deadline (ISO); their `link` is then their private
	 * link (a secret), and the email asks them to use it.
	 */
	letterDeadline?: string | null
	/** The host when a visit is completed: their `link` is then a private feedback link that works until this instant (ISO). */
	feedbackUntil?: string | null
}

function withGregorian(t: EmailTranslate, date: DualDate): string {
	return date.gregorian
		? t('status.common.dateWithGregorian', { date: date.text, gregorian: date.gregorian })
		: date.text
}

/** The placeholders every status string may use. */
function params(props: StatusEmailProps, locale: Locale): Record<string, string> {
	const t = emailTranslate(locale)
	const deadline = (iso: string | null | undefined) =>
		iso ? withGregorian(t, formatDeadline(new Date(iso), locale, props.timeZone)) : ''
	const day = (iso: string | null | undefined) =>
		iso ? withGregorian(t, formatDay(new Date(iso), locale, props.timeZone)) : ''
	return {
		reference: props.reference,
		applicant: props.applicantName,
		call: locale === 'fa' ? props.callTitleFa : props.callTitleEn,
		replyBy: deadline(props.replyBy),
		replyByDay: day(props.replyBy),
		confirmBy: deadline(props.confirmBy),
		confirmByDay: day(props.confirmBy),
		letterDeadline: deadline(props.letterDeadline),
		feedbackUntil: day(props.feedbackUntil),
	}
}

const keyOf = (change: EmailChange, kind: RecipientKind, part: 'subject' | 'happened' | 'next') =>
	`status.${change}.${kind}.${part}` as EmailMessageKey

/** The confirmed visit's invitation letter and calendar file, when the props carry them (only the applicant's email does). */
async function visitAttachments(props: StatusEmailProps): Promise<EmailAttachment[]> {
	const letter = props.visitLetter
	if (!letter) return []
	// Loaded when an email needs it: every route loads the template registry, few send letters.
	const { visitCalendarAttachment } = await import('#app/documents/visit-calendar.server.ts')
	return [
		await letterAttachment(letter),
		visitCalendarAttachment({
			uid: `visit-${letter.reference}@${new URL(letter.url).host}`,
			reference: letter.reference,
			visitorName: letter.visitorName,
			hostSchool: letter.hostSchool,
			startDate: letter.startDate,
			endDate: letter.endDate,
			url: letter.url,
			organizerEmail: letter.organizerEmail,
			stamp: new Date(letter.issuedAt),
		}),
	]
}

function visitAttachmentNames(props: StatusEmailProps): string[] {
	return props.visitLetter ? [letterFilename(props.visitLetter.reference), visitCalendarFilename(props.visitLetter.reference)] : []
}

const DECISION_NAMES = ['approved', 'waitlisted', 'rejected'] as const

function earlierDecisionName(t: EmailTranslate, earlier: string | null | undefined): string {
	const known = DECISION_NAMES.find((name) => name === earlier)
	return known ? t(`status.decisionName.${known}`) : ''
}

function statusTemplate(change: EmailChange, kind: RecipientKind, { corrected = false } = {}) {
	const subject = (props: StatusEmailProps, locale: Locale) => {
		const t = emailTranslate(locale)
		const ordinary = t(keyOf(change, kind, 'subject'), params(props, locale))
		return corrected ? t('status.corrected.subject', { subject: ordinary }) : ordinary
	}

	function StatusEmail(props: TemplateProps<StatusEmailProps>) {
		const { locale, recipientName, message, note, link, comments } = props
		const t = emailTranslate(locale)
		const values = params(props, locale)
		// The private link's own words: a referee's or the host's answer on the first submission, the host's feedback
		// once the visit is completed.
		const privateFor =
			change === 'submitted' && (kind === 'referee' || kind === 'host') && props.letterDeadline
				? (`submitted.${kind}` as const)
				: change === 'completed' && kind === 'host' && props.feedbackUntil
					? ('completed.host' as const)
					: null
		const privateLink = privateFor !== null
		return (
			<EmailLayout locale={locale} preview={subject(props, locale)}>
				<Paragraph>
					{recipientName ? t('common.greeting', { name: recipientName }) : t('status.common.greetingTeam')}
				</Paragraph>
				{corrected ? (
					<Paragraph>{t('status.corrected.lead', { earlier: earlierDecisionName(t, props.earlierDecision), reference: props.reference })}</Paragraph>
				) : null}
				<Paragraph>{t(keyOf(change, kind, 'happened'), values)}</Paragraph>
				{message
					? message
							.split(/\n+/)
							.filter((line) => line.trim())
							.map((line, index) => <Paragraph key={index}>{line}</Paragraph>)
					: null}
				{comments && comments.length > 0 ? (
					<>
						<Paragraph>{t('status.common.reviewerComments')}</Paragraph>
						{comments.map((comment, index) => (
							<Paragraph key={index}>{t('status.common.quoted', { text: comment })}</Paragraph>
						))}
					</>
				) : null}
				{note ? <Paragraph>{t('status.common.note', { note })}</Paragraph> : null}
				<Paragraph>
					{privateLink
						? t(`status.${privateFor}.privateNext`, values)
						: t(keyOf(change, kind, 'next'), values)}
				</Paragraph>
				<Paragraph>{t('status.common.reference', { reference: props.reference })}</Paragraph>
				<ActionLink
					href={link}
					label={privateFor ? t(`status.${privateFor}.privateAction`) : t(`status.action.${kind}`)}
					hint={t('common.linkHint', { link })}
				/>
			</EmailLayout>
		)
	}

	return defineTemplate<StatusEmailProps>({ subject, component: StatusEmail, attachments: visitAttachments, attachmentNames: visitAttachmentNames })
}

/**
 * Every (change, recipient kind) that DOMAIN.md's "who is told" table can produce, by template name
 * (`statusTemplateName` in app/domain/lifecycle/notifications.ts; a unit test checks the two agree).
 */
export const statusTemplates = {
	'status-submitted-applicant': statusTemplate('submitted', 'applicant'),
	'status-submitted-office': statusTemplate('submitted', 'office'),
	'status-submitted-referee': statusTemplate('submitted', 'referee'),
	'status-submitted-host': statusTemplate('submitted', 'host'),
	'status-resubmitted-applicant': statusTemplate('resubmitted', 'applicant'),
	'status-resubmitted-office': statusTemplate('resubmitted', 'office'),
	'status-resubmitted-reviewer': statusTemplate('resubmitted', 'reviewer'),
	'status-under-review-applicant': statusTemplate('under_review', 'applicant'),
	'status-changes-requested-applicant': statusTemplate('changes_requested', 'applicant'),
	'status-approved-applicant': statusTemplate('approved', 'applicant'),
	'status-approved-host': statusTemplate('approved', 'host'),
	'status-approved-office': statusTemplate('approved', 'office'),
	'status-waitlisted-applicant': statusTemplate('waitlisted', 'applicant'),
	'status-rejected-applicant': statusTemplate('rejected', 'applicant'),
	// A decision that corrects one the applicant was already emailed (after DECISION_GRACE): names the earlier one.
	'status-corrected-waitlisted-applicant': statusTemplate('waitlisted', 'applicant', { corrected: true }),
	'status-corrected-rejected-applicant': statusTemplate('rejected', 'applicant', { corrected: true }),
	'status-withdrawn-office': statusTemplate('withdrawn', 'office'),
	'status-withdrawn-reviewer': statusTemplate('withdrawn', 'reviewer'),
	'status-visit-confirmed-applicant': statusTemplate('visit_confirmed', 'applicant'),
	'status-visit-confirmed-host': statusTemplate('visit_confirmed', 'host'),
	'status-visit-confirmed-office': statusTemplate('visit_confirmed', 'office'),
	'status-completed-applicant': statusTemplate('completed', 'applicant'),
	'status-completed-host': statusTemplate('completed', 'host'),
	'status-completed-office': statusTemplate('completed', 'office'),
	'status-cancelled-applicant': statusTemplate('cancelled', 'applicant'),
	'status-cancelled-host': statusTemplate('cancelled', 'host'),
	'status-cancelled-office': statusTemplate('cancelled', 'office'),
}
