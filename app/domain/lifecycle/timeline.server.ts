import { asc, eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { applications, calls, statusChanges, users } from '#db/schema.ts'
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
