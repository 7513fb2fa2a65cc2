import { expect } from 'vitest'

/**
 * Bytes that are the UTF-8 of `text`: first the two ways a broken stream shows (a NUL byte; a character that does not
 * decode, which the decoder turns into U+FFFD), each with where it is, then the whole text.
 */
export function expectCleanUtf8(body: Uint8Array, text: string) {
	const bytes = Buffer.from(body)
	const decoded = new TextDecoder().decode(bytes)
	expect(bytes.indexOf(0), 'a NUL byte at this offset').toBe(-1)
	expect(decoded.indexOf('\ufffd'), 'U+FFFD at this index').toBe(-1)
	expect(decoded).toBe(text)
}
