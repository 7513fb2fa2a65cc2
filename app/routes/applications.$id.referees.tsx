import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import type { z } from 'zod'
import { requireUser } from '#app/auth/session.server.ts'
import { SelectField, TextField } from '#app/components/forms/fields.tsx'
import { fieldError, SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { requireApplication, saveStep } from '#app/domain/application-content.server.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { applicationFormInput } from '#app/schemas/application/index.ts'
import { refereesSchemas, type RefereeRules } from '#app/schemas/application/referees.ts'
import { firstErrors, type FieldErrors } from '#app/schemas/parse.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'wizard.step.referees.title')

const FIELDS = ['name', 'email', 'institution', 'relationship'] as const

async function rulesFor(request: Request, context: LoaderFunctionArgs['context'], params: LoaderFunctionArgs['params'], action: 'application:read' | 'application:edit') {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, action)
	const state = wizardState(context.db, context.config, application)
	const rules: RefereeRules = {
		required: state.call.refereesRequired,
		applicantEmails: [user.email, String(state.saved.personal?.email ?? '')],
		hostEmail: typeof state.saved.visit?.hostEmail === 'string' ? state.saved.visit.hostEmail : null,
	}
	return { user, application, state, rules }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { application, state, rules } = await rulesFor(request, context, params, 'application:read')
	if (!['draft', 'changes_requested'].includes(application.status)) throw redirect(`/applications/${application.id}`)
	return {
		id: application.id,
		reference: application.reference,
		rules,
		saved: (state.saved.referees?.referees as Record<string, string>[] | undefined) ?? [],
		savedNotice: new URL(request.url).searchParams.get('saved') === '1',
	}
}

/** Keeps every valid answer and reports the rest, like the other steps. */
function parseReferees(rules: RefereeRules, input: Record<string, unknown>): { data: Record<string, unknown>; errors: FieldErrors } {
	const schema = refereesSchemas(rules).draft as z.ZodType
	let remaining = { ...input }
	let errors: FieldErrors = {}
	for (let pass = 0; pass < 4; pass++) {
		const result = schema.safeParse(remaining)
		if (result.success) return { data: result.data as Record<string, unknown>, errors }
		const found = firstErrors(result.error)
		if (pass === 0) errors = found
		remaining = Object.fromEntries(Object.entries(remaining).filter(([key]) => !(key in found)))
	}
	return { data: { referees: [] }, errors }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { application, rules } = await rulesFor(request, context, params, 'application:edit')
	const input = applicationFormInput(await request.formData())
	const intent = input.intent
	delete input.intent
	const { data: valid, errors } = parseReferees(rules, input)
	saveStep(context.db, application.id, 'referees', valid, context.now())
	if (Object.keys(errors).length > 0) return data({ errors, values: input as Record<string, string> }, 400)
	if (intent === 'continue') return redirect(`/applications/${application.id}/submit`)
	return redirect(`/applications/${application.id}/referees?saved=1`)
}

export default function RefereesStep() {
	const { t } = useTranslate()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const schema = useMemo(() => refereesSchemas(loaderData.rules).draft, [loaderData.rules])
	const form = useValidatedForm(schema as never, { serverErrors: actionData?.errors })
	const slots = Array.from({ length: loaderData.rules.required }, (_, index) => index)
	const value = (index: number, field: string) =>
		actionData?.values ? actionData.values[`referees.${index}.${field}`] : loaderData.saved[index]?.[field]
	const order = slots.flatMap((index) => FIELDS.map((field) => `referees.${index}.${field}`))
	return (
		<div className="max-w-3xl space-y-6">
			<p>
				<Link to={`/applications/${loaderData.id}`}>{t('wizard.backToOverview', { reference: loaderData.reference })}</Link>
			</p>
			<PageHeading title={t('wizard.step.referees.title')} lead={t('wizard.step.referees.lead', { count: loaderData.rules.required })}>
				<p className="text-sm font-semibold text-slate-600">{t('wizard.stepOf', { number: 5, total: 6 })}</p>
			</PageHeading>
			{loaderData.savedNotice && !actionData ? (
				<Panel tone="success">
					<p role="status">{t('wizard.saved')}</p>
				</Panel>
			) : null}
			<ValidatedForm form={form as never} fieldOrder={order} submitInvalid className="space-y-8">
				{slots.map((index) => (
					<fieldset key={index} className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
						<legend className="px-1 text-lg font-semibold">{t('wizard.referee.legend', { number: index + 1 })}</legend>
						{FIELDS.map((field) => (
							<TextField
								key={field}
								label={t(`wizard.referee.${field}`)}
								hint={field === 'relationship' ? t('wizard.referee.relationshipHint') : undefined}
								type={field === 'email' ? 'email' : 'text'}
								dir={field === 'email' ? 'ltr' : undefined}
								spellCheck={field === 'email' ? false : undefined}
								defaultValue={value(index, field)}
								error={fieldError(form as never, `referees.${index}.${field}`)}
								registration={form.register(`referees.${index}.${field}` as never)}
							/>
						))}
						<SelectField
							label={t('wizard.referee.locale')}
							defaultValue={value(index, 'locale') ?? 'en'}
							registration={form.register(`referees.${index}.locale` as never)}
						>
							<option value="en">English</option>
							<option value="fa" lang="fa">
								فارسی
							</option>
						</SelectField>
					</fieldset>
				))}
				<div className="flex flex-wrap gap-4">
					<SubmitButton name="intent" value="continue">
						{t('wizard.saveAndContinue')}
					</SubmitButton>
					<button type="submit" name="intent" value="draft" className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800">
						{t('wizard.saveDraft')}
					</button>
				</div>
			</ValidatedForm>
		</div>
	)
}
