import { and, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '#app/config.server.ts'
import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import { schedule, type JobHandler } from '#app/jobs/scheduler.server.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	applications,
	callCriteria,
	calls,
	conflictDeclarations,
	reviewAssignments,
	reviews,
	users,
	type Recommendation,
	type Review,
	type ReviewAssignment,
} from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import { officeRecipients } from './office-recipients.server.ts'

/**
 * The reviewer's side of reviewing: the conflict-of-interest declaration that comes first, the review (draft,
 * submit, revise until the office decides), the reminders, and the office's email when every review is in.
 */

const DAY = 86_400_000
export const REVIEW_REMINDER_JOB = 'review-reminder'

/** Applications still open to reviewing: a review may be saved, submitted and revised until the office decides. */
const REVIEWABLE = ['under_review'] as const

export class ReviewError extends Error {
	constructor(readonly reason: 'not_found' | 'not_reviewable' | 'declare_first' | 'incomplete' | 'already_declared') {
		super(`Review refused: ${reason}`)
		this.name = 'ReviewError'
	}
}

/**
 * Schedules the two reminders of an assignment: 3 days before its due date and 1 day after it, once each. Called
 * when the office assigns a reviewer and again when it changes the due date: the keys carry the due date, and a
 * job whose due date is no longer the assignment's does nothing.
 */
export function scheduleReviewReminders(tx: Tx, { assignmentId, dueAt, now }: { assignmentId: number; dueAt: Date; now: Date }): void {
	for (const [when, runAt] of [
		['before', new Date(dueAt.getTime() - 3 * DAY)],
		['after', new Date(dueAt.getTime() + DAY)],
	] as const) {
		// A reminder "3 days before" a due date only 2 days away makes no sense: skip it.
		if (when === 'before' && runAt <= now) continue
		schedule(tx, {
			key: `review-reminder:${when}:${assignmentId}:${dueAt.getTime()}`,
			runAt,
			job: REVIEW_REMINDER_JOB,
			data: { assignmentId, when, dueAt: dueAt.getTime() },
			now,
		})
	}
}

const ReminderData = z.object({ assignmentId: z.number().int(), when: z.enum(['before', 'after']), dueAt: z.number() })

/** The reminder job: emails the reviewer if the assignment is still theirs, with the same due date, and not done. */
export const sendReviewReminder: JobHandler = (data, { db, config, now, job }) => {
	const { assignmentId, when, dueAt } = ReminderData.parse(data)
	db.transaction(
		(tx) => {
			const row = tx
				.select({ assignment: reviewAssignments, reviewer: users, application: applications })
				.from(reviewAssignments)
				.innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
				.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
				.where(eq(reviewAssignments.id, assignmentId))
				.get()
			if (!row || row.assignment.status !== 'active' || row.assignment.dueAt.getTime() !== dueAt || row.reviewer.disabledAt) return
			if (row.application.status !== 'under_review') return
			const call = tx.select().from(calls).where(eq(calls.id, row.application.callId)).get()!
			queueEmail(tx, {
				to: row.reviewer.email,
				toName: row.reviewer.name,
				template: 'review-reminder',
				locale: row.reviewer.locale,
				props: {
					name: row.reviewer.name,
					reference: row.application.reference,
					dueAt: dueAt,
					timeZone: call.timeZone,
					overdue: when === 'after',
					link: `${config.publicUrl}/reviewer/assignments/${assignmentId}`,
				},
				dedupeKey: dedupeKey(job.key, 'review-reminder', row.reviewer.email),
				applicationId: row.application.id,
				now: now(),
			})
		},
		{ behavior: 'immediate' },
	)
}

/** The reviewer's assignment, or null when it is not theirs (which pages answer with 404). */
export function findOwnAssignment(db: Db | Tx, assignmentId: number, reviewerId: number): ReviewAssignment | null {
	if (!Number.isInteger(assignmentId) || assignmentId < 1) return null
	const assignment = db.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).get()
	if (!assignment || assignment.reviewerId !== reviewerId) return null
	return assignment
}

export function declarationOf(db: Db | Tx, assignmentId: number) {
	return db.select().from(conflictDeclarations).where(eq(conflictDeclarations.assignmentId, assignmentId)).get() ?? null
}

/**
 * The reviewer declares whether they have a conflict of interest. A conflict releases the assignment and tells
 * the office; no conflict opens the application to them.
 */
export function declareConflict(
	db: Db,
	config: Pick<Config, 'publicUrl' | 'email'>,
	{ assignmentId, reviewerId, hasConflict, reason, now }: { assignmentId: number; reviewerId: number; hasConflict: boolean; reason: string | null; now: Date },
): void {
	db.transaction(
		(tx) => {
			const assignment = findOwnAssignment(tx, assignmentId, reviewerId)
			if (!assignment || assignment.status !== 'active') throw new ReviewError('not_found')
			if (declarationOf(tx, assignmentId)) throw new ReviewError('already_declared')
			const application = tx.select().from(applications).where(eq(applications.id, assignment.applicationId)).get()!
			tx.insert(conflictDeclarations)
				.values({ assignmentId, applicationId: application.id, reviewerId, applicantId: application.applicantId, hasConflict, reason, declaredAt: now })
				.run()
			recordAudit(tx, {
				actorId: reviewerId,
				action: 'review.conflict_declared',
				entity: 'review_assignment',
				entityId: assignmentId,
				applicationId: application.id,
				data: { hasConflict },
				at: now,
			})
			if (!hasConflict) return
			tx.update(reviewAssignments).set({ status: 'released', updatedAt: now }).where(eq(reviewAssignments.id, assignmentId)).run()
			const reviewer = tx.select().from(users).where(eq(users.id, reviewerId)).get()!
			for (const office of officeRecipients(tx, config)) {
				queueEmail(tx, {
					to: office.email,
					toName: office.name,
					template: 'review-conflict',
					locale: office.locale,
					props: {
						reviewerName: reviewer.name,
						reference: application.reference,
						reason: reason ?? '',
						link: `${config.publicUrl}/office/applications/${application.id}`,
					},
					dedupeKey: dedupeKey('conflict', assignmentId, 'review-conflict', office.email),
					applicationId: application.id,
					now,
				})
			}
		},
		{ behavior: 'immediate' },
	)
}

export const ReviewInputSchema = z.object({
	scores: z.record(z.string(), z.coerce.number().int().min(1).max(5)),
	recommendation: z.enum(['strongly_support', 'support', 'neutral', 'do_not_support']).nullable(),
	commentForOffice: z.string().trim().max(10_000).nullable(),
	commentForApplicant: z.string().trim().max(5_000).nullable(),
})
export type ReviewInput = z.infer<typeof ReviewInputSchema>

/**
 * Saves the reviewer's review: as a draft (anything may be missing), or submitted (every criterion scored and a
 * recommendation given). A submitted review may be revised while the application is under review. When the last
 * assigned review comes in, the office gets one email.
 */
export function saveReview(
	db: Db,
	config: Pick<Config, 'publicUrl' | 'email'>,
	{ assignmentId, reviewerId, input, submit, now }: { assignmentId: number; reviewerId: number; input: ReviewInput; submit: boolean; now: Date },
): Review {
	return db.transaction(
		(tx) => {
			const assignment = findOwnAssignment(tx, assignmentId, reviewerId)
			if (!assignment || !['active', 'done'].includes(assignment.status)) throw new ReviewError('not_found')
			const declaration = declarationOf(tx, assignmentId)
			if (!declaration || declaration.hasConflict) throw new ReviewError('declare_first')
			const application = tx.select().from(applications).where(eq(applications.id, assignment.applicationId)).get()!
			if (!(REVIEWABLE as readonly string[]).includes(application.status)) throw new ReviewError('not_reviewable')
			const criteria = tx.select().from(callCriteria).where(eq(callCriteria.callId, application.callId)).all()
			const scores = Object.fromEntries(criteria.filter((criterion) => input.scores[criterion.key] !== undefined).map((criterion) => [criterion.key, input.scores[criterion.key]!]))
			const existing = tx.select().from(reviews).where(eq(reviews.assignmentId, assignmentId)).get()
			const complete = criteria.every((criterion) => scores[criterion.key] !== undefined) && input.recommendation !== null
			if (submit && !complete) throw new ReviewError('incomplete')
			// A submitted review stays submitted: saving it again revises it.
			const status = submit || existing?.status === 'submitted' ? 'submitted' : 'draft'
			if (status === 'submitted' && !complete) throw new ReviewError('incomplete')
			const values = {
				scores,
				recommendation: input.recommendation as Recommendation | null,
				commentForOffice: input.commentForOffice || null,
				commentForApplicant: input.commentForApplicant || null,
				status,
				submittedAt: status === 'submitted' ? (existing?.submittedAt ?? now) : null,
				updatedAt: now,
			} as const
			const review = existing
				? tx.update(reviews).set(values).where(eq(reviews.id, existing.id)).returning().get()
				: tx.insert(reviews).values({ ...values, assignmentId, applicationId: application.id, reviewerId, createdAt: now }).returning().get()
			if (status === 'submitted' && assignment.status !== 'done') {
				tx.update(reviewAssignments).set({ status: 'done', updatedAt: now }).where(eq(reviewAssignments.id, assignmentId)).run()
				recordAudit(tx, { actorId: reviewerId, action: 'review.submitted', entity: 'review', entityId: review.id, applicationId: application.id, at: now })
				notifyWhenAllIn(tx, config, application.id, now)
			}
			return review
		},
		{ behavior: 'immediate' },
	)
}

/** One email to the office when no assigned review is outstanding any more. */
function notifyWhenAllIn(tx: Tx, config: Pick<Config, 'publicUrl' | 'email'>, applicationId: number, now: Date) {
	const assignments = tx
		.select({ status: reviewAssignments.status })
		.from(reviewAssignments)
		.where(and(eq(reviewAssignments.applicationId, applicationId), inArray(reviewAssignments.status, ['active', 'done'])))
		.all()
	if (assignments.length === 0 || assignments.some((assignment) => assignment.status === 'active')) return
	const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()!
	for (const office of officeRecipients(tx, config)) {
		queueEmail(tx, {
			to: office.email,
			toName: office.name,
			template: 'reviews-complete',
			locale: office.locale,
			props: { reference: application.reference, count: assignments.length, link: `${config.publicUrl}/office/applications/${applicationId}` },
			// Once per set of reviews: a later assignment that completes again tells the office again.
			dedupeKey: dedupeKey('reviews-complete', applicationId, assignments.length, 'reviews-complete', office.email),
			applicationId,
			now,
		})
	}
}
