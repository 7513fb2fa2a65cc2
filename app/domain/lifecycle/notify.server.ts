import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { Tx } from '#db/client.ts'
import type { Application, ApplicationStatus, Call, StatusChange } from '#db/schema.ts'
import { isTemplateName, type TemplateName } from '#emails/registry.ts'
import type { StatusEmailProps, VisitLetterProps } from '#emails/application-status.tsx'
import { emailChangeOf, statusTemplateName } from './notifications.ts'
import type { Recipient } from './recipients.server.ts'
import { isDecision } from './transitions.ts'

/** The template a recipient of this change gets; a missing one is a bug (a unit test checks every pair exists). */
export function templateFor(change: Pick<StatusChange, 'fromStatus' | 'toStatus'>, recipient: Pick<Recipient, 'kind'>, corrected = false) {
	const name = statusTemplateName(emailChangeOf(change.fromStatus, change.toStatus), recipient.kind, corrected)
	if (!isTemplateName(name))
		throw new Error(`No email template "${name}" for ${change.fromStatus} -> ${change.toStatus}`)
	return name satisfies TemplateName
}

/**
 * Queues one email per recipient of a status change, in the change's transaction. The dedupe key is (status change
 * id, template, recipient), so the same change can never email one person twice. Decision emails (approved,
 * waitlisted, rejected) are `decision` emails: they wait DECISION_GRACE, and a newer decision cancels them.
 * Returns how many were queued.
 */
export function queueStatusEmails(
	tx: Tx,
	{
		application,
		call,
		applicantName,
		change,
		recipients,
		decision,
		visitLetter,
	}: StatusEmailsInput & { change: StatusChange },
): number {
	let queued = 0
	for (const { recipient, template, props } of statusEmails({ application, call, applicantName, change, recipients, decision, visitLetter })) {
		// A private link (a referee's or the host's token) is a secret: sealed in the row, never in its props.
		const stored: Record<string, unknown> = { ...props }
		for (const name of Object.keys(recipient.secrets ?? {})) delete stored[name]
		const inserted = queueEmail(tx, {
			to: recipient.email,
			toName: recipient.name,
			template,
			locale: recipient.locale,
			props: stored,
			secrets: recipient.secrets,
			dedupeKey: dedupeKey('status-change', change.id, template, recipient.email),
			kind: isDecision(change.toStatus) ? 'decision' : 'standard',
			applicationId: application.id,
			now: change.at,
		})
		if (inserted) queued += 1
	}
	return queued
}

export type DecisionExtras = {
	/** The office's message for the applicant. */
	applicantMessage: string | null
	/** Reviewers' comments for the applicant that the office passes on. */
	reviewerComments: readonly string[]
	/** The earlier decision whose email the applicant already has: this one corrects it. */
	correcting: ApplicationStatus | null
}

export type StatusEmailsInput = {
	application: Application
	call: Pick<Call, 'titleEn' | 'titleFa' | 'timeZone' | 'letterDeadline'>
	applicantName: string
	change: Pick<StatusChange, 'fromStatus' | 'toStatus' | 'note'>
	recipients: Recipient[]
	decision?: DecisionExtras
	/** Visit confirmed: what the applicant's email attaches (the invitation letter and the calendar file). */
	visitLetter?: VisitLetterProps | null
}

/**
 * The emails a status change sends, one per recipient, with template and props: what queueStatusEmails queues, and
 * what the office's preview of held decisions renders (so the preview is exactly what will go out).
 */
export function statusEmails({ application, call, applicantName, change, recipients, decision, visitLetter }: StatusEmailsInput) {
	return recipients.map((recipient) => {
		const toApplicant = recipient.kind === 'applicant'
		const corrected = toApplicant && Boolean(decision?.correcting)
		const template = templateFor(change, recipient, corrected)
		const props: StatusEmailProps = {
			reference: application.reference,
			applicantName,
			recipientName: recipient.name,
			callTitleEn: call.titleEn,
			callTitleFa: call.titleFa,
			timeZone: call.timeZone,
			link: recipient.link,
			replyBy: change.toStatus === 'changes_requested' ? (application.replyBy?.toISOString() ?? null) : null,
			confirmBy: change.toStatus === 'approved' ? (application.confirmBy?.toISOString() ?? null) : null,
			// The office's request is written for the applicant, and so is a decision's message; other notes are the
			// office's own.
			message: toApplicant ? (change.toStatus === 'changes_requested' ? change.note : (decision?.applicantMessage ?? null)) : null,
			comments: toApplicant && decision && decision.reviewerComments.length > 0 ? [...decision.reviewerComments] : null,
			earlierDecision: corrected ? decision!.correcting : null,
			visitLetter: toApplicant && visitLetter ? visitLetter : null,
			note: recipient.kind === 'office' ? change.note : null,
			letterDeadline: recipient.secrets?.link && change.toStatus === 'submitted' ? call.letterDeadline.toISOString() : null,
			feedbackUntil: recipient.secrets?.feedbackUntil ?? null,
		}
		return { recipient, template, props }
	})
}
