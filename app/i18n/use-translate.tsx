import { createContext, useContext, useMemo, type ReactNode } from 'react'
import { DEFAULT_LOCALE, type Locale } from './locales.ts'
import { makeTranslate, type Translate } from './translate.ts'

type I18n = { locale: Locale; t: Translate }

const I18nContext = createContext<I18n>({ locale: DEFAULT_LOCALE, t: makeTranslate(DEFAULT_LOCALE) })

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
	const value = useMemo(() => ({ locale, t: makeTranslate(locale) }), [locale])
	return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useTranslate(): I18n {
	return useContext(I18nContext)
}
