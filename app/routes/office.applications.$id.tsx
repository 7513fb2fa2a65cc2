import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { Fragment } from 'react'
import { eq } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { ApplicationSummary } from '#app/components/application-summary.tsx'
import { ApplicationEmails } from '#app/components/application-emails.tsx'
import { OnDemand } from '#app/components/on-demand.tsx'
import { ApplicationActions, type ApplicationActionsView, type OfficeActionData } from '#app/components/office/application-actions.tsx'
import { ApplicationLetters } from '#app/components/office/application-letters.tsx'
import { DecisionSection, type DecisionActionData } from '#app/components/office/decision-form.tsx'
import { ApplicationDocuments } from '#app/components/office/download-log.tsx'
import { EmailSummaryView, HistorySummaryView } from '#app/components/office/file-summaries.tsx'
import { ReviewComparisonView } from '#app/components/office/review-comparison.tsx'
import { AssignForm, AssignReviewers, ReviewerAssignments, type AssignmentActionData } from '#app/components/office/reviewer-assignments.tsx'
import { FollowUpSection } from '#app/components/office/follow-up-view.tsx'
import { AfterVisitSection } from '#app/components/office/after-visit-view.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PlainDateInput } from '#app/components/forms/fields.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { Timeline } from '#app/components/timeline.tsx'
import { newVerificationCode } from '#app/documents/invitation-letter.server.ts'
import { VisitError, confirmVisit, followUpForOffice, proposeDates, visitState } from '#app/domain/visits.server.ts'
import { afterVisitView } from '#app/domain/visit-report.server.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { listDocuments, loadSteps } from '#app/domain/application-content.server.ts'
import { summariseApplication } from '#app/domain/application-summary.server.ts'
import { assignFormSummary, assignmentChangeAction, isAssignmentChangeIntent } from '#app/domain/assignment-form.server.ts'
import { decisionAction, decisionView, isDecisionIntent, type DecisionNotice } from '#app/domain/decision-form.server.ts'
import { activeReferees, hostEndorsementOf, letterStatuses } from '#app/domain/letters.server.ts'
import { applicationEmailSummary } from '#app/domain/lifecycle/application-emails.server.ts'
import { ConflictError, TransitionError } from '#app/domain/lifecycle/errors.ts'
import { applicationTimeline } from '#app/domain/lifecycle/timeline.server.ts'
import { applicationAuditView, isOfficeIntent, officeAction, officeDateDefaults, officeOptions, type ExtensionEntry, type OfficeNotice } from '#app/domain/office-actions.server.ts'
import { applicationAssignments, reviewComparison } from '#app/domain/office-applications.server.ts'
import { fileDocuments, historySummary, keyAnswers, requireOfficeFile } from '#app/domain/office-file.server.ts'
import { can } from '#app/domain/permissions.ts'
import { departmentLabel, isDepartmentCode } from '#app/domain/schools.ts'
import { instantToZonedDate } from '#app/domain/time.ts'
import { formatDeadline, formatIsoDate, type DualDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Db } from '#db/client.ts'
import { users, type Application, type Call } from '#db/schema.ts'
import type { loader as answersLoader } from './office.applications.$id.answers.tsx'
import type { loader as assignLoader } from './office.applications.$id.assign.tsx'
import type { loader as downloadsLoader } from './office.applications.$id.downloads.tsx'
import type { loader as emailsLoader } from './office.applications.$id.emails.tsx'
import type { loader as historyLoader } from './office.applications.$id.history.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.application.title')

/** What the office may do to the application now (app/domain/office-actions.server.ts), with dates for the page. */
function actionsView(
	application: Application,
	call: Call,
	now: Date,
	extensions: ExtensionEntry[],
	when: (at: Date) => DualDate,
): ApplicationActionsView {
	const options = officeOptions(application, call, now)
	const current = options.extend?.current ?? null
	return {
		status: application.status,
		version: options.version,
		timeZone: call.timeZone,
		requestChanges: options.requestChanges,
		reject: options.reject && { ...options.reject, availableFrom: options.reject.availableFrom && when(options.reject.availableFrom) },
		extend: options.extend && { kind: options.extend.kind, current: current && when(current), passed: current !== null && current <= now },
		dates: officeDateDefaults(options, call, now),
		extensions: extensions.map((entry) => ({ kind: entry.kind, at: when(entry.at).text, by: entry.name, to: entry.to && when(entry.to).text, reason: entry.reason })),
	}
}

/**
 * The office's application file. Its first view carries what the office reads on every visit; the long lists (the
 * history, the emails, every download, every answer, the reviewers to pick from) are child routes of this one that
 * the page opens on demand (app/components/on-demand.tsx), so here they are summaries.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const { db } = context
	const { application, call } = requireOfficeFile(db, params.id)
	const now = context.now()
	const applicant = db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, application.applicantId)).get()!
	const documents = listDocuments(db, application.id)
	const when = (at: Date) => formatDeadline(at, locale, call.timeZone)
	const statuses = new Map(letterStatuses(db, application.id, now).map((status) => [status.refereeId ?? 'host', status.state]))
	const host = hostEndorsementOf(db, application.id)
	const comparison = reviewComparison(db, application.id, call.id)
	const audit = applicationAuditView(db, application.id)
	return {
		id: application.id,
		reference: application.reference,
		status: application.status,
		callId: call.id,
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		applicant,
		submittedAt: application.submittedAt ? when(application.submittedAt).text : null,
		timeZone: call.timeZone,
		keyAnswers: keyAnswers(summariseApplication(loadSteps(db, application.id), documents, locale)),
		documents: fileDocuments(documents, audit.downloads, { every: false }),
		actions: can(user, 'applications:manage') ? actionsView(application, call, now, audit.extensions, when) : null,
		decision: can(user, 'applications:decide') ? decisionView(db, application, call, now, (at) => dual(when(at))) : null,
		referees: activeReferees(db, application.id).map((referee) => ({
			id: referee.id,
			slot: referee.slot,
			name: referee.name,
			email: referee.email,
			institution: referee.institution,
			relationship: referee.relationship,
			state: statuses.get(referee.id) ?? 'requested',
			letterId: referee.letterDocumentId,
			declineReason: referee.declineReason,
		})),
		host: host
			? {
					name: host.name,
					email: host.email,
					department: isDepartmentCode(host.department) ? departmentLabel(host.department, locale) : host.department,
					state: statuses.get('host') ?? 'requested',
					decision: host.decision,
					statement: host.statement,
					knowsApplicant: host.knowsApplicant,
					howKnown: host.howKnown,
				}
			: null,
		visit: ['approved', 'visit_confirmed', 'completed'].includes(application.status) ? visitView(db, application, call, locale) : null,
		followUp: ['approved', 'visit_confirmed', 'completed'].includes(application.status) ? { view: followUpForOffice(db, application.id) } : null,
		afterVisit: application.status === 'completed' ? afterVisitView(db, application.id) : null,
		history: historySummary(applicationTimeline(db, application.id, { viewer: 'office' })!),
		emails: applicationEmailSummary(db, application.id),
		assignments: applicationAssignments(db, application.id).map((row) => ({
			id: row.id,
			reviewerName: row.reviewerName,
			reviewerEmail: row.reviewerEmail,
			status: row.status,
			review: row.review,
			dueAt: row.dueAt.toISOString(),
			overdue: row.status === 'active' && row.dueAt < now,
		})),
		assign: assignFormSummary(db, application),
		minDueDate: instantToZonedDate(now, call.timeZone),
		comparison: {
			summary: comparison.summary,
			criteria: comparison.criteria.map((criterion) => ({ key: criterion.key, weight: criterion.weight, label: locale === 'fa' ? criterion.labelFa : criterion.labelEn })),
			reviews: comparison.reviews.map((review) => ({ ...review, submittedAt: review.submittedAt?.toISOString() ?? null })),
		},
	}
}

function visitView(db: Db, application: Application, call: Call, locale: Locale) {
	const state = visitState(db, application.id)
	const day = (iso: string) => dual(formatIsoDate(iso, locale))
	return {
		version: application.version,
		approved: application.status === 'approved',
		proposal: state.proposal ? { by: state.proposal.by, text: `${day(state.proposal.start)} – ${day(state.proposal.end)}` } : null,
		confirmed: state.confirmed ? `${day(state.confirmed.start)} – ${day(state.confirmed.end)}` : null,
		code: state.visit?.verificationCode ?? null,
		window: { start: call.visitWindowStart, end: call.visitWindowEnd },
	}
}

const dual = (date: DualDate) => (date.gregorian ? `${date.text} (${date.gregorian})` : date.text)

export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context)
	const form = await request.formData()
	const intent = form.get('intent')
	// The office's actions, its decisions and the assignment of reviewers are separate permissions; anyone else gets 404.
	const permission = isOfficeIntent(intent) ? 'applications:manage' : isDecisionIntent(intent) ? 'applications:decide' : 'applications:assign'
	if (!can(actor, permission)) throw new Response(null, { status: 404 })
	const { db, config } = context
	const { application, call } = requireOfficeFile(db, params.id)
	const now = context.now()
	if (intent === 'visit-accept' || intent === 'visit-propose') {
		if (!can(actor, 'applications:decide')) throw new Response(null, { status: 404 })
		const values = { start: String(form.get('start') ?? ''), end: String(form.get('end') ?? '') }
		try {
			if (intent === 'visit-accept') {
				confirmVisit(db, config, { applicationId: application.id, by: 'office', actor, now, verificationCode: newVerificationCode(), expectedVersion: Number(form.get('version')) })
				return redirect(`/office/applications/${application.id}?notice=visit_confirmed#visit`)
			}
			proposeDates(db, { applicationId: application.id, start: normaliseDigits(values.start.trim()), end: normaliseDigits(values.end.trim()), by: 'office', actor, now })
			return redirect(`/office/applications/${application.id}?notice=visit_proposed#visit`)
		} catch (error) {
			const key = error instanceof VisitError ? (VISIT_REFUSALS[error.reason] ?? 'visit.errors.changed') : error instanceof ConflictError || error instanceof TransitionError ? 'visit.errors.changed' : null
			if (!key) throw error
			const field = intent === 'visit-propose' && key !== 'visit.errors.changed' ? 'start' : 'form'
			return data({ visit: true as const, errors: { [field]: key }, values }, field === 'form' ? 409 : 400)
		}
	}
	if (isDecisionIntent(intent)) {
		const result = decisionAction(db, config, { application, call, intent, formData: form, actor, now })
		if (result.ok) return redirect(`/office/applications/${application.id}?notice=${result.notice}#decision`)
		return data<DecisionActionData>({ decision: true, errors: result.errors, values: result.values, sharedReviewIds: result.sharedReviewIds }, result.status)
	}
	if (isOfficeIntent(intent)) {
		const result = officeAction(db, config, { application, call, intent, formData: form, actor, now })
		if (result.ok) return redirect(`/office/applications/${application.id}?notice=${result.notice}`)
		return data<OfficeActionData>({ office: true, intent, errors: result.errors, values: result.values }, result.status)
	}
	if (isAssignmentChangeIntent(intent)) {
		const result = assignmentChangeAction(db, config, { application, call, intent, formData: form, actor, now })
		if (result.ok) return redirect(`/office/applications/${application.id}?notice=${result.notice}#reviewers`)
		return data<AssignmentActionData>({ errors: result.errors, values: result.values }, 400)
	}
	// The assign form posts to its own route (office.applications.$id.assign.tsx).
	return data<AssignmentActionData>({ errors: { form: 'errors.unknownAction' }, values: {} }, 400)
}

const VISIT_REFUSALS: Record<string, string> = {
	dates_invalid: 'visit.errors.dates',
	outside_window: 'visit.errors.window',
	too_short: 'visit.errors.tooShort',
	too_long: 'visit.errors.tooLong',
}

const NOTICES = {
	visit_confirmed: 'office.visit.done.confirmed',
	visit_proposed: 'office.visit.done.proposed',
	assigned: 'office.assign.done.assigned',
	removed: 'office.assign.done.removed',
	due: 'office.assign.done.due',
	changes_requested: 'office.actions.done.changesRequested',
	rejected: 'office.actions.done.rejected',
	deadline_extended: 'office.actions.done.deadlineExtended',
	reply_by_extended: 'office.actions.done.replyByExtended',
	held: 'office.decision.done.held',
	decided: 'office.decision.done.decided',
	discarded: 'office.decision.done.discarded',
} as const satisfies Record<string, MessageKey> & Record<OfficeNotice | DecisionNotice, MessageKey>

export default function OfficeApplication() {
	const { t } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	// Each section shows the answers to its own forms only.
	const officeData = actionData && 'office' in actionData ? actionData : null
	const decisionData = actionData && 'decision' in actionData ? actionData : null
	const assignmentData = actionData && !('office' in actionData) && !('decision' in actionData) && !('visit' in actionData) ? actionData : null
	const [searchParams] = useSearchParams()
	const notice = NOTICES[searchParams.get('notice') as keyof typeof NOTICES]
	const file = `/office/applications/${data.id}`
	const contents = [
		...(data.actions ? ([['actions', 'office.actions.title']] as const) : []),
		['reviews', 'office.review.title'],
		...(data.decision ? ([['decision', 'office.decision.title']] as const) : []),
		...(data.followUp ? ([['follow-up', 'followUp.office.title']] as const) : []),
		...(data.afterVisit ? ([['after-visit', 'afterVisit.office.title']] as const) : []),
		['reviewers', 'office.assign.title'],
		['answers', 'office.application.answers'],
		['documents', 'office.application.documents'],
		['letters', 'office.application.letters'],
		['timeline-title', 'timeline.title'],
		['application-emails-title', 'applicationEmails.title'],
	] as const
	return (
		<div className="space-y-10">
			<div>
				<p className="mb-4">
					<Link to={`/office/calls/${data.callId}`}>{t('office.application.back', { call: data.callTitle })}</Link>
				</p>
				<PageHeading
					title={
						<>
							{t('office.application.title')}{' '}
							<span dir="ltr" className="whitespace-nowrap">
								{data.reference}
							</span>
						</>
					}
					lead={data.applicant.name}
				>
					<dl className="flex flex-wrap gap-x-8 gap-y-1 text-slate-700">
						<div>
							<dt className="inline font-semibold">{`${t('office.call.col.status')}: `}</dt>
							<dd className="inline">{t(`status.${data.status}`)}</dd>
						</div>
						<div>
							<dt className="inline font-semibold">{`${t('office.application.call')}: `}</dt>
							<dd className="inline">{data.callTitle}</dd>
						</div>
						{data.submittedAt ? (
							<div>
								<dt className="inline font-semibold">{`${t('office.application.submittedAt')}: `}</dt>
								<dd className="inline">{data.submittedAt}</dd>
							</div>
						) : null}
						<div>
							<dt className="inline font-semibold">{`${t('office.application.email')}: `}</dt>
							<dd className="inline break-all" dir="ltr">
								{data.applicant.email}
							</dd>
						</div>
					</dl>
				</PageHeading>
				{notice ? (
					<Panel tone="success">
						<p role="status">{t(notice)}</p>
					</Panel>
				) : null}
				<nav aria-labelledby="contents-title" className="mt-6">
					<h2 id="contents-title" className="text-sm font-semibold uppercase tracking-wide text-slate-700">
						{t('office.application.contents')}
					</h2>
					<ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
						{contents.map(([anchor, label]) => (
							<li key={anchor}>
								<a href={`#${anchor}`}>{t(label)}</a>
							</li>
						))}
					</ul>
				</nav>
			</div>

			{data.actions ? <ApplicationActions view={data.actions} actionData={officeData} /> : null}

			<ReviewComparisonView comparison={data.comparison} timeZone={data.timeZone} />

			{data.decision ? <DecisionSection view={data.decision} actionData={decisionData} /> : null}
			{data.visit ? <VisitSection id={data.id} view={data.visit} actionData={actionData && 'visit' in actionData ? (actionData as VisitActionData) : null} /> : null}
			{data.followUp ? <FollowUpSection view={data.followUp.view} /> : null}
			{data.afterVisit ? <AfterVisitSection view={data.afterVisit} /> : null}

			<ReviewerAssignments assignments={data.assignments} timeZone={data.timeZone} minDueDate={data.minDueDate} actionData={assignmentData}>
				{data.assign.assignable ? (
					<AssignReviewers suggestHref={`/office/calls/${data.callId}/suggestions?application=${data.id}`}>
						<OnDemand<typeof assignLoader>
							route="routes/office.applications.$id.assign"
							href={`${file}/assign`}
							anchor="assign"
							summary={(link) =>
								data.assign.candidates === 0 ? (
									<p>{t('office.assign.noCandidates')}</p>
								) : (
									<p>
										{t('office.file.assign.count', { count: data.assign.candidates })} {link(t('office.file.assign.show'))}
									</p>
								)
							}
						>
							{(view) => <AssignForm view={view} action={`${file}/assign`} actionData={null} />}
						</OnDemand>
					</AssignReviewers>
				) : (
					<p className="text-slate-700">{t('office.assign.notAssignable')}</p>
				)}
			</ReviewerAssignments>

			<section aria-labelledby="answers" className="space-y-4">
				<h2 id="answers" className="text-2xl font-semibold">
					{t('office.application.answers')}
				</h2>
				<OnDemand<typeof answersLoader>
					route="routes/office.applications.$id.answers"
					href={`${file}/answers`}
					anchor="answers"
					summary={(link) => (
						<>
							<dl className="grid gap-x-6 gap-y-1 break-words sm:grid-cols-[14rem_1fr] [&_dt]:font-semibold">
								{data.keyAnswers.map((row) => (
									<Fragment key={row.field}>
										<dt>{t(`wizard.field.${row.field}`)}</dt>
										<dd>{row.value || t('submit.notAnswered')}</dd>
									</Fragment>
								))}
							</dl>
							<p>{link(t('office.file.answers.show'))}</p>
						</>
					)}
				>
					{({ sections }) => <ApplicationSummary sections={sections} level={3} />}
				</OnDemand>
			</section>

			<OnDemand<typeof downloadsLoader>
				route="routes/office.applications.$id.downloads"
				href={`${file}/downloads`}
				anchor="documents"
				summary={(link) => (
					<ApplicationDocuments
						documents={data.documents}
						timeZone={data.timeZone}
						more={data.documents.some((document) => document.downloads > 1) ? <p>{link(t('office.file.downloads.show'))}</p> : null}
					/>
				)}
			>
				{({ documents }) => <ApplicationDocuments documents={documents} timeZone={data.timeZone} />}
			</OnDemand>

			<ApplicationLetters referees={data.referees} host={data.host} />

			<OnDemand<typeof historyLoader>
				route="routes/office.applications.$id.history"
				href={`${file}/history`}
				anchor="timeline-title"
				summary={(link) => <HistorySummaryView summary={data.history} timeZone={data.timeZone} link={link} />}
			>
				{({ timeline }) => <Timeline timeline={timeline} forOffice />}
			</OnDemand>
			<OnDemand<typeof emailsLoader>
				route="routes/office.applications.$id.emails"
				href={`${file}/emails`}
				anchor="application-emails-title"
				summary={(link) => <EmailSummaryView summary={data.emails} timeZone={data.timeZone} link={link} />}
			>
				{({ emails, timeZone }) => <ApplicationEmails emails={emails} timeZone={timeZone} />}
			</OnDemand>
			<p>
				<Link to={`/office/audit?application=${data.id}`}>{t('office.audit.applicationLink')}</Link>
			</p>
		</div>
	)
}

type VisitActionData = { visit: true; errors: Record<string, string>; values: { start?: string; end?: string } }

/** The visit: the dates on the table (accept the applicant's, or answer with others), then the confirmed dates and the letter. */
function VisitSection({ id, view, actionData }: { id: number; view: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['visit']>; actionData: VisitActionData | null }) {
	const { t } = useTranslate()
	const errors = actionData?.errors ?? {}
	return (
		<section aria-labelledby="visit" className="space-y-4">
			<h2 id="visit" className="text-2xl font-semibold">
				{t('office.visit.title')}
			</h2>
			<ErrorSummary formError={errors.form} items={errors.start ? [{ name: 'visit-start', message: errors.start }] : []} />
			{view.confirmed ? (
				<div className="space-y-2 rounded-lg border border-slate-200 bg-white p-5">
					<p className="text-lg font-semibold">{t('office.visit.confirmed', { dates: view.confirmed })}</p>
					{view.code ? (
						<p>
							{t('office.visit.code', { code: view.code })}{' '}
							<a href={`/applications/${id}/invitation-letter.pdf`} download>
								{t('office.visit.letter')}
							</a>
						</p>
					) : null}
				</div>
			) : view.approved ? (
				<div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
					{view.proposal ? (
						<p className="text-lg">{t(`office.visit.proposal.${view.proposal.by}`, { dates: view.proposal.text })}</p>
					) : (
						<p>{t('office.visit.noDates')}</p>
					)}
					{view.proposal && view.proposal.by !== 'office' ? (
						<Form method="post">
							<input type="hidden" name="intent" value="visit-accept" />
							<input type="hidden" name="version" value={view.version} />
							<SubmitButton>{t('office.visit.accept')}</SubmitButton>
						</Form>
					) : null}
					<Form method="post" noValidate className="space-y-3">
						<h3 className="text-lg font-semibold">{t('office.visit.proposeTitle')}</h3>
						<input type="hidden" name="intent" value="visit-propose" />
						<PlainDateInput name="start" fieldId="visit-start" label={t('visit.start')} error={errors.start} defaultValue={actionData?.values.start} min={view.window.start} />
						<PlainDateInput name="end" fieldId="visit-end" label={t('visit.end')} defaultValue={actionData?.values.end} min={view.window.start} />
						<SubmitButton>{t('office.visit.propose')}</SubmitButton>
					</Form>
				</div>
			) : null}
		</section>
	)
}
