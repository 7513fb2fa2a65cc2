import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ApplicationSummary } from '#app/components/application-summary.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { summariseApplication } from '#app/domain/application-summary.server.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { submissionProblems } from '#app/domain/submission.server.ts'
import { submitApplication } from '#app/domain/submit.server.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { submissionDeadline } from '#app/domain/lifecycle/change-status.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'submit.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	if (!['draft', 'changes_requested'].includes(application.status)) throw redirect(`/applications/${application.id}`)
	const locale = await getLocale(request)
	const state = wizardState(context.db, context.config, application)
	const problems = context.db.transaction((tx) =>
		submissionProblems(tx, application, state.call, { hostEmailDomains: context.config.hostEmailDomains }),
	)
	const deadline = application.status === 'changes_requested' && application.replyBy ? application.replyBy : submissionDeadline(application, state.call)
	return {
		id: application.id,
		reference: application.reference,
		version: application.version,
		resubmission: application.status === 'changes_requested',
		deadline: formatDeadline(deadline, locale, state.call.timeZone),
		sections: summariseApplication(state.saved, state.documents, locale),
		problems,
	}
}

type Refusal = { errors: Record<string, string>; refusal: string | null }

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	const formData = await request.formData()
	const errors: Record<string, string> = {}
	if (formData.get('accuracy') !== 'yes') errors.accuracy = 'submit.declarations.accuracyRequired'
	if (formData.get('consent') !== 'yes') errors.consent = 'submit.declarations.consentRequired'
	if (Object.keys(errors).length > 0) return data<Refusal>({ errors, refusal: null }, 400)
	try {
		submitApplication(context, user, { applicationId: application.id, expectedVersion: Number(formData.get('version')) })
	} catch (error) {
		if (isConflictError(error)) {
			// A second click or another tab: the first one went through (or something else changed it); show it.
			return redirect(`/applications/${application.id}`)
		}
		if (isTransitionError(error)) {
			return data<Refusal>({ errors: {}, refusal: error.reason }, error.reason === 'deadline_passed' || error.reason === 'reply_by_passed' ? 409 : 400)
		}
		throw error
	}
	return redirect(`/applications/${application.id}/submitted`)
}

export default function ReviewAndSubmit() {
	const { t } = useTranslate()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const stepTitle = (step: string) => t(`wizard.step.${step}.title` as MessageKey)
	const declarationErrors = Object.entries(actionData?.errors ?? {}).map(([name, message]) => ({ name, message }))
	return (
		<div className="max-w-3xl space-y-8">
			<p>
				<Link to={`/applications/${loaderData.id}`}>{t('wizard.backToOverview', { reference: loaderData.reference })}</Link>
			</p>
			<PageHeading title={t('submit.title')} lead={t('submit.lead')}>
				<p className="text-sm font-semibold text-slate-600">{t('wizard.stepOf', { number: 6, total: 6 })}</p>
			</PageHeading>

			{actionData?.refusal ? (
				<div role="alert" className="rounded-md border-4 border-red-700 bg-white p-4">
					<h2 className="text-lg font-bold">{t('submit.refused.title')}</h2>
					<p>{t(`submit.refused.${actionData.refusal}` as MessageKey, { deadline: loaderData.deadline.text })}</p>
				</div>
			) : null}

			{loaderData.problems.length > 0 ? (
				<section aria-labelledby="problems" className="rounded-md border-4 border-red-700 bg-white p-4">
					<h2 id="problems" className="text-lg font-bold">
						{t('submit.problems.title', { count: loaderData.problems.length })}
					</h2>
					<ul className="mt-2 space-y-1">
						{loaderData.problems.map((problem) => (
							<li key={`${problem.step}-${problem.field}`}>
								<Link to={`/applications/${loaderData.id}/${problem.step}#${problem.field === 'cv' ? 'file-cv' : `field-${problem.field}`}`} className="font-semibold text-red-800">
									{stepTitle(problem.step)}: {t(problem.message as MessageKey)}
								</Link>
							</li>
						))}
					</ul>
				</section>
			) : null}

			<ApplicationSummary sections={loaderData.sections} changeHref={(step) => `/applications/${loaderData.id}/${step}`} />

			<Form method="post" className="space-y-5 rounded-md border border-slate-200 bg-white p-5">
				<ErrorSummary items={declarationErrors} />
				<input type="hidden" name="version" value={loaderData.version} />
				<h2 className="text-2xl font-semibold">{t('submit.declarations.title')}</h2>
				{(['accuracy', 'consent'] as const).map((name) => (
					<div key={name} className="space-y-1">
						{actionData?.errors && name in actionData.errors ? (
							<p id={`field-${name}-error`} className="font-semibold text-red-800">
								{t(actionData.errors[name] as MessageKey)}
							</p>
						) : null}
						<label className="flex items-start gap-3">
							<input
								id={`field-${name}`}
								type="checkbox"
								name={name}
								value="yes"
								className="mt-1 size-5 shrink-0"
								aria-describedby={actionData?.errors && name in actionData.errors ? `field-${name}-error` : undefined}
							/>
							<span>{t(`submit.declarations.${name}`)}</span>
						</label>
					</div>
				))}
				<p className="text-slate-700">
					{t(loaderData.resubmission ? 'submit.replyBy' : 'submit.deadline', { deadline: loaderData.deadline.text })}
					{loaderData.deadline.gregorian ? ` (${t('home.calls.gregorian', { date: loaderData.deadline.gregorian })})` : ''}
				</p>
				<SubmitButton>{t(loaderData.resubmission ? 'submit.resubmit' : 'submit.submit')}</SubmitButton>
			</Form>
		</div>
	)
}
