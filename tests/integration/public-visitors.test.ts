import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loader } from '#app/routes/_index.tsx'
import { visits, type ApplicationStatus } from '#db/schema.ts'
import { call, dataOf, startPortal, type Portal } from '#tests/support/app.ts'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

type Visitors = { visitors: { current: { name: string; institution: string; hostSchool: string | null; dates: string }[]; past: { name: string }[] } }

/** A visit (the test content names the visitor Maryam Tehrani of the Charité, hosted by the School of Medicine). */
function visit(status: ApplicationStatus, start: string, end: string, publicListing: boolean) {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const applicant = insertUser(portal.db, { role: 'applicant' })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status })
	portal.db.insert(visits).values({ applicationId: application.id, startDate: start, endDate: end, confirmedAt: now, publicListing, passportNumber: 'X1234567', updatedAt: now }).run()
}

const landing = async (lang = 'en') =>
	dataOf<Visitors>(await call(loader, new Request('http://portal.test/', { headers: { Cookie: `lang=${Buffer.from(JSON.stringify(lang)).toString('base64')}` } }), portal.context()))

describe('the landing page lists visiting professors who agreed to it', () => {
	it('shows current and past visits of those who agreed, and nothing of the others or of the future', async () => {
		// "Now" is 2026-11-28.
		visit('visit_confirmed', '2026-11-20', '2026-12-05', true)
		visit('completed', '2026-05-01', '2026-05-20', true)
		visit('completed', '2026-06-01', '2026-06-20', false)
		visit('visit_confirmed', '2027-01-10', '2027-01-30', true)
		visit('cancelled', '2026-11-01', '2026-11-30', true)
		const { visitors } = await landing()
		expect(visitors.current).toHaveLength(1)
		expect(visitors.current[0]).toMatchObject({ name: 'Maryam Tehrani', institution: 'Charité – Universitätsmedizin Berlin', hostSchool: 'School of Medicine' })
		expect(visitors.current[0]!.dates).toBe('20 November 2026 to 5 December 2026')
		expect(visitors.past).toHaveLength(1)
		expect(JSON.stringify(visitors)).not.toContain('X1234567')
		const persian = await landing('fa')
		expect(persian.visitors.current[0]!.hostSchool).toBe('دانشکده پزشکی')
	})

	it('shows no section when nobody is listed', async () => {
		visit('completed', '2026-05-01', '2026-05-20', false)
		const { visitors } = await landing()
		expect(visitors).toEqual({ current: [], past: [] })
	})
})
