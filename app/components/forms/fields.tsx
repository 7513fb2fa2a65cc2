import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { useErrorMessage } from './form.tsx'

type FieldShellProps = {
	name: string
	label: ReactNode
	hint?: ReactNode
	error?: string
	children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** Label above, hint under it, the error next to the field, all tied together for screen readers. */
export function FieldShell({ name, label, hint, error, children }: FieldShellProps) {
	const message = useErrorMessage()
	const id = `field-${name}`
	const hintId = hint ? `${id}-hint` : undefined
	const errorId = error ? `${id}-error` : undefined
	const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
	return (
		<div className={`space-y-1 ${error ? 'border-s-4 border-red-700 ps-3' : ''}`}>
			<label htmlFor={id} className="block font-semibold text-slate-900">
				{label}
			</label>
			{hint ? (
				<p id={hintId} className="text-sm text-slate-600">
					{hint}
				</p>
			) : null}
			{error ? (
				<p id={errorId} className="font-semibold text-red-800">
					{message(error)}
				</p>
			) : null}
			{children({ id, describedBy, invalid: Boolean(error) })}
		</div>
	)
}

const inputClass =
	'block w-full max-w-lg rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base text-slate-900 aria-invalid:border-red-700'

type TextFieldProps = {
	label: ReactNode
	hint?: ReactNode
	error?: string
	registration: UseFormRegisterReturn
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>

export function TextField({ label, hint, error, registration, className, ...input }: TextFieldProps) {
	return (
		<FieldShell name={registration.name} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<input
					id={id}
					aria-describedby={describedBy}
					aria-invalid={invalid || undefined}
					className={`${inputClass} ${className ?? ''}`}
					{...input}
					{...registration}
				/>
			)}
		</FieldShell>
	)
}

type SelectFieldProps = {
	label: ReactNode
	hint?: ReactNode
	error?: string
	registration: UseFormRegisterReturn
	children: ReactNode
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>

export function SelectField({ label, hint, error, registration, children, ...select }: SelectFieldProps) {
	return (
		<FieldShell name={registration.name} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<select
					id={id}
					aria-describedby={describedBy}
					aria-invalid={invalid || undefined}
					className={inputClass}
					{...select}
					{...registration}
				>
					{children}
				</select>
			)}
		</FieldShell>
	)
}

type TextAreaFieldProps = {
	label: ReactNode
	hint?: ReactNode
	error?: string
	registration: UseFormRegisterReturn
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>

export function TextAreaField({ label, hint, error, registration, ...textarea }: TextAreaFieldProps) {
	return (
		<FieldShell name={registration.name} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<textarea
					id={id}
					aria-describedby={describedBy}
					aria-invalid={invalid || undefined}
					className={`${inputClass} min-h-24`}
					{...textarea}
					{...registration}
				/>
			)}
		</FieldShell>
	)
}

type PlainFieldProps = {
	/** The field's `name` in the form data. */
	name: string
	/** Names the element ids (`field-<id>`) when several forms on a page have a field of the same name; default `name`. */
	fieldId?: string
	label: ReactNode
	hint?: ReactNode
	error?: string
	defaultValue?: string
}

/** A text area for a plain `<Form>` (no react-hook-form): what was typed comes back as `defaultValue` after a 400. */
export function PlainTextArea({ name, fieldId = name, label, hint, error, defaultValue, rows = 5 }: PlainFieldProps & { rows?: number }) {
	return (
		<FieldShell name={fieldId} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<textarea id={id} name={name} rows={rows} defaultValue={defaultValue} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={`${inputClass} min-h-24`} />
			)}
		</FieldShell>
	)
}

/** A calendar day (YYYY-MM-DD) for a plain `<Form>`, from `min` on. */
export function PlainDateInput({ name, fieldId = name, label, hint, error, defaultValue, min }: PlainFieldProps & { min?: string }) {
	return (
		<FieldShell name={fieldId} label={label} hint={hint} error={error}>
			{({ id, describedBy, invalid }) => (
				<input
					id={id}
					type="date"
					name={name}
					dir="ltr"
					min={min}
					defaultValue={defaultValue}
					aria-describedby={describedBy}
					aria-invalid={invalid || undefined}
					className="rounded-md border-2 border-slate-500 bg-white px-3 py-2 text-base aria-invalid:border-red-700"
				/>
			)}
		</FieldShell>
	)
}
