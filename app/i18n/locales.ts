export const LOCALES = ['en', 'fa'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function textDirection(locale: Locale): 'ltr' | 'rtl' {
	return locale === 'fa' ? 'rtl' : 'ltr'
}
