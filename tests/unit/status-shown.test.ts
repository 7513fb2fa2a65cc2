import { describe, expect, it } from 'vitest'
import { statusShownToApplicant } from '#app/domain/lifecycle/timeline.server.ts'
import { migrateDatabase, openDatabase } from '#db/client.ts'
import { applications, statusChanges, type ApplicationStatus } from '#db/schema.ts'
import { eq } from 'drizzle-orm'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

const GRACE = 5 * 60_000
const T0 = new Date('2027-03-01T10:00:00Z')
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/** An application moved through `moves` ([to, minutes after T0]); returns what the applicant is shown at `minute`. */
function shownAfter(moves: [ApplicationStatus, number][]) {
	const db = openDatabase(':memory:')
	migrateDatabase(db)
	const applicant = insertUser(db, { role: 'applicant' })
	let application = placeApplication(db, { callId: insertCall(db, { now: T0 }), applicantId: applicant.id, now: T0, status: 'under_review' })
	let from: ApplicationStatus = 'under_review'
	for (const [to, minutes] of moves) {
		db.insert(statusChanges).values({ applicationId: application.id, fromStatus: from, toStatus: to, at: at(minutes) }).run()
		application = db.update(applications).set({ status: to }).where(eq(applications.id, application.id)).returning().get()
		from = to
	}
	return (minute: number) => statusShownToApplicant(db, application, { now: at(minute), decisionGraceMs: GRACE })
}

describe('the status the applicant is shown', () => {
	it('shows a decision only once its email may go', () => {
		const shown = shownAfter([['approved', 0]])
		expect(shown(1)).toBe('under_review')
		expect(shown(5)).toBe('approved')
	})

	it('never shows a decision that a newer one replaced within the grace period', () => {
		const shown = shownAfter([
			['approved', 0],
			['waitlisted', 2],
		])
		expect(shown(3)).toBe('under_review')
		// The approval's grace has passed, but it was replaced within it: its email never left.
		expect(shown(6)).toBe('under_review')
		expect(shown(7)).toBe('waitlisted')
	})

	it('after a settled approval, a later correction shows the approval until the correction may go', () => {
		const shown = shownAfter([
			['approved', 0],
			['rejected', 60],
		])
		expect(shown(61)).toBe('approved')
		expect(shown(65)).toBe('rejected')
	})
})
