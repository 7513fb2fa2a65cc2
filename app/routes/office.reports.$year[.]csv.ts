import type { LoaderFunctionArgs } from '@remix-run/node'
import { stringify } from 'csv-stringify/sync'
import { requireUser } from '#app/auth/session.server.ts'
import { countryName, isCountryCode } from '#app/domain/countries.ts'
import { FUNNEL_STAGES, yearReport } from '#app/domain/dashboard.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { APPLICATION_STATUSES } from '#db/schema.ts'

const FUNNEL_HEADERS = { started: 'report.started', submitted: 'report.submitted', under_review: 'report.reviewed', decided: 'report.decided', approved: 'report.approved' } as const

/** The year report: the dashboard's figures for every call of a year, one row per call, as CSV (UTF-8 with BOM). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const t = makeTranslate(locale)
	const year = Number(params.year)
	if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Response(null, { status: 404 })
	const rows = yearReport(context.db, year, context.now())
	if (rows.length === 0) throw new Response(null, { status: 404 })
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
	const body = rows.map((row) => [
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
	])
	return new Response(stringify([header, ...body], { bom: true, record_delimiter: 'windows' }), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="year-report-${year}.csv"`,
			'Cache-Control': 'no-store',
		},
	})
}
