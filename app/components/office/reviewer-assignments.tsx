import { Form, Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { useReveal } from '#app/components/reveal.tsx'
import type { AssignFormView } from '#app/domain/assignment-form.server.ts'
import type { ConflictWarning } from '#app/domain/assignments.server.ts'
import { instantToZonedDate } from '#app/domain/time.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ReviewAssignmentStatus } from '#db/schema.ts'

export type AssignmentActionData = {
	errors: Record<string, string>
	values: { reviewerIds?: string[]; dueDate?: string }
}

type AssignmentView = {
	id: number
	reviewerName: string
	reviewerEmail: string
	status: ReviewAssignmentStatus
	/** ISO instant, shown in the call's time zone (and its calendar day is the due-date form's default). */
	dueAt: string
	overdue: boolean
	review: 'none' | 'draft' | 'submitted'
}

const inputClass = 'block rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

/**
 * The application's reviewers: who is assigned, due when, in what state; remove or move a due date (`actionData`:
 * the answer to those forms); then `children`, the assign form or what stands for it until the office opens it.
 */
export function ReviewerAssignments({
	assignments,
	timeZone,
	minDueDate,
	actionData,
	children,
}: {
	assignments: AssignmentView[]
	timeZone: string
	minDueDate: string
	actionData: AssignmentActionData | null
	children: ReactNode
}) {
	const { t, locale } = useTranslate()
	const errors = actionData?.errors ?? {}
	return (
		<section aria-labelledby="reviewers" className="space-y-4">
			<h2 id="reviewers" className="text-2xl font-semibold">
				{t('office.assign.title')}
			</h2>
			{actionData ? (
				<ErrorSummary
					formError={errors.form}
					items={Object.entries(errors)
						.filter(([name]) => name !== 'form')
						.map(([name, value]) => ({ name, message: value }))}
				/>
			) : null}
			{assignments.length === 0 ? (
				<p>{t('office.assign.noneYet')}</p>
			) : (
				// Focusable, so a keyboard can scroll it on a narrow screen even when no row has a button (axe: scrollable-region-focusable).
				// Relative, so the rows' screen-reader-only text (absolutely positioned) scrolls with it instead of widening the page.
				// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
				<div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby="assignments-caption">
					<table className="w-full min-w-[40rem] border-collapse bg-white text-sm [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-200 [&_tbody_tr]:align-top [&_td]:p-2 [&_th]:p-2 [&_th]:text-start">
						<caption id="assignments-caption" className="sr-only">
							{t('office.assign.caption')}
						</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								<th scope="col">{t('office.assign.col.reviewer')}</th>
								<th scope="col">{t('office.assign.col.due')}</th>
								<th scope="col">{t('office.assign.col.status')}</th>
								<th scope="col">{t('office.assign.col.actions')}</th>
							</tr>
						</thead>
						<tbody>
							{assignments.map((assignment) => {
								const dueError = errors[`due-${assignment.id}`]
								const due = formatDeadline(new Date(assignment.dueAt), locale, timeZone)
								return (
									<tr key={assignment.id}>
										<td>
											<span className="font-medium">{assignment.reviewerName}</span>
											<span className="block text-slate-600" dir="ltr">
												{assignment.reviewerEmail}
											</span>
										</td>
										<td>
											{due.text}
											{due.gregorian ? <span className="block text-slate-600">{due.gregorian}</span> : null}
											{assignment.overdue ? <span className="mt-1 block w-fit rounded bg-red-100 px-2 font-semibold text-red-900">{t('office.assign.overdue')}</span> : null}
										</td>
										<td>
											{t(`office.assign.status.${assignment.status}`)}
											{assignment.status === 'active' || assignment.status === 'done' ? (
												<span className="block text-slate-600">{t(`office.assign.review.${assignment.review}`)}</span>
											) : null}
										</td>
										<td>
											{assignment.status === 'active' ? (
												<div className="space-y-2">
													<Form method="post">
														<input type="hidden" name="assignmentId" value={assignment.id} />
														<button type="submit" name="intent" value="remove" className="underline">
															{t('office.assign.remove')}
															<span className="sr-only"> — {assignment.reviewerName}</span>
														</button>
													</Form>
													<DueDateForm
														assignment={assignment}
														dueDate={instantToZonedDate(new Date(assignment.dueAt), timeZone)}
														minDueDate={minDueDate}
														error={dueError}
														typed={actionData?.values.dueDate}
													/>
												</div>
											) : null}
										</td>
									</tr>
								)
							})}
						</tbody>
					</table>
				</div>
			)}

			{children}
		</section>
	)
}

/** An assignment's new due date: a link until the office opens the form (app/components/reveal.tsx), or its error. */
function DueDateForm({
	assignment,
	dueDate,
	minDueDate,
	error,
	typed,
}: {
	assignment: AssignmentView
	dueDate: string
	minDueDate: string
	error: string | undefined
	typed: string | undefined
}) {
	const { t } = useTranslate()
	const message = (key: string) => t(key as MessageKey)
	const reveal = useReveal<HTMLFormElement>(`due-${assignment.id}`, Boolean(error))
	const field = `field-due-${assignment.id}`
	if (!reveal.open) {
		return (
			<p id={reveal.target.id}>
				{reveal.title(
					<>
						{t('office.assign.changeDue')}
						<span className="sr-only"> — {assignment.reviewerName}</span>
					</>,
				)}
			</p>
		)
	}
	return (
		<Form method="post" {...reveal.target} className="space-y-2 focus:outline-none">
			<input type="hidden" name="assignmentId" value={assignment.id} />
			<label htmlFor={field} className="block font-semibold">
				{t('office.assign.newDue', { name: assignment.reviewerName })}
			</label>
			{error ? (
				<p id={`${field}-error`} className="font-semibold text-red-800">
					{message(error)}
				</p>
			) : null}
			<input
				id={field}
				type="date"
				name="dueDate"
				min={minDueDate}
				defaultValue={error ? (typed ?? dueDate) : dueDate}
				aria-invalid={error ? true : undefined}
				aria-describedby={error ? `${field}-error` : undefined}
				className={inputClass}
			/>
			<button type="submit" name="intent" value="due" className="rounded-md border-2 border-brand-700 px-3 py-1 font-semibold text-brand-800">
				{t('office.assign.saveDue')}
			</button>
		</Form>
	)
}

/** The frame of the assign form: the suggestions for this application, then the form or its summary. */
export function AssignReviewers({ suggestHref, children }: { suggestHref: string; children: ReactNode }) {
	const { t } = useTranslate()
	return (
		<div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
			<h3 id="assign" className="text-xl font-semibold">
				{t('office.assign.formTitle')}
			</h3>
			<p>
				<Link to={suggestHref}>{t('office.suggest.forThis')}</Link>
			</p>
			{children}
		</div>
	)
}

/** The assign form: every reviewer the office may pick, with department, expertise, open load and conflict warnings. */
export function AssignForm({ view, action, actionData }: { view: AssignFormView; action: string; actionData: AssignmentActionData | null }) {
	const { t, locale } = useTranslate()
	const { reviewers, defaultDueDate, minDueDate, timeZone } = view
	const assignErrors = actionData?.errors ?? {}
	const message = (key: string | undefined) => (key ? t(key as MessageKey) : undefined)
	const chosen = new Set(actionData?.values.reviewerIds ?? [])
	const warningText = (warning: ConflictWarning) => t(`office.assign.warning.${warning.reason}`, { detail: warning.detail ?? '' })
	if (!view.assignable) return <p className="text-slate-700">{t('office.assign.notAssignable')}</p>
	if (reviewers.length === 0) return <p>{t('office.assign.noCandidates')}</p>
	return (
		<Form method="post" action={action} className="space-y-5" noValidate>
			<p className="text-slate-700">{t('office.assign.formLead')}</p>
			<ErrorSummary
				formError={assignErrors.form}
				items={(['reviewerId', 'dueDate'] as const).filter((name) => assignErrors[name]).map((name) => ({ name, message: assignErrors[name]! }))}
			/>
			<fieldset id="field-reviewerId" aria-describedby={assignErrors.reviewerId ? 'field-reviewerId-error' : undefined} className={`space-y-3 ${assignErrors.reviewerId ? 'border-s-4 border-red-700 ps-3' : ''}`}>
				<legend className="mb-2 font-semibold">{t('office.assign.reviewers')}</legend>
				{assignErrors.reviewerId ? (
					<p id="field-reviewerId-error" className="font-semibold text-red-800">
						{message(assignErrors.reviewerId)}
					</p>
				) : null}
				<ul className="space-y-3">
					{reviewers.map((reviewer) => {
						const id = `reviewer-${reviewer.id}`
						const warned = reviewer.warnings.length > 0
						return (
							<li key={reviewer.id} className={`rounded-md border p-3 ${warned ? 'border-amber-600 bg-amber-50' : 'border-slate-200'}`}>
								<div className="flex items-start gap-3">
									<input
										id={id}
										type="checkbox"
										name="reviewerId"
										value={reviewer.id}
										defaultChecked={chosen.has(String(reviewer.id))}
										aria-describedby={`${id}-details`}
										className="mt-1 size-6 shrink-0"
									/>
									<div>
										<label htmlFor={id} className="font-semibold">
											{reviewer.name}
										</label>
										<div id={`${id}-details`} className="text-sm text-slate-700">
											<p>{reviewer.department ?? t('office.assign.noDepartment')}</p>
											{reviewer.keywords ? <p>{t('office.assign.keywords', { keywords: reviewer.keywords })}</p> : null}
											<p>
												{t('office.assign.load', { open: formatNumber(reviewer.openLoad, locale), cap: formatNumber(reviewer.reviewCap, locale) })}
											</p>
											{warned ? (
												<ul className="mt-1 space-y-1">
													{reviewer.warnings.map((warning) => (
														<li key={warning.reason} data-reason={warning.reason} className="font-semibold text-amber-950">
															{t('office.assign.warningPrefix')} {warningText(warning)}
														</li>
													))}
												</ul>
											) : null}
										</div>
									</div>
								</div>
							</li>
						)
					})}
				</ul>
			</fieldset>
			<div className={`space-y-1 ${assignErrors.dueDate ? 'border-s-4 border-red-700 ps-3' : ''}`}>
				<label htmlFor="field-dueDate" className="block font-semibold">
					{t('office.assign.due')}
				</label>
				<p id="field-dueDate-hint" className="text-sm text-slate-600">
					{t('office.assign.dueHint', { zone: timeZone })}
				</p>
				{assignErrors.dueDate ? (
					<p id="field-dueDate-error" className="font-semibold text-red-800">
						{message(assignErrors.dueDate)}
					</p>
				) : null}
				<input
					id="field-dueDate"
					type="date"
					name="dueDate"
					min={minDueDate}
					defaultValue={actionData?.values.dueDate ?? defaultDueDate}
					aria-invalid={assignErrors.dueDate ? true : undefined}
					aria-describedby={['field-dueDate-hint', assignErrors.dueDate ? 'field-dueDate-error' : ''].filter(Boolean).join(' ')}
					className={inputClass}
				/>
			</div>
			<SubmitButton name="intent" value="assign">
				{t('office.assign.submit')}
			</SubmitButton>
		</Form>
	)
}
