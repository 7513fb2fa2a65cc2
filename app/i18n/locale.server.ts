import { createCookie } from '@remix-run/node'
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.ts'

/** Remembers the reader's language for a year. Not a secret and not signed: it only picks a catalogue. */
export const localeCookie = createCookie('lang', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

function fromAcceptLanguage(header: string | null): Locale | null {
	if (!header) return null
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag = '', ...rest] = part.trim().split(';')
			const q = rest.find((param) => param.trim().startsWith('q='))
			return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 }
		})
		.filter((entry) => entry.tag && !Number.isNaN(entry.q) && entry.q > 0)
		.sort((a, b) => b.q - a.q)
	for (const { tag } of ranked) {
		const primary = tag.split('-')[0]
		if (isLocale(primary)) return primary
	}
	return null
}

/** The language to answer in: the remembered choice, else the browser's preference, else English. */
export async function getLocale(request: Request): Promise<Locale> {
	const remembered: unknown = await localeCookie.parse(request.headers.get('Cookie'))
	if (isLocale(remembered)) return remembered
	return fromAcceptLanguage(request.headers.get('Accept-Language')) ?? DEFAULT_LOCALE
}

/**
 * `?lang=fa` on any page: the new choice, or null when the URL asks for none (or an unknown one).
 */
export function requestedLocale(request: Request): Locale | null {
	const value = new URL(request.url).searchParams.get('lang')
	return isLocale(value) ? value : null
}
