import { and, asc, count, desc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import {
	applications,
	calls,
	reviewAssignments,
	reviews,
	users,
	type Call,
	type Recommendation,
	type ReviewAssignmentStatus,
} from '#db/schema.ts'
import { callRubric } from './call-rubric.server.ts'
import { weightedScore } from './rubric.ts'
import { applicationScore, type ApplicationScore } from './scoring.ts'

/**
 * What the office's pages read: the calls, a call's applications with their review progress and score, and one
 * application's assignments and reviews side by side. Drafts are the applicant's own work in progress: the
 * office's lists count them but do not list them.
 */

export type CallListItem = { call: Call; applications: number; drafts: number }

export function listCallsForOffice(db: Db): CallListItem[] {
	const rows = db.select().from(calls).orderBy(desc(calls.closesAt), desc(calls.id)).all()
	const counts = db
		.select({ callId: applications.callId, status: applications.status, n: count() })
		.from(applications)
		.groupBy(applications.callId, applications.status)
		.all()
	return rows.map((call) => {
		const mine = counts.filter((row) => row.callId === call.id)
		const drafts = mine.find((row) => row.status === 'draft')?.n ?? 0
		return { call, applications: mine.reduce((sum, row) => sum + row.n, 0) - drafts, drafts }
	})
}

export type AssignmentRow = {
	id: number
	reviewerId: number
	reviewerName: string
	reviewerEmail: string
	status: ReviewAssignmentStatus
	dueAt: Date
	/** The review's state: none yet, a draft, or submitted. */
	review: 'none' | 'draft' | 'submitted'
}

export type ReviewColumn = {
	assignmentId: number
	reviewerName: string
	scores: Record<string, number | undefined>
	/** The review's weighted score (0–100), null when a criterion is missing. */
	score: number | null
	recommendation: Recommendation | null
	commentForOffice: string | null
	commentForApplicant: string | null
	submittedAt: Date | null
}

export type ReviewComparison = {
	criteria: { key: string; weight: number; labelEn: string; labelFa: string }[]
	reviews: ReviewColumn[]
	summary: ApplicationScore
}

/** The application's assignments, newest last, with the state of each reviewer's review. */
export function applicationAssignments(db: Db, applicationId: number): AssignmentRow[] {
	const rows = db
		.select({ assignment: reviewAssignments, name: users.name, email: users.email, reviewStatus: reviews.status })
		.from(reviewAssignments)
		.innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
		.leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
		.where(eq(reviewAssignments.applicationId, applicationId))
		.orderBy(asc(reviewAssignments.createdAt), asc(reviewAssignments.id))
		.all()
	return rows.map(({ assignment, name, email, reviewStatus }) => ({
		id: assignment.id,
		reviewerId: assignment.reviewerId,
		reviewerName: name,
		reviewerEmail: email,
		status: assignment.status,
		dueAt: assignment.dueAt,
		review: reviewStatus ?? 'none',
	}))
}

/** The submitted reviews side by side with the call's criteria, each review's score and the application's. */
export function reviewComparison(db: Db, applicationId: number, callId: number): ReviewComparison {
	const criteria = callRubric(db, callId)
	const rows = db
		.select({ review: reviews, name: users.name })
		.from(reviews)
		.innerJoin(users, eq(users.id, reviews.reviewerId))
		.where(and(eq(reviews.applicationId, applicationId), eq(reviews.status, 'submitted')))
		.orderBy(asc(reviews.submittedAt), asc(reviews.id))
		.all()
	return {
		criteria: criteria.map(({ key, weight, labelEn, labelFa }) => ({ key, weight, labelEn, labelFa })),
		reviews: rows.map(({ review, name }) => ({
			assignmentId: review.assignmentId,
			reviewerName: name,
			scores: review.scores,
			score: weightedScore(criteria, review.scores),
			recommendation: review.recommendation,
			commentForOffice: review.commentForOffice,
			commentForApplicant: review.commentForApplicant,
			submittedAt: review.submittedAt,
		})),
		summary: applicationScore(
			criteria,
			rows.map(({ review }) => review),
		),
	}
}
