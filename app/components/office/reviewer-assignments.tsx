import { Form, Link } from '@remix-run/react'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import type { ConflictWarning, ReviewerOption } from '#app/domain/assignments.server.ts'
import type { DualDate } from '#app/i18n/format.ts'
import { formatNumber } from '#app/i18n/format.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ReviewAssignmentStatus } from '#db/schema.ts'

export type AssignmentActionData = {
	intent: string
	errors: Record<string, string>
	values: { reviewerIds?: string[]; dueDate?: string }
}

type AssignmentView = {
	id: number
	reviewerName: string
	reviewerEmail: string
	status: ReviewAssignmentStatus
	dueAt: DualDate
	dueDate: string
	overdue: boolean
	review: 'none' | 'draft' | 'submitted'
}

type Props = {
	assignments: AssignmentView[]
	reviewers: ReviewerOption[]
	assignable: boolean
	defaultDueDate: string
	minDueDate: string
	timeZone: string
	actionData: AssignmentActionData | null
	/** The reviewer suggestions for this application, when it may get reviewers. */
	suggestHref?: string
}

const inputClass = 'block rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

/** The application's reviewers: who is assigned, due when, in what state; remove or move a due date; assign more. */
export function ReviewerAssignments({ assignments, reviewers, assignable, defaultDueDate, minDueDate, timeZone, actionData, suggestHref }: Props) {
	const { t, locale } = useTranslate()
	const errors = actionData?.errors ?? {}
	const message = (key: string | undefined) => (key ? t(key as MessageKey) : undefined)
	const assignErrors = actionData?.intent === 'assign' ? errors : {}
	const chosen = new Set(actionData?.intent === 'assign' ? (actionData.values.reviewerIds ?? []) : [])
	const warningText = (warning: ConflictWarning) =>
		t(`office.assign.warning.${warning.reason}`, { detail: warning.detail ?? '' })
	const candidates = reviewers.filter((reviewer) => reviewer.assignable)
	return (
		<section aria-labelledby="reviewers" className="space-y-4">
			<h2 id="reviewers" className="text-2xl font-semibold">
				{t('office.assign.title')}
			</h2>
			{actionData && actionData.intent !== 'assign' ? (
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
				// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
				<div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="assignments-caption">
					<table className="w-full min-w-[40rem] border-collapse bg-white text-sm">
						<caption id="assignments-caption" className="sr-only">
							{t('office.assign.caption')}
						</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								<th scope="col" className="p-2 text-start">{t('office.assign.col.reviewer')}</th>
								<th scope="col" className="p-2 text-start">{t('office.assign.col.due')}</th>
								<th scope="col" className="p-2 text-start">{t('office.assign.col.status')}</th>
								<th scope="col" className="p-2 text-start">{t('office.assign.col.actions')}</th>
							</tr>
						</thead>
						<tbody>
							{assignments.map((assignment) => {
								const dueError = errors[`due-${assignment.id}`]
								return (
									<tr key={assignment.id} className="border-b border-slate-200 align-top">
										<td className="p-2">
											<span className="font-medium">{assignment.reviewerName}</span>
											<span className="block text-slate-600" dir="ltr">
												{assignment.reviewerEmail}
											</span>
										</td>
										<td className="p-2">
											{assignment.dueAt.text}
											{assignment.dueAt.gregorian ? <span className="block text-slate-600">{assignment.dueAt.gregorian}</span> : null}
											{assignment.overdue ? <span className="mt-1 block w-fit rounded bg-red-100 px-2 font-semibold text-red-900">{t('office.assign.overdue')}</span> : null}
										</td>
										<td className="p-2">
											{t(`office.assign.status.${assignment.status}`)}
											{assignment.status === 'active' || assignment.status === 'done' ? (
												<span className="block text-slate-600">{t(`office.assign.review.${assignment.review}`)}</span>
											) : null}
										</td>
										<td className="p-2">
											{assignment.status === 'active' ? (
												<div className="space-y-2">
													<Form method="post">
														<input type="hidden" name="assignmentId" value={assignment.id} />
														<button type="submit" name="intent" value="remove" className="underline">
															{t('office.assign.remove')}
															<span className="sr-only"> — {assignment.reviewerName}</span>
														</button>
													</Form>
													<details open={Boolean(dueError)}>
														<summary className="cursor-pointer underline">
															{t('office.assign.changeDue')}
															<span className="sr-only"> — {assignment.reviewerName}</span>
														</summary>
														<Form method="post" className="mt-2 space-y-2">
															<input type="hidden" name="assignmentId" value={assignment.id} />
															<label htmlFor={`field-due-${assignment.id}`} className="block font-semibold">
																{t('office.assign.newDue', { name: assignment.reviewerName })}
															</label>
															{dueError ? (
																<p id={`field-due-${assignment.id}-error`} className="font-semibold text-red-800">
																	{message(dueError)}
																</p>
															) : null}
															<input
																id={`field-due-${assignment.id}`}
																type="date"
																name="dueDate"
																min={minDueDate}
																defaultValue={dueError ? (actionData?.values.dueDate ?? assignment.dueDate) : assignment.dueDate}
																aria-invalid={dueError ? true : undefined}
																aria-describedby={dueError ? `field-due-${assignment.id}-error` : undefined}
																className={inputClass}
															/>
															<button type="submit" name="intent" value="due" className="rounded-md border-2 border-brand-700 px-3 py-1 font-semibold text-brand-800">
																{t('office.assign.saveDue')}
															</button>
														</Form>
													</details>
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

			{assignable ? (
				<div className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
					<h3 className="text-xl font-semibold">{t('office.assign.formTitle')}</h3>
					<p className="text-slate-700">{t('office.assign.formLead')}</p>
					{suggestHref ? (
						<p>
							<Link to={suggestHref}>{t('office.suggest.forThis')}</Link>
						</p>
					) : null}
					{candidates.length === 0 ? (
						<p>{t('office.assign.noCandidates')}</p>
					) : (
						<Form method="post" className="space-y-5" noValidate>
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
									{candidates.map((reviewer) => {
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
									defaultValue={actionData?.intent === 'assign' ? (actionData.values.dueDate ?? defaultDueDate) : defaultDueDate}
									aria-invalid={assignErrors.dueDate ? true : undefined}
									aria-describedby={['field-dueDate-hint', assignErrors.dueDate ? 'field-dueDate-error' : ''].filter(Boolean).join(' ')}
									className={inputClass}
								/>
							</div>
							<SubmitButton name="intent" value="assign">
								{t('office.assign.submit')}
							</SubmitButton>
						</Form>
					)}
				</div>
			) : (
				<p className="text-slate-700">{t('office.assign.notAssignable')}</p>
			)}
		</section>
	)
}
