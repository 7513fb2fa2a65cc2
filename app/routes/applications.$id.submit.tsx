import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { countryName } from '#app/domain/countries.ts'
import { fieldLabel } from '#app/domain/fields.ts'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { departmentLabel, isDepartmentCode, isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import { submissionProblems } from '#app/domain/submission.server.ts'
import { submitApplication } from '#app/domain/submit.server.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatDeadline, formatIsoDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { submissionDeadline } from '#app/domain/lifecycle/change-status.server.ts'
import type { ApplicationStep } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'submit.title')

type Row = { label: string; value: string; field: string }
type Section = { step: ApplicationStep; title: string; rows: Row[] }

/** Every answer as "label: value", in the reader's language, for "check your answers". */
function summarise(saved: Partial<Record<ApplicationStep, Record<string, unknown>>>, documents: { kind: string; originalName: string }[], locale: Locale): Section[] {
	const t = makeTranslate(locale)
	const text = (value: unknown) => (value === undefined || value === null || value === '' ? '' : String(value))
	const date = (value: unknown) => {
		if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return text(value)
		const formatted = formatIsoDate(value, locale)
		return formatted.gregorian ? `${formatted.text} (${formatted.gregorian})` : formatted.text
	}
	const label = (key: string) => t(`wizard.field.${key}` as MessageKey)
	const p = saved.personal ?? {}
	const a = saved.academic ?? {}
	const v = saved.visit ?? {}
	const plan = saved.plan ?? {}
	const referees = (saved.referees?.referees as Record<string, string>[] | undefined) ?? []
	const cv = documents.find((document) => document.kind === 'cv')
	return [
		{
			step: 'personal',
			title: t('wizard.step.personal.title'),
			rows: [
				{ field: 'title', label: label('title'), value: p.title ? t(`wizard.title.${p.title}` as MessageKey) : '' },
				{ field: 'givenNames', label: label('givenNames'), value: text(p.givenNames) },
				{ field: 'familyName', label: label('familyName'), value: text(p.familyName) },
				{ field: 'nationality', label: label('nationality'), value: p.nationality ? countryName(String(p.nationality) as never, locale) : '' },
				{ field: 'residence', label: label('residence'), value: p.residence ? countryName(String(p.residence) as never, locale) : '' },
				{ field: 'email', label: label('email'), value: text(p.email) },
				{ field: 'phone', label: label('phone'), value: text(p.phone) },
				{ field: 'orcid', label: label('orcid'), value: text(p.orcid) },
			],
		},
		{
			step: 'academic',
			title: t('wizard.step.academic.title'),
			rows: [
				{ field: 'institution', label: label('institution'), value: text(a.institution) },
				{ field: 'position', label: label('position'), value: a.position ? t(`wizard.position.${a.position}` as MessageKey) : '' },
				{ field: 'field', label: label('field'), value: a.field ? fieldLabel(String(a.field) as never, locale) : '' },
				{ field: 'hIndex', label: label('hIndex'), value: text(a.hIndex) },
				{ field: 'profileLinks', label: label('profileLinks'), value: Array.isArray(a.profileLinks) ? a.profileLinks.join('\n') : '' },
				{ field: 'keyPublications.0', label: label('keyPublications'), value: Array.isArray(a.keyPublications) ? a.keyPublications.join('\n\n') : '' },
				{ field: 'file-cv', label: t('wizard.document.cv'), value: cv?.originalName ?? '' },
			],
		},
		{
			step: 'visit',
			title: t('wizard.step.visit.title'),
			rows: [
				{ field: 'hostSchool', label: label('hostSchool'), value: isSchoolCode(v.hostSchool) ? schoolLabel(v.hostSchool, locale) : '' },
				{ field: 'hostDepartment', label: label('hostDepartment'), value: isDepartmentCode(v.hostDepartment) ? departmentLabel(v.hostDepartment, locale) : '' },
				{ field: 'hostName', label: label('hostName'), value: text(v.hostName) },
				{ field: 'hostEmail', label: label('hostEmail'), value: text(v.hostEmail) },
				{ field: 'activities', label: label('activities'), value: Array.isArray(v.activities) ? v.activities.map((activity) => t(`wizard.activity.${activity}` as MessageKey)).join(', ') : '' },
				{ field: 'startDate', label: label('startDate'), value: date(v.startDate) },
				{ field: 'endDate', label: label('endDate'), value: date(v.endDate) },
				{ field: 'teachingLanguage', label: label('teachingLanguage'), value: v.teachingLanguage ? t(`wizard.teaching.${v.teachingLanguage}` as MessageKey) : '' },
			],
		},
		{
			step: 'plan',
			title: t('wizard.step.plan.title'),
			rows: (['objectives', 'weeklyPlan', 'expectedOutcomes', 'earlierCollaboration'] as const).map((field) => ({ field, label: label(field), value: text(plan[field]) })),
		},
		{
			step: 'referees',
			title: t('wizard.step.referees.title'),
			rows: referees.map((referee, index) => ({
				field: `referees.${index}.name`,
				label: t('wizard.referee.legend', { number: index + 1 }),
				value: [referee.name, referee.email, referee.institution, referee.relationship].filter(Boolean).join('\n'),
			})),
		},
	]
}

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
		sections: summarise(state.saved, state.documents, locale),
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
				<section aria-labelledby="problems" className="rounded-md border-4 border-red-700 bg-white p-4" role="region">
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

			{loaderData.sections.map((section) => (
				<section key={section.step} aria-labelledby={`summary-${section.step}`} className="space-y-3">
					<div className="flex items-baseline justify-between gap-4">
						<h2 id={`summary-${section.step}`} className="text-2xl font-semibold">
							{section.title}
						</h2>
						<Link to={`/applications/${loaderData.id}/${section.step}`}>
							{t('submit.change')}
							<span className="sr-only"> — {section.title}</span>
						</Link>
					</div>
					<dl className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
						{section.rows.map((row) => (
							<div key={row.field} className="grid gap-1 px-4 py-3 sm:grid-cols-[14rem_1fr]">
								<dt className="font-semibold">{row.label}</dt>
								<dd className="whitespace-pre-line break-words">{row.value || <span className="text-slate-600">{t('submit.notAnswered')}</span>}</dd>
							</div>
						))}
					</dl>
				</section>
			))}

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
