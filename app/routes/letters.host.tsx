import {
	data,
	redirect,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { z } from 'zod'
import { LetterFacts, LetterLinkProblem, LetterThanks } from '#app/components/letter-page.tsx'
import { TextAreaField } from '#app/components/forms/fields.tsx'
import { fieldError, SubmitButton, useErrorMessage, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { answerAsHost, findLetterAccess, letterFacts, LINK_PROBLEM_STATUS, type LinkProblem } from '#app/domain/letters.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'

/**
 * The proposed host's page, reached from the private link in their email (no account): endorse the visit or
 * decline, with a short statement and whether (and how) they know the applicant personally. The applicant learns
 * only the answer's state, never the statement.
 */

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'letters.host.title')

const PRIVATE = { 'Cache-Control': 'private, no-store' }
export const headers: HeadersFunction = () => PRIVATE

export const STATEMENT_MAX = 2000
export const HOW_KNOWN_MAX = 1000

/** The host's answer, checked by the browser and again by the action. */
export const HostAnswerSchema = z
	.object({
		decision: z.enum(['endorsed', 'declined'], { error: 'letters.errors.decision.required' }),
		statement: z
			.string({ error: 'letters.errors.statement.required' })
			.trim()
			.min(1, 'letters.errors.statement.required')
			.max(STATEMENT_MAX, 'letters.errors.statement.tooLong'),
		knowsApplicant: z.enum(['yes', 'no'], { error: 'letters.errors.knows.required' }),
		howKnown: z.string().trim().max(HOW_KNOWN_MAX, 'letters.errors.howKnown.tooLong').optional(),
	})
	.superRefine((value, ctx) => {
		if (value.knowsApplicant === 'yes' && !value.howKnown) {
			ctx.addIssue({ code: 'custom', path: ['howKnown'], message: 'letters.errors.howKnown.required' })
		}
	})

const FIELDS = ['decision', 'statement', 'knowsApplicant', 'howKnown']
const DONE = ['endorsed', 'declined'] as const
type Done = (typeof DONE)[number]

type ActionResult = { kind: 'problem'; problem: LinkProblem } | ({ kind: 'invalid' } & FormFailure)

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const done = url.searchParams.get('done')
	if (!url.searchParams.has('token') && DONE.includes(done as Done)) {
		return data({ state: 'done' as const, done: done as Done }, { headers: PRIVATE })
	}
	const found = findLetterAccess(context.db, { token: tokenOf(request), role: 'host', now: context.now() })
	if (!found.ok) {
		return data({ state: 'problem' as const, problem: found.problem }, { status: LINK_PROBLEM_STATUS[found.problem], headers: PRIVATE })
	}
	const locale = await getLocale(request)
	return data(
		{ state: 'open' as const, token: tokenOf(request), hostName: found.access.host!.name, facts: letterFacts(found.access, locale) },
		{ headers: PRIVATE },
	)
}

export async function action({ request, context }: ActionFunctionArgs) {
	const token = tokenOf(request)
	const now = context.now()
	const found = findLetterAccess(context.db, { token, role: 'host', now })
	if (!found.ok) return data<ActionResult>({ kind: 'problem', problem: found.problem }, LINK_PROBLEM_STATUS[found.problem])
	const parsed = parseForm(HostAnswerSchema, await request.formData())
	if (!parsed.success) return data<ActionResult>({ kind: 'invalid', errors: parsed.errors, values: parsed.values }, 400)
	const { decision, statement, knowsApplicant, howKnown } = parsed.data
	const answer = answerAsHost(context.db, context.config, {
		token,
		answer: { decision, statement, knowsApplicant: knowsApplicant === 'yes', howKnown: howKnown || null },
		now,
	})
	if (!answer.ok) return data<ActionResult>({ kind: 'problem', problem: answer.problem }, LINK_PROBLEM_STATUS[answer.problem])
	return redirect(`/letters/host?done=${decision}`)
}

function RadioGroup({
	name,
	legend,
	options,
	error,
	checked,
	registration,
}: {
	name: string
	legend: ReactNode
	options: { value: string; label: string }[]
	error?: string
	checked?: string
	registration: UseFormRegisterReturn
}) {
	const message = useErrorMessage()
	return (
		<fieldset
			id={`field-${name}`}
			aria-describedby={error ? `field-${name}-error` : undefined}
			className={`space-y-2 ${error ? 'border-s-4 border-red-700 ps-3' : ''}`}
		>
			<legend className="font-semibold text-slate-900">{legend}</legend>
			{error ? (
				<p id={`field-${name}-error`} className="font-semibold text-red-800">
					{message(error)}
				</p>
			) : null}
			{options.map((option) => (
				<label key={option.value} className="flex items-center gap-2">
					<input type="radio" value={option.value} defaultChecked={checked === option.value} className="size-5" {...registration} />
					{option.label}
				</label>
			))}
		</fieldset>
	)
}

export default function HostEndorsementPage() {
	const { t } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	const form = useValidatedForm(HostAnswerSchema as never, { serverErrors: result?.kind === 'invalid' ? result.errors : undefined })
	if (result?.kind === 'problem') return <LetterLinkProblem problem={result.problem} />
	if (page.state === 'problem') return <LetterLinkProblem problem={page.problem} />
	if (page.state === 'done') {
		return <LetterThanks title={t(`letters.host.done.${page.done}.title`)} body={t(`letters.host.done.${page.done}.body`)} />
	}
	const posted = result?.kind === 'invalid' ? result.values : {}
	const err = (name: string) => fieldError(form as never, name)
	const reg = (name: string) => form.register(name as never)
	return (
		<div className="max-w-2xl space-y-8">
			<PageHeading title={t('letters.host.title')} lead={t('letters.host.lead', { name: page.hostName, applicant: page.facts.applicantName })} />
			<LetterFacts facts={page.facts} />
			<Panel>
				<p>{t('letters.host.confidential')}</p>
			</Panel>
			<ValidatedForm form={form as never} fieldOrder={FIELDS} action={`/letters/host?token=${encodeURIComponent(page.token)}`} className="space-y-6">
				<RadioGroup
					name="decision"
					legend={t('letters.host.decision.legend')}
					options={[
						{ value: 'endorsed', label: t('letters.host.decision.endorsed') },
						{ value: 'declined', label: t('letters.host.decision.declined') },
					]}
					error={err('decision')}
					checked={posted.decision}
					registration={reg('decision')}
				/>
				<TextAreaField
					label={t('letters.host.statement.label')}
					hint={t('letters.host.statement.hint')}
					error={err('statement')}
					defaultValue={posted.statement}
					maxLength={STATEMENT_MAX}
					registration={reg('statement')}
				/>
				<RadioGroup
					name="knowsApplicant"
					legend={t('letters.host.knows.legend')}
					options={[
						{ value: 'yes', label: t('letters.host.knows.yes') },
						{ value: 'no', label: t('letters.host.knows.no') },
					]}
					error={err('knowsApplicant')}
					checked={posted.knowsApplicant}
					registration={reg('knowsApplicant')}
				/>
				<TextAreaField
					label={t('letters.host.howKnown.label')}
					hint={t('letters.host.howKnown.hint')}
					error={err('howKnown')}
					defaultValue={posted.howKnown}
					maxLength={HOW_KNOWN_MAX}
					registration={reg('howKnown')}
				/>
				<SubmitButton>{t('letters.host.submit')}</SubmitButton>
			</ValidatedForm>
		</div>
	)
}
