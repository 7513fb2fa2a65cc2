import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { reportYears } from '#app/domain/dashboard.server.ts'
import { listCallsForOffice } from '#app/domain/office-applications.server.ts'
import { can } from '#app/domain/permissions.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.calls.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	return {
		canWrite: can(user, 'calls:write'),
		years: reportYears(context.db),
		calls: listCallsForOffice(context.db).map(({ call, applications, drafts }) => ({
			id: call.id,
			title: locale === 'fa' ? call.titleFa : call.titleEn,
			deadline: formatDeadline(call.closesAt, locale, call.timeZone),
			open: call.opensAt <= context.now() && context.now() < call.closesAt,
			applications,
			drafts,
		})),
	}
}

export default function OfficeCalls() {
	const { t, locale } = useTranslate()
	const { calls, canWrite, years } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<PageHeading title={t('office.calls.title')} lead={t('office.calls.lead')}>
				{canWrite ? (
					<p>
						<Link
							to="/office/calls/new"
							className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
						>
							{t('office.callForm.newLink')}
						</Link>
					</p>
				) : null}
			</PageHeading>
			<p role="status">{t('office.calls.count', { count: formatNumber(calls.length, locale) })}</p>
			{years.length > 0 ? (
				<ul className="flex flex-wrap gap-x-6 gap-y-1">
					{years.map((year) => (
						<li key={year}>
							<a href={`/office/reports/${year}.csv`} download>
								{t('report.title', { year: String(year) })}
							</a>
						</li>
					))}
				</ul>
			) : null}
			{calls.length === 0 ? (
				<p>{t('office.calls.empty')}</p>
			) : (
				<ul className="space-y-4">
					{calls.map((call) => (
						<li key={call.id} className="rounded-lg border border-slate-200 bg-white p-5">
							<h2 className="text-xl font-semibold">
								<Link to={`/office/calls/${call.id}`}>{call.title}</Link>
							</h2>
							<dl className="mt-2 grid gap-x-6 gap-y-1 text-slate-700 sm:grid-cols-[auto_1fr]">
								<dt className="font-semibold">{t('office.calls.deadline')}</dt>
								<dd>
									{call.deadline.text}
									{call.deadline.gregorian ? <span className="text-slate-600"> ({call.deadline.gregorian})</span> : null}
									{call.open ? <span className="ms-2 rounded bg-green-100 px-2 text-sm text-green-900">{t('office.calls.open')}</span> : null}
								</dd>
								<dt className="font-semibold">{t('office.calls.applications')}</dt>
								<dd>
									{t('office.calls.applicationCount', { count: formatNumber(call.applications, locale), drafts: formatNumber(call.drafts, locale) })}
								</dd>
							</dl>
							<p className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
								<Link to={`/office/calls/${call.id}`}>
									{t('office.calls.viewApplications')}
									<span className="sr-only"> — {call.title}</span>
								</Link>
								<Link to={`/office/calls/${call.id}/dashboard`}>
									{t('dashboard.open')}
									<span className="sr-only"> — {call.title}</span>
								</Link>
								<Link to={`/office/calls/${call.id}/rubric`}>
									{t('office.calls.rubric')}
									<span className="sr-only"> — {call.title}</span>
								</Link>
								{canWrite ? (
									<Link to={`/office/calls/${call.id}/edit`}>
										{t('office.callForm.editLink')}
										<span className="sr-only"> — {call.title}</span>
									</Link>
								) : null}
							</p>
						</li>
					))}
				</ul>
			)}
		</div>
	)
}
