import type { ReactNode } from 'react'
import { DateField } from '#app/components/forms/date-field.tsx'
import { SelectField, TextAreaField, TextField } from '#app/components/forms/fields.tsx'
import { fieldError, SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { CALL_FORM_FIELDS, CALL_TIME_ZONES, CallFormSchema, type CallFormField } from '#app/schemas/call.ts'
import type { FieldErrors } from '#app/schemas/parse.ts'

type Props = {
	/** What the fields start with: the saved call, the new call's defaults, or what was just posted. */
	values: Partial<Record<string, string>>
	serverErrors?: FieldErrors
	submitLabel: string
	/** The year is part of every application's reference: fixed once the call has one. */
	yearLocked?: boolean
}

const sectionClass = 'min-w-0 space-y-5 rounded-lg border border-slate-200 bg-white p-4 sm:p-5'
const legendClass = 'px-1 text-xl font-semibold'

/**
 * The office's form for a call, shared by the new-call and edit pages: a real form (it works without JavaScript),
 * checked in the browser by the schema the action uses. Dates and times are entered in the call's time zone.
 */
export function CallForm({ values, serverErrors, submitLabel, yearLocked = false }: Props) {
	const { t } = useTranslate()
	const form = useValidatedForm(CallFormSchema, { serverErrors })
	const err = (name: CallFormField) => fieldError(form as never, name)
	const reg = (name: CallFormField) => form.register(name)
	const value = (name: CallFormField) => values[name] ?? ''
	const zones = CALL_TIME_ZONES.includes(value('timeZone') as never) || !value('timeZone') ? CALL_TIME_ZONES : [value('timeZone'), ...CALL_TIME_ZONES]

	const dateTime = (prefix: 'opens' | 'closes' | 'letterDeadline', legend: string, hint?: ReactNode) => (
		<fieldset className="min-w-0 space-y-3" aria-describedby={hint ? `${prefix}-hint` : undefined}>
			<legend className="font-semibold text-slate-900">{legend}</legend>
			{hint ? (
				<p id={`${prefix}-hint`} className="text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			<div className="flex flex-wrap items-start gap-x-6 gap-y-3">
				<DateField
					label={t('office.callForm.field.date')}
					defaultValue={value(`${prefix}Date`)}
					error={err(`${prefix}Date`)}
					registration={reg(`${prefix}Date`)}
				/>
				<TextField
					label={t('office.callForm.field.time')}
					type="time"
					dir="ltr"
					className="max-w-40"
					defaultValue={value(`${prefix}Time`)}
					error={err(`${prefix}Time`)}
					registration={reg(`${prefix}Time`)}
				/>
			</div>
		</fieldset>
	)

	const wholeNumber = (name: 'year' | 'minVisitDays' | 'maxVisitDays' | 'refereesRequired' | 'fundedVisits', hint?: string, readOnly = false) => (
		<TextField
			label={t(`office.callForm.field.${name}`)}
			hint={hint}
			inputMode="numeric"
			dir="ltr"
			className="max-w-32"
			readOnly={readOnly}
			defaultValue={value(name)}
			error={err(name)}
			registration={reg(name)}
		/>
	)

	return (
		<ValidatedForm form={form as never} fieldOrder={[...CALL_FORM_FIELDS]} className="space-y-8">
			<fieldset className={sectionClass}>
				<legend className={legendClass}>{t('office.callForm.section.about')}</legend>
				{wholeNumber('year', t(yearLocked ? 'office.callForm.hint.yearLocked' : 'office.callForm.hint.year'), yearLocked)}
				<TextField
					label={t('office.callForm.field.titleEn')}
					hint={t('office.callForm.hint.titleEn')}
					lang="en"
					dir="ltr"
					defaultValue={value('titleEn')}
					error={err('titleEn')}
					registration={reg('titleEn')}
				/>
				<TextField label={t('office.callForm.field.titleFa')} lang="fa" dir="rtl" defaultValue={value('titleFa')} error={err('titleFa')} registration={reg('titleFa')} />
				<TextAreaField
					label={t('office.callForm.field.descriptionEn')}
					hint={t('office.callForm.hint.description')}
					lang="en"
					dir="ltr"
					rows={5}
					defaultValue={value('descriptionEn')}
					error={err('descriptionEn')}
					registration={reg('descriptionEn')}
				/>
				<TextAreaField
					label={t('office.callForm.field.descriptionFa')}
					hint={t('office.callForm.hint.description')}
					lang="fa"
					dir="rtl"
					rows={5}
					defaultValue={value('descriptionFa')}
					error={err('descriptionFa')}
					registration={reg('descriptionFa')}
				/>
			</fieldset>

			<fieldset className={sectionClass}>
				<legend className={legendClass}>{t('office.callForm.section.dates')}</legend>
				<SelectField
					label={t('office.callForm.field.timeZone')}
					hint={t('office.callForm.hint.timeZone')}
					dir="ltr"
					defaultValue={value('timeZone')}
					error={err('timeZone')}
					registration={reg('timeZone')}
				>
					{zones.map((zone) => (
						<option key={zone} value={zone}>
							{zone}
						</option>
					))}
				</SelectField>
				{dateTime('opens', t('office.callForm.field.opens'))}
				{dateTime('closes', t('office.callForm.field.closes'))}
				{dateTime('letterDeadline', t('office.callForm.field.letterDeadline'), t('office.callForm.hint.letterDeadline'))}
			</fieldset>

			<fieldset className={sectionClass}>
				<legend className={legendClass}>{t('office.callForm.section.visits')}</legend>
				<DateField
					label={t('office.callForm.field.visitWindowStart')}
					defaultValue={value('visitWindowStart')}
					error={err('visitWindowStart')}
					registration={reg('visitWindowStart')}
				/>
				<DateField
					label={t('office.callForm.field.visitWindowEnd')}
					defaultValue={value('visitWindowEnd')}
					error={err('visitWindowEnd')}
					registration={reg('visitWindowEnd')}
				/>
				{wholeNumber('minVisitDays', t('office.callForm.hint.visitDays'))}
				{wholeNumber('maxVisitDays', t('office.callForm.hint.visitDays'))}
			</fieldset>

			<fieldset className={sectionClass}>
				<legend className={legendClass}>{t('office.callForm.section.numbers')}</legend>
				{wholeNumber('refereesRequired', t('office.callForm.hint.refereesRequired'))}
				{wholeNumber('fundedVisits')}
			</fieldset>

			<SubmitButton>{submitLabel}</SubmitButton>
		</ValidatedForm>
	)
}
