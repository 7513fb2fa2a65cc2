import { Form, useLocation } from '@remix-run/react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * A form button that posts the other language to /language, which remembers it (and saves it as a signed-in user's
 * email language) and returns to this page. It works before JavaScript loads; reloadDocument makes it a full page
 * load, so `<html lang dir>` changes with it. (A `?lang=` link still works, for links from outside, but only sets
 * the cookie.)
 */
export function LanguageSwitch() {
	const { locale, t } = useTranslate()
	const location = useLocation()
	const other = locale === 'fa' ? 'en' : 'fa'
	return (
		<Form method="post" action="/language" reloadDocument>
			<input type="hidden" name="locale" value={other} />
			<input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
			<button
				type="submit"
				lang={other}
				className="inline-flex min-h-11 cursor-pointer items-center rounded-md border border-white/40 px-3 py-1 text-sm font-medium text-white hover:bg-white/10 hover:text-white"
			>
				{t('nav.switchTo')}
			</button>
		</Form>
	)
}
