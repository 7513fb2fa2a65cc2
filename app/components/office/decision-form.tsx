import { Form, Link } from '@remix-run/react'
import { FieldShell } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton, useErrorMessage } from '#app/components/forms/form.tsx'
import { Panel } from '#app/components/page.tsx'
import { useReveal } from '#app/components/reveal.tsx'
import type { DecisionView, HeldDecisionSummary } from '#app/domain/decision-form.server.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ApplicationStatus } from '#db/schema.ts'

/** What the action answers when the decision form fails: 400 field errors, 409 a form-wide message. */
export type DecisionActionData = {
	decision: true
	errors: Record<string, string>
	values: Record<string, string>
	sharedReviewIds: number[]
}

/** The fields in the order they appear, for the error summary. */
const FIELDS = ['decision', 'decisionNote', 'applicantMessage', 'sharedReviewId', 'confirmBy'] as const

const inputClass = 'block w-full max-w-lg rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

/** The decision's name as the office chooses it: Approve, Put on the waiting list, Reject. */
export function useDecisionLabel() {
	const { t } = useTranslate()
	return (decision: HeldDecisionSummary['decision']) => t(`office.decision.choice.${decision}`)
}

/**
 * The office's decision on an application under review, waitlisted, or approved (a correction before the visit is
 * confirmed): held (recorded, nothing sent) or made now. A plain form, so it works without JavaScript; it starts from
 * the held decision when there is one, so that one can be replaced.
 */
export function DecisionSection({ view, actionData }: { view: DecisionView; actionData: DecisionActionData | null }) {
	const { t } = useTranslate()
	const label = useDecisionLabel()
	const errors = actionData?.errors ?? {}
	const items = FIELDS.filter((name) => errors[name]).map((name) => ({ name: `decision-${name}`, message: errors[name]! }))
	const { held } = view
	// What the form starts from: what was typed (after an error), else the held decision, else the defaults.
	const typed = actionData?.values
	const start = {
		decision: typed ? (typed.decision ?? '') : (held?.decision ?? ''),
		decisionNote: typed ? typed.decisionNote : held?.decisionNote,
		applicantMessage: typed ? typed.applicantMessage : (held?.applicantMessage ?? undefined),
		confirmBy: (typed ? typed.confirmBy : held?.confirmByDay) || view.dates.confirmBy,
		shared: new Set(actionData ? actionData.sharedReviewIds : (held?.sharedReviewIds ?? [])),
	}
	const approving = view.allowed.includes('approved')
	// The form is sent when the office opens it (app/components/reveal.tsx), or with the errors of its last answer.
	const reveal = useReveal('decision', actionData !== null)
	return (
		<section aria-labelledby="decision" className="space-y-4">
			<h2 id="decision" className="text-2xl font-semibold">
				{t('office.decision.title')}
			</h2>
			<p>
				<Link to={view.releaseHref}>{t('office.decision.releaseLink')}</Link>
			</p>
			{view.correction ? (
				<Panel tone="warning">
					<p>{t('office.decision.correction')}</p>
				</Panel>
			) : null}

			{held ? <HeldDecisionPanel held={held} status={view.status} releaseHref={view.releaseHref} /> : null}

			{view.allowed.length > 0 ? (
				<div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
					<h3 {...reveal.target} className="text-xl font-semibold focus:outline-none">
						{reveal.title(t(held ? 'office.decision.replaceTitle' : 'office.decision.formTitle'))}
					</h3>
					{/* Keyed by version and the held decision: a change (this one or another) starts the form afresh. */}
					{reveal.open ? (
						<Form key={`${view.version}-${held?.recordedAt ?? ''}`} method="post" noValidate className="space-y-5">
							<p className="max-w-3xl text-slate-700">{t('office.decision.lead')}</p>
							<ErrorSummary formError={errors.form} items={items} />
							<input type="hidden" name="version" value={view.version} />
							<fieldset
								id="field-decision-decision"
								aria-describedby={errors.decision ? 'field-decision-decision-error' : undefined}
								className={`space-y-2 ${errors.decision ? 'border-s-4 border-red-700 ps-3' : ''}`}
							>
								<legend className="mb-1 font-semibold">{t('office.decision.decision')}</legend>
								<FieldError id="field-decision-decision-error" error={errors.decision} />
								{view.allowed.map((decision) => (
									<div key={decision} className="flex items-center gap-3">
										<input
											id={`decision-${decision}`}
											type="radio"
											name="decision"
											value={decision}
											defaultChecked={start.decision === decision}
											className="size-5"
										/>
										<label htmlFor={`decision-${decision}`}>{label(decision)}</label>
									</div>
								))}
							</fieldset>
							<TextArea name="decisionNote" label={t('office.decision.note')} hint={t('office.decision.noteHint')} error={errors.decisionNote} defaultValue={start.decisionNote} />
							<TextArea
								name="applicantMessage"
								label={t('office.decision.message')}
								hint={t('office.decision.messageHint')}
								error={errors.applicantMessage}
								defaultValue={start.applicantMessage}
							/>
							<fieldset
								id="field-decision-sharedReviewId"
								aria-describedby={['field-decision-sharedReviewId-hint', errors.sharedReviewId ? 'field-decision-sharedReviewId-error' : ''].filter(Boolean).join(' ')}
								className={`space-y-2 ${errors.sharedReviewId ? 'border-s-4 border-red-700 ps-3' : ''}`}
							>
								<legend className="mb-1 font-semibold">{t('office.decision.comments')}</legend>
								<p id="field-decision-sharedReviewId-hint" className="text-sm text-slate-600">
									{t(view.comments.length > 0 ? 'office.decision.commentsHint' : 'office.decision.noComments')}
								</p>
								<FieldError id="field-decision-sharedReviewId-error" error={errors.sharedReviewId} />
								<ul className="space-y-3">
									{view.comments.map((comment) => {
										const id = `decision-comment-${comment.reviewId}`
										return (
											<li key={comment.reviewId} className="flex items-start gap-3 rounded-md border border-slate-200 p-3">
												<input
													id={id}
													type="checkbox"
													name="sharedReviewId"
													value={comment.reviewId}
													defaultChecked={start.shared.has(comment.reviewId)}
													aria-describedby={`${id}-text`}
													className="mt-1 size-5 shrink-0"
												/>
												<div>
													<label htmlFor={id} className="font-semibold">
														{t('office.decision.commentBy', { name: comment.reviewerName })}
													</label>
													<p id={`${id}-text`} className="whitespace-pre-line text-slate-800">
														{comment.comment}
													</p>
												</div>
											</li>
										)
									})}
								</ul>
							</fieldset>
							{approving ? (
								<FieldShell
									name="decision-confirmBy"
									label={t('office.decision.confirmBy')}
									hint={t('office.decision.confirmByHint', { zone: view.timeZone })}
									error={errors.confirmBy}
								>
									{({ id, describedBy, invalid }) => (
										<input
											id={id}
											type="date"
											name="confirmBy"
											dir="ltr"
											min={view.dates.today}
											defaultValue={start.confirmBy}
											aria-describedby={describedBy}
											aria-invalid={invalid || undefined}
											className="rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base aria-invalid:border-red-700"
										/>
									)}
								</FieldShell>
							) : null}
							<div className="flex flex-wrap gap-3">
								<SecondaryButton name="intent" value="hold">
									{t('office.decision.hold')}
								</SecondaryButton>
								<SubmitButton name="intent" value="decide">
									{t('office.decision.decideNow')}
								</SubmitButton>
							</div>
						</Form>
					) : null}
				</div>
			) : null}
		</section>
	)
}

function HeldDecisionPanel({ held, status, releaseHref }: { held: HeldDecisionSummary; status: ApplicationStatus; releaseHref: string }) {
	const { t } = useTranslate()
	const label = useDecisionLabel()
	return (
		<Panel tone="info">
			<div className="space-y-2">
				<h3 className="text-lg font-semibold">
					{t('office.decision.held.summary', {
						decision: label(held.decision),
						name: held.recordedBy ?? t('office.actions.unknownPerson'),
						at: held.recordedAt,
					})}
				</h3>
				<dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
					<dt className="font-semibold">{t('office.decision.note')}</dt>
					<dd className="whitespace-pre-line">{held.decisionNote}</dd>
					<dt className="font-semibold">{t('office.decision.message')}</dt>
					<dd className="whitespace-pre-line">{held.applicantMessage ?? t('office.decision.held.noMessage')}</dd>
					<dt className="font-semibold">{t('office.decision.comments')}</dt>
					<dd>{t('office.decision.held.commentCount', { count: held.sharedReviewIds.length })}</dd>
					{held.confirmBy ? (
						<>
							<dt className="font-semibold">{t('office.decision.confirmBy')}</dt>
							<dd>{held.confirmBy}</dd>
						</>
					) : null}
				</dl>
				{held.lastError ? (
					<p className="font-semibold text-red-800">
						{t('office.decision.held.lastError', {
							reason: t(held.lastError.key, { status: t(`status.${status}`), reason: held.lastError.reason }),
						})}
					</p>
				) : null}
				<p>
					<Link to={releaseHref}>{t('office.decision.releaseLink')}</Link>
				</p>
				<Form method="post">
					<SecondaryButton name="intent" value="discard">
						{t('office.decision.discard')}
					</SecondaryButton>
				</Form>
			</div>
		</Panel>
	)
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
	const message = useErrorMessage()
	return error ? (
		<p id={id} className="font-semibold text-red-800">
			{message(error)}
		</p>
	) : null
}

function TextArea({ name, label, hint, error, defaultValue }: { name: string; label: string; hint: string; error?: string; defaultValue?: string }) {
	return (
		<FieldShell name={`decision-${name}`} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<textarea id={id} name={name} rows={4} defaultValue={defaultValue} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={`${inputClass} min-h-24`} />
			)}
		</FieldShell>
	)
}

/** The less final of two buttons (Hold beside Decide now): outlined. */
function SecondaryButton({ children, name, value }: { children: string; name: string; value: string }) {
	return (
		<button
			type="submit"
			name={name}
			value={value}
			className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800 shadow-sm hover:bg-brand-50"
		>
			{children}
		</button>
	)
}
