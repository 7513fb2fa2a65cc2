import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { safeRedirect } from '#app/auth/safe-redirect.ts'

const SITE = 'https://vpp.example.edu'
const FALLBACK = '/applications'

/** Where a browser goes with this Location: it drops tabs and newlines and reads backslashes as slashes. */
function browserTarget(location: string): URL {
	return new URL(location.replace(/[\t\n\r]/g, ''), `${SITE}/login`)
}

describe('safeRedirect', () => {
	it('keeps a path on this site, with its query', () => {
		expect(safeRedirect('/applications/12/plan?x=1', FALLBACK)).toBe('/applications/12/plan?x=1')
		expect(safeRedirect('/office', FALLBACK)).toBe('/office')
	})

	it.each([
		['//evil.example/', 'scheme-relative'],
		['/\\evil.example', 'backslash'],
		['/\t/evil.example', 'tab (browsers drop it)'],
		['/\n/evil.example', 'newline (an invalid header)'],
		['/\r\n/evil.example', 'CRLF'],
		['/.//evil.example', 'a dot segment before two slashes'],
		['https://evil.example/', 'absolute'],
		['javascript:alert(1)', 'another scheme'],
		['evil.example', 'relative'],
		['', 'empty'],
		['/\u0000/evil.example', 'NUL'],
	])('refuses %j (%s)', (target) => {
		expect(safeRedirect(target, FALLBACK)).toBe(FALLBACK)
	})

	it('refuses what is not a string', () => {
		expect(safeRedirect(null, FALLBACK)).toBe(FALLBACK)
		expect(safeRedirect(undefined, FALLBACK)).toBe(FALLBACK)
		expect(safeRedirect(new File([], 'x'), FALLBACK)).toBe(FALLBACK)
	})

	it('encodes a Persian path, so the Location header stays valid', () => {
		expect(safeRedirect('/درخواست', FALLBACK)).toBe(`/${encodeURIComponent('درخواست')}`)
	})

	it('never sends a browser off the site, whatever the input', () => {
		const pieces = ['/', '\\', '\t', '\n', '\r', ' ', '.', '..', 'evil.example', ':', '@', '%2F', '%5C', '?', '#', '\u0000', '\u001f', '\u007f', 'ف']
		const pathLike = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''))
		fc.assert(
			fc.property(fc.oneof(pathLike, fc.string(), fc.webUrl(), fc.webPath()), (input) => {
				const target = safeRedirect(input, FALLBACK)
				expect(target.startsWith('/')).toBe(true)
				// A valid header value: printable ASCII only.
				expect(target).toMatch(/^[\x21-\x7e]*$/)
				expect(browserTarget(target).origin).toBe(SITE)
			}),
			{ numRuns: 5_000 },
		)
	})
})
