import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { eq } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { SuggestionTable, type SuggestionActionData } from '#app/components/office/suggestion-table.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { DEFAULT_DUE_DAYS, activeReviewers } from '#app/domain/assignments.server.ts'
import { ConflictError, TransitionError } from '#app/domain/lifecycle/errors.ts'
import {
	MAX_REVIEWERS_PER_APPLICATION,
	ProposalError,
	confirmProposal,
	proposeReviewers,
	setReviewersPerApplication,
	type Proposal,
	type SuggestionScope,
} from '#app/domain/reviewer-suggestions.server.ts'
import { SCHOOLS, departmentLabel, isDepartmentCode, isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import { fieldLabel } from '#app/domain/fields.ts'
import { instantToZonedDate, zonedTimeToInstant } from '#app/domain/time.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Db } from '#db/client.ts'
import { applications, type Call } from '#db/schema.ts'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.suggest.title')

const DAY = 86_400_000
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The scope in the URL: `?application=` for one application of the call, `?school=` for one host school. */
function scopeFrom(db: Db, call: Call, url: URL): SuggestionScope {
	const applicationId = Number(url.searchParams.get('application'))
	if (url.searchParams.has('application')) {
		const application = Number.isInteger(applicationId)
			? db.select({ callId: applications.callId }).from(applications).where(eq(applications.id, applicationId)).get()
			: undefined
		if (!application || application.callId !== call.id) throw new Response(null, { status: 404 })
		return { callId: call.id, applicationId }
	}
	const school = url.searchParams.get('school')
	return { callId: call.id, ...(isSchoolCode(school) ? { school } : {}) }
}

/** The proposal as the page shows it: labels in the locale, warnings keyed by application and reviewer id. */
function proposalView(proposal: Proposal, locale: Locale) {
	return {
		perApplication: proposal.perApplication,
		rows: proposal.rows.map((row) => ({
			...row,
			field: row.field ? fieldLabel(row.field, locale) : null,
			host: row.hostDepartment ? departmentLabel(row.hostDepartment, locale) : row.hostSchool ? schoolLabel(row.hostSchool, locale) : null,
		})),
		reviewers: proposal.reviewers.map((reviewer) => ({
			...reviewer,
			department: reviewer.department && isDepartmentCode(reviewer.department) ? departmentLabel(reviewer.department, locale) : null,
		})),
		warnings: Object.fromEntries(
			[...proposal.warnings].map(([applicationId, perReviewer]) => [applicationId, Object.fromEntries(perReviewer)]),
		),
	}
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'applications:assign' })
	const locale = await getLocale(request)
	const { db } = context
	const call = requireCall(db, params.id)
	const url = new URL(request.url)
	const scope = scopeFrom(db, call, url)
	const proposal = proposeReviewers(db, scope)!
	const now = context.now()
	const reference =
		scope.applicationId === undefined
			? null
			: (db.select({ reference: applications.reference }).from(applications).where(eq(applications.id, scope.applicationId)).get()?.reference ?? null)
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn, timeZone: call.timeZone },
		scope: { applicationId: scope.applicationId ?? null, reference, school: scope.school ?? null },
		schools: SCHOOLS.map((school) => ({ code: school.code, name: school.name[locale] })),
		defaultDueDate: instantToZonedDate(new Date(now.getTime() + DEFAULT_DUE_DAYS * DAY), call.timeZone),
		minDueDate: instantToZonedDate(now, call.timeZone),
		...proposalView(proposal, locale),
	}
}

/** A due date typed as a calendar day: the end of that day in the call's time zone, not before today there. */
function dueInstant(value: FormDataEntryValue | null, call: Call, now: Date): Date | null {
	if (typeof value !== 'string') return null
	const day = normaliseDigits(value.trim())
	if (!DATE.test(day) || day < instantToZonedDate(now, call.timeZone)) return null
	try {
		return zonedTimeToInstant(day, '23:59', call.timeZone)
	} catch {
		return null
	}
}

const REFUSALS: Record<string, string> = {
	not_found: 'office.suggest.errors.changed',
	not_assignable: 'office.suggest.errors.notAssignable',
	not_a_reviewer: 'office.assign.errors.notReviewer',
	already_assigned: 'office.suggest.errors.alreadyAssigned',
	due_not_in_future: 'office.assign.errors.due',
}

/** At most this many rows in one confirmation: a call's worth, and a bound on what one request may ask. */
const MAX_ROWS = 5_000

export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'applications:assign' })
	const locale = await getLocale(request)
	const { db, config } = context
	const call = requireCall(db, params.id)
	const url = new URL(request.url)
	const scope = scopeFrom(db, call, url)
	const now = context.now()
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')

	if (intent === 'per-application') {
		const raw = normaliseDigits(String(form.get('perApplication') ?? '').trim())
		const count = /^\d{1,2}$/.test(raw) ? Number(raw) : Number.NaN
		if (!(count >= 1 && count <= MAX_REVIEWERS_PER_APPLICATION)) {
			return data<SuggestionActionData>(
				{ intent, errors: { perApplication: 'office.suggest.errors.perApplication' }, values: {}, dueDate: '', warnings: {}, perApplication: raw },
				400,
			)
		}
		setReviewersPerApplication(db, { callId: call.id, count, actor, now })
		url.searchParams.set('notice', 'saved')
		return redirect(`${url.pathname}?${url.searchParams}`)
	}
	if (intent !== 'check' && intent !== 'confirm') {
		return data<SuggestionActionData>({ intent, errors: { form: 'errors.unknownAction' }, values: {}, dueDate: '', warnings: {} }, 400)
	}

	// The office's edited proposal: one hidden `application` per row, and its reviewers' addresses in `reviewers-<id>`.
	const ids = [...new Set(form.getAll('application').map((value) => Number(value)))].filter(Number.isInteger).slice(0, MAX_ROWS)
	const byEmail = new Map(activeReviewers(db).map((reviewer) => [reviewer.email.toLowerCase(), reviewer.id]))
	const errors: Record<string, string> = {}
	const values: Record<string, string[]> = {}
	const edited = new Map<number, number[]>()
	for (const id of ids) {
		const typed = form.getAll(`reviewers-${id}`).map((value) => String(value).trim().slice(0, 320))
		values[id] = typed
		const chosen: number[] = []
		typed.forEach((email, slot) => {
			if (email === '') return
			const reviewerId = byEmail.get(email.toLowerCase())
			if (reviewerId === undefined) errors[`reviewers-${id}-${slot}`] = 'office.suggest.errors.unknownReviewer'
			else if (chosen.includes(reviewerId)) errors[`reviewers-${id}-${slot}`] = 'office.suggest.errors.duplicate'
			else chosen.push(reviewerId)
		})
		edited.set(id, chosen)
	}
	const dueDate = String(form.get('dueDate') ?? '')
	const dueAt = dueInstant(form.get('dueDate'), call, now)
	if (!dueAt) errors.dueDate = 'office.assign.errors.due'

	const proposal = proposeReviewers(db, scope, edited)!
	const view = proposalView(proposal, locale)
	const inProposal = new Set(proposal.rows.map((row) => row.applicationId))
	// A row the office saw that no longer needs reviewers (assigned by someone else, withdrawn): say so, do not guess.
	if (ids.some((id) => !inProposal.has(id))) errors.form = 'office.suggest.errors.changed'
	const reply = (status: number, extra: Partial<SuggestionActionData> = {}) =>
		data<SuggestionActionData>({ intent, errors, values, dueDate, warnings: view.warnings, ...extra }, status)

	if (intent === 'check') return reply(Object.keys(errors).length > 0 ? 400 : 200, { checked: true })
	if (Object.keys(errors).length > 0) return reply(400)
	const warned = Object.values(view.warnings).reduce((sum, perReviewer) => sum + Object.keys(perReviewer).length, 0)
	if (warned > 0 && form.get('acceptWarnings') !== 'yes') {
		return reply(400, { errors: { ...errors, acceptWarnings: 'office.suggest.errors.acceptWarnings' } })
	}
	const rows = ids.map((id) => ({ applicationId: id, reviewerIds: edited.get(id) ?? [] })).filter((row) => row.reviewerIds.length > 0)
	if (rows.length === 0) return reply(400, { errors: { form: 'office.suggest.errors.nothing' } })
	try {
		const done = confirmProposal(db, config, { rows, dueAt: dueAt!, actor, now })
		url.searchParams.set('notice', 'assigned')
		url.searchParams.set('assigned', String(done.assignments))
		url.searchParams.set('applications', String(done.applications))
		return redirect(`${url.pathname}?${url.searchParams}`)
	} catch (error) {
		if (error instanceof ProposalError) {
			return reply(409, { errors: { ...errors, [`row-${error.applicationId}`]: REFUSALS[error.reason] ?? 'office.suggest.errors.changed' } })
		}
		if (error instanceof ConflictError || error instanceof TransitionError) return reply(409, { errors: { ...errors, form: 'office.suggest.errors.changed' } })
		throw error
	}
}

export default function OfficeSuggestions() {
	const { t, locale } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() ?? null
	const [searchParams] = useSearchParams()
	const number = (value: number) => formatNumber(value, locale)
	const notice = searchParams.get('notice')
	const scopeQuery = data.scope.applicationId ? `?application=${data.scope.applicationId}` : data.scope.school ? `?school=${data.scope.school}` : ''
	const short = data.rows.filter((row) => row.shortfall)
	const full = data.rows.length - short.length
	const perApplicationError = actionData?.intent === 'per-application' ? actionData.errors.perApplication : undefined
	return (
		<div className="space-y-8">
			<p>
				{data.scope.applicationId ? (
					<Link to={`/office/applications/${data.scope.applicationId}#reviewers`}>{t('office.suggest.backToApplication', { reference: data.scope.reference ?? '' })}</Link>
				) : (
					<Link to={`/office/calls/${data.call.id}`}>{t('office.suggest.backToCall', { call: data.call.title })}</Link>
				)}
			</p>
			<PageHeading
				title={t('office.suggest.title')}
				lead={data.scope.reference ? t('office.suggest.leadOne', { reference: data.scope.reference, call: data.call.title }) : t('office.suggest.lead', { call: data.call.title })}
			/>
			{notice === 'assigned' ? (
				<Panel tone="success">
					<p role="status">
						{t('office.suggest.done', {
							assigned: number(Number(searchParams.get('assigned')) || 0),
							applications: number(Number(searchParams.get('applications')) || 0),
						})}
					</p>
				</Panel>
			) : notice === 'saved' ? (
				<Panel tone="success">
					<p role="status">{t('office.suggest.perApplicationSaved')}</p>
				</Panel>
			) : null}

			<div className="flex flex-wrap gap-6">
				<Form
					method="post"
					action={`/office/calls/${data.call.id}/suggestions${scopeQuery}`}
					className="flex w-full flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-4 sm:w-auto"
					noValidate
				>
					<input type="hidden" name="intent" value="per-application" />
					<div>
						<label htmlFor="per-application" className="block text-sm font-semibold">
							{t('office.suggest.perApplication')}
						</label>
						<input
							id="per-application"
							name="perApplication"
							type="number"
							inputMode="numeric"
							min={1}
							max={6}
							defaultValue={actionData?.perApplication ?? data.perApplication}
							aria-invalid={perApplicationError ? true : undefined}
							aria-describedby={perApplicationError ? 'per-application-error' : undefined}
							className="block w-24 rounded-md border-2 border-slate-500 bg-white px-3 py-2 aria-invalid:border-red-700"
						/>
						{perApplicationError ? (
							<p id="per-application-error" className="mt-1 font-semibold text-red-800">
								{t(perApplicationError as MessageKey)}
							</p>
						) : null}
					</div>
					<SubmitButton>{t('office.suggest.savePerApplication')}</SubmitButton>
				</Form>
				{data.scope.applicationId ? null : (
					<Form method="get" className="flex w-full min-w-0 flex-wrap items-end gap-3 rounded-md border border-slate-200 bg-white p-4 sm:w-auto">
						<div className="min-w-0 max-w-full">
							<label htmlFor="scope-school" className="block text-sm font-semibold">
								{t('office.suggest.school')}
							</label>
							<select
								id="scope-school"
								name="school"
								defaultValue={data.scope.school ?? ''}
								className="min-h-11 w-full max-w-full rounded-md border-2 border-slate-500 px-2"
							>
								<option value="">{t('office.suggest.anySchool')}</option>
								{data.schools.map((school) => (
									<option key={school.code} value={school.code}>
										{school.name}
									</option>
								))}
							</select>
						</div>
						<button type="submit" className="min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-800">
							{t('office.suggest.show')}
						</button>
					</Form>
				)}
			</div>

			<p role="status" className="text-lg">
				{data.rows.length === 0
					? t('office.suggest.noneNeeded', { n: number(data.perApplication) })
					: t('office.suggest.summary', { count: number(data.rows.length), full: number(full), short: number(short.length), n: number(data.perApplication) })}
			</p>

			{short.length > 0 ? (
				<section aria-labelledby="shortfalls" className="space-y-2 rounded-md border-s-4 border-amber-600 bg-amber-50 p-4">
					<h2 id="shortfalls" className="text-xl font-semibold">
						{t('office.suggest.shortTitle', { n: number(data.perApplication) })}
					</h2>
					<ul className="list-disc space-y-1 ps-6">
						{short.map((row) => (
							<li key={row.applicationId}>
								<Link to={`/office/applications/${row.applicationId}`} dir="ltr">
									{row.reference}
								</Link>
								{' — '}
								{row.shortfall!.reason === 'too_few_eligible'
									? t('office.suggest.short.too_few_eligible', { eligible: number(row.shortfall!.eligible), need: number(row.need) })
									: t('office.suggest.short.caps_reached', { eligible: number(row.shortfall!.eligible), need: number(row.need) })}
							</li>
						))}
					</ul>
				</section>
			) : null}

			{data.rows.length > 0 ? (
				<>
					{actionData && actionData.intent !== 'per-application' ? (
						<ErrorSummary
							formError={actionData.errors.form}
							items={Object.entries(actionData.errors)
								.filter(([name]) => name !== 'form')
								.map(([name, message]) => ({ name, message }))}
						/>
					) : null}
					<SuggestionTable
						action={`/office/calls/${data.call.id}/suggestions${scopeQuery}`}
						rows={data.rows}
						reviewers={data.reviewers}
						warnings={actionData?.warnings ?? data.warnings}
						actionData={actionData && actionData.intent !== 'per-application' ? actionData : null}
						defaultDueDate={data.defaultDueDate}
						minDueDate={data.minDueDate}
						timeZone={data.call.timeZone}
					/>
				</>
			) : null}
		</div>
	)
}
