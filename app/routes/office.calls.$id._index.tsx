import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { SortableHeader, sortFrom } from '#app/components/office/sortable-header.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { callApplications, type CallApplicationRow } from '#app/domain/office-applications.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { Pagination } from '#app/components/pagination.tsx'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { APPLICATION_STATUSES, calls, type ApplicationStatus } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.call.title')

const PAGE_SIZE = 50
const COLUMNS = ['reference', 'applicant', 'status', 'reviews', 'score'] as const
/** Drafts are the applicant's work in progress: not listed, only counted on the calls page. */
const LISTED_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter((status) => status !== 'draft')

const compare: Record<(typeof COLUMNS)[number], (a: CallApplicationRow, b: CallApplicationRow) => number> = {
	reference: (a, b) => a.reference.localeCompare(b.reference),
	applicant: (a, b) => a.applicantName.localeCompare(b.applicantName),
	status: (a, b) => LISTED_STATUSES.indexOf(a.status) - LISTED_STATUSES.indexOf(b.status),
	reviews: (a, b) => a.reviewsDone - b.reviewsDone || a.assigned - b.assigned,
	// Unscored applications last whichever way the scores run.
	score: (a, b) => (a.score ?? -1) - (b.score ?? -1),
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const callId = Number(params.id)
	const call = Number.isInteger(callId) ? context.db.select().from(calls).where(eq(calls.id, callId)).get() : undefined
	if (!call) throw new Response(null, { status: 404 })
	const search = new URL(request.url).searchParams
	const statusParam = search.get('status') ?? ''
	const status = (LISTED_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ApplicationStatus) : null
	const { sort, dir } = sortFrom(search, COLUMNS, 'reference')
	const all = callApplications(context.db, call.id)
	const filtered = all.filter((row) => !status || row.status === status)
	const sorted = [...filtered].sort((a, b) => (dir === 'asc' ? compare[sort](a, b) : -compare[sort](a, b)) || a.id - b.id)
	if (sort === 'score') sorted.sort((a, b) => Number(a.score === null) - Number(b.score === null))
	const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE))
	const page = Math.min(pageCount, Math.max(1, Number.parseInt(search.get('page') ?? '1', 10) || 1))
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn },
		status,
		sort,
		dir,
		total: sorted.length,
		allCount: all.length,
		page,
		pageCount,
		first: sorted.length === 0 ? 0 : (page - 1) * PAGE_SIZE + 1,
		last: Math.min(sorted.length, page * PAGE_SIZE),
		rows: sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() })),
	}
}

export default function OfficeCall() {
	const { t, locale } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const number = (value: number) => formatNumber(value, locale)
	return (
		<div className="space-y-6">
			<p>
				<Link to="/office/calls">{t('office.call.back')}</Link>
			</p>
			<PageHeading title={data.call.title} lead={t('office.call.lead')}>
				<ul className="flex flex-wrap gap-x-6 gap-y-1">
					<li>
						<Link to={`/office/calls/${data.call.id}/suggestions`}>{t('office.suggest.open')}</Link>
					</li>
					<li>
						<Link to={`/office/calls/${data.call.id}/rubric`}>{t('office.calls.rubric')}</Link>
					</li>
				</ul>
			</PageHeading>
			<Form method="get" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 bg-white p-4">
				<input type="hidden" name="sort" value={data.sort} />
				<input type="hidden" name="dir" value={data.dir} />
				<div>
					<label htmlFor="filter-status" className="block text-sm font-semibold">
						{t('office.call.col.status')}
					</label>
					<select id="filter-status" name="status" defaultValue={data.status ?? ''} className="min-h-11 rounded-md border-2 border-slate-500 px-2">
						<option value="">{t('office.call.anyStatus')}</option>
						{LISTED_STATUSES.map((status) => (
							<option key={status} value={status}>
								{t(`status.${status}`)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white">
					{t('office.call.filter')}
				</button>
				{data.status ? <Link to={`/office/calls/${data.call.id}`}>{t('office.call.clearFilter')}</Link> : null}
			</Form>
			<p role="status">
				{data.total === 0
					? data.allCount === 0
						? t('office.call.empty')
						: t('office.call.emptyFiltered')
					: t('office.call.showing', { first: number(data.first), last: number(data.last), total: number(data.total) })}
			</p>
			{data.rows.length > 0 ? (
				<ScrollRegion labelledBy="applications-caption">
					<table className="w-full min-w-[44rem] border-collapse bg-white text-sm">
						<caption id="applications-caption" className="sr-only">
							{t('office.call.caption', { call: data.call.title })}
						</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								<SortableHeader column="reference" sort={data.sort} dir={data.dir}>
									{t('office.call.col.reference')}
								</SortableHeader>
								<SortableHeader column="applicant" sort={data.sort} dir={data.dir}>
									{t('office.call.col.applicant')}
								</SortableHeader>
								<SortableHeader column="status" sort={data.sort} dir={data.dir}>
									{t('office.call.col.status')}
								</SortableHeader>
								<SortableHeader column="reviews" sort={data.sort} dir={data.dir}>
									{t('office.call.col.reviews')}
								</SortableHeader>
								<SortableHeader column="score" sort={data.sort} dir={data.dir}>
									{t('office.call.col.score')}
								</SortableHeader>
							</tr>
						</thead>
						<tbody>
							{data.rows.map((row) => (
								<tr key={row.id} className="border-b border-slate-200 align-top">
									<td className="p-2 font-medium" dir="ltr">
										<Link to={`/office/applications/${row.id}`}>{row.reference}</Link>
									</td>
									<td className="p-2">{row.applicantName}</td>
									<td className="p-2">{t(`status.${row.status}`)}</td>
									<td className="p-2">{t('office.call.reviewsOf', { done: number(row.reviewsDone), assigned: number(row.assigned) })}</td>
									<td className="p-2">
										{row.score === null ? (
											<span className="text-slate-600">{t('office.call.noScore')}</span>
										) : (
											t('office.call.scoreWithCount', { score: formatNumber(row.score, locale, { maximumFractionDigits: 1 }), count: number(row.scoreCount) })
										)}
										{row.disagree ? (
											<span className="mt-1 block w-fit rounded bg-amber-100 px-2 text-amber-950">{t('office.review.disagree')}</span>
										) : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			) : null}
			<Pagination
				page={data.page}
				pageCount={data.pageCount}
				label={t('office.call.pages')}
				previous={t('office.call.previous')}
				next={t('office.call.next')}
			/>
		</div>
	)
}
