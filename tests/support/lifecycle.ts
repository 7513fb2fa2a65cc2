import { and, eq } from 'drizzle-orm'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import type { LifecycleSettings } from '#app/domain/lifecycle/recipients.server.ts'
import type { Actor } from '#app/domain/permissions.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { Db } from '#db/client.ts'
import {
	applications,
	calls,
	conflictDeclarations,
	reviewAssignments,
	users,
	type Application,
	type ApplicationStatus,
	type Role,
	type User,
} from '#db/schema.ts'
import { fillCompleteContent } from './application-content.ts'

/**
 * Fixtures for the lifecycle tests: rows inserted directly (no password hashing, no registration), and an
 * application placed in any status with the fields that status carries. Only tests place a status this way; the
 * portal changes it through changeStatus alone.
 */

const DAY = 86_400_000

export const TEST_SETTINGS: LifecycleSettings = {
	publicUrl: 'http://portal.test',
	email: { officeEmail: 'office@portal.test' },
}

let sequence = 0
const next = () => (sequence += 1)

export function insertCall(
	db: Db,
	{ year = 2027, now, closesAt }: { year?: number; now: Date; closesAt?: Date },
): number {
	const n = next()
	const closes = closesAt ?? new Date(now.getTime() + 30 * DAY)
	return db
		.insert(calls)
		.values({
			year,
			titleEn: `Visiting Professors ${year} — round ${n}`,
			titleFa: `استادان مدعو ${year} — دور ${n}`,
			timeZone: 'Asia/Tehran',
			opensAt: new Date(now.getTime() - 30 * DAY),
			closesAt: closes,
			letterDeadline: new Date(closes.getTime() + 14 * DAY),
			visitWindowStart: `${year}-04-01`,
			visitWindowEnd: `${year}-12-31`,
			fundedVisits: 10,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: calls.id })
		.get().id
}

export function insertUser(
	db: Db,
	{ role, locale = 'en', name, email }: { role: Role; locale?: Locale; name?: string; email?: string },
): User {
	const n = next()
	const now = new Date('2026-01-01T00:00:00Z')
	return db
		.insert(users)
		.values({
			email: email ?? `${role}${n}@example.org`,
			name: name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
			role,
			locale,
			verifiedAt: now,
			createdAt: now,
			updatedAt: now,
		})
		.returning()
		.get()
}

export const actorOf = (user: User): Actor => ({
	id: user.id,
	role: user.role,
	verifiedAt: user.verifiedAt,
	disabledAt: user.disabledAt,
})

/** An application of `applicantId` to `callId`, put straight into the given state (test set-up only). */
export function placeApplication(
	db: Db,
	{
		callId,
		applicantId,
		now,
		...state
	}: { callId: number; applicantId: number; now: Date } & Partial<
		Pick<
			Application,
			'status' | 'returnsTo' | 'replyBy' | 'confirmBy' | 'submittedAt' | 'firstSubmittedAt' | 'deadlineExtendedTo' | 'version'
		>
	>,
): Application {
	const { application } = createApplication(db, { callId, applicantId, now })
	// Complete content, so the content checks of a submission pass; tests of those checks remove what they need.
	fillCompleteContent(db, application, now)
	if (Object.keys(state).length === 0) return application
	return db.update(applications).set(state).where(eq(applications.id, application.id)).returning().get()
}

export function assignReviewerRow(db: Db, applicationId: number, reviewerId: number, now: Date): void {
	db.insert(reviewAssignments)
		.values({ applicationId, reviewerId, dueAt: new Date(now.getTime() + 21 * DAY), createdAt: now, updatedAt: now })
		.run()
}

/**
 * The reviewer's declaration of no conflict of interest on their assignment to the application, inserted directly (no
 * audit row, no email): it opens the application and its documents to them.
 */
export function declareNoConflictRow(db: Db, applicationId: number, reviewerId: number, now: Date): void {
	const assignment = db
		.select({ id: reviewAssignments.id, applicantId: applications.applicantId })
		.from(reviewAssignments)
		.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
		.where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.reviewerId, reviewerId)))
		.get()
	if (!assignment) throw new Error(`Reviewer ${reviewerId} is not assigned to application ${applicationId}`)
	db.insert(conflictDeclarations)
		.values({ assignmentId: assignment.id, applicationId, reviewerId, applicantId: assignment.applicantId, hasConflict: false, reason: null, declaredAt: now })
		.run()
}

export const days = (n: number) => n * DAY

/**
 * DOMAIN.md's table "Statuses and who moves them", written out cell by cell and independently of
 * app/domain/lifecycle/transitions.ts: `from>to` and the roles that may make the move.
 */
export const EXPECTED_MOVES: Record<string, Role[]> = {
	'draft>submitted': ['applicant'],
	'submitted>under_review': ['office'],
	'submitted>changes_requested': ['office'],
	'under_review>changes_requested': ['office'],
	'changes_requested>submitted': ['applicant'],
	'changes_requested>under_review': ['applicant'],
	'changes_requested>rejected': ['office'],
	'submitted>rejected': ['office'],
	'under_review>approved': ['office'],
	'under_review>rejected': ['office'],
	'waitlisted>approved': ['office'],
	'waitlisted>rejected': ['office'],
	'under_review>waitlisted': ['office'],
	'approved>waitlisted': ['office'],
	'approved>rejected': ['office'],
	'approved>visit_confirmed': ['applicant', 'office'],
	'approved>cancelled': ['office'],
	'visit_confirmed>completed': ['office'],
	'visit_confirmed>cancelled': ['applicant', 'office'],
	'draft>withdrawn': ['applicant'],
	'submitted>withdrawn': ['applicant'],
	'under_review>withdrawn': ['applicant'],
	'changes_requested>withdrawn': ['applicant'],
	'waitlisted>withdrawn': ['applicant'],
	'approved>withdrawn': ['applicant'],
}

/**
 * DOMAIN.md's table "who is told", per allowed move (a draft's submission being the first), written out
 * independently of app/domain/lifecycle/notifications.ts.
 */
export const EXPECTED_TOLD: Record<string, string[]> = {
	'draft>submitted': ['applicant', 'office', 'referee', 'host'],
	'submitted>under_review': ['applicant'],
	'submitted>changes_requested': ['applicant'],
	'under_review>changes_requested': ['applicant'],
	'changes_requested>submitted': ['applicant', 'office', 'reviewer'],
	'changes_requested>under_review': ['applicant', 'office', 'reviewer'],
	'changes_requested>rejected': ['applicant'],
	'submitted>rejected': ['applicant'],
	'under_review>approved': ['applicant', 'office', 'host'],
	'under_review>rejected': ['applicant'],
	'waitlisted>approved': ['applicant', 'office', 'host'],
	'waitlisted>rejected': ['applicant'],
	'under_review>waitlisted': ['applicant'],
	'approved>waitlisted': ['applicant'],
	'approved>rejected': ['applicant'],
	'approved>visit_confirmed': ['applicant', 'office', 'host'],
	'approved>cancelled': ['applicant', 'office', 'host'],
	'visit_confirmed>completed': ['applicant', 'office', 'host'],
	'visit_confirmed>cancelled': ['applicant', 'office', 'host'],
	'draft>withdrawn': ['office', 'reviewer'],
	'submitted>withdrawn': ['office', 'reviewer'],
	'under_review>withdrawn': ['office', 'reviewer'],
	'changes_requested>withdrawn': ['office', 'reviewer'],
	'waitlisted>withdrawn': ['office', 'reviewer'],
	'approved>withdrawn': ['office', 'reviewer'],
}

/**
 * The state an application in `from` has when `from -> to` is allowed by its guards: it returns where `to` is,
 * the reply-by date is ahead (or past, for rejecting an unanswered request), the confirm-by date is ahead, and it
 * was submitted before unless it is a draft.
 */
export function readyFor(from: ApplicationStatus, to: ApplicationStatus, now: Date) {
	return {
		status: from,
		returnsTo:
			from === 'changes_requested'
				? to === 'under_review'
					? ('under_review' as const)
					: ('submitted' as const)
				: null,
		replyBy: from === 'changes_requested' ? new Date(now.getTime() + (to === 'rejected' ? -days(1) : days(7))) : null,
		confirmBy: from === 'approved' ? new Date(now.getTime() + days(14)) : null,
		firstSubmittedAt: from === 'draft' ? null : new Date(now.getTime() - days(10)),
	}
}
