import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { FactList, LetterLinkProblem, LetterThanks } from '#app/components/letter-page.tsx'
import { TextAreaField } from '#app/components/forms/fields.tsx'
import { fieldError, SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { LINK_PROBLEM_STATUS, type LinkProblem } from '#app/domain/letters.server.ts'
import { findHostFeedbackAccess, saveHostFeedback } from '#app/domain/visit-report.server.ts'
import { FEEDBACK_MAX, HostFeedbackSchema } from '#app/schemas/after-visit.ts'
import { formatIsoDate, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'

/**
 * The host's feedback after a completed visit, reached from the private link in the completion email (no account).
 * One answer per link; only the office reads it, on its file of the application.
 */

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'hostFeedback.title')

const PRIVATE = { 'Cache-Control': 'private, no-store' }
export const headers: HeadersFunction = () => PRIVATE

type ActionResult = { kind: 'problem'; problem: LinkProblem } | ({ kind: 'invalid' } & FormFailure)

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	if (!url.searchParams.has('token') && url.searchParams.get('done') === '1') return data({ state: 'done' as const }, { headers: PRIVATE })
	const found = findHostFeedbackAccess(context.db, { token: tokenOf(request), now: context.now() })
	if (!found.ok) return data({ state: 'problem' as const, problem: found.problem }, { status: LINK_PROBLEM_STATUS[found.problem], headers: PRIVATE })
	const locale = await getLocale(request)
	const { access } = found
	const day = (iso: string | null) => (iso ? formatIsoDate(iso, locale).text : '—')
	return data(
		{
			state: 'open' as const,
			token: tokenOf(request),
			hostName: access.hostName,
			visitorName: access.visitorName,
			facts: [
				['hostFeedback.visitor', access.visitorName],
				['hostFeedback.institution', access.institution],
				['hostFeedback.reference', access.reference],
				['hostFeedback.dates', `${day(access.startDate)} – ${day(access.endDate)}`],
			] as const,
			maxChars: formatNumber(FEEDBACK_MAX, locale),
		},
		{ headers: PRIVATE },
	)
}

export async function action({ request, context }: ActionFunctionArgs) {
	const token = tokenOf(request)
	const now = context.now()
	const found = findHostFeedbackAccess(context.db, { token, now })
	if (!found.ok) return data<ActionResult>({ kind: 'problem', problem: found.problem }, LINK_PROBLEM_STATUS[found.problem])
	const parsed = parseForm(HostFeedbackSchema, await request.formData())
	if (!parsed.success) return data<ActionResult>({ kind: 'invalid', errors: parsed.errors, values: parsed.values }, 400)
	const saved = saveHostFeedback(context.db, { token, feedback: parsed.data.feedback, now })
	if (!saved.ok) return data<ActionResult>({ kind: 'problem', problem: saved.problem }, LINK_PROBLEM_STATUS[saved.problem])
	return redirect('/visits/host-feedback?done=1')
}

export default function HostFeedbackPage() {
	const { t } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const form = useValidatedForm(HostFeedbackSchema as never, { serverErrors: result?.kind === 'invalid' ? result.errors : undefined })
	if (result?.kind === 'problem') return <LetterLinkProblem problem={result.problem} />
	if (page.state === 'problem') return <LetterLinkProblem problem={page.problem} />
	if (page.state === 'done') return <LetterThanks title={t('hostFeedback.done.title')} body={t('hostFeedback.done.body')} />
	const posted = result?.kind === 'invalid' ? result.values : {}
	return (
		<div className="max-w-2xl space-y-8">
			<PageHeading title={t('hostFeedback.title')} lead={t('hostFeedback.lead', { name: page.hostName, visitor: page.visitorName })} />
			<FactList rows={page.facts.map(([term, value]) => [t(term), value] as const)} />
			<ValidatedForm form={form as never} fieldOrder={['feedback']} action={`/visits/host-feedback?token=${encodeURIComponent(page.token)}`} className="space-y-6">
				<TextAreaField
					label={t('hostFeedback.feedback')}
					hint={t('hostFeedback.feedbackHint', { max: page.maxChars })}
					error={fieldError(form as never, 'feedback')}
					defaultValue={posted.feedback}
					maxLength={FEEDBACK_MAX}
					rows={8}
					registration={form.register('feedback' as never)}
				/>
				<SubmitButton>{t('hostFeedback.submit')}</SubmitButton>
			</ValidatedForm>
		</div>
	)
}
