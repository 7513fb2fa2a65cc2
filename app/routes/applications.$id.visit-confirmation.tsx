import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PlainDateInput } from '#app/components/forms/fields.tsx'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { VisitCancel } from '#app/components/visit-cancel.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { VisitError, confirmVisit, proposeDates, visitState } from '#app/domain/visits.server.ts'
import { newVerificationCode } from '#app/documents/invitation-letter.server.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'
import { formatDeadline, formatIsoDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { calls } from '#db/schema.ts'
import { eq } from 'drizzle-orm'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'visit.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	if (!['approved', 'visit_confirmed', 'completed'].includes(application.status)) throw redirect(`/applications/${application.id}`)
	const locale = await getLocale(request)
	const call = context.db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const state = visitState(context.db, application.id)
	const day = (iso: string) => formatIsoDate(iso, locale)
	return {
		id: application.id,
		reference: application.reference,
		status: application.status,
		version: application.version,
		confirmBy: application.confirmBy ? formatDeadline(application.confirmBy, locale, call.timeZone) : null,
		confirmByPassed: application.confirmBy ? application.confirmBy <= context.now() : false,
		window: { start: call.visitWindowStart, end: call.visitWindowEnd, min: call.minVisitDays, max: call.maxVisitDays, startText: day(call.visitWindowStart), endText: day(call.visitWindowEnd) },
		proposal: state.proposal ? { ...state.proposal, startText: day(state.proposal.start), endText: day(state.proposal.end) } : null,
		confirmed: state.confirmed ? { ...state.confirmed, startText: day(state.confirmed.start), endText: day(state.confirmed.end) } : null,
		hasLetter: Boolean(state.visit?.verificationCode),
	}
}

type ActionData = { errors: Record<string, string>; values: { start?: string; end?: string } }

const REFUSALS: Record<string, string> = {
	dates_invalid: 'visit.errors.dates',
	outside_window: 'visit.errors.window',
	too_short: 'visit.errors.tooShort',
	too_long: 'visit.errors.tooLong',
	not_approved: 'visit.errors.changed',
	nothing_to_confirm: 'visit.errors.changed',
	not_found: 'visit.errors.changed',
}

/** The applicant confirms the dates on the table, or proposes others inside the call's window. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	const form = await request.formData()
	const intent = form.get('intent')
	const now = context.now()
	const fail = (errors: Record<string, string>, values: ActionData['values'] = {}, status = 400) => data<ActionData>({ errors, values }, status)
	try {
		if (intent === 'confirm') {
			confirmVisit(context.db, context.config, {
				applicationId: application.id,
				by: 'applicant',
				actor: user,
				now,
				verificationCode: newVerificationCode(),
				expectedVersion: Number(form.get('version')),
			})
			return redirect(`/applications/${application.id}/visit-confirmation?notice=confirmed`)
		}
		if (intent === 'cancel-visit') {
			const reason = String(form.get('reason') ?? '').trim().slice(0, 2000)
			if (!reason) return fail({ reason: 'office.visits.errors.reasonRequired' })
			changeStatus(context.db, { applicationId: application.id, to: 'cancelled', actor: user, expectedVersion: Number(form.get('version')), note: reason, now, settings: context.config })
			return redirect(`/applications/${application.id}`)
		}
		if (intent === 'propose') {
			const start = normaliseDigits(String(form.get('start') ?? '').trim())
			const end = normaliseDigits(String(form.get('end') ?? '').trim())
			proposeDates(context.db, { applicationId: application.id, start, end, by: 'applicant', actor: user, now })
			return redirect(`/applications/${application.id}/visit-confirmation?notice=proposed`)
		}
	} catch (error) {
		if (error instanceof VisitError) {
			const key = REFUSALS[error.reason] ?? 'visit.errors.changed'
			const values = { start: String(form.get('start') ?? ''), end: String(form.get('end') ?? '') }
			return intent === 'propose' && error.reason !== 'not_approved' ? fail({ start: key }, values) : fail({ form: key }, values, 409)
		}
		if (isConflictError(error) || isTransitionError(error)) return fail({ form: 'visit.errors.changed' }, {}, 409)
		throw error
	}
	return fail({ form: 'errors.unknownAction' })
}

export default function Visit() {
	const { t } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() ?? null
	const [searchParams] = useSearchParams()
	const notice = searchParams.get('notice')
	const errors = actionData?.errors ?? {}
	const awaitingOffice = data.proposal?.by === 'applicant'
	return (
		<NarrowPage>
			<p className="mb-4">
				<Link to={`/applications/${data.id}`}>{t('visit.back', { reference: data.reference })}</Link>
			</p>
			<PageHeading title={data.confirmed ? t('visit.confirmedTitle') : t('visit.title')} lead={t('visit.lead', { reference: data.reference })} />
			<ErrorSummary formError={errors.form} items={Object.entries(errors).filter(([name]) => name !== 'form').map(([name, message]) => ({ name, message }))} />
			{notice ? (
				<Panel tone="success">
					<p role="status">{t(notice === 'confirmed' ? 'visit.done.confirmed' : 'visit.done.proposed')}</p>
				</Panel>
			) : null}
			<p className="mb-6">
				<Link to={`/applications/${data.id}/follow-up`}>{t('followUp.link')}</Link>
			</p>

			{data.confirmed ? (
				<section aria-labelledby="confirmed-title" className="space-y-3">
					<h2 id="confirmed-title" className="text-2xl font-semibold">
						{t('visit.confirmedDates')}
					</h2>
					<p className="text-lg">{t('visit.dates', { start: data.confirmed.startText.text, end: data.confirmed.endText.text })}</p>
					{data.hasLetter ? (
						<p>
							<a href={`/applications/${data.id}/invitation-letter.pdf`} download>
								{t('visit.downloadLetter')}
							</a>
						</p>
					) : null}
					{data.status === 'visit_confirmed' ? <VisitCancel version={data.version} error={errors.reason} /> : null}
				</section>
			) : (
				<>
					{data.confirmBy ? (
						<Panel tone={data.confirmByPassed ? 'warning' : 'info'}>
							<p className="text-lg font-semibold">{t(data.confirmByPassed ? 'visit.confirmByPassed' : 'visit.confirmBy', { date: data.confirmBy.text })}</p>
						</Panel>
					) : null}
					{data.proposal ? (
						<section aria-labelledby="dates-title" className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
							<h2 id="dates-title" className="text-2xl font-semibold">
								{t(awaitingOffice ? 'visit.yourProposal' : data.proposal.by === 'office' ? 'visit.officeProposal' : 'visit.applicationDates')}
							</h2>
							<p className="text-lg">{t('visit.dates', { start: data.proposal.startText.text, end: data.proposal.endText.text })}</p>
							{awaitingOffice ? (
								<p>{t('visit.awaitingOffice')}</p>
							) : (
								<Form method="post">
									<input type="hidden" name="intent" value="confirm" />
									<input type="hidden" name="version" value={data.version} />
									<SubmitButton>{t('visit.confirm')}</SubmitButton>
								</Form>
							)}
						</section>
					) : null}
					<section aria-labelledby="propose-title" className="mt-6 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
						<h2 id="propose-title" className="text-xl font-semibold">
							{t('visit.proposeTitle')}
						</h2>
						<p>{t('visit.proposeLead', { start: data.window.startText.text, end: data.window.endText.text, min: String(data.window.min), max: String(data.window.max) })}</p>
						<Form method="post" noValidate className="space-y-4">
							<input type="hidden" name="intent" value="propose" />
							<PlainDateInput name="start" label={t('visit.start')} error={errors.start} defaultValue={actionData?.values.start} min={data.window.start} />
							<PlainDateInput name="end" label={t('visit.end')} defaultValue={actionData?.values.end} min={data.window.start} />
							<SubmitButton>{t('visit.propose')}</SubmitButton>
						</Form>
					</section>
				</>
			)}
		</NarrowPage>
	)
}
