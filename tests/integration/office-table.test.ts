import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveStep } from '#app/domain/application-content.server.ts'
import { computeListingRows, freshenListing } from '#app/domain/application-listing.server.ts'
import { defaultRubricValues, saveRubric } from '#app/domain/call-rubric.server.ts'
import { queryTable, tableFacets, tableQueryFrom, tableRows, type TableQuery } from '#app/domain/office-table.server.ts'
import {
	applicationListing,
	auditLog,
	applicationSteps,
	listingDirty,
	referees,
	reviewAssignments,
	reviews,
	users,
	type ApplicationStatus,
} from '#db/schema.ts'
import { parse } from 'csv-parse/sync'
import { loader as csvLoader } from '#app/routes/office.calls.$id.export[.]csv.ts'
import { loader as jsonLoader } from '#app/routes/office.calls.$id.export[.]json.ts'
import { loader as yearLoader } from '#app/routes/office.reports.$year[.]csv.ts'
import { call, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * The office's table over a seeded call of 240 applications whose facts are known from the seeding itself: each
 * filter, the search, each sort and the pages are checked against those facts.
 */

const COUNT = 240
const STATUSES: ApplicationStatus[] = ['draft', 'submitted', 'under_review', 'changes_requested', 'waitlisted', 'approved', 'rejected', 'withdrawn']
const COUNTRIES = ['DE', 'FR', 'IR', 'PT', 'JP']
const SCHOOLS = [
	['medicine', 'medicine.cardiology'],
	['dentistry', 'dentistry.periodontics'],
	['pharmacy', null],
] as const
const FIELDS = ['cardiology', 'epidemiology', 'immunology']
const NAMES = ['Łukasz Şahin', 'Nguyễn Thị Lan', 'مریم تهرانی', 'Ana Silva', 'John O’Brien', 'Zoë Müller']

type Seeded = { id: number; reference: string; name: string; email: string; status: ApplicationStatus; country: string; school: string; field: string; institution: string; score: number | null; disagree: boolean; lettersReceived: number; submittedAt: Date | null }

let portal: Portal
let callId: number
let officeCookie: string
let applicantCookie: string
let seeded: Seeded[]

beforeAll(async () => {
	portal = await startPortal()
	const { db } = portal
	const now = portal.clock.now()
	callId = insertCall(db, { now })
	const office = insertUser(db, { role: 'office' })
	expect(saveRubric(db, { callId, criteria: defaultRubricValues(), actor: actorOf(office), now })).toEqual({ ok: true })
	const criteria = defaultRubricValues().map((criterion) => criterion.key)
	officeCookie = await sessionCookie(portal, office.id)
	const reviewerA = insertUser(db, { role: 'reviewer' })
	const reviewerB = insertUser(db, { role: 'reviewer' })
	seeded = []
	for (let i = 0; i < COUNT; i++) {
		const name = `${NAMES[i % NAMES.length]} ${i}`
		const applicant = insertUser(db, { role: 'applicant', name, email: `person${i}@inst${i % 7}.example.org` })
		const status = STATUSES[i % STATUSES.length]!
		const submittedAt = status === 'draft' ? null : new Date(now.getTime() - (i + 1) * 3_600_000)
		const application = placeApplication(db, { callId, applicantId: applicant.id, now, status, submittedAt, firstSubmittedAt: submittedAt })
		const [school, department] = SCHOOLS[i % SCHOOLS.length]!
		const country = COUNTRIES[i % COUNTRIES.length]!
		const field = FIELDS[i % FIELDS.length]!
		// Quotes, commas and (in hostile stored data) a line break: the CSV must carry them through.
		const institution = i % 4 === 0 ? 'Charité – Universitätsmedizin Berlin' : i % 4 === 1 ? `University "${i % 5}", Faculty of Medicine` : i % 4 === 2 ? 'دانشگاه تهران' : 'Line one\nline two'
		const patch = (step: 'personal' | 'academic' | 'visit', values: Record<string, unknown>) => {
			const row = db.select().from(applicationSteps).where(and(eq(applicationSteps.applicationId, application.id), eq(applicationSteps.step, step))).get()!
			db.update(applicationSteps).set({ data: { ...row.data, ...values } }).where(and(eq(applicationSteps.applicationId, application.id), eq(applicationSteps.step, step))).run()
		}
		patch('personal', { residence: country })
		patch('academic', { field, institution })
		patch('visit', { hostSchool: school, hostDepartment: department ?? undefined })

		// Letters: two referees; i % 3 letters received (0, 1 or 2).
		const received = i % 3
		for (let slot = 1; slot <= 2; slot++) {
			db.insert(referees)
				.values({ applicationId: application.id, slot, name: `Referee ${slot}`, email: `ref${slot}-${i}@example.org`, institution: 'X', relationship: 'Y', receivedAt: slot <= received ? now : null, createdAt: now })
				.run()
		}
		// Reviews: every third non-draft application has two submitted reviews; every sixth of those disagree.
		let score: number | null = null
		let disagree = false
		if (status !== 'draft' && i % 3 === 0) {
			const low = i % 6 === 0 ? 2 : 4
			for (const [reviewer, value] of [
				[reviewerA, 4],
				[reviewerB, low],
			] as const) {
				const assignment = db
					.insert(reviewAssignments)
					.values({ applicationId: application.id, reviewerId: reviewer.id, dueAt: now, status: 'done', createdAt: now, updatedAt: now })
					.returning()
					.get()
				db.insert(reviews)
					.values({
						assignmentId: assignment.id,
						applicationId: application.id,
						reviewerId: reviewer.id,
						scores: Object.fromEntries(criteria.map((key) => [key, value])),
						status: 'submitted',
						submittedAt: now,
						createdAt: now,
						updatedAt: now,
					})
					.run()
			}
			// Every criterion at 4 and at `low`: the weighted scores are 75 and (low - 1) * 25.
			score = (75 + (low - 1) * 25) / 2
			disagree = low === 2
		}
		if (i === 0) applicantCookie = await sessionCookie(portal, applicant.id)
		seeded.push({ id: application.id, reference: application.reference, name, email: applicant.email, status, country, school, field, institution, score, disagree, lettersReceived: received, submittedAt })
	}
})

afterAll(async () => {
	await portal.stop()
})

const listed = () => seeded.filter((row) => row.status !== 'draft')
const query = (search: string) => tableQueryFrom(callId, new URLSearchParams(search))
const all = (q: TableQuery) => [...tableRows(portal.db, q, 37)].flat()

describe('the office applications table', () => {
	it('keeps every listing row equal to what its sources say, through the triggers', () => {
		freshenListing(portal.db)
		expect(portal.db.select().from(listingDirty).all()).toEqual([])
		const stored = portal.db.select().from(applicationListing).all()
		expect(stored).toHaveLength(COUNT)
		expect(computeListingRows(portal.db, seeded.map((row) => row.id))).toEqual(stored.sort((a, b) => a.applicationId - b.applicationId))
		// A change to a source marks the row; the next read shows it.
		const target = seeded[1]!
		portal.db.update(users).set({ name: 'Renamed Person' }).where(eq(users.email, target.email)).run()
		expect(portal.db.select().from(listingDirty).all()).toEqual([{ applicationId: target.id }])
		const page = queryTable(portal.db, query('q=renamed'))
		expect(page.rows.map((row) => row.applicantName)).toEqual(['Renamed Person'])
		portal.db.update(users).set({ name: target.name }).where(eq(users.email, target.email)).run()

		// A step saved twice (an upsert, whose conflict handling would override a trigger's OR IGNORE) marks the row once.
		const personal = portal.db.select().from(applicationSteps).where(and(eq(applicationSteps.applicationId, target.id), eq(applicationSteps.step, 'personal'))).get()!
		saveStep(portal.db, target.id, 'personal', { ...personal.data, residence: 'JP' }, portal.clock.now())
		saveStep(portal.db, target.id, 'personal', { ...personal.data, residence: 'PT' }, portal.clock.now())
		expect(portal.db.select().from(listingDirty).all()).toEqual([{ applicationId: target.id }])
		expect(all(query('country=PT')).map((row) => row.applicationId)).toContain(target.id)
		saveStep(portal.db, target.id, 'personal', personal.data, portal.clock.now())
	})

	it('lists every application but drafts, with the facts of each', () => {
		const rows = all(query(''))
		expect(rows).toHaveLength(listed().length)
		for (const row of rows) {
			const expected = seeded.find((item) => item.id === row.applicationId)!
			expect(row).toMatchObject({
				reference: expected.reference,
				applicantName: expected.name,
				status: expected.status,
				country: expected.country,
				hostSchool: expected.school,
				field: expected.field,
				institution: expected.institution,
				score: expected.score,
				disagree: expected.disagree,
				lettersReceived: expected.lettersReceived,
				lettersRequired: 2,
			})
		}
	})

	it.each([
		['status=approved', (row: Seeded) => row.status === 'approved'],
		['country=fr', (row: Seeded) => row.country === 'FR'],
		['school=dentistry', (row: Seeded) => row.school === 'dentistry'],
		['field=immunology', (row: Seeded) => row.field === 'immunology'],
		['disagree=1', (row: Seeded) => row.disagree],
		['letters=missing', (row: Seeded) => row.lettersReceived < 2],
		['country=IR&school=medicine&letters=missing', (row: Seeded) => row.country === 'IR' && row.school === 'medicine' && row.lettersReceived < 2],
		['status=nonsense&country=XX', () => true],
	])('filters by %s', (search, keep) => {
		const expected = listed().filter(keep).map((row) => row.id).sort((a, b) => a - b)
		const rows = all(query(search))
		expect(rows.map((row) => row.applicationId).sort((a, b) => a - b)).toEqual(expected)
		expect(queryTable(portal.db, query(search)).total).toBe(expected.length)
	})

	it.each([
		['Łukasz', (row: Seeded) => row.name.startsWith('Łukasz')],
		['lukasz sahin', (row: Seeded) => row.name.startsWith('Łukasz')],
		['مریم', (row: Seeded) => row.name.startsWith('مریم')],
		// Typed on an Arabic keyboard: ي for ی.
		['مريم', (row: Seeded) => row.name.startsWith('مریم')],
		['nguy', (row: Seeded) => row.name.startsWith('Nguyễn')],
		['person17@inst3.example.org', (row: Seeded) => row.email === 'person17@inst3.example.org'],
		['Person17@Inst3.example.org', (row: Seeded) => row.email === 'person17@inst3.example.org'],
		['person17', (row: Seeded) => /^person17\d*@/.test(row.email)],
		['charite', (row: Seeded) => row.institution.startsWith('Charité')],
		['"; DROP TABLE users; --', () => false],
	])('searches for %s by name, email, reference or institution', (q, keep) => {
		const expected = listed().filter(keep).map((row) => row.id).sort((a, b) => a - b)
		expect(all(query(`q=${encodeURIComponent(q)}`)).map((row) => row.applicationId).sort((a, b) => a - b)).toEqual(expected)
	})

	it('offers as filters exactly the countries, schools and fields of listed applications, not those of drafts', () => {
		const { db } = portal
		// A draft moved to a country, school and field no listed application has.
		const draft = seeded.find((row) => row.status === 'draft')!
		for (const [step, values] of [
			['personal', { residence: 'BR' }],
			['academic', { field: 'oncology' }],
			['visit', { hostSchool: 'nursing' }],
		] as const) {
			const row = db.select().from(applicationSteps).where(and(eq(applicationSteps.applicationId, draft.id), eq(applicationSteps.step, step))).get()!
			db.update(applicationSteps).set({ data: { ...row.data, ...values } }).where(and(eq(applicationSteps.applicationId, draft.id), eq(applicationSteps.step, step))).run()
		}
		const distinct = (values: string[]) => [...new Set(values)].sort()
		expect(tableFacets(db, callId)).toEqual({
			countries: distinct(listed().map((row) => row.country)),
			schools: distinct(listed().map((row) => row.school)),
			fields: distinct(listed().map((row) => row.field)),
		})
		expect(tableFacets(db, callId + 1000)).toEqual({ countries: [], schools: [], fields: [] })
	})

	it('finds an application by its reference', () => {
		const target = listed()[5]!
		expect(all(query(`q=${target.reference}`)).map((row) => row.applicationId)).toEqual([target.id])
	})

	const compareBy: Record<string, (a: Seeded, b: Seeded) => number> = {
		reference: (a, b) => a.reference.localeCompare(b.reference),
		country: (a, b) => a.country.localeCompare(b.country),
		score: (a, b) => (a.score ?? -1) - (b.score ?? -1),
		submitted: (a, b) => a.submittedAt!.getTime() - b.submittedAt!.getTime(),
		letters: (a, b) => a.lettersReceived - b.lettersReceived,
	}

	it.each(['reference', 'applicant', 'country', 'institution', 'field', 'school', 'status', 'reviews', 'score', 'letters', 'submitted'])(
		'sorts by %s both ways, ties broken by id, without losing or repeating a row',
		(column) => {
			for (const dir of ['asc', 'desc']) {
				const rows = all(query(`sort=${column}&dir=${dir}`))
				expect(new Set(rows.map((row) => row.applicationId)).size).toBe(listed().length)
				const compare = compareBy[column]
				if (!compare) continue
				const keys = rows.map((row) => seeded.find((item) => item.id === row.applicationId)!)
				for (let i = 1; i < keys.length; i++) {
					const previous = keys[i - 1]!
					const current = keys[i]!
					// Unscored applications come last whichever way the scores run.
					if (column === 'score' && (previous.score === null || current.score === null)) {
						expect(previous.score === null && current.score !== null).toBe(false)
						continue
					}
					const order = compare(previous, current)
					expect(dir === 'asc' ? order <= 0 : order >= 0).toBe(true)
				}
			}
		},
	)

	it('pages through the rows: each page the next slice, the last page short, a page past the end clamped', () => {
		const full = all(query('sort=submitted&dir=desc')).map((row) => row.applicationId)
		const pages: number[] = []
		const first = queryTable(portal.db, query('sort=submitted&dir=desc&size=25'))
		expect(first.pageCount).toBe(Math.ceil(full.length / 25))
		for (let page = 1; page <= first.pageCount; page++) {
			const result = queryTable(portal.db, query(`sort=submitted&dir=desc&size=25&page=${page}`))
			expect(result.rows.length).toBe(page < first.pageCount ? 25 : full.length - 25 * (first.pageCount - 1))
			pages.push(...result.rows.map((row) => row.applicationId))
		}
		expect(pages).toEqual(full)
		expect(queryTable(portal.db, query('size=25&page=999')).page).toBe(first.pageCount)
	})
})

describe('the exports of the table', () => {
	const download = async (loader: typeof csvLoader, format: string, search: string, cookie = officeCookie) =>
		(await call(loader, new Request(`http://portal.test/office/calls/${callId}/export.${format}?${search}`, { headers: { Cookie: cookie } }), portal.context(), {
			id: String(callId),
		})) as Response

	it('CSV: UTF-8 with a byte-order mark, one row per application of the filtered view, Persian, commas, quotes and line breaks intact', async () => {
		const response = await download(csvLoader, 'csv', 'country=DE&sort=reference')
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="applications-2027-call-\d+-2026-11-28\.csv"$/)
		const bytes = new Uint8Array(await response.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const records = parse(new TextDecoder().decode(bytes.slice(3)), { columns: true }) as Record<string, string>[]
		const expected = listed()
			.filter((row) => row.country === 'DE')
			.sort((a, b) => a.reference.localeCompare(b.reference))
		expect(records.map((record) => record.Reference)).toEqual(expected.map((row) => row.reference))
		for (const [index, record] of records.entries()) {
			const row = expected[index]!
			expect(record.Applicant).toBe(row.name)
			expect(record['Email address']).toBe(row.email)
			expect(record.Institution).toBe(row.institution)
			expect(record.Country).toBe('Germany')
			expect(record.Score).toBe(row.score === null ? '' : String(row.score))
			expect(record['Reviewers disagree']).toBe(row.disagree ? 'Yes' : '')
			expect(record['Letters received']).toBe(String(row.lettersReceived))
			expect(record.Submitted).toBe(row.submittedAt!.toISOString())
		}
		expect(records.some((record) => record.Applicant!.startsWith('مریم'))).toBe(true)
		expect(records.some((record) => record.Institution === 'دانشگاه تهران')).toBe(true)
		expect(records.some((record) => record.Institution === 'Line one\nline two')).toBe(true)
		expect(records.some((record) => record.Institution!.includes('"') && record.Institution!.includes(','))).toBe(true)
	})

	it('JSON: the same rows as the table, in its order, with codes and the scores', async () => {
		const search = 'sort=score&dir=desc&letters=missing'
		const response = await download(jsonLoader, 'json', search)
		expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
		const records = (await response.json()) as { reference: string; score: number | null; country: string; reviews: { scores: number[] }; criteria: Record<string, number | null> }[]
		const table = all(query(search))
		expect(records.map((record) => record.reference)).toEqual(table.map((row) => row.reference))
		expect(records.map((record) => record.score)).toEqual(table.map((row) => row.score))
		const scored = records.find((record) => record.score !== null)!
		expect(scored.reviews.scores).toHaveLength(2)
		expect(Object.keys(scored.criteria)).toEqual(defaultRubricValues().map((criterion) => criterion.key))
		expect(records.every((record) => /^[A-Z]{2}$/.test(record.country))).toBe(true)
	})

	it('is the office\'s alone, and recorded in the audit trail', async () => {
		expect(statusOf(await download(csvLoader, 'csv', '', applicantCookie))).toBe(404)
		const audit = portal.db.select().from(auditLog).where(eq(auditLog.action, 'call.exported')).all()
		expect(audit.length).toBeGreaterThanOrEqual(2)
		expect(audit.at(-1)!.data).toMatchObject({ format: 'json' })
	})
})

describe('the year report', () => {
	it('has one row per call of the year with the dashboard figures, as CSV with a byte-order mark', async () => {
		const response = (await call(yearLoader, new Request('http://portal.test/office/reports/2027.csv', { headers: { Cookie: officeCookie } }), portal.context(), {
			year: '2027',
		})) as Response
		expect(response.status).toBe(200)
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="year-report-2027.csv"')
		const bytes = new Uint8Array(await response.arrayBuffer())
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		const [record] = parse(new TextDecoder().decode(bytes.slice(3)), { columns: true }) as Record<string, string>[]
		expect(record!.Started).toBe(String(COUNT))
		expect(record!.Submitted).toBe(String(listed().length))
		expect(record!['Now Approved']).toBe(String(seeded.filter((row) => row.status === 'approved').length))
		expect(record!.Countries).toBe(String(COUNTRIES.length))
		expect(record!['Letters required']).toBe(String(listed().length * 2))
		expect(statusOf(await call(yearLoader, new Request('http://portal.test/office/reports/1999.csv', { headers: { Cookie: officeCookie } }), portal.context(), { year: '1999' }))).toBe(404)
		expect(statusOf(await call(yearLoader, new Request('http://portal.test/office/reports/2027.csv', { headers: { Cookie: applicantCookie } }), portal.context(), { year: '2027' }))).toBe(404)
	})
})
