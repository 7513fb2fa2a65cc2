/**
 * Countries: the officially assigned ISO 3166-1 alpha-2 codes, with names from Intl.DisplayNames.
 * Used for the applicant's nationality and country of residence (step 1 of the application).
 */

import { type Locale } from '#app/i18n/locales.ts'

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (no reserved or user-assigned codes such as EU or XK). */
export const COUNTRY_CODES = [
	'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
	'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ',
	'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ',
	'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
	'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET',
	'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
	'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY',
	'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
	'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
	'JE', 'JM', 'JO', 'JP',
	'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ',
	'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
	'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
	'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ',
	'OM',
	'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY',
	'QA',
	'RE', 'RO', 'RS', 'RU', 'RW',
	'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ',
	'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ',
	'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
	'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU',
	'WF', 'WS',
	'YE', 'YT',
	'ZA', 'ZM', 'ZW',
] as const

export type CountryCode = (typeof COUNTRY_CODES)[number]

const countryCodeSet: ReadonlySet<string> = new Set(COUNTRY_CODES)

export function isCountryCode(value: unknown): value is CountryCode {
	return typeof value === 'string' && countryCodeSet.has(value)
}

function displayLocale(locale: Locale): 'en' | 'fa' {
	return locale === 'fa' ? 'fa' : 'en'
}

const displayNames = new Map<string, Intl.DisplayNames>()

function regionNames(locale: Locale): Intl.DisplayNames {
	const tag = displayLocale(locale)
	let names = displayNames.get(tag)
	if (!names) {
		names = new Intl.DisplayNames([tag], { type: 'region' })
		displayNames.set(tag, names)
	}
	return names
}

/** The country's name in the locale's language, e.g. 'Germany' or 'آلمان' for DE. */
export function countryName(code: CountryCode, locale: Locale): string {
	return regionNames(locale).of(code) ?? code
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
