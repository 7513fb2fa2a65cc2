import { parse } from 'csv-parse/sync'
import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { csvExport } from '#app/domain/office-export.server.ts'
import { tableQueryFrom } from '#app/domain/office-table.server.ts'
import { yearReportCsv } from '#app/domain/year-report-export.server.ts'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { applicationSteps } from '#db/schema.ts'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * What applicants type ends up in the office's CSV files, which are opened in spreadsheet programs: a cell that starts
 * like a formula must come out as text (a leading apostrophe), in every CSV the portal writes.
 */

const NOW = new Date('2026-11-20T12:00:00Z')
const YEAR = 2027
const FORMULAS = ['=HYPERLINK("http://x")', '@SUM(A1)', '+1', '-1', '\tcmd', '\r=1+1']

let db: Db
let exportedCall: number

/** An applicant of the call whose name, institution and country of residence are the formula. */
function applicantTyping(callId: number, formula: string) {
	const applicant = insertUser(db, { role: 'applicant', name: formula })
	const application = placeApplication(db, { callId, applicantId: applicant.id, now: NOW, status: 'submitted', submittedAt: NOW, firstSubmittedAt: NOW })
	for (const [step, values] of [
		['personal', { residence: formula }],
		['academic', { institution: formula }],
	] as const) {
		const where = and(eq(applicationSteps.applicationId, application.id), eq(applicationSteps.step, step))
		const row = db.select().from(applicationSteps).where(where).get()!
		db.update(applicationSteps).set({ data: { ...row.data, ...values } }).where(where).run()
	}
}

beforeAll(() => {
	db = openDatabase(':memory:')
	migrateDatabase(db)
	// The export is of one call's table: every formula's applicant in it (a call of another year).
	exportedCall = insertCall(db, { year: YEAR + 1, now: NOW })
	for (const formula of FORMULAS) applicantTyping(exportedCall, formula)
	// The year report shows each call's most common country: one call per formula, its one applicant typing it.
	for (const formula of FORMULAS) applicantTyping(insertCall(db, { year: YEAR, now: NOW }), formula)
})

const records = (csv: string) => parse(csv, { bom: true, columns: true }) as Record<string, string>[]

async function exportedCsv(): Promise<string> {
	const chunks: Buffer[] = []
	for await (const chunk of csvExport(db, { ...tableQueryFrom(exportedCall, new URLSearchParams()), page: 1 }, 'en')) chunks.push(Buffer.from(chunk))
	return Buffer.concat(chunks).toString('utf8')
}

describe('a formula an applicant typed comes out of every CSV as text', () => {
	it.each(FORMULAS)('the office export of a call: %j as the name and the institution', async (formula) => {
		const rows = records(await exportedCsv())
		const row = rows.find((record) => record.Applicant === `'${formula}`)
		expect(row, JSON.stringify(rows.map((record) => record.Applicant))).toBeDefined()
		expect(row!.Institution).toBe(`'${formula}`)
		// Only text that starts like a formula changes: the reference and the counts stay as they were.
		expect(row!.Reference).toMatch(/^VPP-/)
		expect(row!['Letters required']).toMatch(/^\d+$/)
	})

	it.each(FORMULAS)('the year report: %j as the most frequent country of a call', (formula) => {
		const rows = records(yearReportCsv(db, YEAR, NOW, 'en')!)
		expect(rows).toHaveLength(FORMULAS.length)
		const row = rows.find((record) => record['Most frequent country'] === `'${formula}`)
		expect(row, JSON.stringify(rows.map((record) => record['Most frequent country']))).toBeDefined()
		expect(row!.Started).toMatch(/^\d+$/)
	})
})
