/**
 * Step 2 of the application: academic profile (DOMAIN.md, "The application's steps").
 *
 * Form fields:
 * - institution, position, field, hIndex: single strings (hIndex may be typed in Persian digits);
 * - profileLinks: one textarea, one link per line (a link without a scheme gets https://);
 * - keyPublications.0 … keyPublications.4: one textarea per publication (react-hook-form's names for a list, so the
 *   server's error paths, e.g. 'keyPublications.2', are the names of the fields they belong to). Empty ones are
 *   dropped when stored; the browser may also send the list itself as keyPublications: string[].
 * The CV is an upload handled beside the step (see ACADEMIC_PROFILE_REQUIRED_DOCUMENTS).
 *
 * Stored shape (z.output of AcademicProfileSchema; in a draft every key is optional):
 *   {
 *     institution: string                // ≤ 300 characters
 *     position: 'professor' | 'associate_professor' | 'assistant_professor' | 'emeritus' | 'researcher' | 'other'
 *     field: FieldCode                   // app/domain/fields.ts
 *     hIndex?: number                    // whole number 0–300
 *     profileLinks?: string[]            // 0–5 https URLs, duplicates removed
 *     keyPublications: string[]          // 1–5 entries, each ≤ 500 characters (a draft may have none)
 *   }
 * Errors about the list as a whole (none given, more than five) are on 'keyPublications' (the group); an entry's
 * own error is on 'keyPublications.<index>'. Errors about any of the links are on 'profileLinks'.
 */

import { z } from 'zod'
import { isFieldCode } from '#app/domain/fields.ts'
import { type ApplicationErrorKey } from '#app/schemas/application/error-keys.ts'
import {
	cleanToken,
	codeOf,
	foldIndexedFields,
	isBlank,
	multiLine,
	oneOf,
	singleLine,
	stepShapes,
} from '#app/schemas/application/fields.ts'

export const POSITIONS = [
	'professor',
	'associate_professor',
	'assistant_professor',
	'emeritus',
	'researcher',
	'other',
] as const
export type Position = (typeof POSITIONS)[number]

export const INSTITUTION_MAX_CHARS = 300
export const H_INDEX_MAX = 300
export const PROFILE_LINKS_MAX = 5
export const PROFILE_LINK_MAX_CHARS = 2000
export const KEY_PUBLICATIONS_MAX = 5
export const KEY_PUBLICATION_MAX_CHARS = 500

/**
 * Documents this step needs at submission; they are uploads beside the step, not form fields. A missing one is
 * reported with 'errors.application.cv.required' (see CV_REQUIRED_KEY), and keeps the step from 'completed' in
 * stepState when the uploaded kinds are passed to it.
 */
export const ACADEMIC_PROFILE_REQUIRED_DOCUMENTS = ['cv'] as const
export const ACADEMIC_PROFILE_OPTIONAL_DOCUMENTS = ['publication_list'] as const
export const CV_REQUIRED_KEY: ApplicationErrorKey = 'errors.application.cv.required'

const hIndex = z.unknown().transform((value, ctx) => {
	const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? cleanToken(value) : ''
	if (!/^[-+]?\d+$/.test(text)) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.hIndex.invalid', input: value })
		return z.NEVER
	}
	const number = Number(text)
	if (number < 0 || number > H_INDEX_MAX) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.hIndex.range', input: value })
		return z.NEVER
	}
	return number
})

/** The link as typed, with https:// added when no scheme was given, or why it is not an https URL. */
function profileLink(text: string): { link: string } | { error: ApplicationErrorKey } {
	if (/^http:\/\//i.test(text)) return { error: 'errors.application.profileLinks.https' }
	const link = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`
	if (/\s/.test(link) || link.length > PROFILE_LINK_MAX_CHARS) return { error: 'errors.application.profileLinks.invalid' }
	try {
		const url = new URL(link)
		const hostOk = url.hostname.includes('.') && !url.hostname.endsWith('.')
		if (url.protocol !== 'https:' || !hostOk || url.username || url.password) {
			return { error: 'errors.application.profileLinks.invalid' }
		}
	} catch {
		return { error: 'errors.application.profileLinks.invalid' }
	}
	return { link }
}

const profileLinks = z.unknown().transform((value, ctx) => {
	const lines = typeof value === 'string' ? value.split(/\r\n?|\n/) : Array.isArray(value) ? value : [value]
	const filled = lines.filter((line) => !isBlank(line))
	if (filled.length > PROFILE_LINKS_MAX) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.profileLinks.tooMany', input: value })
		return z.NEVER
	}
	const links: string[] = []
	for (const line of filled) {
		const checked = typeof line === 'string' ? profileLink(line.trim()) : { error: 'errors.application.invalid' as const }
		if ('error' in checked) {
			ctx.addIssue({ code: 'custom', message: checked.error, input: value })
			return z.NEVER
		}
		if (!links.includes(checked.link)) links.push(checked.link)
	}
	return links
})

const publication = multiLine(KEY_PUBLICATION_MAX_CHARS, 'errors.application.keyPublications.tooLong')

const keyPublications = z.unknown().transform((value, ctx) => {
	const entries = Array.isArray(value) ? value : [value]
	if (entries.filter((entry) => !isBlank(entry)).length > KEY_PUBLICATIONS_MAX) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.keyPublications.tooMany', input: value })
		return z.NEVER
	}
	const kept: string[] = []
	entries.forEach((entry, index) => {
		if (isBlank(entry)) return
		const result = publication.safeParse(entry)
		if (result.success) kept.push(result.data)
		else for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [index, ...issue.path] })
	})
	return kept
})

const fields = {
	institution: singleLine(INSTITUTION_MAX_CHARS, 'errors.application.institution.tooLong'),
	position: oneOf(POSITIONS, 'errors.application.position.invalid'),
	field: codeOf(isFieldCode, 'errors.application.field.invalid'),
	hIndex,
	profileLinks,
	keyPublications,
}

const shapes = stepShapes(fields, {
	institution: 'errors.application.institution.required',
	position: 'errors.application.position.required',
	field: 'errors.application.field.required',
	keyPublications: 'errors.application.keyPublications.required',
})

/**
 * What the form posts as keyPublications.0 … keyPublications.4, as the list the schema checks. (Typed as taking an
 * object so the schema's input is an object, as react-hook-form wants; anything else is left for z.object to refuse.)
 */
function foldPublications(input: Record<string, unknown>): unknown {
	return foldIndexedFields(input, 'keyPublications', KEY_PUBLICATIONS_MAX - 1)
}

export const ACADEMIC_PROFILE_FIELDS = Object.keys(fields) as (keyof typeof fields)[]

export const AcademicProfileSchema = z.preprocess(foldPublications, z.object(shapes.full))
export const AcademicProfileDraftSchema = z.preprocess(foldPublications, z.object(shapes.draft))

export type AcademicProfile = z.output<typeof AcademicProfileSchema>
export type AcademicProfileDraft = z.output<typeof AcademicProfileDraftSchema>

export function academicProfileSchemas() {
	return { full: AcademicProfileSchema, draft: AcademicProfileDraftSchema }
}
