import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { BarChart, ChartFigure, ColumnChart, LineChart, type Datum } from '#app/components/charts.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { countryName, isCountryCode } from '#app/domain/countries.ts'
import { requireCall } from '#app/domain/calls.server.ts'
import { callDashboard } from '#app/domain/dashboard.server.ts'
import { isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import { formatDeadline, formatIsoDate, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'dashboard.title')

/** A day's short label on the time axis: "28 Nov", "۷ آذر". */
const shortDay = (isoDay: string, locale: Locale) =>
	new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${isoDay}T12:00:00Z`))

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const t = makeTranslate(locale)
	const call = requireCall(context.db, params.id)
	const now = context.now()
	const figures = callDashboard(context.db, call, now)
	const place = (key: string) =>
		key === 'other' ? t('dashboard.other') : key === 'unknown' ? t('dashboard.unknown') : isCountryCode(key) ? countryName(key, locale) : key
	const school = (key: string) =>
		key === 'other' ? t('dashboard.other') : key === 'unknown' ? t('dashboard.unknown') : isSchoolCode(key) ? schoolLabel(key, locale) : key
	const bin = (key: string) => key.replace(/\d+/g, (digits) => formatNumber(Number(digits), locale))
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn },
		asOf: formatDeadline(now, locale, call.timeZone).text,
		funnel: figures.funnel.map((row) => ({ label: t(`dashboard.funnel.${row.key}`), value: row.value })),
		countries: figures.countries.map((row) => ({ label: place(row.key), value: row.value })),
		schools: figures.schools.map((row) => ({ label: school(row.key), value: row.value })),
		perDay: figures.perDay.map((row) => ({ label: row.key, value: row.value })),
		perDayTable: figures.perDay.map((row) => ({ label: formatIsoDate(row.key, locale).text, value: row.value })),
		submittedTotal: figures.perDay.reduce((sum, row) => sum + row.value, 0),
		reviews: [
			{ label: t('dashboard.reviews.done'), value: figures.reviews.done },
			{ label: t('dashboard.reviews.onTime'), value: figures.reviews.onTime },
			{ label: t('dashboard.reviews.overdue'), value: figures.reviews.overdue },
		],
		scores: figures.scores.map((row) => ({ label: bin(row.key), value: row.value })),
		scored: figures.scores.reduce((sum, row) => sum + row.value, 0),
		letters: [
			{ label: t('dashboard.letters.received'), value: figures.letters.received },
			{ label: t('dashboard.letters.required'), value: figures.letters.required },
			{ label: t('dashboard.letters.complete'), value: figures.letters.complete },
			{ label: t('dashboard.letters.missing'), value: figures.letters.missing },
		],
	}
}

export default function CallDashboard() {
	const { t, locale } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const number = (value: number) => formatNumber(value, locale)
	const figure = (id: string, title: string, rows: Datum[], chart: 'bar' | 'column', labelHeader: string, description?: string) => (
		<ChartFigure id={id} title={title} description={description} data={rows} labelHeader={labelHeader} valueHeader={t('dashboard.count')}>
			{rows.length === 0 ? (
				<p className="text-slate-700">{t('dashboard.empty')}</p>
			) : chart === 'bar' ? (
				<BarChart id={id} title={title} data={rows} />
			) : (
				<ColumnChart id={id} title={title} data={rows} />
			)}
		</ChartFigure>
	)
	return (
		<div className="space-y-8">
			<p className="print:hidden">
				<Link to={`/office/calls/${data.call.id}`}>{t('dashboard.back', { call: data.call.title })}</Link>
			</p>
			<PageHeading title={t('dashboard.heading', { call: data.call.title })} lead={t('dashboard.asOf', { date: data.asOf })} />
			<div className="grid gap-6 lg:grid-cols-2">
				{figure('funnel', t('dashboard.funnel.title'), data.funnel, 'bar', t('dashboard.stage'), t('dashboard.funnel.lead'))}
				{figure('review-progress', t('dashboard.reviews.title'), data.reviews, 'bar', t('dashboard.reviews.state'))}
				{figure('countries', t('dashboard.countries.title'), data.countries, 'bar', t('dashboard.countries.country'), t('dashboard.countries.lead'))}
				{figure('schools', t('dashboard.schools.title'), data.schools, 'bar', t('dashboard.schools.school'))}
				<div className="lg:col-span-2">
					<ChartFigure
						id="per-day"
						title={t('dashboard.perDay.title')}
						description={t('dashboard.perDay.lead', { count: number(data.submittedTotal) })}
						data={data.perDayTable}
						labelHeader={t('dashboard.perDay.day')}
						valueHeader={t('dashboard.count')}
					>
						<LineChart id="per-day" title={t('dashboard.perDay.title')} data={data.perDay} tickLabel={(day) => shortDay(day, locale)} />
					</ChartFigure>
				</div>
				{figure('scores', t('dashboard.scores.title'), data.scores, 'column', t('dashboard.scores.range'), t('dashboard.scores.lead', { count: number(data.scored) }))}
				{figure('letters', t('dashboard.letters.title'), data.letters, 'bar', t('dashboard.letters.what'))}
			</div>
		</div>
	)
}
