import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { Tx } from '#db/client.ts'
import type { Application, Call, StatusChange } from '#db/schema.ts'
import { isTemplateName, type TemplateName } from '#emails/registry.ts'
import type { StatusEmailProps } from '#emails/application-status.tsx'
import { emailChangeOf, statusTemplateName } from './notifications.ts'
import type { Recipient } from './recipients.server.ts'
import { isDecision } from './transitions.ts'

/** The template a recipient of this change gets; a missing one is a bug (a unit test checks every pair exists). */
export function templateFor(change: Pick<StatusChange, 'fromStatus' | 'toStatus'>, recipient: Pick<Recipient, 'kind'>) {
	const name = statusTemplateName(emailChangeOf(change.fromStatus, change.toStatus), recipient.kind)
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
	}: {
		application: Application
		call: Pick<Call, 'titleEn' | 'titleFa' | 'timeZone' | 'letterDeadline'>
		applicantName: string
		change: StatusChange
		recipients: Recipient[]
	},
): number {
	let queued = 0
	for (const recipient of recipients) {
		const template = templateFor(change, recipient)
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
			// The office's request is written for the applicant; other notes are the office's own.
			message: change.toStatus === 'changes_requested' && recipient.kind === 'applicant' ? change.note : null,
			note: recipient.kind === 'office' ? change.note : null,
			letterDeadline: recipient.secrets?.link ? call.letterDeadline.toISOString() : null,
		}
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
