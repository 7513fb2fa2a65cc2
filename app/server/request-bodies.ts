import type { IncomingMessage } from 'node:http'
import { createRequestHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'

/**
 * Every request body has a limit, enforced while it streams in: a form posted by a browser is never held in memory
 * beyond what its route can accept, so one anonymous 100 MiB post cannot exhaust the heap. The limit is known before
 * a byte is read (from the method, the content type and the route); a declared Content-Length over it is refused
 * without reading, and a body without one (chunked) is counted as it arrives. What is refused is read to the end
 * and dropped (up to DRAIN_LIMIT, then the connection is closed), on a connection kept open: a server that closes
 * with unread bytes makes the kernel reset the connection, and the client, still sending, never reads the 413 page.
 */

const KIB = 1024
const MIB = 1024 * KIB

/**
 * Forms without files. The largest valid one is a plan step in Persian at every word limit: 40–170 KB urlencoded
 * (tests/integration/request-bodies.test.ts saves one through the server); 1 MiB leaves room without risk.
 */
export const FORM_LIMIT = MIB

/** Besides the file, an upload form carries its other fields (the report's text of up to 10,000 characters). */
const UPLOAD_FORM_FIELDS = MIB

/** How much of a refused body is read and dropped before the connection is closed instead. */
const DRAIN_LIMIT = 128 * MIB

/**
 * The routes whose actions read a PDF from a multipart form (unstable_parseMultipartFormData): a path, and the query
 * parameter an upload carries where the route also takes forms without one. A unit test holds this list against the
 * route files that call the multipart parser.
 */
export const UPLOAD_ROUTES: readonly { path: RegExp; query?: string }[] = [
	{ path: /^\/applications\/[^/]+\/[^/]+$/, query: 'document' }, // a wizard step's document (applications.$id.$step)
	{ path: /^\/applications\/[^/]+\/follow-up$/ }, // the passport copy
	{ path: /^\/applications\/[^/]+\/visit-report$/ }, // the report's PDF
	{ path: /^\/letters\/referee$/ }, // a referee's letter
]

/** The largest body a request may send, in bytes: nothing for GET and HEAD. */
export function bodyLimit(method: string, url: URL, contentType: string | undefined, uploadMaxBytes: number): number {
	if (method === 'GET' || method === 'HEAD') return 0
	const multipart = (contentType ?? '').toLowerCase().startsWith('multipart/form-data')
	const upload = UPLOAD_ROUTES.some((route) => route.path.test(url.pathname) && (!route.query || url.searchParams.has(route.query)))
	return multipart && upload ? uploadMaxBytes + UPLOAD_FORM_FIELDS : FORM_LIMIT
}

/** What the body stream fails with when the body is over its limit; the action wrapper answers it with 413. */
export class BodyTooLargeError extends Error {
	constructor(readonly limitBytes: number) {
		super(`The request body is larger than ${limitBytes} bytes`)
		this.name = 'BodyTooLargeError'
	}
}

/** Whether an error (or what it was caused by, as fetch's body readers wrap it) is a refused body. */
export function tooLargeBody(error: unknown): BodyTooLargeError | null {
	for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
		if (current instanceof BodyTooLargeError) return current
	}
	return null
}

/** The declared length, or null when the body is chunked (or absent). */
function declaredLength(req: IncomingMessage): number | null {
	const header = req.headers['content-length']
	return header === undefined ? null : Number(header)
}

export function hasBody(req: IncomingMessage): boolean {
	const length = declaredLength(req)
	return (length !== null && length > 0) || req.headers['transfer-encoding'] !== undefined
}

/** Reads what is left of a refused body without keeping it; past DRAIN_LIMIT the connection is closed. */
function drain(req: IncomingMessage) {
	if (req.complete || req.destroyed) return
	let dropped = 0
	req.removeAllListeners('data')
	req.on('data', (chunk: Buffer) => {
		dropped += chunk.length
		if (dropped > DRAIN_LIMIT) req.destroy()
	})
	req.resume()
}

/**
 * The body as the web stream Remix reads, failing with BodyTooLargeError at the limit (at once when the declared
 * length is over it). It pulls from the socket only as fast as the reader reads, as Remix's own adapter does.
 */
export function limitedBody(req: IncomingMessage, limit: number): ReadableStream<Uint8Array> {
	let seen = 0
	const refuse = (controller: ReadableStreamDefaultController<Uint8Array>) => {
		controller.error(new BodyTooLargeError(limit))
		drain(req)
	}
	const onData = (controller: ReadableStreamDefaultController<Uint8Array>) => (chunk: Buffer) => {
		seen += chunk.length
		if (seen > limit) {
			refuse(controller)
			return
		}
		controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))
		if ((controller.desiredSize ?? 0) <= 0) req.pause()
	}
	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				const declared = declaredLength(req)
				if (declared !== null && declared > limit) {
					refuse(controller)
					return
				}
				req.on('data', onData(controller))
				req.once('end', () => controller.close())
				req.once('error', (error) => controller.error(error))
				req.pause()
			},
			pull() {
				req.resume()
			},
			cancel() {
				// A reader that stops early (a parser that has seen enough): drop the rest instead of resetting.
				drain(req)
			},
		},
		{ highWaterMark: 64 * KIB, size: (chunk) => chunk.byteLength },
	)
}

/**
 * The Fetch Request Remix receives, as @remix-run/express builds it (the same URL, headers and abort signal), with
 * the body limited as above. A body left unread when the answer is sent (a 405, a refused body) is drained.
 */
export function remixRequest(req: ExpressRequest, res: ExpressResponse, uploadMaxBytes: number): Request {
	// As the adapter does: req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host. The path
	// is appended, not resolved, so `//host` in it stays a path.
	const port = /:(\d+)$/.exec(req.get('X-Forwarded-Host') ?? '')?.[1] ?? /:(\d+)$/.exec(req.get('host') ?? '')?.[1]
	const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
	// Aborted when the answer closes: cut short (the client left: loaders stop), or done. Done too, because Remix and
	// undici keep work keyed to this signal until it aborts: Remix's 5-second timer on every turbo-stream (cleared only
	// on abort) held each request's loader data that long, and under load the old generation filled with them.
	const controller = new AbortController()
	res.on('finish', () => drain(req))
	res.on('close', () => controller.abort())
	const headers = new Headers()
	for (const [name, value] of Object.entries(req.headers)) {
		if (Array.isArray(value)) for (const each of value) headers.append(name, each)
		else if (value !== undefined) headers.set(name, value)
	}
	const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		init.body = limitedBody(req, bodyLimit(req.method, url, req.get('content-type'), uploadMaxBytes))
		init.duplex = 'half'
	}
	return new Request(url.href, init)
}

/**
 * Writes a response body without flushing after each chunk (Remix's writeReadableStreamToWritable flushes every one,
 * which made the compression middleware compress and send 30–40 small blocks per page); at the client's pace, and
 * stopping when the client has gone.
 */
async function writeBody(body: ReadableStream<Uint8Array>, res: ExpressResponse): Promise<void> {
	const reader = body.getReader()
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) break
			if (res.destroyed) {
				await reader.cancel()
				return
			}
			if (!res.write(value)) {
				await new Promise<void>((resolve) => {
					const go = () => {
						res.off('drain', go)
						res.off('close', go)
						resolve()
					}
					res.on('drain', go)
					res.on('close', go)
				})
			}
		}
		res.end()
	} catch (error) {
		res.destroy(error as Error)
		throw error
	}
}

/**
 * Remix's request handler for Express (what @remix-run/express's createRequestHandler does, less its support for
 * event streams, which no route sends), with the request body limited, the response written without a flush per
 * chunk, and the render slot (render-slots.ts) given back when the body is generated.
 * A GET or HEAD that carries a body is refused before Remix: no page reads one.
 */
export function remixHandler({
	build,
	mode,
	getLoadContext,
	uploadMaxBytes,
	tooLarge,
}: {
	build: ServerBuild | (() => Promise<ServerBuild>)
	mode: string
	getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext
	uploadMaxBytes: number
	/** The page a GET with a body is answered with. */
	tooLarge: (req: ExpressRequest, res: ExpressResponse) => void
}) {
	const handle = createRequestHandler(build, mode)
	return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
		try {
			if ((req.method === 'GET' || req.method === 'HEAD') && hasBody(req)) {
				tooLarge(req, res)
				return
			}
			const response = await handle(remixRequest(req, res, uploadMaxBytes), getLoadContext(req, res))
			res.statusMessage = response.statusText
			res.status(response.status)
			for (const [name, value] of response.headers.entries()) res.append(name, value)
			// A page holds its render slot until its last byte is written; a download (a PDF, a CSV) gives it back now,
			// so a file going out to a slow client keeps no page waiting.
			const page = /^text\/(html|x-script)\b/.test(response.headers.get('Content-Type') ?? '')
			if (!page) res.locals.releaseRenderSlot?.()
			if (response.body) await writeBody(response.body, res)
			else res.end()
			res.locals.releaseRenderSlot?.()
		} catch (error) {
			next(error)
		}
	}
}
