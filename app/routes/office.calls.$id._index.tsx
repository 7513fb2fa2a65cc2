import { data as withStatus, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ChangeEvent } from 'react'
import { requireUser } from '#app/auth/session.server.ts'
import { BulkControls, BulkReport, useHydrated, type BulkActionData } from '#app/components/office/bulk-actions.tsx'
import { ErrorSummary } from '#app/components/forms/form.tsx'
import { SortableHeader } from '#app/components/office/sortable-header.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { BULK_LIMIT, bulkActionFromForm, bulkDateDefaults, bulkReport } from '#app/domain/bulk-actions.server.ts'
import { countryName, isCountryCode } from '#app/domain/countries.ts'
import { heldDecisions } from '#app/domain/decisions.server.ts'
import { fieldLabel, isFieldCode } from '#app/domain/fields.ts'
import { REMINDER_INTERVAL } from '#app/domain/letters.server.ts'
import { queryTable, tableFacets, tableQueryFrom, tableQueryParams } from '#app/domain/office-table.server.ts'
import { LISTED_STATUSES, PAGE_SIZES, type TableColumn } from '#app/domain/office-table.ts'
import { can } from '#app/domain/permissions.ts'
import { departmentLabel, isDepartmentCode, isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.call.title')

const byLabel = (locale: Locale) => (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, locale)

const DAY = 86_400_000
/** The failures a page lists after a run; the rest are counted. */
const LISTED_FAILURES = 200

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const call = requireCall(context.db, params.id)
	const now = context.now()
	const searchParams = new URL(request.url).searchParams
	const query = tableQueryFrom(call.id, searchParams)
	const result = queryTable(context.db, query)
	const facets = tableFacets(context.db, call.id)
	const country = (code: string | null) => (code && isCountryCode(code) ? countryName(code, locale) : code)
	const exportParams = tableQueryParams(query, { page: 1 })
	exportParams.delete('size')
	const reportId = Number(searchParams.get('bulk'))
	const report = searchParams.has('bulk') ? bulkReport(context.db, { reportId, callId: call.id, actorId: user.id, now }) : null
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn },
		query,
		heldCount: heldDecisions(context.db, call.id).length,
		bulk: can(user, 'applications:bulk')
			? {
					view: tableQueryParams(query).toString(),
					limit: BULK_LIMIT,
					timeZone: call.timeZone,
					reminderDays: REMINDER_INTERVAL / DAY,
					dates: bulkDateDefaults(call, now),
					report: report && {
						...report,
						id: reportId,
						failed: report.failed.slice(0, LISTED_FAILURES),
						more: Math.max(0, report.failed.length - LISTED_FAILURES),
					},
				}
			: null,
		exportQuery: exportParams.toString(),
		filtered: Boolean(query.q || query.status || query.country || query.school || query.field || query.disagree || query.lettersMissing),
		total: result.total,
		allCount: result.allCount,
		page: result.page,
		pageCount: result.pageCount,
		first: result.total === 0 ? 0 : (result.page - 1) * query.pageSize + 1,
		last: Math.min(result.total, result.page * query.pageSize),
		facets: {
			countries: facets.countries.map((code) => ({ value: code, label: country(code) ?? code })).sort(byLabel(locale)),
			schools: facets.schools
				.filter(isSchoolCode)
				.map((code) => ({ value: code, label: schoolLabel(code, locale) }))
				.sort(byLabel(locale)),
			fields: facets.fields
				.filter(isFieldCode)
				.map((code) => ({ value: code, label: fieldLabel(code, locale) }))
				.sort(byLabel(locale)),
		},
		rows: result.rows.map((row) => ({
			id: row.applicationId,
			reference: row.reference,
			applicantName: row.applicantName,
			applicantEmail: row.applicantEmail,
			country: country(row.country),
			institution: row.institution,
			field: row.field && isFieldCode(row.field) ? fieldLabel(row.field, locale) : row.field,
			host:
				row.hostDepartment && isDepartmentCode(row.hostDepartment)
					? departmentLabel(row.hostDepartment, locale)
					: row.hostSchool && isSchoolCode(row.hostSchool)
						? schoolLabel(row.hostSchool, locale)
						: null,
			status: row.status,
			reviewsDone: row.reviewsDone,
			reviewsAssigned: row.reviewsAssigned,
			score: row.score,
			disagree: row.disagree,
			lettersReceived: row.lettersReceived,
			lettersRequired: row.lettersRequired,
			submittedAt: row.submittedAt ? formatDeadline(row.submittedAt, locale, call.timeZone).text : null,
		})),
	}
}

/**
 * A bulk action on the table's rows (app/domain/bulk-actions.server.ts): 400 with the problems beside the fields and
 * the selection kept, or the run and a redirect to the same view, whose loader reads the outcome back (?bulk=).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'applications:bulk' })
	const call = requireCall(context.db, params.id)
	const formData = await request.formData()
	const result = bulkActionFromForm(context.db, context.config, { call, formData, actor, now: context.now() })
	if (!result.ok) return withStatus<BulkActionData>({ bulk: true, errors: result.errors, values: result.values, ids: result.ids }, 400)
	const view = tableQueryParams(tableQueryFrom(call.id, new URLSearchParams(String(formData.get('view') ?? ''))))
	view.set('bulk', String(result.reportId))
	return redirect(`/office/calls/${call.id}?${view}`)
}

const COLUMNS: { column: TableColumn; label: Parameters<ReturnType<typeof useTranslate>['t']>[0] }[] = [
	{ column: 'reference', label: 'office.call.col.reference' },
	{ column: 'applicant', label: 'office.call.col.applicant' },
	{ column: 'country', label: 'office.table.col.country' },
	{ column: 'institution', label: 'office.table.col.institution' },
	{ column: 'field', label: 'office.table.col.field' },
	{ column: 'school', label: 'office.table.col.host' },
	{ column: 'status', label: 'office.call.col.status' },
	{ column: 'reviews', label: 'office.call.col.reviews' },
	{ column: 'score', label: 'office.call.col.score' },
	{ column: 'letters', label: 'office.table.col.letters' },
	{ column: 'submitted', label: 'office.table.col.submitted' },
]

const BULK_FIELDS = ['selection', 'bulkAction', 'decision', 'decisionNote', 'applicantMessage', 'confirmBy', 'message', 'replyBy']

const selectClass = 'block min-h-11 w-full rounded-md border-2 border-slate-500 bg-white px-2'

export default function OfficeCall() {
	const { t, locale } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() ?? null
	const number = (value: number) => formatNumber(value, locale)
	const { query, bulk } = data
	const hydrated = useHydrated()
	const ticked = new Set(actionData?.ids ?? [])
	const bulkErrors = BULK_FIELDS.filter((name) => actionData?.errors[name]).map((name) => ({ name, message: actionData!.errors[name]! }))
	// The header's checkbox ticks or unticks every row of the page (with JavaScript; without it each row is ticked alone).
	const selectPage = (event: ChangeEvent<HTMLInputElement>) => {
		const { checked, form } = event.currentTarget
		form?.querySelectorAll<HTMLInputElement>('input[name="ids"]').forEach((box) => {
			box.checked = checked
		})
	}
	const exportHref = (format: 'csv' | 'json') => `/office/calls/${data.call.id}/export.${format}${data.exportQuery ? `?${data.exportQuery}` : ''}`
	const facet = (id: string, name: string, label: string, value: string | null, anyLabel: string, options: { value: string; label: string }[]) => (
		<div className="min-w-0">
			<label htmlFor={id} className="block text-sm font-semibold">
				{label}
			</label>
			<select id={id} name={name} defaultValue={value ?? ''} className={selectClass}>
				<option value="">{anyLabel}</option>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</div>
	)
	const table =
		data.rows.length > 0 ? (
			<ScrollRegion labelledBy="applications-caption">
				<table className="w-full min-w-[72rem] border-collapse bg-white text-sm">
					<caption id="applications-caption" className="sr-only">
						{t('office.call.caption', { call: data.call.title })}
					</caption>
					<thead>
						<tr className="border-b-2 border-slate-300">
							{bulk ? (
								<th scope="col" className="p-2 text-start">
									{hydrated ? (
										<input type="checkbox" aria-label={t('office.bulk.selectPage')} onChange={selectPage} className="size-5" />
									) : (
										<span className="sr-only">{t('office.bulk.selectColumn')}</span>
									)}
								</th>
							) : null}
							{COLUMNS.map(({ column, label }) => (
								<SortableHeader key={column} column={column} sort={query.sort} dir={query.dir}>
									{t(label)}
								</SortableHeader>
							))}
						</tr>
					</thead>
					<tbody>
						{data.rows.map((row) => (
							<tr key={row.id} className="border-b border-slate-200 align-top">
								{bulk ? (
									<td className="p-2">
										<input
											type="checkbox"
											name="ids"
											value={row.id}
											defaultChecked={ticked.has(row.id)}
											aria-label={t('office.bulk.selectRow', { reference: row.reference })}
											className="size-5"
										/>
									</td>
								) : null}
								<td className="p-2 font-medium whitespace-nowrap" dir="ltr">
									<Link to={`/office/applications/${row.id}`}>{row.reference}</Link>
								</td>
								<td className="p-2">
									{row.applicantName}
									<span className="block break-all text-slate-600" dir="ltr">
										{row.applicantEmail}
									</span>
								</td>
								<td className="p-2">{row.country ?? '—'}</td>
								<td className="p-2">{row.institution ?? '—'}</td>
								<td className="p-2">{row.field ?? '—'}</td>
								<td className="p-2">{row.host ?? '—'}</td>
								<td className="p-2">{t(`status.${row.status}`)}</td>
								<td className="p-2">{t('office.call.reviewsOf', { done: number(row.reviewsDone), assigned: number(row.reviewsAssigned) })}</td>
								<td className="p-2">
									{row.score === null ? (
										<span className="text-slate-600">{t('office.call.noScore')}</span>
									) : (
										formatNumber(row.score, locale, { maximumFractionDigits: 1 })
									)}
									{row.disagree ? <span className="mt-1 block w-fit rounded bg-amber-100 px-2 text-amber-950">{t('office.review.disagree')}</span> : null}
								</td>
								<td className="p-2">{t('office.table.lettersOf', { received: number(row.lettersReceived), required: number(row.lettersRequired) })}</td>
								<td className="p-2">{row.submittedAt ?? '—'}</td>
							</tr>
						))}
					</tbody>
				</table>
			</ScrollRegion>
		) : null
	const pagination = (
		<Pagination
			page={data.page}
			pageCount={data.pageCount}
			label={t('office.call.pages')}
			previous={t('office.call.previous')}
			next={t('office.call.next')}
			current={t('office.table.pageOf', { page: number(data.page), count: number(data.pageCount) })}
		/>
	)
	return (
		<div className="space-y-6">
			<p>
				<Link to="/office/calls">{t('office.call.back')}</Link>
			</p>
			<PageHeading title={data.call.title} lead={t('office.call.lead')}>
				<ul className="flex flex-wrap gap-x-6 gap-y-1">
					<li>
						<Link to={`/office/calls/${data.call.id}/decisions`}>{t('office.bulk.heldLink', { count: number(data.heldCount) })}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/visits`}>{t('office.visits.title')}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/dashboard`}>{t('dashboard.open')}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/suggestions`}>{t('office.suggest.open')}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/rubric`}>{t('office.calls.rubric')}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/edit`}>{t('office.table.editCall')}</Link>
					</li>
				</ul>
			</PageHeading>
			{bulk?.report ? <BulkReport report={bulk.report} reminderDays={bulk.reminderDays} /> : null}

			<div role="search" aria-labelledby="filters-title">
				<Form method="get" className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
					<h2 id="filters-title" className="text-lg font-semibold">
						{t('office.table.filters')}
					</h2>
					<input type="hidden" name="sort" value={query.sort} />
					<input type="hidden" name="dir" value={query.dir} />
					<div>
						<label htmlFor="filter-q" className="block text-sm font-semibold">
							{t('office.table.search')}
						</label>
						<p id="filter-q-hint" className="text-sm text-slate-700">
							{t('office.table.searchHint')}
						</p>
						<input
							id="filter-q"
							name="q"
							type="search"
							defaultValue={query.q}
							aria-describedby="filter-q-hint"
							maxLength={200}
							className="mt-1 block w-full max-w-xl rounded-md border-2 border-slate-500 bg-white px-3 py-2"
						/>
					</div>
					<div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
						{facet(
							'filter-status',
							'status',
							t('office.call.col.status'),
							query.status,
							t('office.call.anyStatus'),
							LISTED_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) })),
						)}
						{facet('filter-country', 'country', t('office.table.col.country'), query.country, t('office.table.anyCountry'), data.facets.countries)}
						{facet('filter-school', 'school', t('office.table.col.hostSchool'), query.school, t('office.table.anySchool'), data.facets.schools)}
						{facet('filter-field', 'field', t('office.table.col.field'), query.field, t('office.table.anyField'), data.facets.fields)}
					</div>
					<div className="flex flex-wrap gap-x-8 gap-y-2">
						<label className="flex items-center gap-2">
							<input type="checkbox" name="disagree" value="1" defaultChecked={query.disagree} className="size-5" />
							{t('office.table.disagreeOnly')}
						</label>
						<label className="flex items-center gap-2">
							<input type="checkbox" name="letters" value="missing" defaultChecked={query.lettersMissing} className="size-5" />
							{t('office.table.lettersMissingOnly')}
						</label>
						<div className="flex items-center gap-2">
							<label htmlFor="filter-size">{t('office.table.pageSize')}</label>
							<select id="filter-size" name="size" defaultValue={String(query.pageSize)} className="min-h-11 rounded-md border-2 border-slate-500 bg-white px-2">
								{PAGE_SIZES.map((size) => (
									<option key={size} value={size}>
										{number(size)}
									</option>
								))}
							</select>
						</div>
					</div>
					<div className="flex flex-wrap items-center gap-4">
						<button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 font-semibold text-white">
							{t('office.call.filter')}
						</button>
						{data.filtered ? <Link to={`/office/calls/${data.call.id}`}>{t('office.table.clear')}</Link> : null}
					</div>
				</Form>
			</div>

			<div className="flex flex-wrap items-center justify-between gap-4">
				<p role="status">
					{data.total === 0
						? data.allCount === 0
							? t('office.call.empty')
							: t('office.table.emptyFiltered')
						: t('office.call.showing', { first: number(data.first), last: number(data.last), total: number(data.total) })}
				</p>
				{data.total > 0 ? (
					<p className="flex flex-wrap gap-4">
						<a href={exportHref('csv')} download>
							{t('office.table.exportCsv', { count: number(data.total) })}
						</a>
						<a href={exportHref('json')} download>
							{t('office.table.exportJson')}
						</a>
					</p>
				) : null}
			</div>

			{bulk && data.total > 0 ? (
				// One form for the rows' checkboxes and the controls under them; the filters above are a form of their own.
				// Keyed by the last run, so its ticks are cleared once it is done.
				<Form method="post" noValidate key={bulk.report?.id ?? 0} className="space-y-6">
					<ErrorSummary items={bulkErrors} />
					<input type="hidden" name="view" value={bulk.view} />
					{table}
					{pagination}
					<BulkControls
						total={data.total}
						filtered={data.filtered}
						limit={bulk.limit}
						timeZone={bulk.timeZone}
						reminderDays={bulk.reminderDays}
						dates={bulk.dates}
						actionData={actionData}
					/>
				</Form>
			) : (
				<>
					{table}
					{pagination}
				</>
			)}
		</div>
	)
}
