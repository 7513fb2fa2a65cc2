import { Link } from '@remix-run/react'
import { useState, useSyncExternalStore, type ReactNode } from 'react'
import { PlainDateInput, PlainTextArea } from '#app/components/forms/fields.tsx'
import { SubmitButton, useErrorMessage } from '#app/components/forms/form.tsx'
import type { BulkAction, BulkReason } from '#app/domain/bulk-actions.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ApplicationStatus, HeldDecision } from '#db/schema.ts'

/** What the action answers when the bulk form does not validate (400): the problems, what was typed and ticked. */
export type BulkActionData = { bulk: true; errors: Record<string, string>; values: Record<string, string>; ids: number[] }

export type BulkReportView = {
	id: number
	action: BulkAction
	selected: number
	succeeded: number
	reminded: number | null
	failed: { applicationId: number; reference: string; reason: BulkReason; status: ApplicationStatus | null }[]
	/** Failures beyond those listed. */
	more: number
}

const subscribeToNothing = () => () => {}

/** False on the server and while hydrating, true once the page's script runs: for what only works with JavaScript. */
export function useHydrated(): boolean {
	return useSyncExternalStore(
		subscribeToNothing,
		() => true,
		() => false,
	)
}

const DECISIONS: readonly HeldDecision[] = ['approved', 'waitlisted', 'rejected']

const radioRow = 'flex items-center gap-3'

/** The outcome of the last run: how many took the action, and each that did not, with the reason in words. */
export function BulkReport({ report, reminderDays }: { report: BulkReportView; reminderDays: number }) {
	const { t, locale } = useTranslate()
	const number = (value: number) => formatNumber(value, locale)
	const failures = report.failed.length + report.more
	return (
		<div role="status" className={`space-y-2 rounded-md border-s-4 bg-white p-4 ${failures > 0 ? 'border-amber-600' : 'border-green-700'}`}>
			<p className="font-semibold">
				{t(`office.bulk.result.${report.action}`, { ok: number(report.succeeded), total: number(report.selected), referees: number(report.reminded ?? 0) })}
			</p>
			{failures > 0 ? (
				<>
					<h2 className="font-semibold">{t('office.bulk.result.failedTitle', { count: number(failures) })}</h2>
					<ul className="list-disc space-y-1 ps-6">
						{report.failed.map((failure) => (
							<li key={failure.applicationId}>
								{failure.reference ? (
									<Link to={`/office/applications/${failure.applicationId}`} dir="ltr">
										{failure.reference}
									</Link>
								) : (
									<span dir="ltr">#{failure.applicationId}</span>
								)}
								{': '}
								{t(`office.bulk.reason.${failure.reason}`, { status: failure.status ? t(`status.${failure.status}`) : '—', days: number(reminderDays) })}
							</li>
						))}
					</ul>
					{report.more > 0 ? <p>{t('office.bulk.result.more', { count: number(report.more) })}</p> : null}
				</>
			) : null}
		</div>
	)
}

type BulkControlsProps = {
	/** Applications the filters match, and whether any filter is set. */
	total: number
	filtered: boolean
	limit: number
	timeZone: string
	reminderDays: number
	/** YYYY-MM-DD in the call's time zone. */
	dates: { today: string; confirmBy: string; replyBy: string }
	actionData: BulkActionData | null
}

/**
 * The controls under the table, inside the same form as the row checkboxes: which applications, what to do and the
 * fields that action needs, one button. Every field is present without JavaScript; with it, only the chosen action's
 * fields show (GOV.UK's conditional reveal).
 */
export function BulkControls({ total, filtered, limit, timeZone, reminderDays, dates, actionData }: BulkControlsProps) {
	const { t, locale } = useTranslate()
	const message = useErrorMessage()
	const errors = actionData?.errors ?? {}
	const values = actionData?.values ?? {}
	const [chosen, setChosen] = useState<string | undefined>(values.bulkAction)
	// Once the page's script runs, the fields of the actions not chosen are folded away.
	const hydrated = useHydrated()
	const number = (value: number) => formatNumber(value, locale)
	const folded = (action: BulkAction) => hydrated && chosen !== action
	const error = (name: string) =>
		errors[name] ? (
			<p id={`field-${name}-error`} className="font-semibold text-red-800">
				{message(errors[name])}
			</p>
		) : null
	const radio = (name: string, value: string, label: ReactNode, checked: boolean, onChange?: () => void) => (
		<label className={radioRow}>
			<input type="radio" name={name} value={value} defaultChecked={checked} onChange={onChange} className="size-5" />
			{label}
		</label>
	)
	const textArea = (name: string, label: string, hint: string) => (
		<PlainTextArea name={name} label={label} hint={hint} error={errors[name]} defaultValue={values[name]} rows={4} />
	)
	const dateInput = (name: string, label: string, hint: string, defaultValue: string) => (
		<PlainDateInput name={name} label={label} hint={hint} error={errors[name]} min={dates.today} defaultValue={values[name] ?? defaultValue} />
	)
	const invalidBorder = (name: string) => (errors[name] ? 'border-s-4 border-red-700 ps-3' : '')

	return (
		<section aria-labelledby="bulk-title" className="space-y-5 rounded-lg border border-slate-200 bg-white p-5">
			<h2 id="bulk-title" className="text-xl font-semibold">
				{t('office.bulk.title')}
			</h2>
			<p className="text-slate-700">{t('office.bulk.lead')}</p>

			<fieldset
				id="field-selection"
				tabIndex={-1}
				aria-describedby={errors.selection ? 'field-selection-error' : undefined}
				className={`space-y-2 ${invalidBorder('selection')}`}
			>
				<legend className="font-semibold">{t('office.bulk.scope.legend')}</legend>
				{error('selection')}
				{radio('scope', 'selected', t('office.bulk.scope.selected'), values.scope !== 'all')}
				{total <= limit ? (
					<div>
						{radio('scope', 'all', t(filtered ? 'office.bulk.scope.all' : 'office.bulk.scope.allCall', { count: number(total) }), values.scope === 'all')}
						<p className="ms-8 text-sm text-slate-600">{t('office.bulk.scope.allHint')}</p>
					</div>
				) : (
					<p className="text-sm text-slate-700">{t('office.bulk.scope.tooMany', { limit: number(limit) })}</p>
				)}
			</fieldset>

			<fieldset
				id="field-bulkAction"
				tabIndex={-1}
				aria-describedby={errors.bulkAction ? 'field-bulkAction-error' : undefined}
				className={`space-y-3 ${invalidBorder('bulkAction')}`}
			>
				<legend className="font-semibold">{t('office.bulk.action.legend')}</legend>
				{error('bulkAction')}

				{radio('bulkAction', 'hold-decision', t('office.bulk.action.hold'), values.bulkAction === 'hold-decision', () => setChosen('hold-decision'))}
				<div hidden={folded('hold-decision')} className="ms-3 space-y-4 border-s-4 border-slate-300 ps-5">
					<p className="text-sm text-slate-700">{t('office.bulk.action.holdHint')}</p>
					<fieldset
						id="field-decision"
						tabIndex={-1}
						aria-describedby={errors.decision ? 'field-decision-error' : undefined}
						className={`space-y-2 ${invalidBorder('decision')}`}
					>
						<legend className="font-semibold">{t('office.bulk.decision.legend')}</legend>
						{error('decision')}
						{DECISIONS.map((decision) => (
							<div key={decision}>{radio('decision', decision, t(`office.bulk.decision.${decision}`), values.decision === decision)}</div>
						))}
					</fieldset>
					{textArea('decisionNote', t('office.bulk.decisionNote'), t('office.bulk.decisionNoteHint'))}
					{textArea('applicantMessage', t('office.bulk.applicantMessage'), t('office.bulk.applicantMessageHint'))}
					{dateInput('confirmBy', t('office.bulk.confirmBy'), t('office.bulk.confirmByHint', { zone: timeZone }), dates.confirmBy)}
				</div>

				{radio('bulkAction', 'remind-referees', t('office.bulk.action.remind'), values.bulkAction === 'remind-referees', () => setChosen('remind-referees'))}
				<div hidden={folded('remind-referees')} className="ms-3 border-s-4 border-slate-300 ps-5">
					<p className="text-sm text-slate-700">{t('office.bulk.action.remindHint', { days: number(reminderDays) })}</p>
				</div>

				{radio('bulkAction', 'request-changes', t('office.bulk.action.changes'), values.bulkAction === 'request-changes', () => setChosen('request-changes'))}
				<div hidden={folded('request-changes')} className="ms-3 space-y-4 border-s-4 border-slate-300 ps-5">
					<p className="text-sm text-slate-700">{t('office.bulk.action.changesHint')}</p>
					{textArea('message', t('office.bulk.message'), t('office.bulk.messageHint'))}
					{dateInput('replyBy', t('office.bulk.replyBy'), t('office.bulk.replyByHint', { zone: timeZone }), dates.replyBy)}
				</div>
			</fieldset>

			<SubmitButton>{t('office.bulk.submit')}</SubmitButton>
		</section>
	)
}
