/**
 * Step 1 of the application: personal details (DOMAIN.md, "The application's steps").
 *
 * Form fields (all single strings): title, givenNames, familyName, nationality, residence, email, phone, orcid.
 *
 * Stored shape (z.output of PersonalDetailsSchema; in a draft every key is optional):
 *   {
 *     title: 'prof' | 'dr' | 'mr' | 'mrs' | 'ms' | 'mx' | 'none'
 *     givenNames: string          // trimmed, inner white space made single spaces, ≤ 200 characters
 *     familyName: string          // likewise
 *     nationality: CountryCode    // ISO 3166-1 alpha-2, upper case, e.g. 'DE'
 *     residence: CountryCode
 *     email: string               // lower case
 *     phone: string               // E.164, e.g. '+989123456789'
 *     orcid?: string              // the bare iD, e.g. '0000-0002-1825-0097' (see orcidUrl)
 *   }
 */

import { parsePhoneNumberFromString } from 'libphonenumber-js'
import { z } from 'zod'
import { isCountryCode } from '#app/domain/countries.ts'
import {
	cleanToken,
	codeOf,
	emailAddress,
	oneOf,
	singleLine,
	stepShapes,
} from '#app/schemas/application/fields.ts'

export const TITLES = ['prof', 'dr', 'mr', 'mrs', 'ms', 'mx', 'none'] as const
export type Title = (typeof TITLES)[number]

export const NAME_MAX_CHARS = 200

/** The ISO 7064 MOD 11-2 check character of an ORCID iD's first 15 digits. */
export function orcidCheckCharacter(digits: string): string {
	let total = 0
	for (const digit of digits) total = (total + Number(digit)) * 2
	const result = (12 - (total % 11)) % 11
	return result === 10 ? 'X' : String(result)
}

const ORCID_PREFIX = /^(?:https?:\/\/)?(?:www\.)?orcid\.org\//i

/** The ORCID iD as ORCID asks it to be shown, e.g. 'https://orcid.org/0000-0002-1825-0097'. */
export function orcidUrl(orcid: string): string {
	return `https://orcid.org/${orcid}`
}

/** Accepts the iD with or without https://orcid.org/, with or without hyphens; keeps '0000-0002-1825-0097'. */
const orcid = z.string('errors.application.invalid').transform((value, ctx) => {
	const compact = cleanToken(value).replace(ORCID_PREFIX, '').replace(/[\s-]/g, '').toUpperCase()
	if (!/^\d{15}[\dX]$/.test(compact)) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.orcid.format', input: value })
		return z.NEVER
	}
	if (orcidCheckCharacter(compact.slice(0, 15)) !== compact[15]) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.orcid.checksum', input: value })
		return z.NEVER
	}
	return compact.match(/.{4}/g)!.join('-')
})

/**
 * An international number (starting with + or 00 and the country code), checked against the numbering plan of
 * its country and kept in E.164.
 */
const phone = z.string('errors.application.invalid').transform((value, ctx) => {
	const text = cleanToken(value).replace(/^\uff0b/, '+').replace(/^00/, '+')
	if (!/^(?:\+|tel:\+)/i.test(text)) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.phone.international', input: value })
		return z.NEVER
	}
	const parsed = parsePhoneNumberFromString(text)
	if (!parsed?.isValid()) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.phone.invalid', input: value })
		return z.NEVER
	}
	if (parsed.ext) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.phone.extension', input: value })
		return z.NEVER
	}
	return parsed.number as string
})

const countryCode = (invalidKey: 'errors.application.nationality.invalid' | 'errors.application.residence.invalid') =>
	codeOf(isCountryCode, invalidKey, (value) => value.trim().toUpperCase())

const fields = {
	title: oneOf(TITLES, 'errors.application.title.invalid'),
	givenNames: singleLine(NAME_MAX_CHARS, 'errors.application.givenNames.tooLong'),
	familyName: singleLine(NAME_MAX_CHARS, 'errors.application.familyName.tooLong'),
	nationality: countryCode('errors.application.nationality.invalid'),
	residence: countryCode('errors.application.residence.invalid'),
	email: emailAddress('errors.application.email.invalid'),
	phone,
	orcid,
}

const shapes = stepShapes(fields, {
	title: 'errors.application.title.required',
	givenNames: 'errors.application.givenNames.required',
	familyName: 'errors.application.familyName.required',
	nationality: 'errors.application.nationality.required',
	residence: 'errors.application.residence.required',
	email: 'errors.application.email.required',
	phone: 'errors.application.phone.required',
})

export const PERSONAL_DETAILS_FIELDS = Object.keys(fields) as (keyof typeof fields)[]

export const PersonalDetailsSchema = z.object(shapes.full)
export const PersonalDetailsDraftSchema = z.object(shapes.draft)

export type PersonalDetails = z.output<typeof PersonalDetailsSchema>
export type PersonalDetailsDraft = z.output<typeof PersonalDetailsDraftSchema>

export function personalDetailsSchemas() {
	return { full: PersonalDetailsSchema, draft: PersonalDetailsDraftSchema }
}
