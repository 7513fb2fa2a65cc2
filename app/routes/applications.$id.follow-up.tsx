import { data, redirect, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { FieldShell, PlainDateInput, PlainTextArea } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { countryOptions } from '#app/domain/countries.ts'
import { FOLLOW_UP_STATUSES, VisitError, saveFollowUp } from '#app/domain/visits.server.ts'
import { receiveFormWithPdf, removeStoredFile } from '#app/documents/storage.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { FOLLOW_UP_FIELDS, FollowUpAfterPurgeSchema, FollowUpSchema } from '#app/schemas/follow-up.ts'
import { documents, visits } from '#db/schema.ts'
import { eq } from 'drizzle-orm'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'followUp.title')

type Values = Partial<Record<(typeof FOLLOW_UP_FIELDS)[number], string>>

function requireFollowUp(context: LoaderFunctionArgs['context'], id: unknown, user: Parameters<typeof requireApplication>[2]) {
	const { application } = requireApplication(context.db, id, user, 'application:read')
	// Only the applicant sees the form, and only once approved; to others (and before approval) it does not exist.
	if (user.id !== application.applicantId || !FOLLOW_UP_STATUSES.includes(application.status)) throw new Response(null, { status: 404 })
	return application
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const application = requireFollowUp(context, params.id, user)
	const locale = await getLocale(request)
	const visit = context.db.select().from(visits).where(eq(visits.applicationId, application.id)).get() ?? null
	const copy = visit?.passportCopyDocumentId
		? (context.db.select({ id: documents.id, originalName: documents.originalName }).from(documents).where(eq(documents.id, visit.passportCopyDocumentId)).get() ?? null)
		: null
	const yesNo = (value: boolean | null | undefined) => (value == null ? undefined : value ? 'yes' : 'no')
	const values: Values = visit
		? {
				passportName: visit.passportName ?? undefined,
				passportNumber: visit.passportNumber ?? undefined,
				nationality: visit.nationality ?? undefined,
				dateOfBirth: visit.dateOfBirth ?? undefined,
				arrivalDate: visit.arrivalDate ?? visit.startDate ?? undefined,
				departureDate: visit.departureDate ?? visit.endDate ?? undefined,
				accompanyingPersons: visit.accompanyingPersons ?? undefined,
				needs: visit.needs ?? undefined,
				accommodationNeeded: yesNo(visit.accommodationNeeded),
				visaSupportNeeded: yesNo(visit.visaSupportNeeded),
				publicListing: visit.publicListing ? 'yes' : undefined,
			}
		: {}
	return {
		id: application.id,
		reference: application.reference,
		saved: Boolean(visit?.followUpSavedAt),
		purged: Boolean(visit?.sensitivePurgedAt),
		passportCopy: copy,
		values,
		countries: countryOptions(locale),
	}
}

type ActionData = { errors: Record<string, string>; values: Values }

const TEXT_LIMIT = 10_000

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const application = requireFollowUp(context, params.id, user)
	const purged = Boolean(context.db.select({ at: visits.sensitivePurgedAt }).from(visits).where(eq(visits.applicationId, application.id)).get()?.at)
	const limits = { uploadDir: context.config.uploadDir, maxBytes: context.config.uploadMaxBytes }
	const { field, file, problem } = await receiveFormWithPdf(request, { fileField: 'passportCopy', limits, textLimit: TEXT_LIMIT, acceptFile: !purged, parse: unstable_parseMultipartFormData })
	const uploadProblem = problem ? `followUp.errors.upload.${problem}` : null
	const values: Values = Object.fromEntries(FOLLOW_UP_FIELDS.map((name) => [name, field(name) ?? ''])) as Values
	const parsed = (purged ? FollowUpAfterPurgeSchema : FollowUpSchema).safeParse({ ...values, publicListing: field('publicListing') })
	const errors: Record<string, string> = {}
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const name = String(issue.path[0] ?? 'form')
			errors[name] ??= issue.message.startsWith('followUp.') ? issue.message : 'followUp.errors.required'
		}
	}
	if (uploadProblem) errors.passportCopy = uploadProblem
	if (!parsed.success || uploadProblem) {
		if (file) removeStoredFile(context.config.uploadDir, file.storedName)
		return data<ActionData>({ errors, values }, 400)
	}
	try {
		const saved = saveFollowUp(context.db, { applicationId: application.id, values: parsed.data, passportCopy: file, uploadDir: context.config.uploadDir, actor: user, now: context.now(), settings: context.config })
		return redirect(`/applications/${application.id}/follow-up?notice=${saved.letterReissued ? 'reissued' : 'saved'}`)
	} catch (error) {
		if (error instanceof VisitError) return data<ActionData>({ errors: { form: 'visit.errors.changed' }, values }, 409)
		throw error
	}
}

const ORDER = ['passportName', 'passportNumber', 'nationality', 'dateOfBirth', 'arrivalDate', 'departureDate', 'accompanyingPersons', 'needs', 'accommodationNeeded', 'visaSupportNeeded', 'publicListing', 'passportCopy']

const inputClass = 'block w-full max-w-lg rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

export default function FollowUp() {
	const { t } = useTranslate()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() ?? null
	const [searchParams] = useSearchParams()
	const errors = actionData?.errors ?? {}
	const values: Values = actionData?.values ?? loaderData.values
	const notice = ({ saved: 'followUp.saved', reissued: 'followUp.reissued' } as const)[searchParams.get('notice') as 'saved' | 'reissued'] ?? null
	const summary = ORDER.filter((name) => errors[name]).map((name) => ({ name, message: errors[name]! }))

	const textInput = (name: 'passportName' | 'passportNumber', extra: { dir?: 'ltr'; autoComplete?: string; hint?: string } = {}) => (
		<FieldShell name={name} label={t(`followUp.${name}`)} hint={extra.hint} error={errors[name]}>
			{({ id, describedBy, invalid }) => (
				<input id={id} name={name} type="text" dir={extra.dir} autoComplete={extra.autoComplete} defaultValue={values[name]} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass} />
			)}
		</FieldShell>
	)
	const yesNo = (name: 'accommodationNeeded' | 'visaSupportNeeded') => (
		<fieldset className={`space-y-1 ${errors[name] ? 'border-s-4 border-red-700 ps-3' : ''}`} aria-describedby={errors[name] ? `field-${name}-error` : undefined}>
			<legend className="font-semibold text-slate-900">{t(`followUp.${name}`)}</legend>
			{errors[name] ? (
				<p id={`field-${name}-error`} className="font-semibold text-red-800">
					{t(errors[name] as 'followUp.errors.yesNo')}
				</p>
			) : null}
			<div className="flex flex-wrap gap-6">
				{(['yes', 'no'] as const).map((option) => (
					<label key={option} className="flex min-h-11 items-center gap-2">
						<input id={option === 'yes' ? `field-${name}` : undefined} type="radio" name={name} value={option} defaultChecked={values[name] === option} className="size-5" />
						{t(`followUp.${option}`)}
					</label>
				))}
			</div>
		</fieldset>
	)

	return (
		<NarrowPage>
			<p className="mb-4">
				<Link to={`/applications/${loaderData.id}/visit-confirmation`}>{t('followUp.back')}</Link>
			</p>
			<PageHeading title={t('followUp.title')} lead={t('followUp.lead', { reference: loaderData.reference })} />
			<ErrorSummary formError={errors.form} items={summary} />
			{notice && !actionData ? (
				<Panel tone="success">
					<p role="status">{t(notice)}</p>
				</Panel>
			) : null}
			{loaderData.purged ? (
				<Panel tone="info">
					<p>{t('followUp.purged')}</p>
				</Panel>
			) : null}
			<Form method="post" encType="multipart/form-data" noValidate className="space-y-6">
				{textInput('passportName', { autoComplete: 'name', hint: t('followUp.passportNameHint') })}
				{loaderData.purged ? null : textInput('passportNumber', { dir: 'ltr', autoComplete: 'off' })}
				<FieldShell name="nationality" label={t('followUp.nationality')} error={errors.nationality}>
					{({ id, describedBy, invalid }) => (
						<select id={id} name="nationality" defaultValue={values.nationality ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={inputClass}>
							<option value="">{t('wizard.chooseCountry')}</option>
							{loaderData.countries.map((country) => (
								<option key={country.code} value={country.code}>
									{country.name}
								</option>
							))}
						</select>
					)}
				</FieldShell>
				{loaderData.purged ? null : <PlainDateInput name="dateOfBirth" label={t('followUp.dateOfBirth')} error={errors.dateOfBirth} defaultValue={values.dateOfBirth} />}
				<PlainDateInput name="arrivalDate" label={t('followUp.arrivalDate')} error={errors.arrivalDate} defaultValue={values.arrivalDate} />
				<PlainDateInput name="departureDate" label={t('followUp.departureDate')} error={errors.departureDate} defaultValue={values.departureDate} />
				<PlainTextArea name="accompanyingPersons" label={t('followUp.accompanyingPersons')} hint={t('followUp.accompanyingPersonsHint')} error={errors.accompanyingPersons} defaultValue={values.accompanyingPersons} rows={3} />
				<PlainTextArea name="needs" label={t('followUp.needs')} hint={t('followUp.needsHint')} error={errors.needs} defaultValue={values.needs} rows={3} />
				{yesNo('accommodationNeeded')}
				{yesNo('visaSupportNeeded')}
				<div className="space-y-1">
					<label className="flex items-start gap-3">
						<input id="field-publicListing" type="checkbox" name="publicListing" value="yes" defaultChecked={values.publicListing === 'yes'} aria-describedby="field-publicListing-hint" className="mt-1 size-5 shrink-0" />
						<span className="font-semibold text-slate-900">{t('followUp.publicListing')}</span>
					</label>
					<p id="field-publicListing-hint" className="text-sm text-slate-600">
						{t('followUp.publicListingHint')}
					</p>
				</div>
				{loaderData.purged ? null : (
					<FieldShell name="passportCopy" label={t('followUp.passportCopy')} hint={loaderData.passportCopy ? t('followUp.passportCopyHas', { name: loaderData.passportCopy.originalName }) : t('followUp.passportCopyHint')} error={errors.passportCopy}>
						{({ id, describedBy, invalid }) => (
							<input id={id} type="file" name="passportCopy" accept="application/pdf,.pdf" aria-describedby={describedBy} aria-invalid={invalid || undefined} className="block w-full max-w-lg text-base" />
						)}
					</FieldShell>
				)}
				{loaderData.passportCopy && !loaderData.purged ? (
					<p>
						<a href={`/documents/${loaderData.passportCopy.id}`}>{t('followUp.passportCopyDownload')}</a>
					</p>
				) : null}
				<SubmitButton>{t('followUp.save')}</SubmitButton>
			</Form>
		</NarrowPage>
	)
}
