import { describe, expect, it } from 'vitest'
import { renderHtmlStream } from '#app/html-stream.server.ts'
import { expectCleanUtf8 } from '#tests/support/utf8.ts'

/**
 * React 18.3's Node renderer encodes into 2,048-byte buffers and, where a multi-byte character did not fit at a buffer's
 * end, sent the whole buffer, unwritten zero bytes too (react#31134): "در\0خواست". Here a Persian word (and a
 * zero-width non-joiner, three bytes, and an emoji, four) straddles each of the first ten boundaries, split after each
 * byte it can be split after, and the page must arrive as exactly the text put in.
 */

const BUFFER = 2_048
const BOUNDARIES = 10

/** A word and the character in it (a UTF-16 index) that is to straddle the boundaries. */
const WORDS = [
	{ word: 'درخواست', at: 2 },
	{ word: 'می\u200cخواهید', at: 2 },
	{ word: 'درخواست 📄', at: 8 },
]

const bytes = (text: string) => Buffer.byteLength(text)

/**
 * Paragraphs of ASCII padding, each short enough for React to copy into its buffer (as every real page's text is),
 * and the word after each, placed so that its character starts `offset` bytes before each boundary.
 */
function straddling(word: string, at: number, offset: number): string[] {
	const paragraphs: string[] = []
	let length = bytes('<div>')
	const add = (text: string) => {
		paragraphs.push(text)
		length += bytes(`<p>${text}</p>`)
	}
	for (let boundary = 1; boundary <= BOUNDARIES; boundary++) {
		const wordStart = boundary * BUFFER - offset - bytes(word.slice(0, at)) - bytes('<p>')
		while (wordStart - length > 600) add('a'.repeat(500))
		add('a'.repeat(wordStart - length - bytes('<p></p>')))
		add(word)
	}
	return paragraphs
}

const cases = WORDS.flatMap(({ word, at }) => {
	const character = String.fromCodePoint(word.codePointAt(at)!)
	const width = bytes(character)
	return Array.from({ length: width - 1 }, (_, index) => ({ word, at, character, width, offset: index + 1 }))
})

describe('the HTML stream the server renders pages with', () => {
	it.each(cases)('$word with a $width-byte character split $offset byte(s) in, at each of ten boundaries', async ({ word, at, character, offset }) => {
		const paragraphs = straddling(word, at, offset)
		const markup = `<div>${paragraphs.map((text) => `<p>${text}</p>`).join('')}</div>`
		// The test's own arithmetic: the character does straddle every boundary, `offset` of its bytes before it.
		const encoded = Buffer.from(markup)
		for (let boundary = 1; boundary <= BOUNDARIES; boundary++) {
			const start = boundary * BUFFER - offset
			expect(encoded.subarray(start, start + bytes(character)).toString()).toBe(character)
		}
		for (const waitForAll of [false, true]) {
			const stream = await renderHtmlStream(
				<div>
					{paragraphs.map((text, index) => (
						<p key={index}>{text}</p>
					))}
				</div>,
				{ nonce: 'n0nce', waitForAll, onError: (error) => expect.fail(String(error)) },
			)
			expectCleanUtf8(new Uint8Array(await new Response(stream).arrayBuffer()), markup)
		}
	})
})

describe('a finished render', () => {
	const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length

	it.each([false, true])('leaves no timer behind once the page is sent (waitForAll: %s)', async (waitForAll) => {
		const before = timers()
		const body = await renderHtmlStream(<p>سلام</p>, { nonce: '', waitForAll, onError: () => {} })
		await new Response(body).text()
		// The abort timer held the whole render for six seconds after each page; under load that filled the heap.
		await new Promise((resolve) => setImmediate(resolve))
		expect(timers()).toBe(before)
	})
})
