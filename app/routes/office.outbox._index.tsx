import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { listOutbox, outboxTemplates } from '#app/email/outbox-view.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { Pagination } from '#app/components/pagination.tsx'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { EMAIL_STATUSES, type EmailStatus } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.outbox.title')

const PAGE_SIZE = 50

function formatWhen(at: Date, locale: 'en' | 'fa') {
	return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Asia/Tehran',
	}).format(at)
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'outbox:read' })
	const locale = await getLocale(request)
	const params = new URL(request.url).searchParams
	const status = params.get('status')
	const template = params.get('template') || undefined
	const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
	const result = listOutbox(context.db, {
		status: (EMAIL_STATUSES as readonly string[]).includes(status ?? '') ? (status as EmailStatus) : undefined,
		template,
		page,
		pageSize: PAGE_SIZE,
	})
	return {
		templates: outboxTemplates(context.db),
		total: result.total,
		page: result.page,
		pageCount: result.pageCount,
		first: result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1,
		last: Math.min(result.total, result.page * result.pageSize),
		items: result.items.map((item) => ({
			id: item.id,
			to: item.to,
			subject: item.subject,
			template: item.template,
			status: item.status,
			attempts: item.attempts,
			lastError: item.lastError ? `${item.lastErrorCode ?? ''} ${item.lastError}`.trim() : null,
			created: formatWhen(item.createdAt, locale),
			sent: item.sentAt ? formatWhen(item.sentAt, locale) : null,
		})),
	}
}

export default function Outbox() {
	const { t, locale } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	return (
		<div className="space-y-6">
			<PageHeading title={t('office.outbox.title')} lead={t('office.outbox.lead')} />
			<Form method="get" className="flex flex-wrap items-end gap-4 rounded-md border border-slate-200 bg-white p-4">
				<div>
					<label htmlFor="filter-status" className="block text-sm font-semibold">
						{t('office.outbox.col.status')}
					</label>
					<select id="filter-status" name="status" defaultValue={searchParams.get('status') ?? ''} className="min-h-11 rounded-md border-2 border-slate-500 px-2">
						<option value="">{t('office.outbox.any')}</option>
						{EMAIL_STATUSES.map((status) => (
							<option key={status} value={status}>
								{t(`office.outbox.status.${status}`)}
							</option>
						))}
					</select>
				</div>
				<div>
					<label htmlFor="filter-template" className="block text-sm font-semibold">
						{t('office.outbox.col.template')}
					</label>
					<select id="filter-template" name="template" defaultValue={searchParams.get('template') ?? ''} className="min-h-11 rounded-md border-2 border-slate-500 px-2">
						<option value="">{t('office.outbox.any')}</option>
						{data.templates.map((template) => (
							<option key={template} value={template}>
								{template}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white">
					{t('office.outbox.filter')}
				</button>
			</Form>
			<p role="status">
				{data.total === 0
					? t('office.outbox.empty')
					: t('office.outbox.showing', { first: data.first, last: data.last, total: data.total })}
			</p>
			{data.items.length > 0 ? (
				<ScrollRegion labelledBy="outbox-caption">
					<table className="w-full min-w-[48rem] border-collapse bg-white text-sm">
						<caption id="outbox-caption" className="sr-only">{t('office.outbox.title')}</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.to')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.subject')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.template')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.status')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.attempts')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.created')}</th>
								<th scope="col" className="p-2 text-start">{t('office.outbox.col.sent')}</th>
							</tr>
						</thead>
						<tbody>
							{data.items.map((item) => (
								<tr key={item.id} className="border-b border-slate-200 align-top">
									<td className="p-2" dir="ltr">{item.to}</td>
									<td className="p-2">
										<Link to={`/office/outbox/${item.id}`}>{item.subject ?? t('office.outbox.noSubject')}</Link>
									</td>
									<td className="p-2 font-mono text-xs">{item.template}</td>
									<td className="p-2">
										{t(`office.outbox.status.${item.status}`)}
										{item.lastError ? <span className="block text-xs text-red-800">{item.lastError}</span> : null}
									</td>
									<td className="p-2">{formatNumber(item.attempts, locale)}</td>
									<td className="p-2">{item.created}</td>
									<td className="p-2">{item.sent ?? '—'}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			) : null}
			<Pagination
				page={data.page}
				pageCount={data.pageCount}
				label={t('office.outbox.pages')}
				previous={t('office.outbox.previous')}
				next={t('office.outbox.next')}
			/>
		</div>
	)
}
