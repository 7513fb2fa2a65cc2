import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { setUserLocale } from '#app/auth/accounts.server.ts'
import { safeRedirect } from '#app/auth/safe-redirect.ts'
import { getUser } from '#app/auth/session.server.ts'
import { localeCookie } from '#app/i18n/locale.server.ts'
import { isLocale } from '#app/i18n/locales.ts'

/**
 * The language switch's POST: remembers the choice in the cookie and, for a signed-in user, saves it as the language
 * of their emails. A POST because it changes the account (a GET would let any site switch someone's emails with a
 * link); the cross-site check in front of every write applies.
 */

export async function loader() {
	return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const form = await request.formData()
	const locale = form.get('locale')
	const back = safeRedirect(form.get('returnTo'), '/')
	if (!isLocale(locale)) return redirect(back)
	const user = await getUser(request, context)
	if (user && user.locale !== locale) setUserLocale(context, user.id, locale)
	return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}
