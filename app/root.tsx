import { data, redirect, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node'
import {
	isRouteErrorResponse,
	Links,
	Meta,
	Outlet,
	Scripts,
	ScrollRestoration,
	useRouteError,
	useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { useNonce } from '#app/components/nonce.tsx'
import { SiteFooter, SiteHeader, SkipLink } from '#app/components/site-header.tsx'
import { safeRedirect } from '#app/auth/safe-redirect.ts'
import { getUser, homePath } from '#app/auth/session.server.ts'
import { AccountMenu } from '#app/components/account-menu.tsx'
import { getLocale, localeCookie, requestedLocale } from '#app/i18n/locale.server.ts'
import { DEFAULT_LOCALE, textDirection } from '#app/i18n/locales.ts'
import { I18nProvider, useTranslate } from '#app/i18n/use-translate.tsx'
import stylesheet from '#app/styles/app.css?url'

export const links: LinksFunction = () => [
	{ rel: 'stylesheet', href: stylesheet },
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

/**
 * Remix sends a thrown response's headers only through a `headers` export, and the root's ErrorBoundary is the one
 * that shows every route's error: it passes on the Retry-After of a 429 (the rate limits).
 */
export const headers: HeadersFunction = ({ errorHeaders }) => {
	const retryAfter = errorHeaders?.get('Retry-After')
	return retryAfter ? { 'Retry-After': retryAfter } : new Headers()
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const chosen = requestedLocale(request)
	if (chosen) {
		// Remember the choice and show the same page at its clean address. A link can do no more than this: saving a
		// signed-in user's language for their emails takes the switch's POST (routes/language.tsx).
		const url = new URL(request.url)
		url.searchParams.delete('lang')
		throw redirect(safeRedirect(`${url.pathname}${url.search}`, '/'), {
			headers: { 'Set-Cookie': await localeCookie.serialize(chosen) },
		})
	}
	const user = await getUser(request, context)
	return data({
		locale: await getLocale(request),
		user: user ? { name: user.name, role: user.role, home: homePath(user.role) } : null,
	})
}

export function Layout({ children }: { children: ReactNode }) {
	const rootData = useRouteLoaderData<typeof loader>('root')
	const locale = rootData?.locale ?? DEFAULT_LOCALE
	const nonce = useNonce()
	return (
		<html lang={locale} dir={textDirection(locale)}>
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<Meta />
				<Links />
			</head>
			<body className="flex min-h-screen flex-col">
				<I18nProvider locale={locale}>
					<SkipLink />
					<SiteHeader role={rootData?.user?.role ?? null} account={<AccountMenu user={rootData?.user ?? null} />} />
					<main id="main" tabIndex={-1} className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 focus:outline-none">
						{children}
					</main>
					<SiteFooter />
				</I18nProvider>
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
			</body>
		</html>
	)
}

export default function App() {
	return <Outlet />
}

export function ErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslate()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const details = isRouteErrorResponse(error) ? (error.data as { retryAfterSeconds?: number; limitBytes?: number } | null) : null
	const retryAfter = Number(details?.retryAfterSeconds)
	const [title, body] =
		status === 404
			? (['error.notFound.title', 'error.notFound.body'] as const)
			: status === 429
				? (['error.tooMany.title', 'error.tooMany.body'] as const)
				: status === 413
					? (['error.tooLarge.title', 'error.tooLarge.body'] as const)
					: (['error.title', 'error.body'] as const)
	return (
		<div className="max-w-2xl space-y-4">
			<p className="text-sm font-medium text-slate-600">{t('error.status', { status })}</p>
			<h1 className="text-3xl font-bold">{t(title)}</h1>
			<p>
				{t(body, {
					minutes: Number.isFinite(retryAfter) ? Math.max(1, Math.ceil(retryAfter / 60)) : 1,
					megabytes: Math.max(1, Math.floor(Number(details?.limitBytes ?? 0) / 2 ** 20)),
				})}
			</p>
			<p>
				<a href="/">{t('error.backHome')}</a>
			</p>
			{import.meta.env.DEV && error instanceof Error ? (
				<pre className="overflow-x-auto rounded bg-slate-100 p-4 text-xs" dir="ltr">
					{error.stack}
				</pre>
			) : null}
		</div>
	)
}
