import type { Db } from '#db/client.ts'
import { APPLICATION_STATUSES } from '#db/schema.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { countryName, isCountryCode } from './countries.ts'
import { csvText } from './csv.server.ts'
import { FUNNEL_STAGES, yearReport } from './dashboard.server.ts'

const FUNNEL_HEADERS = { started: 'report.started', submitted: 'report.submitted', under_review: 'report.reviewed', decided: 'report.decided', approved: 'report.approved' } as const

/** The dashboard's figures for every call of a year, one row per call, as CSV; null for a year without calls. */
export function yearReportCsv(db: Db, year: number, now: Date, locale: Locale): string | null {
	const t = makeTranslate(locale)
	const rows = yearReport(db, year, now)
	if (rows.length === 0) return null
	const header = [
		t('report.call'),
		t('report.fundedVisits'),
		...FUNNEL_STAGES.map((stage) => t(FUNNEL_HEADERS[stage])),
		...APPLICATION_STATUSES.map((status) => t('report.status', { status: t(`status.${status}`) })),
		t('report.countries'),
		t('report.topCountry'),
		t('report.reviewsDone'),
		t('report.reviewsOnTime'),
		t('report.reviewsOverdue'),
		t('report.meanScore'),
		t('report.lettersReceived'),
		t('report.lettersRequired'),
	]
	return csvText(
		header,
		rows.map((row) => [
			locale === 'fa' ? row.call.titleFa : row.call.titleEn,
			row.call.fundedVisits,
			...FUNNEL_STAGES.map((stage) => row.funnel[stage]),
			...APPLICATION_STATUSES.map((status) => row.statuses[status] ?? 0),
			row.countries,
			row.topCountry && isCountryCode(row.topCountry) ? countryName(row.topCountry, locale) : (row.topCountry ?? ''),
			row.reviews.done,
			row.reviews.onTime,
			row.reviews.overdue,
			row.meanScore === null ? '' : Math.round(row.meanScore * 10) / 10,
			row.letters.received,
			row.letters.required,
		]),
	)
}
