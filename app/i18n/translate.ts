import { en, type MessageKey, type Messages } from './en.ts'
import { fa } from './fa.ts'
import { formatNumber } from './format.ts'
import type { Locale } from './locales.ts'

export const catalogues: Record<Locale, Messages> = { en, fa }

export type TranslateParams = Record<string, string | number>
export type Translate = (key: MessageKey, params?: TranslateParams) => string

/** Fills `{name}` placeholders; numbers are written in the locale's digits. */
export function interpolate(message: string, locale: Locale, params?: TranslateParams): string {
	if (!params) return message
	return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
		const value = params[name]
		if (value === undefined) return whole
		return typeof value === 'number' ? formatNumber(value, locale) : value
	})
}

export function makeTranslate(locale: Locale, messages: Messages = catalogues[locale]): Translate {
	return (key, params) => interpolate(messages[key] ?? en[key] ?? key, locale, params)
}
