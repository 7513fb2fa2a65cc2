import { Readable } from 'node:stream'
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { reviews, type ApplicationListingRow } from '#db/schema.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { callRubric } from './call-rubric.server.ts'
import { csvStream } from './csv.server.ts'
import { countryName, isCountryCode } from './countries.ts'
import { fieldLabel, isFieldCode } from './fields.ts'
import { tableRows, type TableQuery } from './office-table.server.ts'
import { weightedScore } from './rubric.ts'
import { departmentLabel, isDepartmentCode, isSchoolCode, schoolLabel } from './schools.ts'
import { applicationScore } from './scoring.ts'

/**
 * Exports of the office's filtered, sorted view of a call's applications: CSV for spreadsheet programs (written by
 * csv.server.ts, which also keeps applicants' text from running as formulas) and JSON (codes, not labels: for
 * programs). Both are streamed: rows are read 500 at a time as the client takes them, so 10,000 rows never sit in
 * memory at once.
 */

export type ExportRecord = {
	reference: string
	applicant: { name: string; email: string }
	/** ISO 3166-1 alpha-2. */
	country: string | null
	institution: string | null
	field: string | null
	hostSchool: string | null
	hostDepartment: string | null
	status: string
	reviews: { assigned: number; done: number; scores: number[] }
	/** Mean of the reviews' weighted scores, 0–100. */
	score: number | null
	disagree: boolean
	/** Mean score per rubric criterion (1–5). */
	criteria: Record<string, number | null>
	letters: { received: number; required: number }
	submittedAt: string | null
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100)

/** The export's records, a chunk at a time, in the table's order. */
export function* exportRecords(db: Db, query: TableQuery): Generator<ExportRecord[]> {
	const criteria = callRubric(db, query.callId)
	for (const chunk of tableRows(db, query)) {
		const ids = chunk.map((row) => row.applicationId)
		const submitted = new Map<number, { scores: Record<string, number | undefined> }[]>()
		for (const review of db
			.select({ applicationId: reviews.applicationId, scores: reviews.scores })
			.from(reviews)
			.where(and(inArray(reviews.applicationId, ids), eq(reviews.status, 'submitted')))
			.orderBy(reviews.submittedAt, reviews.id)
			.all()) {
			submitted.set(review.applicationId, [...(submitted.get(review.applicationId) ?? []), { scores: review.scores }])
		}
		yield chunk.map((row: ApplicationListingRow) => {
			const own = submitted.get(row.applicationId) ?? []
			const summary = applicationScore(criteria, own)
			return {
				reference: row.reference,
				applicant: { name: row.applicantName, email: row.applicantEmail },
				country: row.country,
				institution: row.institution,
				field: row.field,
				hostSchool: row.hostSchool,
				hostDepartment: row.hostDepartment,
				status: row.status,
				reviews: {
					assigned: row.reviewsAssigned,
					done: row.reviewsDone,
					scores: own.map((review) => round(weightedScore(criteria, review.scores))).filter((score): score is number => score !== null),
				},
				score: round(row.score),
				disagree: row.disagree,
				criteria: Object.fromEntries(summary.criteria.map((criterion) => [criterion.key, round(criterion.mean)])),
				letters: { received: row.lettersReceived, required: row.lettersRequired },
				submittedAt: row.submittedAt?.toISOString() ?? null,
			}
		})
	}
}

/** The CSV as a stream: a header row in the office's language, then one row per application with its scores. */
export function csvExport(db: Db, query: TableQuery, locale: Locale): Readable {
	const t = makeTranslate(locale)
	const criteria = callRubric(db, query.callId)
	const header = [
		t('office.call.col.reference'),
		t('office.call.col.applicant'),
		t('office.export.email'),
		t('office.table.col.country'),
		t('office.table.col.institution'),
		t('office.table.col.field'),
		t('office.table.col.hostSchool'),
		t('office.export.hostDepartment'),
		t('office.call.col.status'),
		t('office.export.reviewsAssigned'),
		t('office.export.reviewsDone'),
		t('office.export.reviewScores'),
		t('office.call.col.score'),
		t('office.export.disagree'),
		...criteria.map((criterion) => t('office.export.criterionMean', { criterion: locale === 'fa' ? criterion.labelFa : criterion.labelEn })),
		t('office.export.lettersReceived'),
		t('office.export.lettersRequired'),
		t('office.table.col.submitted'),
	]
	const number = (value: number | null) => (value === null ? '' : String(value))
	const records = exportRecords(db, query)
	const rows = Readable.from(
		(function* () {
			for (const chunk of records) {
				for (const record of chunk) {
					yield [
						record.reference,
						record.applicant.name,
						record.applicant.email,
						record.country && isCountryCode(record.country) ? countryName(record.country, locale) : (record.country ?? ''),
						record.institution ?? '',
						record.field && isFieldCode(record.field) ? fieldLabel(record.field, locale) : (record.field ?? ''),
						record.hostSchool && isSchoolCode(record.hostSchool) ? schoolLabel(record.hostSchool, locale) : (record.hostSchool ?? ''),
						record.hostDepartment && isDepartmentCode(record.hostDepartment) ? departmentLabel(record.hostDepartment, locale) : (record.hostDepartment ?? ''),
						t(`status.${record.status}` as never),
						String(record.reviews.assigned),
						String(record.reviews.done),
						record.reviews.scores.join('; '),
						number(record.score),
						record.disagree ? t('office.export.yes') : '',
						...criteria.map((criterion) => number(record.criteria[criterion.key] ?? null)),
						String(record.letters.received),
						String(record.letters.required),
						record.submittedAt ?? '',
					]
				}
			}
		})(),
		{ objectMode: true, highWaterMark: 64 },
	)
	return rows.pipe(csvStream(header))
}

/** The JSON as a stream: one array of ExportRecord, written as the rows are read. */
export function jsonExport(db: Db, query: TableQuery): Readable {
	const records = exportRecords(db, query)
	return Readable.from(
		(function* () {
			let first = true
			yield '['
			for (const chunk of records) {
				for (const record of chunk) {
					yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`
					first = false
				}
			}
			yield first ? ']\n' : '\n]\n'
		})(),
	)
}
