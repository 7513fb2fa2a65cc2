import { and, asc, count, eq, inArray, isNotNull } from 'drizzle-orm'
import { renderEmail } from '#app/email/render.server.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	applications,
	calls,
	HELD_DECISIONS,
	pendingDecisions,
	reviews,
	users,
	type Application,
	type HeldDecision,
	type PendingDecision,
} from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import { changeStatusInTransaction, decisionEmailThatLeft } from './lifecycle/change-status.server.ts'
import { ConflictError, TransitionError } from './lifecycle/errors.ts'
import { statusEmails } from './lifecycle/notify.server.ts'
import { recipientsFor, type LifecycleSettings } from './lifecycle/recipients.server.ts'
import { findTransition } from './lifecycle/transitions.ts'
import type { Actor } from './permissions.ts'

/**
 * The office's decisions after review: approve (with a confirm-by date), waitlist or reject, each with a note for the
 * office, an optional message for the applicant and the reviewers' comments for the applicant the office chooses to
 * pass on. A decision is applied at once, or held: recorded here, seen by the office only, nothing sent, the status
 * unchanged, until the office releases the call's held decisions together. Each applies through the lifecycle
 * engine on its own, so one that can no longer apply (withdrawn meanwhile) is reported and the rest go through.
 */

export const DEFAULT_CONFIRM_DAYS = 21
export const MAX_NOTE_LENGTH = 4_000

export type DecisionInput = {
	applicationId: number
	decision: HeldDecision
	decisionNote: string
	applicantMessage?: string | null
	/** Submitted reviews of this application whose comment for the applicant goes with the email. */
	sharedReviewIds?: readonly number[]
	/** Approvals only. */
	confirmBy?: Date | null
}

export type DecisionRefusal =
	| 'not_found'
	/** The lifecycle does not allow this decision from the application's status. */
	| 'not_allowed'
	| 'note_required'
	| 'too_long'
	| 'confirm_by_required'
	| 'confirm_by_not_in_future'
	/** A chosen review is not a submitted review of this application with a comment for the applicant. */
	| 'unknown_review'

export class DecisionError extends Error {
	override name = 'DecisionError'
	constructor(readonly reason: DecisionRefusal) {
		super(`Decision refused: ${reason}`)
	}
}

/** The decisions the lifecycle allows the office now, from this status. */
export function allowedDecisions(status: Application['status']): HeldDecision[] {
	return HELD_DECISIONS.filter((decision) => {
		const rule = findTransition(status, decision)
		return rule != null && rule.roles.includes('office') && rule.note === 'decisionNote'
	})
}

/** The submitted reviews of an application that carry a comment for the applicant (the office may pass them on). */
export function shareableComments(db: Db | Tx, applicationId: number): { reviewId: number; reviewerName: string; comment: string }[] {
	return db
		.select({ reviewId: reviews.id, reviewerName: users.name, comment: reviews.commentForApplicant })
		.from(reviews)
		.innerJoin(users, eq(users.id, reviews.reviewerId))
		.where(and(eq(reviews.applicationId, applicationId), eq(reviews.status, 'submitted'), isNotNull(reviews.commentForApplicant)))
		.orderBy(asc(reviews.submittedAt), asc(reviews.id))
		.all()
		.filter((row): row is { reviewId: number; reviewerName: string; comment: string } => Boolean(row.comment?.trim()))
}

/** Checks a decision against the application as it is now; returns the comments' texts in the chosen order. */
function check(db: Db | Tx, application: Application, input: DecisionInput, now: Date): string[] {
	if (!allowedDecisions(application.status).includes(input.decision)) throw new DecisionError('not_allowed')
	const note = input.decisionNote.trim()
	if (!note) throw new DecisionError('note_required')
	if (note.length > MAX_NOTE_LENGTH || (input.applicantMessage?.length ?? 0) > MAX_NOTE_LENGTH) throw new DecisionError('too_long')
	if (input.decision === 'approved') {
		if (!input.confirmBy) throw new DecisionError('confirm_by_required')
		if (input.confirmBy <= now) throw new DecisionError('confirm_by_not_in_future')
	}
	const shareable = new Map(shareableComments(db, application.id).map((row) => [row.reviewId, row.comment]))
	const ids = [...new Set(input.sharedReviewIds ?? [])]
	if (ids.some((id) => !shareable.has(id))) throw new DecisionError('unknown_review')
	return ids.map((id) => shareable.get(id)!)
}

function loadApplication(db: Db | Tx, applicationId: number): Application {
	const application = db.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) throw new DecisionError('not_found')
	return application
}

/** Applies a decision now, through the lifecycle engine; a held decision of the application is dropped with it. */
export function decideNow(
	db: Db,
	settings: LifecycleSettings,
	input: DecisionInput & { actor: Actor; now: Date; expectedVersion: number },
): Application {
	return db.transaction(
		(tx) => {
			const application = loadApplication(tx, input.applicationId)
			// A decision made on an older page is told that first (409 "changed meanwhile"), not that its decision no
			// longer fits the status someone else has just set.
			if (application.version !== input.expectedVersion) throw new ConflictError(application.id, input.expectedVersion, application.version)
			const comments = check(tx, application, input, input.now)
			const { application: updated } = changeStatusInTransaction(tx, {
				applicationId: application.id,
				to: input.decision,
				actor: input.actor,
				expectedVersion: input.expectedVersion,
				note: input.decisionNote,
				confirmBy: input.decision === 'approved' ? input.confirmBy : null,
				applicantMessage: input.applicantMessage,
				reviewerComments: comments,
				now: input.now,
				settings,
			})
			tx.delete(pendingDecisions).where(eq(pendingDecisions.applicationId, application.id)).run()
			return updated
		},
		{ behavior: 'immediate' },
	)
}

/** Records (or replaces) the application's held decision: nothing is sent and the status stays as it is. */
export function holdDecision(db: Db, input: DecisionInput & { actor: Actor; now: Date }): PendingDecision {
	return db.transaction(
		(tx) => {
			const application = loadApplication(tx, input.applicationId)
			check(tx, application, input, input.now)
			const values = {
				callId: application.callId,
				decision: input.decision,
				decisionNote: input.decisionNote.trim(),
				applicantMessage: input.applicantMessage?.trim() || null,
				sharedReviewIds: [...new Set(input.sharedReviewIds ?? [])],
				confirmBy: input.decision === 'approved' ? (input.confirmBy ?? null) : null,
				recordedBy: input.actor.id,
				recordedAt: input.now,
				lastError: null,
			}
			const row = tx
				.insert(pendingDecisions)
				.values({ applicationId: application.id, ...values })
				.onConflictDoUpdate({ target: pendingDecisions.applicationId, set: values })
				.returning()
				.get()
			recordAudit(tx, {
				actorId: input.actor.id,
				action: 'decision.held',
				entity: 'application',
				entityId: application.id,
				applicationId: application.id,
				data: { decision: input.decision },
				at: input.now,
			})
			return row
		},
		{ behavior: 'immediate' },
	)
}

/** Drops the application's held decision, if any. */
export function discardHeldDecision(db: Db, { applicationId, actor, now }: { applicationId: number; actor: Actor; now: Date }): boolean {
	return db.transaction(
		(tx) => {
			const removed = tx.delete(pendingDecisions).where(eq(pendingDecisions.applicationId, applicationId)).returning().get()
			if (!removed) return false
			recordAudit(tx, {
				actorId: actor.id,
				action: 'decision.discarded',
				entity: 'application',
				entityId: applicationId,
				applicationId,
				data: { decision: removed.decision },
				at: now,
			})
			return true
		},
		{ behavior: 'immediate' },
	)
}

export function heldDecisionOf(db: Db | Tx, applicationId: number): PendingDecision | null {
	return db.select().from(pendingDecisions).where(eq(pendingDecisions.applicationId, applicationId)).get() ?? null
}

export type HeldDecisionView = PendingDecision & { reference: string; applicantName: string; status: Application['status']; recordedByName: string | null }

/** The call's held decisions, oldest first, with what the office needs to recognise each. */
export function heldDecisions(db: Db, callId: number): HeldDecisionView[] {
	const rows = db
		.select({ held: pendingDecisions, reference: applications.reference, status: applications.status, applicantId: applications.applicantId })
		.from(pendingDecisions)
		.innerJoin(applications, eq(applications.id, pendingDecisions.applicationId))
		.where(eq(pendingDecisions.callId, callId))
		.orderBy(asc(pendingDecisions.recordedAt), asc(pendingDecisions.applicationId))
		.all()
	const people = new Set(rows.flatMap((row) => [row.applicantId, row.held.recordedBy ?? 0]))
	const names = new Map(
		people.size === 0
			? []
			: db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, [...people]))
					.all()
					.map((row) => [row.id, row.name]),
	)
	return rows.map((row) => ({
		...row.held,
		reference: row.reference,
		status: row.status,
		applicantName: names.get(row.applicantId) ?? '',
		recordedByName: row.held.recordedBy ? (names.get(row.held.recordedBy) ?? null) : null,
	}))
}

/** Funded visits against approvals: those standing now and what releasing the held decisions would make of them. */
export function fundingOf(db: Db, callId: number): { funded: number; approvedNow: number; afterRelease: number } {
	const call = db.select({ funded: calls.fundedVisits }).from(calls).where(eq(calls.id, callId)).get()
	const approvedNow =
		db
			.select({ n: count() })
			.from(applications)
			.where(and(eq(applications.callId, callId), inArray(applications.status, ['approved', 'visit_confirmed', 'completed'])))
			.get()?.n ?? 0
	let afterRelease = approvedNow
	for (const held of heldDecisions(db, callId)) {
		const approvedBefore = ['approved', 'visit_confirmed', 'completed'].includes(held.status)
		if (held.decision === 'approved' && !approvedBefore) afterRelease += 1
		if (held.decision !== 'approved' && approvedBefore) afterRelease -= 1
	}
	return { funded: call?.funded ?? 0, approvedNow, afterRelease }
}

export type PreviewEmail = { to: string; toName: string | null; locale: 'en' | 'fa'; template: string; subject: string; html: string; text: string }

/**
 * The exact emails releasing a held decision would queue now, rendered in each recipient's language: the same
 * recipients and props the lifecycle engine computes (statusEmails), for the application as it is. Token links do
 * not occur in decision emails.
 */
export async function previewHeldDecision(db: Db, settings: LifecycleSettings, held: PendingDecision, now: Date): Promise<PreviewEmail[]> {
	const application = db.select().from(applications).where(eq(applications.id, held.applicationId)).get()
	if (!application || !allowedDecisions(application.status).includes(held.decision)) return []
	const call = db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const applicant = db.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
	const comments = new Map(shareableComments(db, application.id).map((row) => [row.reviewId, row.comment]))
	// recipientsFor reads only; it takes a transaction handle, and a read transaction is one.
	const emails = db.transaction((tx) => {
		const recipients = recipientsFor(tx, { application, from: application.status, to: held.decision, firstSubmission: false, settings })
		const correcting = application.status === 'approved' ? decisionEmailThatLeft(tx, application.id) : null
		return statusEmails({
			application: { ...application, confirmBy: held.decision === 'approved' ? held.confirmBy : application.confirmBy },
			call,
			applicantName: applicant?.name ?? '',
			change: { fromStatus: application.status, toStatus: held.decision, note: held.decisionNote },
			recipients,
			decision: {
				applicantMessage: held.applicantMessage,
				reviewerComments: held.sharedReviewIds.map((id) => comments.get(id)).filter((text): text is string => Boolean(text)),
				correcting,
			},
		})
	})
	void now
	return Promise.all(
		emails.map(async ({ recipient, template, props }) => ({
			to: recipient.email,
			toName: recipient.name,
			locale: recipient.locale,
			template,
			...(await renderEmail(template, recipient.locale, props as unknown as Record<string, unknown>)),
		})),
	)
}

export type ReleaseResult = {
	applied: { applicationId: number; reference: string; decision: HeldDecision }[]
	failed: { applicationId: number; reference: string; decision: HeldDecision; reason: string }[]
}

/**
 * Applies every held decision of the call (or the given ones), each in its own transaction through the lifecycle
 * engine, oldest first. One that cannot apply keeps its row with the reason; the others go through.
 */
export function releaseHeldDecisions(
	db: Db,
	settings: LifecycleSettings,
	{ callId, applicationIds, actor, now }: { callId: number; applicationIds?: readonly number[]; actor: Actor; now: Date },
): ReleaseResult {
	const result: ReleaseResult = { applied: [], failed: [] }
	const wanted = applicationIds ? new Set(applicationIds) : null
	for (const held of heldDecisions(db, callId)) {
		if (wanted && !wanted.has(held.applicationId)) continue
		const entry = { applicationId: held.applicationId, reference: held.reference, decision: held.decision }
		try {
			db.transaction(
				(tx) => {
					const application = loadApplication(tx, held.applicationId)
					const comments = check(
						tx,
						application,
						{ ...held, sharedReviewIds: held.sharedReviewIds, confirmBy: held.confirmBy },
						now,
					)
					changeStatusInTransaction(tx, {
						applicationId: application.id,
						to: held.decision,
						actor,
						expectedVersion: application.version,
						note: held.decisionNote,
						confirmBy: held.decision === 'approved' ? held.confirmBy : null,
						applicantMessage: held.applicantMessage,
						reviewerComments: comments,
						now,
						settings,
					})
					tx.delete(pendingDecisions).where(eq(pendingDecisions.applicationId, application.id)).run()
					recordAudit(tx, {
						actorId: actor.id,
						action: 'decision.released',
						entity: 'application',
						entityId: application.id,
						applicationId: application.id,
						data: { decision: held.decision },
						at: now,
					})
				},
				{ behavior: 'immediate' },
			)
			result.applied.push(entry)
		} catch (error) {
			const reason =
				error instanceof DecisionError
					? error.reason
					: error instanceof TransitionError
						? error.reason
						: error instanceof ConflictError
							? 'changed_meanwhile'
							: null
			if (reason === null) throw error
			db.update(pendingDecisions).set({ lastError: reason }).where(eq(pendingDecisions.applicationId, held.applicationId)).run()
			result.failed.push({ ...entry, reason })
		}
	}
	return result
}
