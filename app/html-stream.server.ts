import { PassThrough } from 'node:stream'
import { createReadableStreamFromReadable } from '@remix-run/node'
import type { ReactNode } from 'react'
import { renderToPipeableStream } from 'react-dom/server'

/** How long deferred data may take before Remix gives up on it; React's render is cut a second later. */
export const ABORT_DELAY = 5_000

export type HtmlStreamOptions = {
	nonce: string
	/** Resolve once everything is rendered (for crawlers) instead of as soon as the shell is (for people). */
	waitForAll: boolean
	/** Every error React reports, and whether it came after the response had started (its status then already sent). */
	onError: (error: unknown, afterStart: boolean) => void
}

/**
 * The server's HTML: React's stream as the body of a Response, resolved when the shell (or, for crawlers, the whole
 * page) is ready; rejected when the shell fails. React 18.3's Node renderer wrote NUL bytes where a multi-byte character
 * met the end of its 2,048-byte buffer (`writeStringChunk`, react#31134); patches/react-dom+18.3.1.patch applies
 * React 19's fix (react#26228), and tests/unit/html-stream.test.tsx holds every byte to the text put in.
 */
export function renderHtmlStream(element: ReactNode, { nonce, waitForAll, onError }: HtmlStreamOptions): Promise<ReadableStream<Uint8Array>> {
	return new Promise((resolve, reject) => {
		let started = false
		const start = () => {
			started = true
			const body = new PassThrough()
			resolve(createReadableStreamFromReadable(body))
			pipe(body)
		}
		const { pipe, abort } = renderToPipeableStream(element, {
			nonce,
			onShellReady() {
				if (!waitForAll) start()
			},
			onAllReady() {
				// Rendered to the end: nothing left to abort. The timer held the whole render (tree, data, buffers) for
				// six seconds after every page, which under load filled the old generation with finished pages.
				clearTimeout(timer)
				if (waitForAll) start()
			},
			onShellError(error: unknown) {
				clearTimeout(timer)
				reject(error)
			},
			onError(error: unknown) {
				onError(error, started)
			},
		})
		// React calls back from its scheduled work (setImmediate), never from inside renderToPipeableStream, so `timer`
		// is set before any callback reads it.
		const timer = setTimeout(abort, ABORT_DELAY + 1_000)
	})
}
