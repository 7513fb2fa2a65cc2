/**
 * The one check for every redirect whose target comes from the request (a form's `redirectTo`, the page a language
 * switch returns to). Only a path on this site passes: it is resolved as a browser would resolve it and compared by
 * origin, so `//evil.example`, `/\evil.example` and the `/\t/evil.example` that browsers turn into `//evil.example`
 * (they drop tabs and newlines from URLs) all fall back. Control characters are refused outright, which also keeps
 * the Location header valid (a newline in it made the sign-in answer 500).
 */

/** Any origin of our own would do: only whether the target leaves it matters. */
const BASE = 'http://portal.invalid'

/** A backslash, or a control character (C0 or DEL). */
function hasUnsafeCharacter(target: string): boolean {
	for (let i = 0; i < target.length; i++) {
		const code = target.charCodeAt(i)
		if (code <= 0x1f || code === 0x7f || code === 0x5c) return true
	}
	return false
}

export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback: string): string {
	if (typeof target !== 'string' || !target.startsWith('/') || hasUnsafeCharacter(target)) return fallback
	let url: URL
	try {
		url = new URL(target, BASE)
	} catch {
		return fallback
	}
	// The resolved path, not the input: it is percent-encoded ASCII (a valid header) and has its dot segments removed,
	// and one that still starts with `//` (from `/.//evil.example`) would be read as another host.
	if (url.origin !== BASE || url.pathname.startsWith('//')) return fallback
	return `${url.pathname}${url.search}${url.hash}`
}
