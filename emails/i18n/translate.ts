import type { Locale } from '#app/i18n/locales.ts'
import { interpolate, type TranslateParams } from '#app/i18n/translate.ts'
import { en, type EmailMessageKey, type EmailMessages } from './en.ts'
import { fa } from './fa.ts'

const catalogues: Record<Locale, EmailMessages> = { en, fa }

export type EmailTranslate = (key: EmailMessageKey, params?: TranslateParams) => string

/** `t` for emails: the same placeholder and digit rules as the pages (app/i18n/translate.ts). */
export function emailTranslate(locale: Locale): EmailTranslate {
	return (key, params) => interpolate(catalogues[locale][key], locale, params)
}
