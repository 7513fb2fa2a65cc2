import fc from 'fast-check'
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { refuseCrossSiteWrites, requireFormBodies } from '#app/server/security.ts'
import { scaled } from './faults.ts'

/**
 * Hostile form bodies for the fault battery (tests/integration/faults-hostile-input.test.ts), the way a route's
 * answer looks to a browser (its status and the text of its body), and what a body must never show.
 */

const LONE_SURROGATES = ['\ud800', '\udfff', 'a\ud83d', '\ude00b']
const UNICODE_EDGES = [
	'\u0000',
	'a\u0000b',
	'\u202eevil\u202c',
	'\u2066\u2067\u2068\u2069',
	'\u200b\u200c\u200d\ufeff',
	'\u061c\u200e\u200f',
	'e\u0301\u0301\u0301',
	'👩🏽‍🔬🏳️‍🌈',
	'\ufffd\uffff\ufffe',
	'\r\n\r\n',
	'\t \u00a0\u3000',
	'۱۲۳۴۵۶۷۸۹۰',
	'١٢٣٤٥',
	'مریم تهرانی',
	'%00%0d%0a',
	'<script>alert(1)</script>',
	"'; DROP TABLE users; --",
	'../../../../etc/passwd',
	'{{7*7}}${7*7}',
	'__proto__',
	'constructor',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
]
const NUMBERS = ['0', '-1', '1.5', '1e309', 'NaN', 'Infinity', '-0', '9007199254740993', '99999999999999999999999', '0x10', ' 1 ', '1,000']

/** A string someone might send where text is expected: long, odd Unicode, NUL, RTL overrides, numbers. */
export function hostileString(): fc.Arbitrary<string> {
	return fc.oneof(
		{ weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
		{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
		{ weight: 3, arbitrary: fc.constantFrom(...UNICODE_EDGES, ...LONE_SURROGATES) },
		{ weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
		{ weight: 1, arbitrary: fc.integer().map(String) },
		{ weight: 1, arbitrary: fc.double().map(String) },
		// Long: past every field's limit, built by repetition so it costs nothing to generate.
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.constantFrom('a', 'ی', '😀', 'a b ', '\u202e', '\n'), fc.integer({ min: 300, max: 20_000 }))
				.map(([unit, times]) => unit.repeat(times)),
		},
	)
}

/** A field far larger than any form sends: 1 MB in `npm test`, up to 3 MB in `npm run faults`. */
const hugeString = fc.integer({ min: 1, max: scaled(1, 3) }).map((megabytes) => 'x'.repeat(megabytes * 1024 * 1024))

export type HostileBody = {
	encoding: 'urlencoded' | 'multipart' | 'broken-multipart' | 'text/plain' | 'json' | 'none' | 'empty'
	fields: Array<[string, string]>
	/** A file part in a multipart body. */
	file: { name: string; filename: string; content: string } | null
	/** Text added to the address's query. */
	query: Array<[string, string]>
}

/**
 * Form bodies built from the names and values a route knows (so they reach past the first check) mixed with hostile
 * values, missing fields (a random subset), repeated fields, huge fields, and the wrong content types.
 */
export function hostileBody(names: string[], values: string[], queryNames: string[]): fc.Arbitrary<HostileBody> {
	const name = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileString() })
	const value = fc.oneof(
		{ weight: 5, arbitrary: hostileString() },
		{ weight: 4, arbitrary: fc.constantFrom(...values) },
		{ weight: 1, arbitrary: fc.constant('') },
	)
	const field = fc.tuple(name, value)
	const fields = fc.oneof(
		{ weight: 12, arbitrary: fc.array(field, { maxLength: 14 }) },
		// A repeated field.
		{ weight: 2, arbitrary: fc.tuple(field, fc.integer({ min: 2, max: 30 })).map(([one, times]) => Array<[string, string]>(times).fill(one)) },
		// A huge one beside a few ordinary ones.
		{ weight: 1, arbitrary: fc.tuple(fc.array(field, { maxLength: 4 }), name, hugeString).map(([few, key, huge]) => [...few, [key, huge] as [string, string]]) },
	)
	const file = fc.option(
		fc.record({
			name: fc.oneof(fc.constant('file'), name),
			filename: fc.oneof(fc.constant('cv.pdf'), hostileString()),
			content: fc.oneof(fc.constant('%PDF-1.4\n%%EOF\n'), hostileString()),
		}),
		{ freq: 4 },
	)
	return fc.record({
		encoding: fc.oneof(
			{ weight: 10, arbitrary: fc.constant('urlencoded' as const) },
			{ weight: 3, arbitrary: fc.constant('multipart' as const) },
			{ weight: 1, arbitrary: fc.constantFrom('broken-multipart' as const, 'text/plain' as const, 'json' as const, 'none' as const, 'empty' as const) },
		),
		fields,
		file,
		query: fc.array(fc.tuple(fc.constantFrom(...queryNames, 'document', 'token', 'view'), value), { maxLength: 2 }),
	})
}

const CRLF = '\r\n'

/** The text with each lone surrogate made U+FFFD, as a browser encodes it into an address or a form. */
export function wellFormed(text: string): string {
	return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

function multipart(fields: Array<[string, string]>, file: HostileBody['file'], boundary: string): string {
	const quote = (text: string) => text.replace(/[\r\n"]/g, (char) => encodeURIComponent(char))
	const parts = fields.map(([key, value]) => `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(key)}"${CRLF}${CRLF}${value}${CRLF}`)
	if (file) {
		parts.push(
			`--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(file.name)}"; filename="${quote(file.filename)}"${CRLF}` +
				`Content-Type: application/pdf${CRLF}${CRLF}${file.content}${CRLF}`,
		)
	}
	return `${parts.join('')}--${boundary}--${CRLF}`
}

/** The POST a browser (or someone imitating one) would send, same-origin, with the given cookie. */
export function hostileRequest(url: string, body: HostileBody, cookie: string | null): Request {
	const target = new URL(url)
	for (const [key, value] of body.query) target.searchParams.append(key, value)
	const headers = new Headers({ Origin: target.origin, 'Sec-Fetch-Site': 'same-origin' })
	if (cookie) headers.set('Cookie', cookie)
	let payload: string | null
	switch (body.encoding) {
		case 'urlencoded':
			headers.set('Content-Type', 'application/x-www-form-urlencoded')
			payload = new URLSearchParams(body.fields).toString()
			break
		case 'multipart': {
			const boundary = '----hostile7MA4YWxkTrZu0gW'
			headers.set('Content-Type', `multipart/form-data; boundary=${boundary}`)
			payload = multipart(body.fields, body.file, boundary)
			break
		}
		case 'broken-multipart':
			// No boundary, or a body cut off in the middle of a part.
			headers.set('Content-Type', body.fields.length % 2 ? 'multipart/form-data' : 'multipart/form-data; boundary=abc')
			payload = multipart(body.fields, body.file, 'abc').slice(0, 40)
			break
		case 'text/plain':
			headers.set('Content-Type', 'text/plain')
			payload = body.fields.map(([key, value]) => `${key}=${value}`).join(CRLF)
			break
		case 'json':
			headers.set('Content-Type', 'application/json')
			payload = JSON.stringify(Object.fromEntries(body.fields))
			break
		case 'none':
			payload = new URLSearchParams(body.fields).toString()
			break
		case 'empty':
			headers.set('Content-Type', 'application/x-www-form-urlencoded')
			payload = null
	}
	const request = new Request(target, { method: 'POST', headers, body: payload })
	// fetch gives a string body text/plain; 'none' is a body with no Content-Type at all.
	if (body.encoding === 'none') request.headers.delete('Content-Type')
	return request
}

/**
 * The server's request-safety middleware (app/server/security.ts) in front of a route, as in app/server/app.ts:
 * the answer it gives instead of the route, or null when it lets the request through.
 */
export function middlewareAnswer(request: Request, byteLength: number, publicUrl: string): { status: number; text: string } | null {
	const req = {
		method: request.method,
		headers: Object.fromEntries(request.headers),
		get: (name: string) => {
			if (name.toLowerCase() === 'content-length') return byteLength > 0 ? String(byteLength) : undefined
			return request.headers.get(name) ?? undefined
		},
	} as unknown as ExpressRequest
	let answer: { status: number; text: string } | null = null
	let passed = false
	const res = {
		status(code: number) {
			answer = { status: code, text: '' }
			return res
		},
		type() {
			return res
		},
		send(text: string) {
			answer = { status: answer?.status ?? 200, text }
			return res
		},
	} as unknown as ExpressResponse
	const next: NextFunction = () => {
		passed = true
	}
	for (const middleware of [refuseCrossSiteWrites(publicUrl), requireFormBodies()]) {
		passed = false
		middleware(req, res, next)
		if (!passed) return answer
	}
	return null
}

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }

/**
 * What the browser gets from a route's answer: a Response (returned or thrown) as it is, `data()` or plain data as
 * JSON with its status, anything else thrown (an Error) as Remix answers it: 500.
 */
export async function seenByBrowser(result: unknown, thrown: boolean): Promise<{ status: number; text: string }> {
	if (result instanceof Response) return { status: result.status, text: result.body ? await result.text() : '' }
	if (typeof result === 'object' && result !== null && (result as DataWithInit).type === 'DataWithResponseInit') {
		const { data, init } = result as DataWithInit
		return { status: init?.status ?? 200, text: JSON.stringify(data) ?? '' }
	}
	if (thrown) return { status: 500, text: result instanceof Error ? `${result.message}\n${result.stack ?? ''}` : String(result) }
	return { status: 200, text: JSON.stringify(result) ?? '' }
}

/** What a page must never show: a stack trace, SQL or an SQLite error, a path on the server's disk. */
const LEAKS: Array<[string, RegExp]> = [
	['a stack trace', /\bat (?:async )?[\w$.<>]+ \([^)]*:\d+:\d+\)|\bat file:\/\//],
	['an SQLite error', /SQLITE_[A-Z]+|no such (?:table|column)|UNIQUE constraint failed|FOREIGN KEY constraint failed/],
	['SQL', /\b(?:select|insert|update|delete)\b[^"]{0,200}\b(?:from|into|set)\b\s+["`]?\w+["`]?/i],
	['a server path', /(?:\/work\/|\/home\/|\/usr\/|\/tmp\/|node_modules|tests\/\.tmp)/],
]

export function leakIn(text: string): string | null {
	for (const [what, pattern] of LEAKS) {
		const match = pattern.exec(text)
		if (match) return `${what}: …${text.slice(Math.max(0, match.index - 40), match.index + 80)}…`
	}
	return null
}

/** A body in a line of a failure report: its encoding and fields, long values shortened. */
export function describeBody(body: HostileBody): string {
	const short = (text: string) => (text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}…(${text.length} chars)` : JSON.stringify(text))
	return `${body.encoding} ${body.fields.map(([key, value]) => `${short(key)}=${short(value)}`).join('&')}${
		body.file ? ` +file ${short(body.file.filename)}` : ''
	}${body.query.length ? ` ?${body.query.map(([key, value]) => `${key}=${short(value)}`).join('&')}` : ''}`
}

/** The names and literal values a route module reads from a form, found in its source and its app/ imports. */
export function formVocabulary(sources: string[]): { names: string[]; values: string[]; queryNames: string[] } {
	const names = new Set<string>(['intent'])
	const values = new Set<string>()
	const queryNames = new Set<string>()
	for (const source of sources) {
		for (const match of source.matchAll(/\.get(?:All)?\(\s*'([^']{1,60})'\s*\)/g)) names.add(match[1]!)
		for (const match of source.matchAll(/\bname=["'{`]+([\w.[\]-]{1,60})["'}`]/g)) names.add(match[1]!)
		for (const match of source.matchAll(/searchParams\.(?:get|has|getAll)\(\s*'([^']{1,60})'\s*\)/g)) queryNames.add(match[1]!)
		for (const match of source.matchAll(/'([a-z][a-z0-9_.-]{0,40})'/g)) values.add(match[1]!)
	}
	return { names: [...names], values: [...values].slice(0, 400), queryNames: [...queryNames, 'token'] }
}
