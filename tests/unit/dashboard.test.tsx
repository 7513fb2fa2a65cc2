import { and, eq } from 'drizzle-orm'
import { renderToStaticMarkup } from 'react-dom/server'
import { beforeAll, describe, expect, it } from 'vitest'
import { BarChart, ChartFigure, ColumnChart, LineChart, niceStep } from '#app/components/charts.tsx'
import { defaultRubricValues, saveRubric } from '#app/domain/call-rubric.server.ts'
import { byCountry, bySchool, funnel, letterFigures, reviewProgress, scoreHistogram, submissionsPerDay, yearReport } from '#app/domain/dashboard.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { I18nProvider } from '#app/i18n/use-translate.tsx'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { applications, applicationSteps, calls, referees, reviewAssignments, reviews, statusChanges, type ApplicationStatus, type Call } from '#db/schema.ts'
import { actorOf, days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * A call whose figures are counted by hand below. Times are in Asia/Tehran (UTC+3:30): the call opens
 * 2026-11-01 and closes 2026-12-01; "now" is 2026-11-20 12:00 UTC.
 *
 * | # | status         | first submitted (Tehran day) | country | school    | reviewed | letters | reviews             |
 * |---|----------------|------------------------------|---------|-----------|----------|---------|---------------------|
 * | 1 | draft          | —                            | DE      | medicine  | no       | 0 of 2  |                     |
 * | 2 | submitted      | 2026-11-03                   | DE      | medicine  | no       | 2 of 2  |                     |
 * | 3 | under_review   | 2026-11-03                   | FR      | dentistry | yes      | 1 of 2  | 1 done, 1 overdue   |
 * | 4 | approved       | 2026-11-05                   | IR      | medicine  | yes      | 2 of 2  | 2 done (score 75)   |
 * | 5 | rejected       | 2026-11-05 (23:00 UTC: 06th) | DE      | pharmacy  | yes      | 0 of 2  | 1 active, on time   |
 * | 6 | withdrawn      | 2026-11-10                   | —       | medicine  | no       | 2 of 2  |                     |
 */

const NOW = new Date('2026-11-20T12:00:00Z')
let db: Db
let call: Call

beforeAll(() => {
	db = openDatabase(':memory:')
	migrateDatabase(db)
	const opens = new Date('2026-10-31T20:30:00Z')
	const callId = insertCall(db, { now: NOW, closesAt: new Date('2026-12-01T20:29:00Z') })
	db.update(calls).set({ opensAt: opens }).where(eq(calls.id, callId)).run()
	call = db.select().from(calls).where(eq(calls.id, callId)).get()!
	const office = insertUser(db, { role: 'office' })
	expect(saveRubric(db, { callId, criteria: defaultRubricValues(), actor: actorOf(office), now: NOW })).toEqual({ ok: true })
	const keys = defaultRubricValues().map((criterion) => criterion.key)
	const reviewerA = insertUser(db, { role: 'reviewer' })
	const reviewerB = insertUser(db, { role: 'reviewer' })
	type Row = [ApplicationStatus, string | null, string | null, string, boolean, number, ('done' | 'overdue' | 'active')[]]
	const rows: Row[] = [
		['draft', null, 'DE', 'medicine', false, 0, []],
		['submitted', '2026-11-03T08:00:00Z', 'DE', 'medicine', false, 2, []],
		['under_review', '2026-11-03T10:00:00Z', 'FR', 'dentistry', true, 1, ['done', 'overdue']],
		['approved', '2026-11-05T09:00:00Z', 'IR', 'medicine', true, 2, ['done', 'done']],
		['rejected', '2026-11-05T23:00:00Z', 'DE', 'pharmacy', true, 0, ['active']],
		['withdrawn', '2026-11-10T09:00:00Z', null, 'medicine', false, 2, []],
	]
	for (const [status, submitted, country, school, reviewed, letters, work] of rows) {
		const applicant = insertUser(db, { role: 'applicant' })
		const submittedAt = submitted ? new Date(submitted) : null
		const decidedAt = status === 'approved' || status === 'rejected' ? NOW : null
		const application = placeApplication(db, { callId, applicantId: applicant.id, now: NOW, status, submittedAt, firstSubmittedAt: submittedAt })
		if (decidedAt) db.update(applications).set({ decidedAt }).where(eq(applications.id, application.id)).run()
		const patch = (step: 'personal' | 'visit', values: Record<string, unknown>) => {
			const where = and(eq(applicationSteps.applicationId, application.id), eq(applicationSteps.step, step))
			const row = db.select().from(applicationSteps).where(where).get()!
			db.update(applicationSteps).set({ data: { ...row.data, ...values } }).where(where).run()
		}
		patch('personal', { residence: country ?? undefined })
		patch('visit', { hostSchool: school })
		if (reviewed) db.insert(statusChanges).values({ applicationId: application.id, fromStatus: 'submitted', toStatus: 'under_review', at: NOW }).run()
		for (let slot = 1; slot <= 2; slot++) {
			db.insert(referees)
				.values({ applicationId: application.id, slot, name: 'R', email: `r${slot}-${application.id}@example.org`, institution: 'X', relationship: 'Y', receivedAt: slot <= letters ? NOW : null, createdAt: NOW })
				.run()
		}
		work.forEach((state, index) => {
			const reviewer = index === 0 ? reviewerA : reviewerB
			const dueAt = state === 'overdue' ? new Date(NOW.getTime() - days(1)) : new Date(NOW.getTime() + days(5))
			const assignment = db
				.insert(reviewAssignments)
				.values({ applicationId: application.id, reviewerId: reviewer.id, dueAt, status: state === 'done' ? 'done' : 'active', createdAt: NOW, updatedAt: NOW })
				.returning()
				.get()
			if (state === 'done') {
				db.insert(reviews)
					.values({ assignmentId: assignment.id, applicationId: application.id, reviewerId: reviewer.id, scores: Object.fromEntries(keys.map((key) => [key, 4])), status: 'submitted', submittedAt: NOW, createdAt: NOW, updatedAt: NOW })
					.run()
			}
		})
	}
})

describe('the dashboard figures, counted by hand', () => {
	it('funnel: started 6, submitted 5, reviewed 3, decided 2, approved 1', () => {
		expect(funnel(db, call.id).map((row) => [row.key, row.value])).toEqual([
			['started', 6],
			['submitted', 5],
			['under_review', 3],
			['decided', 2],
			['approved', 1],
		])
	})

	it('countries of submitted applications: DE 2, FR 1, IR 1, one not given; top 2 then the rest', () => {
		expect(byCountry(db, call.id)).toEqual([
			{ key: 'DE', value: 2 },
			{ key: 'FR', value: 1 },
			{ key: 'IR', value: 1 },
			{ key: 'unknown', value: 1 },
		])
		expect(byCountry(db, call.id, 2)).toEqual([
			{ key: 'DE', value: 2 },
			{ key: 'FR', value: 1 },
			{ key: 'other', value: 2 },
		])
	})

	it('host schools of submitted applications: medicine 3, dentistry 1, pharmacy 1', () => {
		expect(bySchool(db, call.id)).toEqual([
			{ key: 'medicine', value: 3 },
			{ key: 'dentistry', value: 1 },
			{ key: 'pharmacy', value: 1 },
		])
	})

	it('submissions per Tehran day from the opening to today: 2 on the 3rd, 1 on the 5th, 1 on the 6th, 1 on the 10th', () => {
		const perDay = submissionsPerDay(db, call, NOW)
		expect(perDay[0]).toEqual({ key: '2026-11-01', value: 0 })
		expect(perDay.at(-1)).toEqual({ key: '2026-11-20', value: 0 })
		expect(perDay).toHaveLength(20)
		expect(perDay.filter((row) => row.value > 0)).toEqual([
			{ key: '2026-11-03', value: 2 },
			{ key: '2026-11-05', value: 1 },
			{ key: '2026-11-06', value: 1 },
			{ key: '2026-11-10', value: 1 },
		])
	})

	it('reviews: 3 submitted, 1 on time, 1 overdue', () => {
		expect(reviewProgress(db, call.id, NOW)).toEqual({ done: 3, onTime: 1, overdue: 1 })
	})

	it('scores: application 3 (one review at 75) and application 4 (two at 75) fall in 70–80', () => {
		const bins = scoreHistogram(db, call.id)
		expect(bins).toHaveLength(10)
		expect(bins.filter((bin) => bin.value > 0)).toEqual([{ key: '70–80', value: 2 }])
	})

	it('letters of the 5 submitted: 7 of 10 received; 3 applications complete, 2 missing', () => {
		expect(letterFigures(db, call.id)).toEqual({ received: 7, required: 10, complete: 3, missing: 2 })
	})

	it('the year report has the same figures for the call', () => {
		const [row] = yearReport(db, 2027, NOW)
		expect(row!.funnel).toEqual({ started: 6, submitted: 5, under_review: 3, decided: 2, approved: 1 })
		expect(row!.statuses).toMatchObject({ draft: 1, submitted: 1, under_review: 1, approved: 1, rejected: 1, withdrawn: 1 })
		expect(row!.countries).toBe(3)
		expect(row!.topCountry).toBe('DE')
		expect(row!.meanScore).toBe(75)
		expect(row!.letters).toEqual({ received: 7, required: 10, complete: 3, missing: 2 })
	})
})

describe('the charts', () => {
	const data = [
		{ label: 'Germany', value: 12 },
		{ label: 'France', value: 5 },
		{ label: 'Iran', value: 0 },
	]
	const render = (locale: Locale, chart: React.ReactNode) =>
		renderToStaticMarkup(
			<I18nProvider locale={locale}>
				<ChartFigure id="countries" title="Applications by country" data={data} labelHeader="Country" valueHeader="Number">
					{chart}
				</ChartFigure>
			</I18nProvider>,
		)

	it.each([
		['bar', <BarChart key="bar" id="countries" title="Applications by country" data={data} />],
		['column', <ColumnChart key="column" id="countries" title="Applications by country" data={data} />],
		['line', <LineChart key="line" id="countries" title="Applications by country" data={data} tickLabel={(label) => label} />],
	])('%s chart: an SVG named by its title with the figures, and a table with the same numbers', (_, chart) => {
		const html = render('en', chart)
		expect(html).toMatch(/<svg role="img" aria-labelledby="countries-svg"/)
		expect(html).toMatch(/<title id="countries-svg">Applications by country\. [^<]*12/)
		const cells = [...html.matchAll(/<th scope="row"[^>]*>([^<]+)<\/th><td[^>]*>([^<]+)<\/td>/g)].map((match) => [match[1], match[2]])
		expect(cells).toEqual([
			['Germany', '12'],
			['France', '5'],
			['Iran', '0'],
		])
	})

	it('in Persian: Persian digits, and bars that grow from the right', () => {
		const html = render('fa', <BarChart id="countries" title="درخواست‌ها بر پایه کشور" data={data} />)
		expect(html).toContain('۱۲')
		expect(html).not.toMatch(/>12</)
		// The longest bar ends at the labels' edge on the right: (width 360 - label width 140) = 220.
		const rect = html.match(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/)!
		expect(Number(rect[1]) + Number(rect[2])).toBeCloseTo(220, 0)
		const english = render('en', <BarChart id="countries" title="Applications by country" data={data} />).match(/<rect x="([\d.]+)"/)!
		expect(Number(english[1])).toBe(140)
	})

	it('picks round axis steps', () => {
		expect([niceStep(1), niceStep(7), niceStep(12), niceStep(48), niceStep(230)]).toEqual([1, 2, 5, 10, 50])
	})
})
