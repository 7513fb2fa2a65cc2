import type { ApplicationStatus } from '#db/schema.ts'

/**
 * DOMAIN.md's table "who is told", as data, and the email each (change, recipient kind) sends. Pure, so the email
 * templates (emails/application-status.tsx) and the tests read the same table as changeStatus.
 */

export const RECIPIENT_KINDS = ['applicant', 'office', 'reviewer', 'referee', 'host'] as const
export type RecipientKind = (typeof RECIPIENT_KINDS)[number]

/**
 * The kinds of change an email can be about: the new status, except that going back from a change request (to
 * submitted or under review) is a resubmission, which reads differently from a first submission.
 */
export const EMAIL_CHANGES = [
	'submitted',
	'resubmitted',
	'under_review',
	'changes_requested',
	'approved',
	'waitlisted',
	'rejected',
	'withdrawn',
	'visit_confirmed',
	'completed',
	'cancelled',
] as const
export type EmailChange = (typeof EMAIL_CHANGES)[number]

type TellRow = {
	/** Any status when absent. */
	from?: readonly ApplicationStatus[]
	to: readonly ApplicationStatus[]
	tell: readonly RecipientKind[]
	/** Told as well when the application is submitted for the first time. */
	onFirstSubmission?: readonly RecipientKind[]
}

/** One entry per row of the table, in its order. Every row that matches a change applies. */
export const WHO_IS_TOLD: readonly TellRow[] = [
	{ to: ['submitted'], tell: ['applicant', 'office'], onFirstSubmission: ['referee', 'host'] },
	// Reviewers are told by their own assignment email, not by this change.
	{ to: ['under_review'], tell: ['applicant'] },
	{ to: ['changes_requested'], tell: ['applicant'] },
	{ from: ['changes_requested'], to: ['submitted', 'under_review'], tell: ['office', 'reviewer'] },
	{ to: ['approved'], tell: ['applicant', 'host', 'office'] },
	{ to: ['waitlisted', 'rejected'], tell: ['applicant'] },
	// The reviewers' assignments end.
	{ to: ['withdrawn'], tell: ['office', 'reviewer'] },
	{ to: ['visit_confirmed'], tell: ['applicant', 'host', 'office'] },
	{ to: ['completed', 'cancelled'], tell: ['applicant', 'host', 'office'] },
]

export function emailChangeOf(from: ApplicationStatus, to: ApplicationStatus): EmailChange {
	if (from === 'changes_requested' && (to === 'submitted' || to === 'under_review')) return 'resubmitted'
	if (to === 'draft') throw new Error('No change leads to draft')
	return to
}

/** Who is told of `from -> to`: every matching row together, each kind once, in RECIPIENT_KINDS order. */
export function recipientKindsFor(
	from: ApplicationStatus,
	to: ApplicationStatus,
	{ firstSubmission }: { firstSubmission: boolean },
): RecipientKind[] {
	const kinds = new Set<RecipientKind>()
	for (const row of WHO_IS_TOLD) {
		if (!row.to.includes(to) || (row.from && !row.from.includes(from))) continue
		for (const kind of row.tell) kinds.add(kind)
		if (firstSubmission) for (const kind of row.onFirstSubmission ?? []) kinds.add(kind)
	}
	return RECIPIENT_KINDS.filter((kind) => kinds.has(kind))
}

/**
 * The template of one (change, recipient kind), e.g. `status-under-review-applicant` (see emails/registry.ts); a
 * decision that corrects one the applicant was already emailed is `status-corrected-<decision>-applicant`.
 */
export function statusTemplateName(change: EmailChange, kind: RecipientKind, corrected = false): `status-${string}-${RecipientKind}` {
	return `status-${corrected ? 'corrected-' : ''}${change.replaceAll('_', '-')}-${kind}`
}
