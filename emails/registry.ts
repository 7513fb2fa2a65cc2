import type { EmailTemplate } from './template.ts'
import { accountExists } from './account-exists.tsx'
import { statusTemplates } from './application-status.tsx'
import { letterTemplates } from './letters.tsx'
import { passwordReset } from './password-reset.tsx'
import { staffInvitation } from './staff-invitation.tsx'
import { reviewConflict, reviewReminder, reviewsComplete } from './review-emails.tsx'
import { assignmentTemplates } from './review-assigned.tsx'
import { testEmail } from './test-email.tsx'
import { verifyEmail } from './verify-email.tsx'
import { visitConfirmReminder, visitLetterUpdated } from './visit-emails.tsx'

/**
 * Every email the portal sends, by the name stored in the outbox. To add one: a file in emails/ exporting
 * `defineTemplate<Props>({ subject, component })`, one line here, and its strings in emails/i18n/en.ts and fa.ts.
 * Names are stored in outbox rows, so a name is never reused or renamed once emails with it were queued.
 */
export const templates = {
	test: testEmail,
	'review-reminder': reviewReminder,
	'review-conflict': reviewConflict,
	'reviews-complete': reviewsComplete,
	'verify-email': verifyEmail,
	'account-exists': accountExists,
	'password-reset': passwordReset,
	'staff-invitation': staffInvitation,
	'visit-confirm-reminder': visitConfirmReminder,
	'visit-letter-updated': visitLetterUpdated,
	// One per status change and recipient kind (issue 5): `status-<change>-<kind>`.
	...statusTemplates,
	// Referees' letters and the host's endorsement (issue 7): requests, reminders, and what the applicant is told.
	...letterTemplates,
	// The office assigns a reviewer, takes an assignment back, moves its due date (issue 8).
	...assignmentTemplates,
} satisfies Record<string, EmailTemplate<never>>

export type TemplateName = keyof typeof templates

export function isTemplateName(name: string): name is TemplateName {
	return Object.hasOwn(templates, name)
}

/** A template with its props widened, for code that renders a stored row (props are JSON there). */
export function templateFor(name: TemplateName): EmailTemplate<Record<string, unknown>> {
	return templates[name] as unknown as EmailTemplate<Record<string, unknown>>
}
