/**
 * Building blocks of the application's step schemas.
 *
 * Each step lists its fields once, as schemas for a value that is present. From that list come the step's two
 * schemas: the full one (used at submission: required fields must be filled) and the draft one (the same fields,
 * every one optional). In both, a blank value (an empty or white-space string, or an empty list) counts as absent,
 * and a value that is present must be valid.
 *
 * Every field accepts what a form sends (strings, with Persian or Arabic digits) and what the database holds (the
 * schema's own output, already normalised), so one schema parses both.
 */

import { z } from 'zod'
import { type ApplicationErrorKey } from '#app/schemas/application/error-keys.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'

const WRONG_TYPE: ApplicationErrorKey = 'errors.application.invalid'

export function isBlank(value: unknown): boolean {
	if (value === undefined || value === null) return true
	if (typeof value === 'string') return value.trim() === ''
	if (Array.isArray(value)) return value.every(isBlank)
	return false
}

function blankToUndefined(value: unknown): unknown {
	return isBlank(value) ? undefined : value
}

/** A field that may be left out: blank parses to undefined, anything else must pass `field`. */
export function optionalField<T extends z.ZodType>(field: T) {
	return z.preprocess(blankToUndefined, field.optional()).optional()
}

/** A field that must be filled: blank fails with `requiredKey`, anything else must pass `field`. */
export function requiredField<T extends z.ZodType>(field: T, requiredKey: ApplicationErrorKey) {
	return z.preprocess(blankToUndefined, z.custom<unknown>((value) => value !== undefined, requiredKey).pipe(field))
}

export type OptionalField<T extends z.ZodType> = ReturnType<typeof optionalField<T>>
export type RequiredField<T extends z.ZodType> = ReturnType<typeof requiredField<T>>

type Fields = Record<string, z.ZodType>
type RequiredKeys<F extends Fields> = { [K in keyof F]?: ApplicationErrorKey }

export type FullShape<F extends Fields, R extends RequiredKeys<F>> = {
	[K in keyof F]: K extends keyof R ? RequiredField<F[K]> : OptionalField<F[K]>
}
export type DraftShape<F extends Fields> = { [K in keyof F]: OptionalField<F[K]> }

/**
 * The two shapes of a step: `required` names the fields that must be filled at submission, each with the message
 * for a blank value; the other fields are optional. In the draft shape every field is optional.
 */
export function stepShapes<F extends Fields, R extends RequiredKeys<F>>(
	fields: F,
	required: R,
): { full: FullShape<F, R>; draft: DraftShape<F> } {
	const full: Record<string, z.ZodType> = {}
	const draft: Record<string, z.ZodType> = {}
	for (const [name, field] of Object.entries(fields)) {
		const requiredKey = (required as Record<string, ApplicationErrorKey | undefined>)[name]
		full[name] = requiredKey ? requiredField(field, requiredKey) : optionalField(field)
		draft[name] = optionalField(field)
	}
	return { full: full as FullShape<F, R>, draft: draft as DraftShape<F> }
}

/**
 * Runs a check across fields even when other fields failed, so a page shows every problem at once. The check
 * receives whatever parsed so far and must test each value it uses (a draft may lack it, or hold a failed value).
 */
export const ALWAYS = { when: () => true }

const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * For codes, numbers and dates: Persian and Arabic digits become ASCII, direction marks (which copying from a
 * right-to-left page brings along) are dropped, and the ends are trimmed.
 */
export function cleanToken(value: string): string {
	return normaliseDigits(value).replace(BIDI_CONTROLS, '').trim()
}

/** One line of text: trimmed, with runs of white space (tabs, line breaks) made one space. */
export function singleLine(maxChars: number, tooLongKey: ApplicationErrorKey) {
	return z
		.string(WRONG_TYPE)
		.transform((value) => value.trim().replace(/\s+/gu, ' '))
		.refine((value) => [...value].length <= maxChars, tooLongKey)
}

/** Free text over several lines: line breaks made '\n', the ends trimmed. */
export function normaliseText(value: string): string {
	return value.replace(/\r\n?/g, '\n').trim()
}

export function multiLine(maxChars: number, tooLongKey: ApplicationErrorKey) {
	return z
		.string(WRONG_TYPE)
		.transform(normaliseText)
		.refine((value) => [...value].length <= maxChars, tooLongKey)
}

/** An email address, stored in lower case. */
export function emailAddress(invalidKey: ApplicationErrorKey) {
	return z
		.string(WRONG_TYPE)
		.transform((value) => value.replace(BIDI_CONTROLS, '').trim())
		.pipe(z.string().max(254, invalidKey).pipe(z.email(invalidKey)))
		.transform((value) => value.toLowerCase())
}

/** One of a fixed set of values, e.g. a title or a position. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, invalidKey: ApplicationErrorKey) {
	return z
		.string(invalidKey)
		.transform((value) => value.trim())
		.pipe(z.enum(values, invalidKey))
}

/** A code from reference data (a country, a field, a school), checked by the reference data's own guard. */
export function codeOf<T extends string>(
	isCode: (value: unknown) => value is T,
	invalidKey: ApplicationErrorKey,
	normalise: (value: string) => string = (value) => value.trim(),
) {
	return z
		.string(invalidKey)
		.transform(normalise)
		.pipe(z.custom<T>((value) => isCode(value), invalidKey))
}

/** Folds what a form posts as `name.0`, `name.1`, … (react-hook-form's names for a list) into a list under `name`. */
export function foldIndexedFields(input: unknown, name: string, maxIndex: number): unknown {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return input
	const prefix = `${name}.`
	const entries = Object.entries(input)
	const indexed = entries.filter(([key]) => key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)))
	if (indexed.length === 0) return input
	const list: unknown[] = []
	for (const [key, value] of indexed) {
		const index = Number(key.slice(prefix.length))
		// Indexes past the form's last field are not the form's; they must not grow the list without bound.
		if (index <= maxIndex) list[index] = value
	}
	const rest = Object.fromEntries(entries.filter(([key]) => !key.startsWith(prefix)))
	return { ...rest, [name]: Array.from(list, (value) => value ?? '') }
}
