import { useState } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { formatIsoDate } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { FieldShell } from './fields.tsx'

type Props = {
	label: string
	hint?: string
	error?: string
	min?: string
	max?: string
	defaultValue?: string
	registration: UseFormRegisterReturn
}

function solarHijri(value: string): string | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null
	try {
		return formatIsoDate(value, 'fa').text
	} catch {
		return null
	}
}

/**
 * The browser's date input (it speaks the reader's calendar picker and keyboard); for Persian readers the Solar
 * Hijri date of the chosen day is shown beside it, since the input itself shows Gregorian dates.
 */
export function DateField({ label, hint, error, min, max, defaultValue, registration }: Props) {
	const { t, locale } = useTranslate()
	const [value, setValue] = useState(defaultValue ?? '')
	const hijri = locale === 'fa' ? solarHijri(value) : null
	return (
		<FieldShell name={registration.name} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<div className="flex flex-wrap items-center gap-3">
					<input
						id={id}
						type="date"
						min={min}
						max={max}
						dir="ltr"
						defaultValue={defaultValue}
						aria-describedby={[describedBy, hijri ? `${id}-hijri` : null].filter(Boolean).join(' ') || undefined}
						aria-invalid={invalid || undefined}
						className="rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base aria-invalid:border-red-700"
						{...registration}
						onChange={(event) => {
							setValue(event.target.value)
							void registration.onChange(event)
						}}
					/>
					{locale === 'fa' ? (
						<span id={`${id}-hijri`} className="min-w-40 text-slate-700">
							{hijri ? t('wizard.date.hijri', { date: hijri }) : ''}
						</span>
					) : null}
				</div>
			)}
		</FieldShell>
	)
}
