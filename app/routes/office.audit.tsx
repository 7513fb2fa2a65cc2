import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import {
	AUDIT_GROUPS,
	auditActorChoices,
	auditFilterFromParams,
	auditScope,
	describeAuditRow,
	listAudit,
} from '#app/domain/audit-views.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { ROLES } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.audit.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'audit:read' })
	const locale = await getLocale(request)
	const filter = auditFilterFromParams(new URL(request.url).searchParams)
	const result = listAudit(context.db, filter)
	const first = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1
	return {
		rows: result.rows.map((row) => describeAuditRow(row, locale)),
		total: result.total,
		page: result.page,
		pageCount: result.pageCount,
		first,
		last: Math.min(result.total, result.page * result.pageSize),
		actors: auditActorChoices(context.db),
		groups: AUDIT_GROUPS,
		scope: auditScope(context.db, filter),
		/** An exact action from a link, so the select can show it although it lists groups. */
		exactAction: filter.action && !filter.action.endsWith('.') ? filter.action : null,
	}
}

const inputClass = 'min-h-11 rounded-md border-2 border-slate-500 bg-white px-2'
const COLUMNS = ['when', 'who', 'action', 'application', 'details'] as const

/** One filter: its label, then the control (and its hint, first, when it has one). */
function Filter({ id, label, plain, children }: { id: string; label: string; plain?: boolean; children: ReactNode }) {
	return (
		<div>
			<label htmlFor={id} className={`block text-sm ${plain ? '' : 'font-semibold'}`}>
				{label}
			</label>
			{children}
		</div>
	)
}

export default function OfficeAudit() {
	const { t } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const value = (name: string) => searchParams.get(name) ?? ''
	const { application, user } = data.scope
	const staff = (role: 'office' | 'reviewer') => data.actors.filter((person) => person.role === role)
	// Clearing the filters keeps the page's scope (one application's or one user's trail).
	const scope = new URLSearchParams()
	if (application) scope.set('application', String(application.id))
	if (user) scope.set('user', String(user.id))
	const cleared = scope.toString() ? `/office/audit?${scope}` : '/office/audit'
	return (
		<div className="space-y-6">
			<PageHeading title={t('office.audit.title')} lead={t('office.audit.lead')} />

			{application || user ? (
				<Panel>
					{application ? (
						<p>
							{t('office.audit.scope.application')}{' '}
							<Link to={`/office/applications/${application.id}`} dir="ltr">
								{application.reference}
							</Link>
						</p>
					) : null}
					{user ? (
						<p>
							{t('office.audit.scope.user', { name: user.name })} <span dir="ltr">({user.email})</span>
						</p>
					) : null}
					<p className="mt-2">
						<Link to="/office/audit">{t('office.audit.scope.all')}</Link>
					</p>
				</Panel>
			) : null}

			<Form method="get" key={searchParams.toString()} aria-labelledby="audit-filters" className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
				<h2 id="audit-filters" className="text-lg font-semibold">
					{t('office.audit.filters')}
				</h2>
				{application ? <input type="hidden" name="application" value={application.id} /> : null}
				{user ? <input type="hidden" name="user" value={user.id} /> : null}
				<div className="flex flex-wrap items-end gap-4">
					<Filter id="audit-actor" label={t('office.audit.field.actor')}>
						<select id="audit-actor" name="actor" defaultValue={value('actor')} className={inputClass}>
							<option value="">{t('office.audit.anyone')}</option>
							{(['office', 'reviewer'] as const).map((role) => (
								<optgroup key={role} label={t(`office.users.role.${role}`)}>
									{staff(role).map((person) => (
										<option key={person.id} value={person.id}>
											{person.name}
										</option>
									))}
								</optgroup>
							))}
						</select>
					</Filter>
					<Filter id="audit-email" label={t('office.audit.field.email')}>
						<p id="audit-email-hint" className="text-sm text-slate-600">
							{t('office.audit.hint.email')}
						</p>
						<input
							id="audit-email"
							name="email"
							type="search"
							dir="ltr"
							spellCheck={false}
							autoComplete="off"
							defaultValue={value('email')}
							aria-describedby="audit-email-hint"
							className={inputClass}
						/>
					</Filter>
					<Filter id="audit-role" label={t('office.audit.field.role')}>
						<select id="audit-role" name="role" defaultValue={value('role')} className={inputClass}>
							<option value="">{t('office.audit.anyRole')}</option>
							{ROLES.map((role) => (
								<option key={role} value={role}>
									{t(`office.users.role.${role}`)}
								</option>
							))}
						</select>
					</Filter>
				</div>
				<div className="flex flex-wrap items-end gap-4">
					<Filter id="audit-action" label={t('office.audit.field.action')}>
						<select id="audit-action" name="action" defaultValue={value('action')} className={inputClass}>
							<option value="">{t('office.audit.anyAction')}</option>
							{data.groups.map((group) => (
								<option key={group} value={`${group}.`}>
									{t(`office.audit.group.${group}`)}
								</option>
							))}
							{data.exactAction ? (
								<option value={data.exactAction} dir="ltr">
									{data.exactAction}
								</option>
							) : null}
						</select>
					</Filter>
					<fieldset aria-describedby="audit-days-hint">
						<legend className="text-sm font-semibold">{t('office.audit.field.days')}</legend>
						<p id="audit-days-hint" className="text-sm text-slate-600">
							{t('office.audit.hint.days')}
						</p>
						<div className="flex flex-wrap gap-4">
							<Filter id="audit-from" label={t('office.audit.field.from')} plain>
								<input id="audit-from" name="from" type="date" defaultValue={value('from')} className={inputClass} />
							</Filter>
							<Filter id="audit-to" label={t('office.audit.field.to')} plain>
								<input id="audit-to" name="to" type="date" defaultValue={value('to')} className={inputClass} />
							</Filter>
						</div>
					</fieldset>
				</div>
				<div className="flex flex-wrap items-center gap-4">
					<button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 font-semibold text-white">
						{t('office.audit.filter')}
					</button>
					<Link to={cleared}>{t('office.audit.clear')}</Link>
				</div>
			</Form>

			<p role="status">
				{data.total === 0 ? t('office.audit.empty') : t('office.audit.showing', { first: data.first, last: data.last, total: data.total })}
			</p>

			{data.rows.length > 0 ? (
				<ScrollRegion labelledBy="audit-caption">
					<table className="w-full min-w-[48rem] border-collapse bg-white text-sm">
						<caption id="audit-caption" className="sr-only">
							{t('office.audit.caption')}
						</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								{COLUMNS.map((column) => (
									<th key={column} scope="col" className="p-2 text-start">
										{t(`office.audit.col.${column}`)}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{data.rows.map((row) => (
								<tr key={row.id} className="border-b border-slate-200 align-top">
									<td className="whitespace-nowrap p-2">
										<time dateTime={row.iso}>{row.when}</time>
									</td>
									<td className="p-2">
										{row.actor ? (
											<>
												<Link to={`/office/audit?user=${row.actor.id}`}>{row.actor.name}</Link>
												<span className="block text-slate-600">{row.actor.role}</span>
											</>
										) : (
											<span className="text-slate-600">{t('office.audit.noAccount')}</span>
										)}
									</td>
									<td className="p-2">{row.summary}</td>
									<td className="p-2">
										{row.application ? (
											<Link to={`/office/applications/${row.application.id}`} dir="ltr" className="whitespace-nowrap">
												{row.application.reference}
											</Link>
										) : (
											'—'
										)}
									</td>
									<td className="p-2">
										{row.details.length > 0 ? (
											<dl className="space-y-1">
												{row.details.map((detail) => (
													<div key={detail.label}>
														<dt className="inline font-semibold">{detail.label}: </dt>
														<dd className="inline break-words" dir="auto">
															{detail.value}
														</dd>
													</div>
												))}
											</dl>
										) : (
											'—'
										)}
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
				label={t('office.audit.pages')}
				previous={t('office.audit.newer')}
				next={t('office.audit.older')}
				current={t('office.audit.pageOf', { page: data.page, pages: data.pageCount })}
			/>
		</div>
	)
}
