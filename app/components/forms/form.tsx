import { zodResolver } from '@hookform/resolvers/zod'
import { Form, useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useMemo, useRef, type FormEvent, type ReactNode } from 'react'
import { get, useForm, type FieldValues, type Resolver, type UseFormReturn } from 'react-hook-form'
import type { z } from 'zod'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { FieldErrors } from '#app/schemas/parse.ts'

/**
 * A form that is a real `<Form method="post">` (it works before JavaScript loads) and, once JavaScript runs,
 * checks itself with the same zod schema as the action before sending. Server errors arrive as `serverErrors`.
 *
 * Fields stay uncontrolled and take their starting value from a `defaultValue` attribute, never from
 * react-hook-form's `defaultValues`: on hydration react-hook-form writes its defaults into the inputs, which would
 * erase what someone typed while the script was still loading. Without defaults it reads the inputs instead.
 */
export function useValidatedForm<S extends z.ZodType<FieldValues, FieldValues>>(
	schema: S | (() => Promise<S>),
	{ serverErrors }: { serverErrors?: FieldErrors } = {},
) {
	// The form-wide message (e.g. "wrong email or password") is not a field's: it is shown by ValidatedForm's
	// `formError`, and kept out of react-hook-form, which would otherwise refuse to submit while it stands.
	// Memoised so react-hook-form applies the server's errors once per answer, not at every render.
	const nested = useMemo(() => {
		if (!serverErrors) return undefined
		const fieldsOnly = Object.fromEntries(Object.entries(serverErrors).filter(([name]) => name !== 'form'))
		return Object.keys(fieldsOnly).length > 0 ? nestErrors(fieldsOnly) : undefined
	}, [serverErrors])
	// A schema given as a loader (a module only one page needs) is imported at once, and awaited by the first check.
	const resolver = useMemo(() => (typeof schema === 'function' ? lazyResolver(schema) : zodResolver(schema as never)), [schema])
	const form = useForm<z.input<S>>({
		resolver: resolver as unknown as Resolver<z.input<S>>,
		errors: nested as never,
		// Problems appear when the form is sent, not when focus leaves a field: a message appearing on blur would
		// push the next field away from under the pointer. Once shown, a message updates as the answer changes.
		mode: 'onSubmit',
		reValidateMode: 'onChange',
		shouldFocusError: false,
	})
	return form
}

function lazyResolver(load: () => Promise<z.ZodType>): Resolver<FieldValues> {
	const resolver: Promise<Resolver<FieldValues>> = load().then(
		(schema) => zodResolver(schema as never) as unknown as Resolver<FieldValues>,
		// When the module cannot be fetched, the form goes unchecked to the server, which checks every save anyway.
		() => (values) => ({ values, errors: {} }),
	)
	return async (values, context, options) => (await resolver)(values, context, options)
}

/** The server's errors by field path (`keyPublications.2`) as react-hook-form's nested error object. */
function nestErrors(flat: FieldErrors): Record<string, unknown> {
	const nested: Record<string, unknown> = {}
	for (const [path, message] of Object.entries(flat)) {
		const parts = path.split('.')
		let node = nested
		parts.forEach((part, index) => {
			if (index === parts.length - 1) node[part] = { type: 'server', message }
			else node = (node[part] ??= {}) as Record<string, unknown>
		})
	}
	return nested
}

/** The message of the field at `name` (a path such as `keyPublications.2`), from the browser's or the server's check. */
export function fieldError(form: UseFormReturn<never>, name: string): string | undefined {
	return (get(form.formState.errors, name) as { message?: string } | undefined)?.message
}

export function useErrorMessage() {
	const { t } = useTranslate()
	return (message: string | undefined) => (message ? t(message as MessageKey) : undefined)
}

type ValidatedFormProps = {
	form: UseFormReturn<never>
	children: ReactNode
	action?: string
	encType?: 'multipart/form-data'
	className?: string
	/** Names of the fields in the order they appear, for the error summary. */
	fieldOrder: string[]
	summaryTitle?: MessageKey
	/** A message about the whole form from the server (e.g. wrong email or password). */
	formError?: string
	/**
	 * Send the form even when the browser's check finds problems (the wizard: the server keeps what is valid and
	 * explains the rest, so a draft is never held back). The problems are shown either way.
	 */
	submitInvalid?: boolean
}

export function ValidatedForm({
	form,
	children,
	action,
	encType,
	className,
	fieldOrder,
	summaryTitle,
	submitInvalid = false,
	formError,
}: ValidatedFormProps) {
	const submit = useSubmit()
	const onSubmit = (event: FormEvent<HTMLFormElement>) => {
		const element = event.currentTarget
		// The button pressed (e.g. "Save draft" or "Save and continue") travels with the form.
		const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
		event.preventDefault()
		const send = () => submit(submitter ?? element, { method: 'post', action, encType })
		void form.handleSubmit(send, submitInvalid ? send : undefined)(event)
	}
	const listed = fieldOrder.filter((name) => fieldError(form, name))
	return (
		<Form method="post" action={action} encType={encType} noValidate onSubmit={onSubmit} className={className}>
			<ErrorSummary
				title={summaryTitle}
				formError={formError}
				items={listed.map((name) => ({ name, message: fieldError(form, name)! }))}
				submitCount={form.formState.submitCount}
			/>
			{children}
		</Form>
	)
}

/**
 * GOV.UK's error summary: a titled box listing each problem as a link to its field, focused when it appears so
 * screen readers announce it.
 */
export function ErrorSummary({
	items,
	formError,
	title = 'errors.summary.title',
	submitCount = 0,
}: {
	items: { name: string; message: string }[]
	formError?: string
	title?: MessageKey
	submitCount?: number
}) {
	const { t } = useTranslate()
	const message = useErrorMessage()
	const ref = useRef<HTMLDivElement>(null)
	const count = items.length + (formError ? 1 : 0)
	useEffect(() => {
		if (count > 0) ref.current?.focus()
	}, [count, submitCount])
	if (count === 0) return null
	return (
		<div
			ref={ref}
			tabIndex={-1}
			role="alert"
			aria-labelledby="error-summary-title"
			className="mb-6 rounded-md border-4 border-red-700 bg-white p-4"
		>
			<h2 id="error-summary-title" className="text-lg font-bold text-slate-900">
				{t(title)}
			</h2>
			<ul className="mt-2 list-none space-y-1">
				{formError ? <li className="font-semibold text-red-800">{message(formError)}</li> : null}
				{items.map((item) => (
					<li key={item.name}>
						<a href={`#field-${item.name}`} className="font-semibold text-red-800">
							{message(item.message)}
						</a>
					</li>
				))}
			</ul>
		</div>
	)
}

export function SubmitButton({ children, name, value }: { children: ReactNode; name?: string; value?: string }) {
	const navigation = useNavigation()
	const busy = navigation.state === 'submitting'
	return (
		<button
			type="submit"
			name={name}
			value={value}
			aria-disabled={busy || undefined}
			className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white shadow-sm hover:bg-brand-800 aria-disabled:opacity-70"
		>
			{children}
		</button>
	)
}
