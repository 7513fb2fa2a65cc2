import type { MetaDescriptor } from '@remix-run/node'
import type { MessageKey } from './en.ts'
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts'
import { makeTranslate } from './translate.ts'

type Match = { id: string; data: unknown }

/** The reader's language inside a route's `meta` function, from the root loader's data. */
export function metaLocale(matches: readonly Match[]): Locale {
	const root = matches.find((match) => match.id === 'root')?.data as { locale?: unknown } | undefined
	return isLocale(root?.locale) ? root.locale : DEFAULT_LOCALE
}

/** A page's title (followed by the program's name) and description, in the reader's language. */
export function pageMeta(
	matches: readonly Match[],
	title: MessageKey,
	description?: MessageKey,
): MetaDescriptor[] {
	const t = makeTranslate(metaLocale(matches))
	const appName = t('app.name')
	const fullTitle = t(title) === appName ? appName : `${t(title)} · ${appName}`
	return [
		{ title: fullTitle },
		...(description ? [{ name: 'description', content: t(description) }] : []),
	]
}
