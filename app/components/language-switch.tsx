import { Link, useLocation } from '@remix-run/react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * A plain link to the same page with `?lang=`: it works before JavaScript loads, and the server
 * remembers the choice in a cookie. A full page load lets `<html lang dir>` change with it.
 */
export function LanguageSwitch() {
	const { locale, t } = useTranslate()
	const location = useLocation()
	const other = locale === 'fa' ? 'en' : 'fa'
	const params = new URLSearchParams(location.search)
	params.set('lang', other)
	return (
		<Link
			reloadDocument
			to={`${location.pathname}?${params.toString()}`}
			hrefLang={other}
			lang={other}
			className="inline-flex min-h-11 items-center rounded-md border border-white/40 px-3 py-1 text-sm font-medium text-white no-underline hover:bg-white/10 hover:text-white"
		>
			{t('nav.switchTo')}
		</Link>
	)
}
