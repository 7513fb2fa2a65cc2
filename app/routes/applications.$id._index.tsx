import { data as json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { TaskList } from '#app/components/task-list.tsx'
import { afterVisitView } from '#app/domain/visit-report.server.ts'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { canOnApplication, canReadDocument } from '#app/domain/permissions.ts'
import { reviewerOverview } from '#app/domain/reviewer-view.server.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import { countdownText } from '#app/domain/countdown.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { STEP_IDS } from '#app/schemas/application/index.ts'
import { ApplicationEmails } from '#app/components/application-emails.tsx'
import { ReviewerMaterial } from '#app/components/reviewer-material.tsx'
import { Timeline } from '#app/components/timeline.tsx'
import type { TaskState } from '#app/components/task-list.tsx'
import { applicationEmails } from '#app/domain/lifecycle/application-emails.server.ts'
import { applicationTimeline, statusShownToApplicant } from '#app/domain/lifecycle/timeline.server.ts'
import { nextStatuses } from '#app/domain/lifecycle/transitions.ts'
import { LetterActionError, letterStatuses, replaceReferee, resendLetterRequest } from '#app/domain/letters.server.ts'
import { LetterStatusList, type LetterActionFeedback } from '#app/components/letter-status-list.tsx'
import type { ApplicationStatus } from '#db/schema.ts'

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
	pageMeta(matches, data?.view === 'reviewer' ? 'review.overview.title' : 'wizard.overview.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const { application, access } = requireApplication(context.db, params.id, user, 'application:read')
	const locale = await getLocale(request)
	// A reviewer gets a view of their own, built field by field: none of the office's notes, staff, emails or files.
	if (user.role === 'reviewer') {
		const view = reviewerOverview(context.db, application, { reviewerId: user.id, locale, now: context.now(), decisionGraceMs: context.config.email.decisionGraceMs })
		return { view: 'reviewer' as const, ...view }
	}
	const { call, states, documents, saved } = wizardState(context.db, context.config, application)
	const deadline = application.deadlineExtendedTo ?? call.closesAt
	const referees = (saved.referees?.referees as unknown[] | undefined) ?? []
	const isOwner = user.id === application.applicantId
	const timeline = applicationTimeline(
		context.db,
		application.id,
		isOwner ? { viewer: 'applicant', now: context.now(), decisionGraceMs: context.config.email.decisionGraceMs } : { viewer: 'office' },
	)
	const emails = applicationEmails(context.db, application.id, isOwner ? { viewer: 'applicant', email: user.email } : { viewer: 'office' })
	return {
		view: isOwner ? ('applicant' as const) : ('office' as const),
		refereesState: (referees.length >= call.refereesRequired ? 'completed' : referees.length > 0 ? 'in_progress' : 'not_started') as TaskState,
		canWithdraw: isOwner && nextStatuses(application.status, 'applicant').includes('withdrawn'),
		changeRequest:
			application.status === 'changes_requested'
				? {
						message: application.changeRequestMessage ?? '',
						replyBy: application.replyBy ? formatDeadline(application.replyBy, locale, call.timeZone) : null,
					}
				: null,
		withdrawn: new URL(request.url).searchParams.get('withdrawn') === '1',
		letters: isOwner && application.firstSubmittedAt ? letterStatuses(context.db, application.id, context.now()) : [],
		timeline,
		emails,
		timeZone: call.timeZone,
		id: application.id,
		reference: application.reference,
		// A decision is shown once its email may go (DECISION_GRACE), as on the timeline.
		confirmBy: application.confirmBy ? formatDeadline(application.confirmBy, locale, call.timeZone).text : null,
		reportSent: isOwner && application.status === 'completed' ? afterVisitView(context.db, application.id).report !== null : false,
		isOwner,
		status: isOwner ? statusShownToApplicant(context.db, application, { now: context.now(), decisionGraceMs: context.config.email.decisionGraceMs }) : application.status,
		editable: canOnApplication(user, 'application:edit', access),
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		deadline: formatDeadline(deadline, locale, call.timeZone),
		// Only a draft still runs against the deadline.
		countdown: application.status === 'draft' ? countdownText(deadline, context.now(), makeTranslate(locale), locale) : null,
		states,
		// The document table: the applicant is not given the referees' letters (their state is in `letters`).
		documents: documents
			.filter((document) => canReadDocument(user, document.kind, access))
			.map((document) => ({ id: document.id, kind: document.kind, name: document.originalName })),
	}
}

/** The applicant chases a referee or the host again, or names another referee in a slot. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	const formData = await request.formData()
	const intent = formData.get('intent')
	const target = formData.get('refereeId')
	const refereeId = target === 'host' ? ('host' as const) : Number(target)
	const now = context.now()
	try {
		if (intent === 'resend-letter') {
			resendLetterRequest(context.db, context.config, { applicationId: application.id, refereeId, actorId: user.id, now })
			return json<LetterActionFeedback>({ kind: 'resent', refereeId })
		}
		if (intent === 'replace-referee' && refereeId !== 'host') {
			const referee = {
				name: String(formData.get('name') ?? ''),
				email: String(formData.get('email') ?? ''),
				institution: String(formData.get('institution') ?? ''),
				relationship: String(formData.get('relationship') ?? ''),
				locale: formData.get('locale') === 'fa' ? ('fa' as const) : ('en' as const),
			}
			const result = replaceReferee(context.db, context.config, { applicationId: application.id, refereeId, referee, actorId: user.id, now })
			if (!result.ok) return json<LetterActionFeedback>({ kind: 'replace-invalid', refereeId, errors: result.errors, values: referee }, 400)
			return json<LetterActionFeedback>({ kind: 'replaced', refereeId })
		}
	} catch (error) {
		if (error instanceof LetterActionError) throw new Response(null, { status: error.code === 'not_found' ? 404 : 409 })
		throw error
	}
	throw new Response(null, { status: 400 })
}

export default function ApplicationOverview() {
	const data = useLoaderData<typeof loader>()
	return data.view === 'reviewer' ? <ReviewerView data={data} /> : <OwnOrOfficeOverview data={data} />
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

/** The facts under the page's heading: the reference, the status and, for the applicant and the office, more. */
function ReferenceAndStatus({ reference, status, children }: { reference: string; status: ApplicationStatus; children?: ReactNode }) {
	const { t } = useTranslate()
	return (
		<dl className="flex flex-wrap gap-x-8 gap-y-1 text-slate-700">
			<div>
				<dt className="inline font-semibold">{t('wizard.reference')}: </dt>
				<dd className="inline" dir="ltr">{reference}</dd>
			</div>
			<div>
				<dt className="inline font-semibold">{t('wizard.status')}: </dt>
				<dd className="inline">{t(`status.${status}`)}</dd>
			</div>
			{children}
		</dl>
	)
}

/** What a reviewer reads of the application, with the way to their review. */
function ReviewerView({ data }: { data: Extract<LoaderData, { view: 'reviewer' }> }) {
	const { t } = useTranslate()
	return (
		<div className="space-y-8">
			<p>
				<Link to="/reviewer">{t('review.overview.back')}</Link>
			</p>
			<PageHeading title={t('review.overview.title')} lead={data.callTitle}>
				<ReferenceAndStatus reference={data.reference} status={data.status} />
			</PageHeading>
			{data.assignmentId ? (
				<p>
					<Link to={`/reviewer/assignments/${data.assignmentId}`}>{t('review.overview.toReview')}</Link>
				</p>
			) : null}
			<div className="max-w-3xl space-y-8">
				<ReviewerMaterial material={data} />
			</div>
		</div>
	)
}

function OwnOrOfficeOverview({ data }: { data: Exclude<LoaderData, { view: 'reviewer' }> }) {
	const { t } = useTranslate()
	const actionData = useActionData<typeof action>()
	const done = STEP_IDS.filter((id) => data.states[id] === 'completed').length + (data.refereesState === 'completed' ? 1 : 0)
	return (
		<div className="space-y-8">
			<p>
				<Link to="/applications">{t('wizard.backToApplications')}</Link>
			</p>
			<PageHeading title={t('wizard.overview.title')} lead={data.callTitle}>
				<ReferenceAndStatus reference={data.reference} status={data.status}>
					<div>
						<dt className="inline font-semibold">{t('home.calls.deadline')}: </dt>
						<dd className="inline">
							{data.deadline.text}
							{data.deadline.gregorian ? ` (${t('home.calls.gregorian', { date: data.deadline.gregorian })})` : ''}
							{data.countdown ? <strong className="ms-2">{data.countdown}</strong> : null}
						</dd>
					</div>
				</ReferenceAndStatus>
			</PageHeading>
			{data.withdrawn ? (
				<Panel tone="success">
					<p role="status">{t('withdraw.done')}</p>
				</Panel>
			) : null}
			{data.status === 'approved' ? (
				<Panel tone="warning">
					<p className="text-lg font-semibold">
						<Link to={`/applications/${data.id}/visit-confirmation`}>{data.confirmBy ? t('applicant.visitCta', { date: data.confirmBy }) : t('applicant.visitCtaNoDate')}</Link>
					</p>
				</Panel>
			) : data.status === 'visit_confirmed' || data.status === 'completed' ? (
				<p>
					<Link to={`/applications/${data.id}/visit-confirmation`}>{t('applicant.visitLink')}</Link>
				</p>
			) : null}
			{data.status === 'completed' && data.isOwner ? (
				<Panel tone={data.reportSent ? 'success' : 'warning'}>
					{data.reportSent ? <p>{t('applicant.reportSent')}</p> : null}
					<p className="text-lg font-semibold">
						<Link to={`/applications/${data.id}/visit-report`}>{data.reportSent ? t('applicant.reportView') : t('applicant.reportCta')}</Link>
					</p>
				</Panel>
			) : null}
			{data.changeRequest ? (
				<Panel tone="warning">
					<h2 className="text-lg font-semibold">{t('changes.title')}</h2>
					<p className="mt-2 whitespace-pre-line">{data.changeRequest.message}</p>
					{data.changeRequest.replyBy ? (
						<p className="mt-2 font-semibold">
							{t('changes.replyBy', { date: data.changeRequest.replyBy.text })}
							{data.changeRequest.replyBy.gregorian ? ` (${t('home.calls.gregorian', { date: data.changeRequest.replyBy.gregorian })})` : ''}
						</p>
					) : null}
				</Panel>
			) : null}
			{data.editable ? (
				<section aria-labelledby="steps" className="max-w-3xl space-y-3">
					<h2 id="steps" className="text-2xl font-semibold">
						{t('wizard.overview.steps')}
					</h2>
					<p className="text-slate-700">{t('wizard.overview.progress', { done, total: STEP_IDS.length })}</p>
					<TaskList
						tasks={[
							...STEP_IDS.map((id) => ({
								id,
								href: `/applications/${data.id}/${id}`,
								title: t(`wizard.step.${id}.title`),
								state: data.states[id],
							})),
							{ id: 'referees', href: `/applications/${data.id}/referees`, title: t('wizard.step.referees.title'), state: data.refereesState },
						]}
					/>
					<p className="text-sm text-slate-600">{t('wizard.overview.savesAsYouGo')}</p>
					<p>
						<Link to={`/applications/${data.id}/submit`} className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
							{t('submit.goTo')}
						</Link>
					</p>
				</section>
			) : (
				<Panel>
					<p>{t('wizard.overview.notEditable')}</p>
				</Panel>
			)}
			<div className="max-w-3xl">
				<LetterStatusList statuses={data.letters} feedback={actionData ?? null} />
			</div>
			{data.timeline ? (
				<div className="max-w-3xl">
					<Timeline timeline={data.timeline} />
				</div>
			) : null}
			{data.emails.length > 0 ? (
				<div className="max-w-3xl">
					<ApplicationEmails emails={data.emails} timeZone={data.timeZone} />
				</div>
			) : null}
			{data.canWithdraw ? (
				<p>
					<Link to={`/applications/${data.id}/withdraw`}>{t('withdraw.link')}</Link>
				</p>
			) : null}
		</div>
	)
}
