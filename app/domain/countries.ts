/**
 * Countries: the officially assigned ISO 3166-1 alpha-2 codes, with English and Persian names from the maintained
 * i18n-iso-countries package. Used for the applicant's nationality and country of residence (step 1 of the
 * application).
 *
 * Only the two locales the portal speaks are registered, so the browser bundle carries two small JSON files, not
 * the package's eighty. The package's plain entry (index.js) is imported rather than its Node entry, which would
 * load every locale on the server.
 */

import countries, { type Alpha2Code } from 'i18n-iso-countries/index.js'
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' }
import fa from 'i18n-iso-countries/langs/fa.json' with { type: 'json' }
import { type Locale } from '#app/i18n/locales.ts'

countries.registerLocale(en)
countries.registerLocale(fa)

/** Codes the package lists that ISO 3166-1 has not officially assigned: XK (Kosovo) is user-assigned. */
const NOT_OFFICIALLY_ASSIGNED = ['XK'] as const

export type CountryCode = Exclude<Alpha2Code, (typeof NOT_OFFICIALLY_ASSIGNED)[number]>

const notAssigned: ReadonlySet<string> = new Set(NOT_OFFICIALLY_ASSIGNED)

/** The 249 officially assigned ISO 3166-1 alpha-2 codes, in alphabetical order. */
export const COUNTRY_CODES: readonly CountryCode[] = Object.freeze(
	(Object.keys(countries.getAlpha2Codes()) as Alpha2Code[])
		.filter((code): code is CountryCode => !notAssigned.has(code))
		.sort(),
)

const countryCodeSet: ReadonlySet<string> = new Set(COUNTRY_CODES)

export function isCountryCode(value: unknown): value is CountryCode {
	return typeof value === 'string' && countryCodeSet.has(value)
}

function displayLocale(locale: Locale): 'en' | 'fa' {
	return locale === 'fa' ? 'fa' : 'en'
}

/**
 * The country's name in the locale's language as the package spells it (its official name), e.g. 'Germany' or
 * 'آلمان' for DE, 'Islamic Republic of Iran' or 'ایران' for IR.
 */
export function countryName(code: CountryCode, locale: Locale): string {
	return countries.getName(code, displayLocale(locale)) ?? code
}

export type CountryOption = { code: CountryCode; name: string }

const optionsCache = new Map<string, readonly CountryOption[]>()

/** Every country as { code, name }, sorted by name in the locale's collation. */
export function countryOptions(locale: Locale): readonly CountryOption[] {
	const tag = displayLocale(locale)
	let options = optionsCache.get(tag)
	if (!options) {
		const collator = new Intl.Collator(tag)
		options = Object.freeze(
			COUNTRY_CODES.map((code) => ({ code, name: countryName(code, locale) })).sort((a, b) =>
				collator.compare(a.name, b.name),
			),
		)
		optionsCache.set(tag, options)
	}
	return options
}
