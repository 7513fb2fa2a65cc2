import { test as base, type Browser, type BrowserContext, type Response } from '@playwright/test'

export { expect } from '@playwright/test'

/** What the portal writes for people to read: pages, Remix's data for them (turbo-stream), plain text, CSV, JSON. */
const TEXT = /^(text\/(html|plain|csv|x-script)|application\/json)\b/

/** What is wrong with the bytes, or null: a NUL byte, or bytes that are not UTF-8 (or a U+FFFD, which no page has). */
function faultOf(body: Buffer): string | null {
	const text = body.toString('utf8')
	const around = (index: number) => JSON.stringify(text.slice(Math.max(0, index - 20), index + 20))
	const nul = text.indexOf('\u0000')
	if (nul !== -1) return `a NUL byte at byte ${body.indexOf(0)}: …${around(nul)}…`
	const broken = text.indexOf('\ufffd')
	if (broken !== -1) return `U+FFFD at character ${broken}: …${around(broken)}…`
	return null
}

/**
 * The suite's `test`: Playwright's, and every text response that a browser of the test receives (each page, in the
 * language the spec reads it in) is read as bytes and fails the test if it holds a NUL byte or anything that does not
 * decode as UTF-8. React 18.3 sent "در\0خواست" on Persian pages (patches/react-dom+18.3.1.patch); a browser hides it.
 * Contexts a spec opens itself are watched too: `browser.newContext` is wrapped for the test's length.
 */
export const test = base.extend<{ bytesChecked: void }>({
	bytesChecked: [
		async ({ context, browser }, use) => {
			const faults: string[] = []
			const reads: Promise<void>[] = []
			const read = async (response: Response) => {
				const body = await response.body().catch(() => null)
				// No body to read: a redirect, a download, or a page closed before its response ended.
				if (body === null) return
				const fault = faultOf(body)
				if (fault) faults.push(`${response.request().method()} ${response.url()}: ${fault}`)
			}
			const watch = (watched: BrowserContext) => {
				watched.on('response', (response) => {
					if (TEXT.test(response.headers()['content-type'] ?? '')) reads.push(read(response))
				})
				return watched
			}
			watch(context)
			const newContext: Browser['newContext'] = browser.newContext.bind(browser)
			browser.newContext = async (options) => watch(await newContext(options))
			try {
				await use()
			} finally {
				browser.newContext = newContext
			}
			await Promise.all(reads)
			if (faults.length > 0) throw new Error(`Responses that are not clean UTF-8:\n${faults.join('\n')}`)
		},
		{ auto: true },
	],
})
