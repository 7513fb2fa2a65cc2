import { type z } from 'zod'
import { normaliseDigits } from '#app/i18n/digits.ts'

export type FieldErrors = Record<string, string>

/** What an action answers when a form does not validate: the first problem per field, and what was typed. */
export type FormFailure = { errors: FieldErrors; values: Record<string, string> }

/** Collects a form's text fields (files are left to the routes that take them), with Persian digits normalised. */
export function formValues(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {}
	for (const [key, value] of formData.entries()) {
		if (typeof value === 'string' && !(key in values)) values[key] = value
	}
	return values
}

export function firstErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {}
	for (const issue of error.issues) {
		const path = issue.path.join('.') || 'form'
		if (!(path in errors)) errors[path] = issue.message
	}
	return errors
}

/** Parses a submitted form with the same schema the browser used. */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData,
): { success: true; data: z.output<S> } | ({ success: false } & FormFailure) {
	const values = formValues(formData)
	const normalised = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, normaliseDigits(value)]))
	const result = schema.safeParse(normalised)
	if (result.success) return { success: true, data: result.data }
	// Passwords are never sent back to the page.
	const echoed = Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)))
	return { success: false, errors: firstErrors(result.error), values: echoed }
}
