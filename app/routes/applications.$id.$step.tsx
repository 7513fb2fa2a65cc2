import {
	data,
	redirect,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { requireUser } from '#app/auth/session.server.ts'
import { DepartmentOptions } from '#app/components/department-options.tsx'
import { DateField } from '#app/components/forms/date-field.tsx'
import { SelectField, TextAreaField, TextField } from '#app/components/forms/fields.tsx'
import { fieldError, SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { WordCountField } from '#app/components/forms/word-count-field.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { TaskList } from '#app/components/task-list.tsx'
import {
	addDocument,
	removeDocument,
	requireApplication,
	saveStep,
} from '#app/domain/application-content.server.ts'
import { recordAudit } from '#app/domain/audit.ts'
import { countryOptions } from '#app/domain/countries.ts'
import { FIELDS } from '#app/domain/fields.ts'
import { SCHOOLS } from '#app/domain/schools.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import { receivePdfUpload, removeStoredFile } from '#app/documents/storage.server.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatIsoDate, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { POSITIONS } from '#app/schemas/application/academic-profile.ts'
import { browserDraftSchema } from '#app/schemas/application/browser-schemas.ts'
import { applicationFormInput, findStep, isStepId, parseDraft, STEP_IDS, type StepId } from '#app/schemas/application/index.ts'
import { TITLES } from '#app/schemas/application/personal-details.ts'
import { PLAN_FIELDS, PLAN_WORD_LIMITS } from '#app/schemas/application/plan.ts'
import { ACTIVITIES, TEACHING_LANGUAGES } from '#app/schemas/application/proposed-visit.ts'
import type { FieldErrors } from '#app/schemas/parse.ts'
import type { DocumentKind } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'wizard.overview.title')

/** The documents uploaded beside each step, each with its own small form. */
const STEP_DOCUMENTS: Record<StepId, { kind: DocumentKind; required: boolean }[]> = {
	personal: [],
	academic: [
		{ kind: 'cv', required: true },
		{ kind: 'publication_list', required: false },
	],
	visit: [{ kind: 'host_letter', required: false }],
	plan: [],
}

type Posted = Record<string, string | string[]>
type ActionResult =
	| { kind: 'saved'; errors: FieldErrors; values: Posted }
	| { kind: 'upload'; document: DocumentKind; problem: 'notPdf' | 'tooLarge' | 'empty' | 'missing' | null }
	| { kind: 'removed' }

function stepFrom(params: { step?: string }): StepId {
	if (!isStepId(params.step)) throw new Response(null, { status: 404 })
	return params.step
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const step = stepFrom(params)
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	// A submitted application is read on its overview page; the steps are for editing.
	if (!['draft', 'changes_requested'].includes(application.status)) throw redirect(`/applications/${application.id}`)
	const locale = await getLocale(request)
	const { call, saved, documents, states } = wizardState(context.db, context.config, application)
	return {
		id: application.id,
		reference: application.reference,
		step,
		states,
		saved: saved[step] ?? {},
		savedAt: new URL(request.url).searchParams.get('saved') === '1',
		rules: {
			visitWindowStart: call.visitWindowStart,
			visitWindowEnd: call.visitWindowEnd,
			minVisitDays: call.minVisitDays,
			maxVisitDays: call.maxVisitDays,
		},
		windowText: [call.visitWindowStart, call.visitWindowEnd].map((day) => {
			const date = formatIsoDate(day, locale)
			return date.gregorian ? `${date.text} (${date.gregorian})` : date.text
		}),
		hostEmailDomains: context.config.hostEmailDomains,
		maxUploadMb: Math.round((context.config.uploadMaxBytes / 1024 / 1024) * 10) / 10,
		countries: step === 'personal' ? countryOptions(locale) : [],
		// From the loader, so the page's script needs no step module (the personal one is loaded only on its step).
		titles: step === 'personal' ? [...TITLES] : [],
		fields: [...findStep(step).fields] as string[],
		documents: documents
			.filter((document) => STEP_DOCUMENTS[step].some((wanted) => wanted.kind === document.kind))
			.map((document) => ({ id: document.id, kind: document.kind, name: document.originalName, size: document.size })),
	}
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const step = stepFrom(params)
	const { application } = requireApplication(context.db, params.id, user, 'application:edit')
	const now = context.now()

	if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
		// An upload: its own small form, so a refused file never costs the step's answers.
		const kind = new URL(request.url).searchParams.get('document') as DocumentKind
		if (!STEP_DOCUMENTS[step].some((wanted) => wanted.kind === kind)) throw new Response(null, { status: 404 })
		const upload = await receivePdfUpload(
			request,
			{ uploadDir: context.config.uploadDir, maxBytes: context.config.uploadMaxBytes },
			unstable_parseMultipartFormData,
		)
		if (!upload.ok) {
			return data<ActionResult>({ kind: 'upload', document: kind, problem: upload.problem }, upload.problem === 'tooLarge' ? 413 : 400)
		}
		const file = upload.file
		const { id, replaced } = addDocument(context.db, {
			applicationId: application.id,
			kind,
			originalName: file.originalName,
			storedName: file.storedName,
			size: file.size,
			sha256: file.sha256,
			uploadedBy: user.id,
			createdAt: now,
		})
		for (const name of replaced) removeStoredFile(context.config.uploadDir, name)
		context.db.transaction((tx) =>
			recordAudit(tx, { actorId: user.id, action: 'document.uploaded', entity: 'document', entityId: id, applicationId: application.id, data: { kind }, at: now }),
		)
		return data<ActionResult>({ kind: 'upload', document: kind, problem: null })
	}

	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'remove-document') {
		const storedName = removeDocument(context.db, application.id, Number(formData.get('documentId')))
		if (!storedName) throw new Response(null, { status: 404 })
		removeStoredFile(context.config.uploadDir, storedName)
		context.db.transaction((tx) =>
			recordAudit(tx, { actorId: user.id, action: 'document.removed', entity: 'document', applicationId: application.id, at: now }),
		)
		return data<ActionResult>({ kind: 'removed' })
	}

	const { call } = wizardState(context.db, context.config, application)
	const input = applicationFormInput(formData)
	delete input.intent
	const { data: valid, errors } = parseDraft(step, input, call, { hostEmailDomains: context.config.hostEmailDomains })
	// Whatever is valid is kept, even when other answers are not.
	saveStep(context.db, application.id, step, valid, now)
	if (Object.keys(errors).length > 0) return data<ActionResult>({ kind: 'saved', errors, values: input }, 400)
	if (intent === 'continue') {
		const next = STEP_IDS[STEP_IDS.indexOf(step) + 1]
		return redirect(next ? `/applications/${application.id}/${next}` : `/applications/${application.id}`)
	}
	return redirect(`/applications/${application.id}/${step}?saved=1`)
}

/** A saved value as the form's text: lists one per line, numbers as digits. */
function asText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined
	if (Array.isArray(value)) return value.join('\n')
	return String(value)
}

export default function ApplicationStepPage() {
	const { t, locale } = useTranslate()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const step = loaderData.step
	const posted = actionData?.kind === 'saved' ? actionData.values : null
	const serverErrors = actionData?.kind === 'saved' ? actionData.errors : undefined

	const schema = useMemo(
		() => browserDraftSchema(step, loaderData.rules, { hostEmailDomains: loaderData.hostEmailDomains }),
		[step, loaderData.rules, loaderData.hostEmailDomains],
	)
	const form = useValidatedForm(schema as never, { serverErrors })
	const saved = loaderData.saved as Record<string, unknown>
	/** What a field shows: what was just posted (after a failed save), else what is saved. */
	const value = (name: string): string | undefined => {
		if (posted) {
			const raw = posted[name]
			return Array.isArray(raw) ? raw.join('\n') : raw
		}
		const [base, index] = name.split('.')
		const stored = saved[base!]
		if (index !== undefined) return Array.isArray(stored) ? asText(stored[Number(index)]) : undefined
		return asText(stored)
	}
	const values = (name: string): string[] => {
		if (posted) {
			const raw = posted[name]
			return raw === undefined ? [] : Array.isArray(raw) ? raw : [raw]
		}
		const stored = saved[name]
		return Array.isArray(stored) ? stored.map(String) : []
	}
	const err = (name: string) => fieldError(form as never, name)
	const reg = (name: string) => form.register(name as never)
	const label = (key: string) => t(`wizard.field.${key}` as MessageKey)
	const hint = (key: string) => t(`wizard.hint.${key}` as MessageKey)
	const fieldOrder =
		step === 'academic'
			? ['institution', 'position', 'field', 'hIndex', 'profileLinks', ...[0, 1, 2, 3, 4].map((i) => `keyPublications.${i}`), 'keyPublications']
			: loaderData.fields
	const stepIndex = STEP_IDS.indexOf(step)

	return (
		<div className="space-y-6">
			<p>
				<Link to={`/applications/${loaderData.id}`}>{t('wizard.backToOverview', { reference: loaderData.reference })}</Link>
			</p>
			<PageHeading title={t(`wizard.step.${step}.title`)} lead={t(`wizard.step.${step}.lead`)}>
				<p className="text-sm font-semibold text-slate-600">
					{t('wizard.stepOf', { number: stepIndex + 1, total: STEP_IDS.length })}
				</p>
			</PageHeading>
			<div className="grid gap-8 lg:grid-cols-[1fr_18rem]">
				<div className="min-w-0 space-y-8">
					{loaderData.savedAt && !actionData ? (
						<Panel tone="success">
							<p role="status">{t('wizard.saved')}</p>
						</Panel>
					) : null}
					<ValidatedForm form={form as never} fieldOrder={fieldOrder} submitInvalid className="space-y-6">
						{step === 'personal' ? (
							<>
								<SelectField label={label('title')} defaultValue={value('title') ?? ''} error={err('title')} registration={reg('title')}>
									<option value="">{t('wizard.choose')}</option>
									{loaderData.titles.map((title) => (
										<option key={title} value={title}>
											{t(`wizard.title.${title}`)}
										</option>
									))}
								</SelectField>
								<TextField label={label('givenNames')} autoComplete="given-name" defaultValue={value('givenNames')} error={err('givenNames')} registration={reg('givenNames')} />
								<TextField label={label('familyName')} autoComplete="family-name" defaultValue={value('familyName')} error={err('familyName')} registration={reg('familyName')} />
								{(['nationality', 'residence'] as const).map((name) => (
									<SelectField key={name} label={label(name)} defaultValue={value(name) ?? ''} error={err(name)} registration={reg(name)}>
										<option value="">{t('wizard.chooseCountry')}</option>
										{loaderData.countries.map((country) => (
											<option key={country.code} value={country.code}>
												{country.name}
											</option>
										))}
									</SelectField>
								))}
								<TextField label={label('email')} type="email" dir="ltr" autoComplete="email" spellCheck={false} defaultValue={value('email')} error={err('email')} registration={reg('email')} />
								<TextField label={label('phone')} hint={hint('phone')} type="tel" dir="ltr" autoComplete="tel" defaultValue={value('phone')} error={err('phone')} registration={reg('phone')} />
								<TextField label={label('orcid')} hint={hint('orcid')} dir="ltr" spellCheck={false} defaultValue={value('orcid')} error={err('orcid')} registration={reg('orcid')} />
							</>
						) : null}

						{step === 'academic' ? (
							<>
								<TextField label={label('institution')} autoComplete="organization" defaultValue={value('institution')} error={err('institution')} registration={reg('institution')} />
								<SelectField label={label('position')} defaultValue={value('position') ?? ''} error={err('position')} registration={reg('position')}>
									<option value="">{t('wizard.choose')}</option>
									{POSITIONS.map((position) => (
										<option key={position} value={position}>
											{t(`wizard.position.${position}`)}
										</option>
									))}
								</SelectField>
								<SelectField label={label('field')} defaultValue={value('field') ?? ''} error={err('field')} registration={reg('field')}>
									<option value="">{t('wizard.choose')}</option>
									{FIELDS.map((field) => (
										<option key={field.code} value={field.code}>
											{field.name[locale]}
										</option>
									))}
								</SelectField>
								<TextField label={label('hIndex')} hint={hint('hIndex')} inputMode="numeric" className="max-w-32" defaultValue={value('hIndex')} error={err('hIndex')} registration={reg('hIndex')} />
								<TextAreaField label={label('profileLinks')} hint={hint('profileLinks')} dir="ltr" rows={3} defaultValue={value('profileLinks')} error={err('profileLinks')} registration={reg('profileLinks')} />
								<fieldset className="space-y-4" aria-describedby="publications-hint">
									<legend className="font-semibold">{label('keyPublications')}</legend>
									<p id="publications-hint" className="text-sm text-slate-600">
										{hint('keyPublications')}
									</p>
									{err('keyPublications') ? <p className="font-semibold text-red-800">{t(err('keyPublications') as MessageKey)}</p> : null}
									{[0, 1, 2, 3, 4].map((index) => (
										<TextAreaField
											key={index}
											label={t('wizard.field.publication', { number: index + 1 })}
											rows={2}
											defaultValue={value(`keyPublications.${index}`)}
											error={err(`keyPublications.${index}`)}
											registration={reg(`keyPublications.${index}`)}
										/>
									))}
								</fieldset>
							</>
						) : null}

						{step === 'visit' ? (
							<>
								<SelectField label={label('hostSchool')} defaultValue={value('hostSchool') ?? ''} error={err('hostSchool')} registration={reg('hostSchool')}>
									<option value="">{t('wizard.choose')}</option>
									{SCHOOLS.map((school) => (
										<option key={school.code} value={school.code}>
											{school.name[locale]}
										</option>
									))}
								</SelectField>
								<SelectField label={label('hostDepartment')} hint={hint('hostDepartment')} defaultValue={value('hostDepartment') ?? ''} error={err('hostDepartment')} registration={reg('hostDepartment')}>
									<option value="">{t('wizard.choose')}</option>
									<DepartmentOptions locale={locale} />
								</SelectField>
								<TextField label={label('hostName')} defaultValue={value('hostName')} error={err('hostName')} registration={reg('hostName')} />
								<TextField
									label={label('hostEmail')}
									hint={t('wizard.hint.hostEmail', { domains: loaderData.hostEmailDomains.join(', ') })}
									type="email"
									dir="ltr"
									spellCheck={false}
									defaultValue={value('hostEmail')}
									error={err('hostEmail')}
									registration={reg('hostEmail')}
								/>
								<SelectField label={label('hostLocale')} hint={hint('hostLocale')} defaultValue={value('hostLocale') ?? 'en'} error={err('hostLocale')} registration={reg('hostLocale')}>
									<option value="en">English</option>
									<option value="fa" lang="fa">
										فارسی
									</option>
								</SelectField>
								<fieldset aria-describedby={err('activities') ? 'field-activities-error' : undefined} className="space-y-2">
									<legend id="field-activities" className="font-semibold">
										{label('activities')}
									</legend>
									<p className="text-sm text-slate-600">{hint('activities')}</p>
									{err('activities') ? (
										<p id="field-activities-error" className="font-semibold text-red-800">
											{t(err('activities') as MessageKey)}
										</p>
									) : null}
									{ACTIVITIES.map((activity) => (
										<label key={activity} className="flex min-h-11 items-center gap-3">
											<input
												type="checkbox"
												value={activity}
												defaultChecked={values('activities').includes(activity)}
												className="size-5"
												{...reg('activities')}
											/>
											{t(`wizard.activity.${activity}`)}
										</label>
									))}
								</fieldset>
								<DateField
									label={label('startDate')}
									hint={t('wizard.hint.dates', {
										start: loaderData.windowText[0]!,
										end: loaderData.windowText[1]!,
										min: loaderData.rules.minVisitDays,
										max: loaderData.rules.maxVisitDays,
									})}
									min={loaderData.rules.visitWindowStart}
									max={loaderData.rules.visitWindowEnd}
									defaultValue={value('startDate')}
									error={err('startDate')}
									registration={reg('startDate')}
								/>
								<DateField
									label={label('endDate')}
									min={loaderData.rules.visitWindowStart}
									max={loaderData.rules.visitWindowEnd}
									defaultValue={value('endDate')}
									error={err('endDate')}
									registration={reg('endDate')}
								/>
								<SelectField label={label('teachingLanguage')} defaultValue={value('teachingLanguage') ?? ''} error={err('teachingLanguage')} registration={reg('teachingLanguage')}>
									<option value="">{t('wizard.choose')}</option>
									{TEACHING_LANGUAGES.map((language) => (
										<option key={language} value={language}>
											{t(`wizard.teaching.${language}`)}
										</option>
									))}
								</SelectField>
							</>
						) : null}

						{step === 'plan'
							? PLAN_FIELDS.map((name) => (
									<WordCountField
										key={name}
										label={label(name)}
										hint={hint(name)}
										limit={PLAN_WORD_LIMITS[name]}
										rows={name === 'weeklyPlan' ? 10 : 6}
										defaultValue={value(name)}
										error={err(name)}
										registration={reg(name)}
									/>
								))
							: null}

						<div className="flex flex-wrap gap-4 pt-2">
							<SubmitButton name="intent" value="continue">
								{t('wizard.saveAndContinue')}
							</SubmitButton>
							<button
								type="submit"
								name="intent"
								value="draft"
								className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800"
							>
								{t('wizard.saveDraft')}
							</button>
						</div>
					</ValidatedForm>

					{STEP_DOCUMENTS[step].map(({ kind, required }) => {
						const current = loaderData.documents.find((document) => document.kind === kind)
						const result = actionData?.kind === 'upload' && actionData.document === kind ? actionData : null
						const uploading = navigation.formAction?.includes(`document=${kind}`)
						return (
							<section key={kind} aria-labelledby={`upload-${kind}`} className="max-w-3xl space-y-3 rounded-md border border-slate-200 bg-white p-4">
								<h2 id={`upload-${kind}`} className="text-lg font-semibold">
									{t(`wizard.document.${kind}`)} {required ? `(${t('wizard.required')})` : `(${t('wizard.optional')})`}
								</h2>
								{current ? (
									<div className="flex flex-wrap items-center gap-4">
										<a href={`/documents/${current.id}`} className="break-all">
											{current.name}
										</a>
										<span className="text-sm text-slate-600">{t('wizard.document.size', { size: formatNumber(Math.max(1, Math.round(current.size / 1024)), locale) })}</span>
										<Form method="post">
											<input type="hidden" name="intent" value="remove-document" />
											<input type="hidden" name="documentId" value={current.id} />
											<button type="submit" className="underline">
												{t('wizard.document.remove')}
												<span className="sr-only"> — {t(`wizard.document.${kind}`)}</span>
											</button>
										</Form>
									</div>
								) : (
									<p className="text-slate-700">{t('wizard.document.none')}</p>
								)}
								{result?.problem ? (
									<p id={`upload-${kind}-error`} role="alert" className="font-semibold text-red-800">
										{t(`wizard.upload.${result.problem}`, { max: loaderData.maxUploadMb })}
									</p>
								) : result ? (
									<p role="status" className="font-semibold text-green-800">
										{t('wizard.upload.done')}
									</p>
								) : null}
								<Form method="post" encType="multipart/form-data" action={`?document=${kind}`} className="flex flex-wrap items-end gap-3">
									<div>
										<label htmlFor={`file-${kind}`} className="block font-semibold">
											{t(current ? 'wizard.document.replace' : 'wizard.document.choose')}
										</label>
										<p id={`file-${kind}-hint`} className="text-sm text-slate-600">
											{t('wizard.document.hint', { max: loaderData.maxUploadMb })}
										</p>
										<input
											id={`file-${kind}`}
											type="file"
											name="file"
											accept="application/pdf,.pdf"
											required
											aria-describedby={[`file-${kind}-hint`, result?.problem ? `upload-${kind}-error` : null].filter(Boolean).join(' ')}
											className="mt-1 block max-w-full text-sm"
										/>
									</div>
									<button type="submit" aria-disabled={uploading || undefined} className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-4 font-semibold text-brand-800">
										{t('wizard.document.upload')}
										<span className="sr-only"> — {t(`wizard.document.${kind}`)}</span>
									</button>
								</Form>
							</section>
						)
					})}
				</div>
				<aside aria-labelledby="progress-title" className="space-y-2">
					<h2 id="progress-title" className="font-semibold">
						{t('wizard.progress')}
					</h2>
					<TaskList
						current={step}
						tasks={STEP_IDS.map((id) => ({
							id,
							href: `/applications/${loaderData.id}/${id}`,
							title: t(`wizard.step.${id}.title`),
							state: loaderData.states[id],
						}))}
					/>
				</aside>
			</div>
		</div>
	)
}
