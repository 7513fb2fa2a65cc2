import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PLAN_WORD_LIMITS } from '#app/schemas/application/plan.ts'
import { FORM_LIMIT } from '#app/server/request-bodies.ts'
import { applicationSteps, documents } from '#db/schema.ts'
import { sessionCookie, startPortal, type Portal } from '#tests/support/app.ts'
import { scaled } from '#tests/support/faults.ts'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import { insertCall, insertUser } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'
import { startServer, type Server } from '#tests/support/portal-load.ts'

/**
 * Request bodies over their limit, sent to the portal's Express stack in a process of its own
 * (tests/support/body-limit-server-process.ts), whose memory is read from /proc. Without the limits a 100 MiB form
 * is read whole by request.formData(): the process grows by several times the body and, under the 256 MB heap
 * ceiling, dies of "JavaScript heap out of memory".
 */

const MIB = 1024 * 1024
/** `npm run faults` sends 100 MiB; `npm test` enough to be far over every limit (the upload's is 11 MiB). */
const BODY = scaled(24 * MIB, 100 * MIB)
/** What the server may grow by while refusing: buffers in flight, not the body. */
const FLAT = 40 * MIB

let portal: Portal
let server: Server
let base: { port: number }
let cookie = ''
let applicationId = 0
let uploadDir = ''

beforeAll(async () => {
	portal = await startPortal()
	const callId = insertCall(portal.db, { now: portal.clock.now() })
	const applicant = insertUser(portal.db, { role: 'applicant' })
	applicationId = createApplication(portal.db, { callId, applicantId: applicant.id, now: portal.clock.now() }).application.id
	cookie = await sessionCookie(portal, applicant.id)
	uploadDir = path.join(TMP_DIR, `bodies-${crypto.randomUUID()}`, 'uploads')
	server = await startServer(portal.config.databasePath, uploadDir, portal.config.sessionSecret, 'tests/support/body-limit-server-process.ts')
	base = { port: server.port }
}, 60_000)

afterAll(async () => {
	server?.child.kill('SIGKILL')
	await portal?.stop()
})

function memory(pid: number): { rss: number; peak: number } {
	const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
	const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)![1]) * 1024
	return { rss: kb('VmRSS'), peak: kb('VmHWM') }
}

/** Resets the process's peak to its current size (Linux: /proc/<pid>/clear_refs), so the next peak is this send's. */
function resetPeak(pid: number) {
	fs.writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

type Sent = { status: number; text: string; headers: http.IncomingHttpHeaders }

/**
 * Streams `size` bytes (a prefix, then filler, then a suffix) without holding them, declared by Content-Length or
 * chunked, and returns the answer; the server may answer before the body is sent.
 */
function send(pathname: string, { size, chunked, type, prefix = '', suffix = '', method = 'POST' }: { size: number; chunked: boolean; type: string; prefix?: string; suffix?: string; method?: string }): Promise<Sent> {
	return new Promise((resolve, reject) => {
		const headers: http.OutgoingHttpHeaders = { 'Content-Type': type, Cookie: cookie, Origin: 'http://portal.test' }
		if (!chunked) headers['Content-Length'] = size
		const request = http.request({ host: '127.0.0.1', port: base.port, path: pathname, method, headers })
		request.on('response', (response) => {
			let text = ''
			response.setEncoding('utf8')
			response.on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode!, text, headers: response.headers }))
		})
		// The server may close its side once it has answered; the answer is what counts.
		request.on('error', (error) => setTimeout(() => reject(error), 2_000))
		const filler = Buffer.alloc(64 * 1024, 'a')
		let left = size - Buffer.byteLength(prefix) - Buffer.byteLength(suffix)
		request.write(prefix)
		const pump = () => {
			while (left > 0) {
				const chunk = left >= filler.length ? filler : filler.subarray(0, left)
				left -= chunk.length
				if (!request.write(chunk)) {
					request.once('drain', pump)
					return
				}
			}
			request.end(suffix)
		}
		pump()
	})
}

const BOUNDARY = '----portal-test-boundary'
const multipartFile = (name: string, filename: string) =>
	`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n`
const multipartEnd = `\r\n--${BOUNDARY}--\r\n`

describe('request bodies over their limit', () => {
	const kinds = [
		{ name: 'a urlencoded form', path: () => '/login', type: 'application/x-www-form-urlencoded', prefix: 'email=a%40b.c&password=' },
		{ name: 'a text/plain form', path: () => '/login', type: 'text/plain', prefix: 'email=a@b.c\r\npassword=' },
		{ name: 'a multipart form without an upload', path: () => '/login', type: `multipart/form-data; boundary=${BOUNDARY}`, prefix: multipartFile('email', 'x.pdf'), suffix: multipartEnd },
		{ name: 'an upload', path: () => `/applications/${applicationId}/academic?document=cv`, type: `multipart/form-data; boundary=${BOUNDARY}`, prefix: multipartFile('file', 'cv.pdf'), suffix: multipartEnd },
	]
	for (const kind of kinds) {
		for (const chunked of [false, true]) {
			it(`answers ${kind.name} of ${BODY / MIB} MiB (${chunked ? 'chunked' : 'with its length'}) with 413, the server's memory flat`, async () => {
				const pid = server.child.pid!
				resetPeak(pid)
				const before = memory(pid)
				const answer = await send(kind.path(), { size: BODY, chunked, type: kind.type, prefix: kind.prefix, suffix: kind.suffix })
				const after = memory(pid)
				expect(answer.status).toBe(413)
				expect(after.peak - before.rss).toBeLessThan(FLAT)
				// Nothing of a refused upload stays on disk.
				const files = fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : []
				expect(files).toEqual([])
				expect(portal.db.select().from(documents).where(eq(documents.applicationId, applicationId)).all()).toEqual([])
			})
		}
	}

	it('answers a GET that carries a body with 413, before any page is rendered', async () => {
		const answer = await send('/login', { size: 4 * MIB, chunked: false, type: 'application/x-www-form-urlencoded', method: 'GET' })
		expect(answer.status).toBe(413)
	})

	it('keeps serving after the refusals', async () => {
		const answer = await send('/login', { size: 40, chunked: false, type: 'application/x-www-form-urlencoded', prefix: 'email=a%40b.c&password=' })
		expect(answer.status).toBe(400)
	})
})

describe('the largest valid form', () => {
	it('saves a plan step in Persian at every word and character limit (about 170 KB urlencoded)', async () => {
		// 19 letters of two and three UTF-8 bytes (ZWNJ) and a space: 20 characters a word, the schema's most.
		const word = 'پژوهش\u200cهای\u200cمشترک\u200cنو'.padEnd(19, 'ک')
		const text = (words: number) => Array.from({ length: words }, () => word).join(' ')
		const plan = Object.fromEntries(Object.entries(PLAN_WORD_LIMITS).map(([field, words]) => [field, text(words)]))
		const body = new URLSearchParams({ intent: 'draft', ...plan }).toString()
		expect(body.length).toBeGreaterThan(160_000)
		expect(body.length).toBeLessThan(FORM_LIMIT)
		const answer = await send(`/applications/${applicationId}/plan`, { size: body.length, chunked: false, type: 'application/x-www-form-urlencoded', prefix: body })
		expect(answer.status).toBe(302)
		const saved = portal.db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, applicationId)).all().find((row) => row.step === 'plan')
		expect(saved?.data).toEqual(plan)
	})
})
