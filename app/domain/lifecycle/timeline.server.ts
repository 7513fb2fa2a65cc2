import { asc, desc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { applications, calls, statusChanges, users, type ApplicationStatus } from '#db/schema.ts'
import { emailChangeOf } from './notifications.ts'
import { isDecision } from './transitions.ts'
import type { TimelineView } from './views.ts'

/**
 * The view model of an application's timeline (app/components/timeline.tsx): its status changes, oldest first.
 * Who made a change and its note are the office's: for the applicant they are left out here, so they never reach
 * the browser. The applicant also does not see a decision before its emails may go (DECISION_GRACE), nor one a
 * newer decision replaced within that time: the timeline never tells what the emails were held back not to tell.
 */

export type TimelineViewer = { viewer: 'office' } | { viewer: 'applicant'; now: Date; decisionGraceMs: number }

export function applicationTimeline(db: Db, applicationId: number, who: TimelineViewer): TimelineView | null {
	const application = db
		.select({ createdAt: applications.createdAt, timeZone: calls.timeZone })
		.from(applications)
		.innerJoin(calls, eq(calls.id, applications.callId))
		.where(eq(applications.id, applicationId))
		.get()
	if (!application) return null
	const rows = db
		.select({ change: statusChanges, actorName: users.name, actorRole: users.role })
		.from(statusChanges)
		.leftJoin(users, eq(users.id, statusChanges.actorId))
		.where(eq(statusChanges.applicationId, applicationId))
		.orderBy(asc(statusChanges.at), asc(statusChanges.id))
		.all()
	const office = who.viewer === 'office'
	const shown = office
		? rows
		: rows.filter(({ change }, index) => {
				if (!isDecision(change.toStatus)) return true
				const settled = change.at.getTime() + who.decisionGraceMs
				if (who.now.getTime() < settled) return false
				const replaced = rows
					.slice(index + 1)
					.some((later) => isDecision(later.change.toStatus) && later.change.at.getTime() < settled)
				return !replaced
			})
	return {
		timeZone: application.timeZone,
		startedAt: application.createdAt.toISOString(),
		entries: shown.map(({ change, actorName, actorRole }) => ({
			id: change.id,
			from: change.fromStatus,
			to: change.toStatus,
			event: emailChangeOf(change.fromStatus, change.toStatus),
			at: change.at.toISOString(),
			...(office
				? { actor: actorName && actorRole ? { name: actorName, role: actorRole } : null, note: change.note }
				: {}),
		})),
	}
}

/**
 * The status the applicant is shown: the application's, except that a decision still inside DECISION_GRACE, or one a
 * newer decision replaced within it, is not shown yet (as on the timeline): the applicant sees the status before it,
 * so the page never tells what the held-back email would have.
 */
export function statusShownToApplicant(
	db: Db,
	application: { id: number; status: ApplicationStatus },
	{ now, decisionGraceMs }: { now: Date; decisionGraceMs: number },
): ApplicationStatus {
	if (!isDecision(application.status)) return application.status
	const changes = db
		.select({ from: statusChanges.fromStatus, to: statusChanges.toStatus, at: statusChanges.at })
		.from(statusChanges)
		.where(eq(statusChanges.applicationId, application.id))
		.orderBy(desc(statusChanges.at), desc(statusChanges.id))
		.all()
	let shown = application.status
	let laterDecisionAt: number | null = null
	for (const change of changes) {
		if (change.to !== shown || !isDecision(change.to)) break
		const settled = change.at.getTime() + decisionGraceMs
		const hidden = now.getTime() < settled || (laterDecisionAt !== null && laterDecisionAt < settled)
		if (!hidden) break
		shown = change.from
		laterDecisionAt = change.at.getTime()
	}
	return shown
}
