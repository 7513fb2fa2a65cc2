import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { callRubric, criteriaFromForm, criterionValues, defaultRubricValues, emptyCriterion, rubricLocked, saveRubric } from '#app/domain/call-rubric.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { CRITERION_TEXT_FIELDS, MAX_CRITERIA, type CriterionTextField, type CriterionValues } from '#app/schemas/rubric.ts'
import type { FieldErrors } from '#app/schemas/parse.ts'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.rubric.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'rubric:edit' })
	const locale = await getLocale(request)
	const call = requireCall(context.db, params.id)
	const rows = callRubric(context.db, call.id)
	return {
		call: { id: call.id, title: locale === 'fa' ? call.titleFa : call.titleEn },
		locked: rubricLocked(context.db, call.id),
		/** Keys already saved: fixed. */
		savedKeys: rows.map((row) => row.key),
		/** A call without a rubric starts from the default one, saved only when the office saves it. */
		fromDefault: rows.length === 0,
		criteria: rows.length > 0 ? rows.map(criterionValues) : defaultRubricValues(),
	}
}

type ActionData = { errors: FieldErrors; criteria: CriterionValues[]; notice?: 'added' }

export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'rubric:edit' })
	const call = requireCall(context.db, params.id)
	const form = await request.formData()
	const criteria = criteriaFromForm(form)
	const intent = form.get('intent')
	if (intent === 'add') {
		// Nothing is saved yet: the page comes back with what was typed and an empty criterion at the end.
		if (criteria.length >= MAX_CRITERIA) return data<ActionData>({ errors: { form: 'office.rubric.errors.tooMany' }, criteria }, 400)
		return data<ActionData>({ errors: {}, criteria: [...criteria, emptyCriterion()], notice: 'added' })
	}
	if (intent !== 'save') return data<ActionData>({ errors: { form: 'errors.unknownAction' }, criteria }, 400)
	const kept = criteria.map((criterion, index) => ({ criterion, index })).filter(({ criterion }) => !criterion.remove)
	const result = saveRubric(context.db, { callId: call.id, criteria: kept.map(({ criterion }) => criterion), actor, now: context.now() })
	if (result.ok) return redirect(`/office/calls/${call.id}/rubric?saved=1`)
	if (result.reason === 'not_found') throw new Response(null, { status: 404 })
	if (result.reason === 'locked') return data<ActionData>({ errors: { form: 'office.rubric.errors.locked' }, criteria }, 409)
	// Errors name the criteria as saved (without the removed ones); the page names them as shown.
	const errors = Object.fromEntries(
		Object.entries(result.errors).map(([path, message]) => {
			const match = /^criteria\.(\d+)\.(.+)$/.exec(path)
			return [match ? `criteria.${kept[Number(match[1])]?.index ?? match[1]}.${match[2]}` : path, message]
		}),
	)
	return data<ActionData>({ errors, criteria }, 400)
}

const inputClass = 'block w-full rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

function Field({
	name,
	label,
	value,
	error,
	multiline = false,
	lang,
}: {
	name: string
	label: string
	value: string
	error?: string
	multiline?: boolean
	lang?: 'fa'
}) {
	const { t } = useTranslate()
	const id = `field-${name}`
	const common = {
		id,
		name,
		defaultValue: value,
		'aria-invalid': error ? true : undefined,
		'aria-describedby': error ? `${id}-error` : undefined,
		lang,
		dir: lang === 'fa' ? ('rtl' as const) : ('ltr' as const),
	}
	return (
		<div className={`space-y-1 ${error ? 'border-s-4 border-red-700 ps-3' : ''}`}>
			<label htmlFor={id} className="block font-semibold">
				{label}
			</label>
			{error ? (
				<p id={`${id}-error`} className="font-semibold text-red-800">
					{t(error as MessageKey)}
				</p>
			) : null}
			{multiline ? <textarea {...common} rows={3} className={inputClass} /> : <input {...common} type="text" className={inputClass} />}
		</div>
	)
}

const FIELD_LABELS: Record<CriterionTextField, MessageKey> = {
	labelEn: 'office.rubric.field.labelEn',
	labelFa: 'office.rubric.field.labelFa',
	descriptionEn: 'office.rubric.field.descriptionEn',
	descriptionFa: 'office.rubric.field.descriptionFa',
	anchor1En: 'office.rubric.field.anchor1En',
	anchor1Fa: 'office.rubric.field.anchor1Fa',
	anchor3En: 'office.rubric.field.anchor3En',
	anchor3Fa: 'office.rubric.field.anchor3Fa',
	anchor5En: 'office.rubric.field.anchor5En',
	anchor5Fa: 'office.rubric.field.anchor5Fa',
}

export default function RubricEditor() {
	const { t, locale } = useTranslate()
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const criteria = actionData?.criteria ?? loaded.criteria
	const errors = actionData?.errors ?? {}
	const number = (value: number) => formatNumber(value, locale)
	const total = criteria.filter((criterion) => !criterion.remove).reduce((sum, criterion) => sum + (Number(criterion.weight) || 0), 0)
	const label = (criterion: CriterionValues) => (locale === 'fa' ? criterion.labelFa : criterion.labelEn) || t('office.rubric.newCriterion')
	const summaryItems = Object.entries(errors)
		.filter(([name]) => name !== 'form')
		.map(([name, message]) => ({ name, message }))
	return (
		<div className="space-y-6">
			<p>
				<Link to={`/office/calls/${loaded.call.id}`}>{t('office.rubric.back', { call: loaded.call.title })}</Link>
			</p>
			<PageHeading title={t('office.rubric.title')} lead={loaded.call.title} />
			{searchParams.get('saved') && !actionData ? (
				<Panel tone="success">
					<p role="status">{t('office.rubric.saved')}</p>
				</Panel>
			) : null}
			{loaded.locked ? (
				<>
					<Panel tone="warning">
						<p>{t('office.rubric.locked')}</p>
					</Panel>
					<ol className="space-y-4">
						{criteria.map((criterion) => (
							<li key={criterion.key} className="rounded-md border border-slate-200 bg-white p-4">
								<h2 className="text-lg font-semibold">
									{label(criterion)} — {t('office.rubric.weightOf', { weight: number(Number(criterion.weight)) })}
								</h2>
								<p className="mt-1 text-slate-700">{locale === 'fa' ? criterion.descriptionFa : criterion.descriptionEn}</p>
								<dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
									{(['1', '3', '5'] as const).map((point) => (
										<div key={point} className="contents">
											<dt className="font-semibold">{number(Number(point))}</dt>
											<dd>{criterion[`anchor${point}${locale === 'fa' ? 'Fa' : 'En'}` as CriterionTextField]}</dd>
										</div>
									))}
								</dl>
							</li>
						))}
					</ol>
				</>
			) : (
				<>
					<p className="max-w-2xl text-slate-700">{t('office.rubric.lead')}</p>
					{loaded.fromDefault && !actionData ? (
						<Panel>
							<p>{t('office.rubric.fromDefault')}</p>
						</Panel>
					) : null}
					{actionData?.notice === 'added' ? (
						<Panel>
							<p role="status">{t('office.rubric.added')}</p>
						</Panel>
					) : null}
					<Form method="post" noValidate className="space-y-6">
						<ErrorSummary formError={errors.form} items={summaryItems} />
						<p id="field-weights" role="status" className={`text-lg font-semibold ${total === 100 ? 'text-green-900' : 'text-red-800'}`}>
							{t('office.rubric.total', { total: number(total) })}
							{errors.weights ? <span className="block">{t(errors.weights as MessageKey)}</span> : null}
						</p>
						{criteria.map((criterion, index) => {
							const saved = loaded.savedKeys.includes(criterion.key)
							const fieldName = (field: string) => `criteria.${index}.${field}`
							return (
								<fieldset key={index} className="space-y-4 rounded-lg border border-slate-300 bg-white p-4">
									<legend className="px-1 text-xl font-semibold">
										{t('office.rubric.criterion', { number: number(index + 1), label: label(criterion) })}
									</legend>
									<input type="hidden" name={fieldName('key')} value={criterion.key} />
									{saved ? <p className="text-sm text-slate-600">{t('office.rubric.key', { key: criterion.key })}</p> : null}
									<div className={`space-y-1 ${errors[fieldName('weight')] ? 'border-s-4 border-red-700 ps-3' : ''}`}>
										<label htmlFor={`field-${fieldName('weight')}`} className="block font-semibold">
											{t('office.rubric.field.weight')}
										</label>
										{errors[fieldName('weight')] ? (
											<p id={`field-${fieldName('weight')}-error`} className="font-semibold text-red-800">
												{t(errors[fieldName('weight')] as MessageKey)}
											</p>
										) : null}
										<input
											id={`field-${fieldName('weight')}`}
											name={fieldName('weight')}
											type="text"
											inputMode="numeric"
											defaultValue={criterion.weight}
											aria-invalid={errors[fieldName('weight')] ? true : undefined}
											aria-describedby={errors[fieldName('weight')] ? `field-${fieldName('weight')}-error` : undefined}
											className={`${inputClass} max-w-32`}
										/>
									</div>
									<div className="grid gap-4 md:grid-cols-2">
										{CRITERION_TEXT_FIELDS.map((field) => (
											<Field
												key={field}
												name={fieldName(field)}
												label={t(FIELD_LABELS[field])}
												value={criterion[field]}
												error={errors[fieldName(field)]}
												multiline={field.startsWith('description')}
												lang={field.endsWith('Fa') ? 'fa' : undefined}
											/>
										))}
									</div>
									<div className="flex items-center gap-3">
										<input id={`remove-${index}`} type="checkbox" name={fieldName('remove')} defaultChecked={criterion.remove} className="size-6" />
										<label htmlFor={`remove-${index}`}>{t('office.rubric.remove', { label: label(criterion) })}</label>
									</div>
								</fieldset>
							)
						})}
						<div className="flex flex-wrap gap-4">
							{/* The first submit button of the form, so Enter in a field saves. */}
							<SubmitButton name="intent" value="save">
								{t('office.rubric.save')}
							</SubmitButton>
							{criteria.length < MAX_CRITERIA ? (
								<button type="submit" name="intent" value="add" className="min-h-11 rounded-md border-2 border-brand-700 px-5 py-2 font-semibold text-brand-800">
									{t('office.rubric.add')}
								</button>
							) : null}
						</div>
					</Form>
				</>
			)}
		</div>
	)
}
