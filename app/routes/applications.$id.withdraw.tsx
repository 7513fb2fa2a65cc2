import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { nextStatuses } from '#app/domain/lifecycle/transitions.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'withdraw.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	if (!nextStatuses(application.status, 'applicant').includes('withdrawn')) throw redirect(`/applications/${application.id}`)
	return { id: application.id, reference: application.reference, version: application.version }
}

/** Withdrawing asks once more, with an optional reason, then goes through the lifecycle engine. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	const formData = await request.formData()
	const reason = String(formData.get('reason') ?? '').trim().slice(0, 2000)
	try {
		changeStatus(context.db, {
			applicationId: application.id,
			to: 'withdrawn',
			actor: user,
			expectedVersion: Number(formData.get('version')),
			note: reason || null,
			now: context.now(),
			settings: context.config,
		})
	} catch (error) {
		if (isConflictError(error) || isTransitionError(error)) return data({ refused: true }, 409)
		throw error
	}
	return redirect(`/applications/${application.id}?withdrawn=1`)
}

export default function Withdraw() {
	const { t } = useTranslate()
	const { id, reference, version } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<NarrowPage>
			<PageHeading title={t('withdraw.title')} lead={t('withdraw.lead', { reference })} />
			{actionData?.refused ? (
				<Panel tone="warning">
					<p role="alert">{t('withdraw.refused')}</p>
				</Panel>
			) : null}
			<Form method="post" className="mt-6 space-y-5">
				<input type="hidden" name="version" value={version} />
				<div className="space-y-1">
					<label htmlFor="field-reason" className="block font-semibold">
						{t('withdraw.reason')}
					</label>
					<p id="field-reason-hint" className="text-sm text-slate-600">
						{t('withdraw.reasonHint')}
					</p>
					<textarea id="field-reason" name="reason" rows={4} aria-describedby="field-reason-hint" className="block w-full rounded-md border-2 border-slate-500 bg-white px-3 py-2" />
				</div>
				<div className="flex flex-wrap items-center gap-6">
					<SubmitButton>{t('withdraw.confirm')}</SubmitButton>
					<Link to={`/applications/${id}`}>{t('withdraw.cancel')}</Link>
				</div>
			</Form>
		</NarrowPage>
	)
}
