import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { CallForm } from '#app/components/office/call-form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { callEditState, callFormValues, parseCallForm, updateCall, visitBounds } from '#app/domain/call-editing.server.ts'
import { formatIsoDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { formValues, type FormFailure } from '#app/schemas/parse.ts'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.callForm.editTitle')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:write' })
	const locale = await getLocale(request)
	const call = requireCall(context.db, params.id)
	const state = callEditState(context.db, call.id)
	const bounds = visitBounds(state.visits)
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn },
		values: callFormValues(call),
		yearLocked: state.hasApplications,
		/** Once applications have been submitted, what an edit must leave room for (the page says so before a refusal). */
		submitted:
			state.submitted > 0
				? {
						referees: call.refereesRequired,
						visits: bounds
							? { start: formatIsoDate(bounds.start, locale).text, end: formatIsoDate(bounds.end, locale).text, min: bounds.minDays, max: bounds.maxDays }
							: null,
					}
				: null,
	}
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'calls:write' })
	const call = requireCall(context.db, params.id)
	const formData = await request.formData()
	const parsed = parseCallForm(formData)
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	const result = updateCall(context.db, { callId: call.id, input: parsed.data, actor, now: context.now() })
	if (!result.ok) {
		if (result.reason === 'not_found') throw new Response(null, { status: 404 })
		return data<FormFailure>({ errors: result.errors, values: formValues(formData) }, 400)
	}
	return redirect(`/office/calls/${call.id}/edit?saved=1`)
}

export default function EditCall() {
	const { t } = useTranslate()
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const notice = actionData ? null : searchParams.get('created') ? 'created' : searchParams.get('saved') ? 'saved' : null
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/office/calls/${loaded.call.id}`}>{t('office.callForm.back', { call: loaded.call.title })}</Link>
			</p>
			<PageHeading title={t('office.callForm.editTitle')} lead={loaded.call.title}>
				<ul className="flex flex-wrap gap-x-6 gap-y-1">
					<li>
						<Link to={`/office/calls/${loaded.call.id}/rubric`}>{t('office.calls.rubric')}</Link>
					</li>
				</ul>
			</PageHeading>
			{notice ? (
				<Panel tone="success">
					<p role="status">{t(notice === 'created' ? 'office.callForm.created' : 'office.callForm.saved')}</p>
				</Panel>
			) : null}
			{loaded.submitted ? (
				<Panel tone="warning">
					<h2 className="font-semibold">{t('office.callForm.submitted.title')}</h2>
					<p className="mt-1">{t('office.callForm.submitted.body')}</p>
					<ul className="mt-2 list-disc space-y-1 ps-6">
						<li>{t('office.callForm.submitted.referees', { count: loaded.submitted.referees })}</li>
						{loaded.submitted.visits ? <li>{t('office.callForm.submitted.window', loaded.submitted.visits)}</li> : null}
						<li>{t('office.callForm.submitted.deadlines')}</li>
						<li>{t('office.callForm.submitted.opens')}</li>
					</ul>
				</Panel>
			) : null}
			<CallForm
				values={actionData?.values ?? loaded.values}
				serverErrors={actionData?.errors}
				submitLabel={t('office.callForm.save')}
				yearLocked={loaded.yearLocked}
			/>
		</div>
	)
}
