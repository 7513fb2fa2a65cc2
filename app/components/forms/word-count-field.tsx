import { useEffect, useState } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { countWords } from '#app/schemas/words.ts'
import { FieldShell } from './fields.tsx'

type Props = {
	label: string
	hint?: string
	error?: string
	limit: number
	defaultValue?: string
	registration: UseFormRegisterReturn
	rows?: number
}

/**
 * A textarea with a word limit and a live count under it (GOV.UK's character count, in words). The count is
 * announced to screen readers a moment after typing stops, not at every key. Before JavaScript loads, the limit
 * is stated and the server checks it.
 */
export function WordCountField({ label, hint, error, limit, defaultValue, registration, rows = 6 }: Props) {
	const { t } = useTranslate()
	const [words, setWords] = useState(() => countWords(defaultValue ?? ''))
	const [announced, setAnnounced] = useState(words)
	useEffect(() => {
		const timer = setTimeout(() => setAnnounced(words), 1000)
		return () => clearTimeout(timer)
	}, [words])
	const over = words > limit
	const message = (count: number) =>
		count > limit ? t('wizard.words.over', { count: count - limit, limit }) : t('wizard.words.left', { count: limit - count, limit })
	return (
		<FieldShell name={registration.name} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<>
					<textarea
						id={id}
						rows={rows}
						defaultValue={defaultValue}
						aria-describedby={[describedBy, `${id}-count`].filter(Boolean).join(' ')}
						aria-invalid={invalid || undefined}
						className="block w-full max-w-3xl rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base aria-invalid:border-red-700"
						{...registration}
						onChange={(event) => {
							setWords(countWords(event.target.value))
							void registration.onChange(event)
						}}
					/>
					{/* The visible count updates as you type; the hidden one is what screen readers announce. */}
					<p id={`${id}-count`} className={`min-h-6 text-sm ${over ? 'font-semibold text-red-800' : 'text-slate-600'}`} aria-hidden="true">
						{message(words)}
					</p>
					<p className="sr-only" aria-live="polite">
						{message(announced)}
					</p>
				</>
			)}
		</FieldShell>
	)
}
