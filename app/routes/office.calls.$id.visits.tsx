import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { PlainTextArea } from '#app/components/forms/fields.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { instantToZonedDate } from '#app/domain/time.ts'
import { unconfirmedApprovals } from '#app/domain/visit-jobs.server.ts'
import { formatDeadline, formatIsoDate, type DualDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Db } from '#db/client.ts'
import { applications, users, visits, type ApplicationStatus } from '#db/schema.ts'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.visits.title')

const dual = (date: DualDate) => (date.gregorian ? `${date.text} (${date.gregorian})` : date.text)

/** Statuses a confirmed visit can be in: still ahead, done, or called off after it was confirmed. */
const VISIT_STATUSES: ApplicationStatus[] = ['visit_confirmed', 'completed', 'cancelled']

/** The call's confirmed visits (confirmed dates on the visits row), soonest first. */
function confirmedVisits(db: Db, callId: number) {
	return db
		.select({
			applicationId: applications.id,
			reference: applications.reference,
			status: applications.status,
			version: applications.version,
			visitorName: users.name,
			startDate: visits.startDate,
			endDate: visits.endDate,
		})
		.from(applications)
		.innerJoin(users, eq(users.id, applications.applicantId))
		.innerJoin(visits, eq(visits.applicationId, applications.id))
		.where(and(eq(applications.callId, callId), inArray(applications.status, VISIT_STATUSES), isNotNull(visits.confirmedAt)))
		.orderBy(asc(visits.startDate), asc(applications.reference))
		.all()
}

/** The visit has ended: the call's time zone is past its end date (the whole end day counts as the visit). */
const visitEnded = (endDate: string | null, now: Date, timeZone: string) => endDate !== null && instantToZonedDate(now, timeZone) > endDate

/** Who has not confirmed an approval (and, once the date has passed, cancelling it), and the confirmed visits. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'applications:decide' })
	const locale = await getLocale(request)
	const { db } = context
	const call = requireCall(db, params.id)
	const now = context.now()
	const versions = new Map(
		db
			.select({ id: applications.id, version: applications.version })
			.from(applications)
			.where(and(eq(applications.callId, call.id), eq(applications.status, 'approved')))
			.all()
			.map((row) => [row.id, row.version] as const),
	)
	return {
		callId: call.id,
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		unconfirmed: unconfirmedApprovals(db, call.id, now).map((row) => ({
			applicationId: row.applicationId,
			reference: row.reference,
			applicantName: row.applicantName,
			applicantEmail: row.applicantEmail,
			confirmBy: row.confirmBy ? dual(formatDeadline(row.confirmBy, locale, call.timeZone)) : null,
			passed: row.passed,
			waitingFor: row.waitingFor,
			version: versions.get(row.applicationId) ?? 0,
		})),
		visits: confirmedVisits(db, call.id).map((row) => ({
			...row,
			startText: row.startDate ? dual(formatIsoDate(row.startDate, locale)) : null,
			endText: row.endDate ? dual(formatIsoDate(row.endDate, locale)) : null,
			ended: visitEnded(row.endDate, now, call.timeZone),
		})),
	}
}

type Intent = 'cancel-approval' | 'complete' | 'cancel-visit'
const INTENTS: readonly Intent[] = ['cancel-approval', 'complete', 'cancel-visit']

export type VisitAdminActionData = { applicationId: number; intent: string; errors: { reason?: string; form?: string }; reason: string }

/**
 * One move per form: cancel an approval not confirmed by its date (so the place can go to the waiting list), mark a
 * confirmed visit completed once its end date has passed, or cancel a confirmed visit. Each through the lifecycle
 * engine with the version the page showed.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'applications:decide' })
	const { db, config } = context
	const call = requireCall(db, params.id)
	const form = await request.formData()
	const intent = String(form.get('intent') ?? '')
	const applicationId = Number(form.get('applicationId'))
	const reason = String(form.get('reason') ?? '')
		.trim()
		.slice(0, 2000)
	const fail = (errors: VisitAdminActionData['errors'], status: number) =>
		data<VisitAdminActionData>({ applicationId, intent, errors, reason }, status)
	if (!INTENTS.includes(intent as Intent)) return fail({ form: 'errors.unknownAction' }, 400)
	const application = Number.isInteger(applicationId)
		? db
				.select()
				.from(applications)
				.where(and(eq(applications.id, applicationId), eq(applications.callId, call.id)))
				.get()
		: undefined
	if (!application) throw new Response(null, { status: 404 })
	const now = context.now()
	const expectedVersion = Number(form.get('version'))
	if (application.version !== expectedVersion) return fail({ form: 'office.visits.errors.changed' }, 409)

	if (intent === 'cancel-approval') {
		if (application.status !== 'approved') return fail({ form: 'office.visits.errors.changed' }, 409)
		if (!application.confirmBy || now < application.confirmBy) return fail({ form: 'office.visits.errors.notPassed' }, 400)
	} else {
		if (application.status !== 'visit_confirmed') return fail({ form: 'office.visits.errors.changed' }, 409)
		if (intent === 'complete') {
			const visit = db.select({ endDate: visits.endDate }).from(visits).where(eq(visits.applicationId, application.id)).get()
			if (!visitEnded(visit?.endDate ?? null, now, call.timeZone)) return fail({ form: 'office.visits.errors.notEnded' }, 400)
		}
	}
	if (intent !== 'complete' && !reason) return fail({ reason: 'office.visits.errors.reasonRequired' }, 400)

	try {
		changeStatus(db, {
			applicationId: application.id,
			to: intent === 'complete' ? 'completed' : 'cancelled',
			actor,
			expectedVersion,
			note: intent === 'complete' ? null : reason,
			now,
			settings: config,
		})
	} catch (error) {
		if (isConflictError(error) || isTransitionError(error)) return fail({ form: 'office.visits.errors.changed' }, 409)
		throw error
	}
	return redirect(`/office/calls/${call.id}/visits?done=${intent}`)
}

const NOTICES: Record<string, 'office.visits.done.cancelApproval' | 'office.visits.done.complete' | 'office.visits.done.cancelVisit'> = {
	'cancel-approval': 'office.visits.done.cancelApproval',
	complete: 'office.visits.done.complete',
	'cancel-visit': 'office.visits.done.cancelVisit',
}

/** A row's form: the intent, the application and its version, and (for a cancellation) the required reason. */
function RowForm({ intent, applicationId, version, withReason, label }: { intent: Intent; applicationId: number; version: number; withReason: boolean; label: string }) {
	const { t } = useTranslate()
	const actionData = useActionData<typeof action>()
	const mine = actionData && actionData.applicationId === applicationId && actionData.intent === intent ? actionData : null
	const message = mine?.errors.form
	return (
		<Form method="post" noValidate className="space-y-3">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="applicationId" value={applicationId} />
			<input type="hidden" name="version" value={version} />
			{message ? (
				<p role="alert" className="font-semibold text-red-800">
					{t(message as 'office.visits.errors.changed')}
				</p>
			) : null}
			{withReason ? (
				<PlainTextArea name="reason" fieldId={`${intent}-${applicationId}-reason`} label={t('office.visits.reason')} error={mine?.errors.reason} defaultValue={mine?.reason} rows={3} />
			) : null}
			<SubmitButton>{label}</SubmitButton>
		</Form>
	)
}

/** One application on the page: its reference (linking to the office's file) and the person's name, then `children`. */
function VisitCard({ applicationId, reference, name, children }: { applicationId: number; reference: string; name: string; children: ReactNode }) {
	return (
		<li className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
			<h3 className="text-xl font-semibold">
				<Link to={`/office/applications/${applicationId}`} dir="ltr">
					{reference}
				</Link>
				{': '}
				{name}
			</h3>
			{children}
		</li>
	)
}

export default function CallVisits() {
	const { t } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const [searchParams] = useSearchParams()
	const notice = NOTICES[searchParams.get('done') ?? '']
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/office/calls/${page.callId}`}>{t('office.application.back', { call: page.callTitle })}</Link>
			</p>
			<PageHeading title={t('office.visits.title')} lead={page.callTitle} />
			{notice ? (
				<Panel tone="success">
					<p role="status">{t(notice)}</p>
				</Panel>
			) : null}

			<section aria-labelledby="unconfirmed-title" className="space-y-4">
				<h2 id="unconfirmed-title" className="text-2xl font-semibold">
					{t('office.visits.unconfirmed')}
				</h2>
				{page.unconfirmed.length === 0 ? (
					<p>{t('office.visits.noUnconfirmed')}</p>
				) : (
					<ul className="space-y-4">
						{page.unconfirmed.map((row) => (
							<VisitCard key={row.applicationId} applicationId={row.applicationId} reference={row.reference} name={row.applicantName}>
								<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
									<dt className="font-semibold">{t('office.visits.confirmBy')}</dt>
									<dd>
										{row.confirmBy ?? t('office.visits.noDate')}
										{row.passed ? <strong className="ms-2 text-red-800">{t('office.visits.passed')}</strong> : null}
									</dd>
									<dt className="font-semibold">{t('office.visits.waitingFor')}</dt>
									<dd>{t(row.waitingFor === 'office' ? 'office.visits.waitingForOffice' : 'office.visits.waitingForApplicant')}</dd>
								</dl>
								{row.passed ? (
									<RowForm intent="cancel-approval" applicationId={row.applicationId} version={row.version} withReason label={t('office.visits.cancelApproval')} />
								) : null}
							</VisitCard>
						))}
					</ul>
				)}
			</section>

			<section aria-labelledby="confirmed-title" className="space-y-4">
				<h2 id="confirmed-title" className="text-2xl font-semibold">
					{t('office.visits.confirmed')}
				</h2>
				{page.visits.length === 0 ? (
					<p>{t('office.visits.noConfirmed')}</p>
				) : (
					<ul className="space-y-4">
						{page.visits.map((row) => (
							<VisitCard key={row.applicationId} applicationId={row.applicationId} reference={row.reference} name={row.visitorName}>
								<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
									<dt className="font-semibold">{t('office.visits.dates')}</dt>
									<dd>{t('office.visits.dateRange', { start: row.startText ?? '—', end: row.endText ?? '—' })}</dd>
									<dt className="font-semibold">{t('office.visits.status')}</dt>
									<dd>{t(`status.${row.status}`)}</dd>
								</dl>
								{row.status === 'visit_confirmed' ? (
									<div className="grid gap-6 md:grid-cols-2">
										{row.ended ? (
											<RowForm intent="complete" applicationId={row.applicationId} version={row.version} withReason={false} label={t('office.visits.complete')} />
										) : (
											<p>{t('office.visits.completeAfter', { date: row.endText ?? '—' })}</p>
										)}
										<RowForm intent="cancel-visit" applicationId={row.applicationId} version={row.version} withReason label={t('office.visits.cancelVisit')} />
									</div>
								) : null}
							</VisitCard>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}
