import { auditLog } from '#db/schema.ts'
import type { Tx } from '#db/client.ts'

/**
 * Every action the audit trail records. Later issues extend this union with their own actions, so the
 * office's audit views can list and filter them by name.
 */
export type AuditAction =
	| 'call.created'
	| 'call.updated'
	| 'demo.seeded'
	| 'auth.signed_in'
	| 'auth.sign_in_failed'
	| 'auth.signed_out'
	| 'auth.password_reset'
	| 'user.registered'
	| 'user.verified'
	| 'user.invited'
	| 'user.invitation_resent'
	| 'user.invitation_accepted'
	| 'user.disabled'
	| 'user.enabled'
	| 'user.role_changed'
	| 'user.locale_changed'
	| 'email.retried'
	// Applications (issue 5, app/domain/lifecycle/).
	| 'application.created'
	| 'application.status_changed'
	| 'review.conflict_declared'
	| 'review.submitted'
	| 'document.downloaded'
	| 'document.uploaded'
	| 'document.removed'
	// Referees' letters and the host's endorsement (issue 7, app/domain/letters.server.ts): actor null for them.
	| 'letter.received'
	| 'letter.declined'
	| 'letter.request_resent'
	// The office reminds a referee who has not answered (issue 11, remindRefereesForOffice).
	| 'letter.reminded'
	| 'referee.replaced'
	| 'host.answered'
	// The office's side of reviewing (issue 8, app/domain/assignments.server.ts, app/domain/call-rubric.server.ts).
	| 'assignment.created'
	| 'assignment.removed'
	| 'assignment.due_date_changed'
	| 'rubric.updated'
	// Reviewer suggestions (issue 9, app/domain/reviewer-suggestions.server.ts) and reviewers' caps.
	| 'call.reviewers_per_application'
	// The office's applications table (issue 10): an export of a call's applications.
	| 'call.exported'
	// A bulk action on a call's applications (issue 11, app/domain/bulk-actions.server.ts): data has its outcome.
	| 'call.bulk_action'
	// Decisions held and released (issue 11, app/domain/decisions.server.ts).
	| 'decision.held'
	| 'decision.discarded'
	| 'decision.released'
	// The visit (issue 13, app/domain/visits.server.ts).
	| 'visit.dates_proposed'
	| 'visit.confirmed'
	| 'visit.follow_up_saved'
	// After the visit (app/domain/visit-report.server.ts): the visitor's report and the host's feedback.
	| 'visit.report_submitted'
	| 'visit.host_feedback_received'
	// The passport data removed 90 days after the visit (app/domain/visit-jobs.server.ts); actor null.
	| 'visit.sensitive_purged'
	| 'user.review_cap_changed'
	// The office's actions on one application (issue 10, app/domain/office-actions.server.ts): data has from, to, reason.
	| 'application.deadline_extended'
	| 'application.reply_by_extended'

export type AuditEntry = {
	actorId: number | null
	action: AuditAction
	entity: string
	entityId?: string | number | null
	applicationId?: number | null
	data?: Record<string, unknown> | null
	at: Date
}

/** Writes an audit row inside the caller's transaction, so the record exists exactly when the change does; its id. */
export function recordAudit(tx: Tx, entry: AuditEntry): number {
	return tx
		.insert(auditLog)
		.values({
			actorId: entry.actorId,
			action: entry.action,
			entity: entry.entity,
			entityId: entry.entityId == null ? null : String(entry.entityId),
			applicationId: entry.applicationId ?? null,
			data: entry.data ?? null,
			at: entry.at,
		})
		.returning({ id: auditLog.id })
		.get()!.id
}
