import { Form } from '@remix-run/react'
import type { ReactNode } from 'react'
import { PlainDateInput, PlainTextArea } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { useReveal } from '#app/components/reveal.tsx'
import type { DualDate } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { ApplicationStatus } from '#db/schema.ts'

/** What the action answers when one of these forms fails (400 field errors, 409 a form-wide message). */
export type OfficeActionData = { office: true; intent: string; errors: Record<string, string>; values: Record<string, string> }

/** The loader's view of app/domain/office-actions.server.ts's officeOptions, with dates formatted. */
export type ApplicationActionsView = {
	status: ApplicationStatus
	version: number
	timeZone: string
	requestChanges: boolean
	reject: { afterReplyBy: boolean; available: boolean; availableFrom: DualDate | null } | null
	extend: { kind: 'deadline' | 'replyBy'; current: DualDate | null; passed: boolean } | null
	/** YYYY-MM-DD in the call's time zone: today, the suggested reply-by day, an extension's earliest and suggested day. */
	dates: { today: string; replyBy: string; extendFrom: string; extendTo: string }
	extensions: { kind: 'deadline' | 'replyBy'; at: string; by: string | null; to: string | null; reason: string }[]
}

const dual = (date: DualDate) => (date.gregorian ? `${date.text} (${date.gregorian})` : date.text)

/**
 * The office's actions on one application, as the lifecycle allows them in its present status: ask for changes,
 * reject with a reason, extend the applicant's deadline or reply-by date. Each is a plain form with an intent, so it
 * works without JavaScript; field errors are shown beside the fields, a refusal about the state above them all.
 */
export function ApplicationActions({ view, actionData }: { view: ApplicationActionsView; actionData: OfficeActionData | null }) {
	const { t } = useTranslate()
	const formError = actionData?.errors.form
	const nothing = !view.requestChanges && !view.reject && !view.extend
	return (
		<section aria-labelledby="actions" className="space-y-4">
			<h2 id="actions" className="text-2xl font-semibold">
				{t('office.actions.title')}
			</h2>
			{formError ? <ErrorSummary formError={formError} items={[]} /> : null}
			{nothing ? <p>{t('office.actions.none', { status: t(`status.${view.status}`) })}</p> : null}

			{view.requestChanges ? (
				<ActionForm view={view} actionData={actionData} intent="request-changes" title={t('office.actions.requestChanges.title')} submit={t('office.actions.requestChanges.submit')}>
					<p className="text-slate-700">{t('office.actions.requestChanges.lead')}</p>
					<TextArea intent="request-changes" name="message" label={t('office.actions.requestChanges.message')} hint={t('office.actions.requestChanges.messageHint')} actionData={actionData} />
					<DateInput
						intent="request-changes"
						name="replyBy"
						label={t('office.actions.requestChanges.replyBy')}
						hint={t('office.actions.requestChanges.replyByHint', { zone: view.timeZone })}
						min={view.dates.today}
						defaultValue={view.dates.replyBy}
						actionData={actionData}
					/>
				</ActionForm>
			) : null}

			{view.reject && !view.reject.available && view.reject.availableFrom ? (
				<p>{t('office.actions.reject.notYet', { date: dual(view.reject.availableFrom) })}</p>
			) : null}
			{view.reject?.available ? (
				<ActionForm
					view={view}
					actionData={actionData}
					intent="reject"
					title={t(view.reject.afterReplyBy ? 'office.actions.reject.titleAfterReplyBy' : 'office.actions.reject.title')}
					submit={t('office.actions.reject.submit')}
				>
					<p className="text-slate-700">
						{view.reject.afterReplyBy && view.reject.availableFrom
							? t('office.actions.reject.leadAfterReplyBy', { date: dual(view.reject.availableFrom) })
							: t('office.actions.reject.lead')}
					</p>
					<TextArea intent="reject" name="reason" label={t('office.actions.reject.reason')} hint={t('office.actions.reject.reasonHint')} actionData={actionData} />
				</ActionForm>
			) : null}

			{view.extend ? <ExtendForm view={view} extend={view.extend} actionData={actionData} /> : null}

			{view.extensions.length > 0 ? (
				<div className="space-y-2">
					<h3 className="text-xl font-semibold">{t('office.actions.extensions.title')}</h3>
					<ul className="list-disc space-y-2 ps-6">
						{view.extensions.map((extension, index) => (
							<li key={index}>
								{t(extension.kind === 'deadline' ? 'office.actions.extensions.deadline' : 'office.actions.extensions.replyBy', {
									at: extension.at,
									to: extension.to ?? '—',
									name: extension.by ?? t('office.actions.unknownPerson'),
								})}
								<span className="block whitespace-pre-line text-sm text-slate-700">{t('office.actions.extensions.reason', { reason: extension.reason })}</span>
							</li>
						))}
					</ul>
				</div>
			) : null}
		</section>
	)
}

function ExtendForm({ view, extend, actionData }: { view: ApplicationActionsView; extend: NonNullable<ApplicationActionsView['extend']>; actionData: OfficeActionData | null }) {
	const { t } = useTranslate()
	const deadline = extend.kind === 'deadline'
	const intent = deadline ? 'extend-deadline' : 'extend-reply-by'
	return (
		<ActionForm
			view={view}
			actionData={actionData}
			intent={intent}
			title={t(deadline ? 'office.actions.extend.deadline.title' : 'office.actions.extend.replyBy.title')}
			submit={t(deadline ? 'office.actions.extend.deadline.submit' : 'office.actions.extend.replyBy.submit')}
		>
			{extend.current ? (
				<p className="text-slate-700">
					{t(deadline ? 'office.actions.extend.deadline.current' : 'office.actions.extend.replyBy.current', { date: dual(extend.current) })}
					{extend.passed ? ` ${t('office.actions.extend.passed')}` : ''}
				</p>
			) : null}
			<p className="text-slate-700">{t('office.actions.extend.noEmail')}</p>
			<DateInput
				intent={intent}
				name="until"
				label={t('office.actions.extend.until')}
				hint={t('office.actions.extend.untilHint', { zone: view.timeZone })}
				min={view.dates.extendFrom}
				defaultValue={view.dates.extendTo}
				actionData={actionData}
			/>
			<TextArea intent={intent} name="reason" label={t('office.actions.extend.reason')} hint={t('office.actions.extend.reasonHint')} actionData={actionData} />
		</ActionForm>
	)
}

type ActionFormProps = {
	view: ApplicationActionsView
	actionData: OfficeActionData | null
	intent: string
	title: string
	submit: string
	children: ReactNode
}

/**
 * One action: its title, a link to the form until the office opens it (app/components/reveal.tsx; open while it has
 * errors), then a plain form that carries the version it was shown at.
 */
function ActionForm({ view, actionData, intent, title, submit, children }: ActionFormProps) {
	const errors = actionData?.intent === intent ? actionData.errors : {}
	const items = Object.entries(errors)
		.filter(([name]) => name !== 'form')
		.map(([name, message]) => ({ name: `${intent}-${name}`, message }))
	const reveal = useReveal(intent, items.length > 0)
	return (
		<div className="rounded-lg border border-slate-200 bg-white p-5">
			<h3 {...reveal.target} className="text-xl font-semibold focus:outline-none">
				{reveal.title(title)}
			</h3>
			{reveal.open ? (
				// Keyed by version: a change (this one or another) starts the form afresh.
				<Form key={view.version} method="post" noValidate className="mt-4 space-y-5">
					<ErrorSummary items={items} />
					<input type="hidden" name="version" value={view.version} />
					{children}
					<SubmitButton name="intent" value={intent}>
						{submit}
					</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}

type FieldProps = { intent: string; name: string; label: string; hint: string; actionData: OfficeActionData | null }

function fieldState({ intent, name, actionData }: Pick<FieldProps, 'intent' | 'name' | 'actionData'>) {
	const own = actionData?.intent === intent
	return { error: own ? actionData.errors[name] : undefined, value: own ? actionData.values[name] : undefined }
}

/** Field ids carry the intent (`field-reject-reason`): several forms on the page have a field of the same name. */
function TextArea({ intent, name, label, hint, actionData }: FieldProps) {
	const { error, value } = fieldState({ intent, name, actionData })
	return <PlainTextArea name={name} fieldId={`${intent}-${name}`} label={label} hint={hint} error={error} defaultValue={value} />
}

function DateInput({ intent, name, label, hint, min, defaultValue, actionData }: FieldProps & { min: string; defaultValue: string }) {
	const { error, value } = fieldState({ intent, name, actionData })
	return <PlainDateInput name={name} fieldId={`${intent}-${name}`} label={label} hint={hint} error={error} min={min} defaultValue={value ?? defaultValue} />
}
