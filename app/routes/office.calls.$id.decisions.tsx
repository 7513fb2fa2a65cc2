import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { EmailHtml, EmailText } from '#app/components/email-body.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { useDecisionLabel } from '#app/components/office/decision-form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { releaseFailureKey } from '#app/domain/decision-form.server.ts'
import { fundingOf, heldDecisions, previewHeldDecision, releaseHeldDecisions } from '#app/domain/decisions.server.ts'
import { formatDeadline, formatNumber, type DualDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { requireCall } from '#app/domain/calls.server.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.release.title')

/** A held decision as the page saw it: a replaced one (recorded again meanwhile) is not the one previewed. */
const tokenOf = (held: { applicationId: number; recordedAt: Date }) => `${held.applicationId}@${held.recordedAt.getTime()}`

const dual = (date: DualDate) => (date.gregorian ? `${date.text} (${date.gregorian})` : date.text)

/**
 * The call's held decisions with the exact emails releasing them sends, rendered as their recipients will get them;
 * a warning when the approvals would exceed the funded visits; one button releases them all.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'applications:decide' })
	const locale = await getLocale(request)
	const { db, config } = context
	const call = requireCall(db, params.id)
	const now = context.now()
	const when = (at: Date) => dual(formatDeadline(at, locale, call.timeZone))
	const held = heldDecisions(db, call.id)
	const url = new URL(request.url)
	const count = (name: string) => (url.searchParams.has(name) ? Math.max(0, Math.floor(Number(url.searchParams.get(name))) || 0) : null)
	const released = count('released')
	return {
		callId: call.id,
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		funding: fundingOf(db, call.id),
		result: released === null ? null : { released, failed: count('failed') ?? 0 },
		held: await Promise.all(
			held.map(async (row) => ({
				token: tokenOf(row),
				applicationId: row.applicationId,
				reference: row.reference,
				applicantName: row.applicantName,
				status: row.status,
				decision: row.decision,
				decisionNote: row.decisionNote,
				applicantMessage: row.applicantMessage,
				sharedComments: row.sharedReviewIds.length,
				confirmBy: row.confirmBy ? when(row.confirmBy) : null,
				recordedBy: row.recordedByName,
				recordedAt: when(row.recordedAt),
				lastError: row.lastError ? { key: releaseFailureKey(row.lastError), reason: row.lastError } : null,
				emails: (await previewHeldDecision(db, config, row, now)).map((email) => ({
					to: email.toName ? `${email.toName} <${email.to}>` : email.to,
					locale: email.locale,
					subject: email.subject,
					html: email.html,
					text: email.text,
				})),
			})),
		),
	}
}

export type ReleaseActionData = { errors: Record<string, string> }

/**
 * Releases the held decisions the page showed, each through the lifecycle engine on its own. One recorded again since
 * (its preview is no longer what would go) stops the release: the page reloads with the new previews.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'applications:decide' })
	const { db, config } = context
	const call = requireCall(db, params.id)
	const form = await request.formData()
	if (form.get('intent') !== 'release') return data<ReleaseActionData>({ errors: { form: 'errors.unknownAction' } }, 400)
	const shown = new Set(form.getAll('held').map(String))
	const current = heldDecisions(db, call.id)
	const replaced = current.some((held) => !shown.has(tokenOf(held)) && [...shown].some((token) => token.startsWith(`${held.applicationId}@`)))
	if (replaced) return data<ReleaseActionData>({ errors: { form: 'office.release.errors.changed' } }, 409)
	// Those released or discarded meanwhile are gone; those held since were not previewed and wait for the next release.
	const applicationIds = current.filter((held) => shown.has(tokenOf(held))).map((held) => held.applicationId)
	const result = applicationIds.length > 0 ? releaseHeldDecisions(db, config, { callId: call.id, applicationIds, actor, now: context.now() }) : { applied: [], failed: [] }
	return redirect(`/office/calls/${call.id}/decisions?released=${result.applied.length}&failed=${result.failed.length}`)
}

export default function ReleaseDecisions() {
	const { t, locale } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const label = useDecisionLabel()
	const number = (value: number) => formatNumber(value, locale)
	const failures = page.held.filter((held) => held.lastError)
	const reason = (held: (typeof page.held)[number]) =>
		held.lastError ? t(held.lastError.key, { status: t(`status.${held.status}`), reason: held.lastError.reason }) : ''
	const { funding } = page
	return (
		<div className="space-y-8">
			<p>
				<Link to={`/office/calls/${page.callId}`}>{t('office.application.back', { call: page.callTitle })}</Link>
			</p>
			<PageHeading title={t('office.release.title')} lead={page.callTitle}>
				<p className="max-w-3xl text-slate-700">{t('office.release.lead')}</p>
			</PageHeading>

			{page.result ? (
				<div className="space-y-3">
					<Panel tone="success">
						<p role="status">{t('office.release.done', { released: number(page.result.released) })}</p>
					</Panel>
					{page.result.failed > 0 ? (
						<Panel tone="warning">
							<h2 className="font-semibold">{t('office.release.failed', { failed: number(page.result.failed) })}</h2>
							<ul className="mt-2 list-disc space-y-1 ps-6">
								{failures.map((held) => (
									<li key={held.applicationId}>
										<span dir="ltr">{held.reference}</span>: {reason(held)}
									</li>
								))}
							</ul>
						</Panel>
					) : null}
				</div>
			) : null}
			{actionData?.errors.form ? <ErrorSummary formError={actionData.errors.form} items={[]} /> : null}

			{page.held.length === 0 ? (
				<Panel>
					<p>{t('office.release.empty')}</p>
				</Panel>
			) : (
				<>
					{funding.afterRelease > funding.funded ? (
						<Panel tone="warning">
							<p className="font-semibold">
								{t('office.release.overFunded', { approvals: number(funding.afterRelease), funded: number(funding.funded) })}
							</p>
						</Panel>
					) : (
						<p>{t('office.release.funding', { approvals: number(funding.afterRelease), funded: number(funding.funded) })}</p>
					)}
					<ol className="space-y-6">
						{page.held.map((held) => (
							<li key={held.applicationId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
								<h2 className="text-xl font-semibold">
									<Link to={`/office/applications/${held.applicationId}#decision`} dir="ltr">
										{held.reference}
									</Link>
									{': '}
									{held.applicantName} — {label(held.decision)}
								</h2>
								<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
									<dt className="font-semibold">{t('office.release.statusNow')}</dt>
									<dd>{t(`status.${held.status}`)}</dd>
									<dt className="font-semibold">{t('office.decision.decision')}</dt>
									<dd>{label(held.decision)}</dd>
									<dt className="font-semibold">{t('office.decision.note')}</dt>
									<dd className="whitespace-pre-line">{held.decisionNote}</dd>
									<dt className="font-semibold">{t('office.decision.message')}</dt>
									<dd className="whitespace-pre-line">{held.applicantMessage ?? t('office.decision.held.noMessage')}</dd>
									<dt className="font-semibold">{t('office.decision.comments')}</dt>
									<dd>{t('office.decision.held.commentCount', { count: number(held.sharedComments) })}</dd>
									{held.confirmBy ? (
										<>
											<dt className="font-semibold">{t('office.decision.confirmBy')}</dt>
											<dd>{held.confirmBy}</dd>
										</>
									) : null}
									<dt className="font-semibold">{t('office.release.recorded')}</dt>
									<dd>{t('office.release.recordedBy', { name: held.recordedBy ?? t('office.actions.unknownPerson'), at: held.recordedAt })}</dd>
									{held.lastError ? (
										<>
											<dt className="font-semibold">{t('office.release.lastError')}</dt>
											<dd className="font-semibold text-red-800">{reason(held)}</dd>
										</>
									) : null}
								</dl>
								<h3 className="text-lg font-semibold">{t('office.release.emails', { count: number(held.emails.length) })}</h3>
								{held.emails.length === 0 ? (
									<p>{t('office.release.noEmails')}</p>
								) : (
									<ul className="space-y-3">
										{held.emails.map((email, index) => (
											<li key={index} className="rounded-md border border-slate-200 p-3">
												<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
													<dt className="font-semibold">{t('office.outbox.col.to')}</dt>
													<dd dir="ltr" className="break-all text-start">
														{email.to}
													</dd>
													<dt className="font-semibold">{t('office.release.language')}</dt>
													<dd>{t(`office.release.locale.${email.locale}`)}</dd>
													<dt className="font-semibold">{t('office.outbox.col.subject')}</dt>
													<dd dir={email.locale === 'fa' ? 'rtl' : 'ltr'} className="text-start">
														{email.subject}
													</dd>
												</dl>
												<details className="mt-2">
													<summary className="cursor-pointer font-semibold text-brand-800">{t('office.release.showEmail', { to: email.to })}</summary>
													<div className="mt-3 space-y-3">
														<EmailHtml title={t('office.release.emailFrame', { subject: email.subject })} html={email.html} className="h-96" />
														<EmailText text={email.text} locale={email.locale} />
													</div>
												</details>
											</li>
										))}
									</ul>
								)}
							</li>
						))}
					</ol>
					<Form method="post" className="space-y-3">
						{page.held.map((held) => (
							<input key={held.token} type="hidden" name="held" value={held.token} />
						))}
						<p className="max-w-3xl text-slate-700">{t('office.release.confirm')}</p>
						<SubmitButton name="intent" value="release">
							{t(page.held.length === 1 ? 'office.release.submitOne' : 'office.release.submit', { count: number(page.held.length) })}
						</SubmitButton>
					</Form>
				</>
			)}
		</div>
	)
}
