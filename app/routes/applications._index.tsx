import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { resendVerification } from '#app/auth/accounts.server.ts'
import { requireUser } from '#app/auth/session.server.ts'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { desc, eq } from 'drizzle-orm'
import { Link } from '@remix-run/react'
import { statusShownToApplicant } from '#app/domain/lifecycle/timeline.server.ts'
import { listOpenCalls } from '#app/domain/calls.server.ts'
import { countdownText } from '#app/domain/countdown.ts'
import { applications, calls, visits } from '#db/schema.ts'
import { can } from '#app/domain/permissions.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'applicant.home.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const locale = await getLocale(request)
	const mine = context.db
		.select({ application: applications, call: calls, reportSubmittedAt: visits.reportSubmittedAt })
		.from(applications)
		.innerJoin(calls, eq(calls.id, applications.callId))
		.leftJoin(visits, eq(visits.applicationId, applications.id))
		.where(eq(applications.applicantId, user.id))
		.orderBy(desc(applications.createdAt))
		.all()
	const t = makeTranslate(locale)
	const now = context.now()
	const calls_ = listOpenCalls(context.db, now).map((call) => ({
		id: call.id,
		title: locale === 'fa' ? call.titleFa : call.titleEn,
		deadline: formatDeadline(call.closesAt, locale, call.timeZone),
		countdown: countdownText(call.closesAt, now, t, locale),
		applied: mine.some((row) => row.call.id === call.id),
	}))
	return {
		applications: mine.map(({ application, call, reportSubmittedAt }) => ({
			id: application.id,
			reference: application.reference,
			callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
			status: statusShownToApplicant(context.db, application, { now, decisionGraceMs: context.config.email.decisionGraceMs }),
			confirmBy: application.confirmBy ? formatDeadline(application.confirmBy, locale, call.timeZone).text : null,
			reportDue: application.status === 'completed' && !reportSubmittedAt,
			deadline: formatDeadline(application.deadlineExtendedTo ?? call.closesAt, locale, call.timeZone),
			countdown: countdownText(application.deadlineExtendedTo ?? call.closesAt, now, t, locale),
		})),
		name: user.name,
		email: user.email,
		verified: user.verifiedAt !== null,
		canStart: can(user, 'application:start'),
		justVerified: new URL(request.url).searchParams.get('verified') === '1',
		calls: calls_,
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const intent = (await request.formData()).get('intent')
	if (intent !== 'resend-verification') return data({ resent: false }, 400)
	resendVerification(context, user.id)
	return { resent: true }
}

export default function ApplicantHome() {
	const { t } = useTranslate()
	const { name, email, verified, canStart, justVerified, calls: openCalls, applications: mine } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-8">
			<PageHeading title={t('applicant.home.title')} lead={t('applicant.home.welcome', { name })} />
			{justVerified ? (
				<Panel tone="success">
					<p role="status">{t('applicant.home.verified')}</p>
				</Panel>
			) : null}
			{!verified ? (
				<Panel tone="warning">
					<h2 className="font-semibold">{t('applicant.home.unverified.title')}</h2>
					<p className="mt-1">{t('applicant.home.unverified.body', { email })}</p>
					{actionData?.resent ? (
						<p role="status" className="mt-2 font-semibold">
							{t('applicant.home.unverified.resent')}
						</p>
					) : null}
					<Form method="post" className="mt-3">
						<input type="hidden" name="intent" value="resend-verification" />
						<SubmitButton>{t('applicant.home.unverified.resend')}</SubmitButton>
					</Form>
				</Panel>
			) : null}
			<section aria-labelledby="my-applications" className="space-y-3">
				<h2 id="my-applications" className="text-2xl font-semibold">
					{t('applicant.home.applications')}
				</h2>
				{mine.length === 0 ? (
					<p className="rounded-md border border-slate-300 bg-white p-4">{t('applicant.home.noApplications')}</p>
				) : (
					<ul className="space-y-3">
						{mine.map((application) => (
							<li key={application.id} className="rounded-md border border-slate-200 bg-white p-4">
								<p className="font-semibold">
									<Link to={`/applications/${application.id}`}>{application.callTitle}</Link>
								</p>
								<p className="text-sm text-slate-700">
									<span dir="ltr">{application.reference}</span> · {t(`status.${application.status}`)}
								</p>
								{application.status === 'approved' ? (
									<p className="mt-1 font-semibold">
										<Link to={`/applications/${application.id}/visit-confirmation`}>
											{application.confirmBy ? t('applicant.visitCta', { date: application.confirmBy }) : t('applicant.visitCtaNoDate')}
										</Link>
									</p>
								) : null}
								{application.reportDue ? (
									<p className="mt-1 font-semibold">
										<Link to={`/applications/${application.id}/visit-report`}>{t('applicant.reportCta')}</Link>
									</p>
								) : null}
								{application.status === 'draft' ? (
									<p className="mt-1 text-sm">
										{t('applicant.home.next.draft', { deadline: application.deadline.text })}
										<span className="block font-semibold">{application.countdown}</span>
									</p>
								) : null}
							</li>
						))}
					</ul>
				)}
			</section>
			<section aria-labelledby="open-calls" className="space-y-3">
				<h2 id="open-calls" className="text-2xl font-semibold">
					{t('home.calls.title')}
				</h2>
				{openCalls.length === 0 ? (
					<p>{t('home.calls.empty')}</p>
				) : (
					<ul className="space-y-2">
						{openCalls.map((call) => (
							<li key={call.id} className="rounded-md border border-slate-200 bg-white p-4">
								<p className="font-semibold">{call.title}</p>
								<p className="text-sm text-slate-700">
									{t('home.calls.deadline')}: {call.deadline.text}
									{call.deadline.gregorian ? ` — ${t('home.calls.gregorian', { date: call.deadline.gregorian })}` : ''}
								</p>
								<p className="text-sm font-semibold text-brand-800">{call.countdown}</p>
								{!call.applied && canStart ? (
									<Form method="post" action={`/calls/${call.id}/apply`} className="mt-3">
										<SubmitButton>{t('applicant.home.start')}</SubmitButton>
									</Form>
								) : null}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}
