import { Form } from '@remix-run/react'
import { useState } from 'react'
import { SubmitButton, useErrorMessage } from '#app/components/forms/form.tsx'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import type { SuggestionWarning } from '#app/domain/reviewer-suggestions.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ReviewAssignmentStatus } from '#db/schema.ts'

export type SuggestionActionData = {
	intent: string
	/** Message keys by field name: `reviewers-<application>-<slot>`, `row-<application>`, `dueDate`, `acceptWarnings`, `form`. */
	errors: Record<string, string>
	/** What the office typed, per application id. */
	values: Record<string, string[]>
	dueDate: string
	/** Warnings per application id and reviewer id, for the choices that were posted. */
	warnings: Record<string, Record<string, SuggestionWarning[]>>
	perApplication?: string
	checked?: boolean
}

type Row = {
	applicationId: number
	reference: string
	applicantName: string
	field: string | null
	host: string | null
	current: { reviewerId: number; name: string; status: ReviewAssignmentStatus }[]
	need: number
	reviewerIds: number[]
}

type Reviewer = {
	id: number
	name: string
	email: string
	department: string | null
	openLoad: number
	reviewCap: number
	proposedLoad: number
}

type Props = {
	action: string
	rows: Row[]
	reviewers: Reviewer[]
	warnings: SuggestionActionData['warnings']
	actionData: SuggestionActionData | null
	defaultDueDate: string
	minDueDate: string
	timeZone: string
}

const inputClass = 'block w-full min-w-[12rem] rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

/**
 * The proposal as a form the office edits: one row per application, one box per reviewer it still needs, filled
 * with the suggestion. A box takes a reviewer's address (the list offers every active reviewer by name); emptying
 * it removes that reviewer. "Check" shows the warnings of the edited choices; "Assign" makes them all at once.
 */
export function SuggestionTable({ action, rows, reviewers, warnings, actionData, defaultDueDate, minDueDate, timeZone }: Props) {
	const { t, locale } = useTranslate()
	const message = useErrorMessage()
	const errors = actionData?.errors ?? {}
	const byId = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer]))
	const byEmail = new Map(reviewers.map((reviewer) => [reviewer.email.toLowerCase(), reviewer]))
	const hasWarnings = Object.values(warnings).some((perReviewer) => Object.keys(perReviewer).length > 0)
	const number = (value: number) => formatNumber(value, locale)
	return (
		<Form method="post" action={action} noValidate className="space-y-6">
			<datalist id="reviewer-choices">
				{reviewers.map((reviewer) => (
					<option key={reviewer.id} value={reviewer.email}>
						{t('office.suggest.choice', {
							name: reviewer.name,
							department: reviewer.department ?? t('office.assign.noDepartment'),
							open: number(reviewer.openLoad),
							cap: number(reviewer.reviewCap),
						})}
					</option>
				))}
			</datalist>
			<ScrollRegion labelledBy="proposal-caption">
				<table className="w-full min-w-[44rem] border-collapse bg-white text-sm">
					<caption id="proposal-caption" className="sr-only">
						{t('office.suggest.caption')}
					</caption>
					<thead>
						<tr className="border-b-2 border-slate-300">
							<th scope="col" className="p-2 text-start">{t('office.call.col.reference')}</th>
							<th scope="col" className="p-2 text-start">{t('office.suggest.col.application')}</th>
							<th scope="col" className="p-2 text-start">{t('office.suggest.col.current')}</th>
							<th scope="col" className="p-2 text-start">{t('office.suggest.col.proposed')}</th>
						</tr>
					</thead>
					<tbody>
						{rows.map((row) => {
							const typed = actionData?.values[row.applicationId]
							const slots = Array.from({ length: row.need }, (_, slot) => typed?.[slot] ?? byId.get(row.reviewerIds[slot] ?? -1)?.email ?? '')
							const rowError = errors[`row-${row.applicationId}`]
							return (
								<tr key={row.applicationId} className="border-b border-slate-200 align-top">
									<th scope="row" className="p-2 text-start font-medium" dir="ltr">
										<input type="hidden" name="application" value={row.applicationId} />
										<a href={`/office/applications/${row.applicationId}`}>{row.reference}</a>
									</th>
									<td className="p-2">
										<p className="font-semibold">{row.applicantName}</p>
										{row.field ? <p>{row.field}</p> : null}
										{row.host ? <p className="text-slate-700">{t('office.suggest.host', { host: row.host })}</p> : null}
									</td>
									<td className="p-2">
										{row.current.length === 0 ? (
											<span className="text-slate-600">{t('office.suggest.noneCurrent')}</span>
										) : (
											<ul>
												{row.current.map((current) => (
													<li key={current.reviewerId}>
														{current.name} ({t(`office.assign.status.${current.status}`)})
													</li>
												))}
											</ul>
										)}
									</td>
									<td className="space-y-3 p-2">
										{rowError ? (
											<p id={`field-row-${row.applicationId}`} tabIndex={-1} className="font-semibold text-red-800">
												{message(rowError)}
											</p>
										) : null}
										{slots.map((value, slot) => (
											<ReviewerSlot
												key={`${row.applicationId}-${slot}-${value}`}
												applicationId={row.applicationId}
												reference={row.reference}
												slot={slot}
												initial={value}
												error={errors[`reviewers-${row.applicationId}-${slot}`]}
												warnings={warnings[row.applicationId]?.[byEmail.get(value.toLowerCase())?.id ?? -1] ?? []}
												byEmail={byEmail}
											/>
										))}
									</td>
								</tr>
							)
						})}
					</tbody>
				</table>
			</ScrollRegion>

			<div className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
				<div>
					<label htmlFor="field-dueDate" className="block font-semibold">
						{t('office.assign.due')}
					</label>
					<p id="suggest-due-hint" className="text-sm text-slate-700">
						{t('office.assign.dueHint', { zone: timeZone })}
					</p>
					{errors.dueDate ? (
						<p id="suggest-due-error" className="font-semibold text-red-800">
							{message(errors.dueDate)}
						</p>
					) : null}
					<input
						id="field-dueDate"
						name="dueDate"
						type="date"
						min={minDueDate}
						defaultValue={actionData?.dueDate || defaultDueDate}
						aria-invalid={errors.dueDate ? true : undefined}
						aria-describedby={errors.dueDate ? 'suggest-due-hint suggest-due-error' : 'suggest-due-hint'}
						className="mt-1 block rounded-md border-2 border-slate-500 bg-white px-3 py-2 aria-invalid:border-red-700"
					/>
				</div>
				{hasWarnings ? (
					<div>
						{errors.acceptWarnings ? (
							<p id="accept-warnings-error" className="font-semibold text-red-800">
								{message(errors.acceptWarnings)}
							</p>
						) : null}
						<label className="flex items-start gap-2">
							<input
								id="field-acceptWarnings"
								type="checkbox"
								name="acceptWarnings"
								value="yes"
								aria-describedby={errors.acceptWarnings ? 'accept-warnings-error' : undefined}
								className="mt-1 size-5"
							/>
							<span>{t('office.suggest.acceptWarnings')}</span>
						</label>
					</div>
				) : null}
				<p className="text-slate-700">{t('office.suggest.confirmLead')}</p>
				<div className="flex flex-wrap gap-3">
					<SubmitButton name="intent" value="confirm">
						{t('office.suggest.confirm')}
					</SubmitButton>
					<button type="submit" name="intent" value="check" className="min-h-11 rounded-md border-2 border-brand-700 px-4 font-semibold text-brand-800">
						{t('office.suggest.check')}
					</button>
				</div>
			</div>

			<section aria-labelledby="loads-title" className="space-y-2">
				<h2 id="loads-title" className="text-xl font-semibold">
					{t('office.suggest.loadsTitle')}
				</h2>
				<ScrollRegion labelledBy="loads-title">
					<table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
						<thead>
							<tr className="border-b-2 border-slate-300">
								<th scope="col" className="p-2 text-start">{t('office.assign.col.reviewer')}</th>
								<th scope="col" className="p-2 text-start">{t('office.suggest.col.open')}</th>
								<th scope="col" className="p-2 text-start">{t('office.suggest.col.after')}</th>
								<th scope="col" className="p-2 text-start">{t('office.suggest.col.cap')}</th>
							</tr>
						</thead>
						<tbody>
							{reviewers.map((reviewer) => (
								<tr key={reviewer.id} className="border-b border-slate-200">
									<th scope="row" className="p-2 text-start font-medium">
										{reviewer.name}
										<span className="block font-normal text-slate-700">{reviewer.department ?? t('office.assign.noDepartment')}</span>
									</th>
									<td className="p-2">{number(reviewer.openLoad)}</td>
									<td className="p-2">{number(reviewer.proposedLoad)}</td>
									<td className="p-2">{number(reviewer.reviewCap)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			</section>
		</Form>
	)
}

/** `load/cap` in the locale's digits. */
function overCap(detail: string | null, locale: 'en' | 'fa') {
	const [load = 0, cap = 0] = (detail ?? '').split('/').map(Number)
	return { load: formatNumber(load, locale), cap: formatNumber(cap, locale) }
}

/** One reviewer box: the address, who it is (updated as the office types), and the warnings the last check found. */
function ReviewerSlot({
	applicationId,
	reference,
	slot,
	initial,
	error,
	warnings,
	byEmail,
}: {
	applicationId: number
	reference: string
	slot: number
	initial: string
	error: string | undefined
	warnings: SuggestionWarning[]
	byEmail: Map<string, Reviewer>
}) {
	const { t, locale } = useTranslate()
	const message = useErrorMessage()
	const [value, setValue] = useState(initial)
	const id = `field-reviewers-${applicationId}-${slot}`
	const reviewer = byEmail.get(value.trim().toLowerCase())
	const checked = value === initial
	const describedBy = [`${id}-who`, error ? `${id}-error` : null, checked && warnings.length > 0 ? `${id}-warnings` : null].filter(Boolean).join(' ')
	return (
		<div>
			<label htmlFor={id} className="sr-only">
				{t('office.suggest.slotLabel', { slot: formatNumber(slot + 1, locale), reference })}
			</label>
			<input
				id={id}
				name={`reviewers-${applicationId}`}
				type="text"
				list="reviewer-choices"
				autoComplete="off"
				dir="ltr"
				defaultValue={initial}
				onChange={(event) => setValue(event.target.value)}
				aria-invalid={error ? true : undefined}
				aria-describedby={describedBy}
				className={inputClass}
			/>
			<p id={`${id}-who`} className="mt-1 text-slate-700">
				{value.trim() === ''
					? t('office.suggest.emptySlot')
					: reviewer
						? t('office.suggest.who', {
								name: reviewer.name,
								department: reviewer.department ?? t('office.assign.noDepartment'),
								open: formatNumber(reviewer.openLoad, locale),
								cap: formatNumber(reviewer.reviewCap, locale),
							})
						: t('office.suggest.unknownSlot')}
			</p>
			{error ? (
				<p id={`${id}-error`} className="font-semibold text-red-800">
					{message(error)}
				</p>
			) : null}
			{checked && warnings.length > 0 ? (
				<ul id={`${id}-warnings`} className="mt-1 space-y-1">
					{warnings.map((warning) => (
						<li key={warning.reason} className="w-fit rounded bg-amber-100 px-2 text-amber-950">
							{warning.reason === 'over_cap'
								? t('office.suggest.overCap', overCap(warning.detail, locale))
								: `${t('office.assign.warningPrefix')} ${t(`office.assign.warning.${warning.reason}`, { detail: warning.detail ?? '' })}`}
						</li>
					))}
				</ul>
			) : !checked && reviewer ? (
				<p className="mt-1 text-sm text-slate-700">{t('office.suggest.notChecked')}</p>
			) : null}
		</div>
	)
}
