import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import readline from 'node:readline'
import { expect, test } from './test.ts'

/**
 * Faults found by attacking the production server from outside (issue 22), tested against that server as built:
 * `node build/server.js` in a process of its own, with the rate limits on (the shared e2e server has them off) and
 * a public address that differs from the address it listens on, as behind a reverse proxy. Raw HTTP, so that paths
 * and headers go out exactly as an attacker writes them.
 */

test.describe.configure({ mode: 'serial' })

const PORT = 3190 + Number(process.env.TEST_PARALLEL_INDEX ?? 0)
const PUBLIC_URL = 'https://vpp.example.edu'
const dir = path.resolve(`tests/.tmp/e2e-server-faults-${PORT}`)
let server: ChildProcess

test.beforeAll(async () => {
	fs.rmSync(dir, { recursive: true, force: true })
	server = spawn(process.execPath, ['--max-old-space-size=256', 'build/server.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(PORT),
			HOST: '127.0.0.1',
			PUBLIC_URL,
			SESSION_SECRET: 'server-faults-secret-of-enough-length',
			DATABASE_PATH: path.join(dir, 'portal.db'),
			UPLOAD_DIR: path.join(dir, 'uploads'),
			MAIL_DIR: path.join(dir, 'mail'),
			SEED_DEMO: 'true',
			// Each test speaks from addresses of its own (X-Forwarded-For, one proxy trusted), so the limits do not add up.
			TRUST_PROXY: 'true',
			RATE_LIMIT_SIGNIN_IP: '2',
			RATE_LIMIT_SIGNIN_ACCOUNT: '100',
			RATE_LIMIT_REGISTER_IP: '1',
			RATE_LIMIT_RESET_IP: '1',
			RATE_LIMIT_VERIFY_IP: '1',
		},
		stdio: ['ignore', 'pipe', 'inherit'],
	})
	await new Promise<void>((resolve, reject) => {
		readline.createInterface({ input: server.stdout! }).on('line', (line) => {
			if (line.startsWith('VPP Portal listening')) resolve()
		})
		server.once('exit', (code) => reject(new Error(`The server exited with ${code}`)))
	})
})

test.afterAll(() => {
	server?.kill('SIGTERM')
})

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string }

/** One request as written: the path is sent as is (no normalising), the body streamed without being held. */
function raw(method: string, target: string, { headers = {}, body = '', size }: { headers?: Record<string, string>; body?: string; size?: number } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const total = size ?? Buffer.byteLength(body)
		const request = http.request({ host: '127.0.0.1', port: PORT, method, path: target, headers: { ...headers, ...(total > 0 ? { 'Content-Length': String(total) } : {}) } })
		request.on('response', (response) => {
			let text = ''
			response.setEncoding('utf8')
			response.on('data', (chunk: string) => (text += chunk))
			response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }))
		})
		request.on('error', (error) => setTimeout(() => reject(error), 2_000))
		request.write(body)
		const filler = Buffer.alloc(64 * 1024, 'a')
		let left = total - Buffer.byteLength(body)
		const pump = () => {
			while (left > 0) {
				const chunk = left >= filler.length ? filler : filler.subarray(0, left)
				left -= chunk.length
				if (!request.write(chunk)) return void request.once('drain', pump)
			}
			request.end()
		}
		pump()
	})
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
let addresses = 0
/** A browser's form post from an address no other request used. */
const FORM = () => ({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: PUBLIC_URL, 'X-Forwarded-For': `198.51.100.${++addresses}` })
const OFFICE = { email: 'office@example.edu', password: 'office-demo-2027' }

/** Where a browser would go with this Location, from a page of the portal. */
const followed = (location: string | undefined) => new URL(String(location).replace(/[\t\n\r]/g, ''), `${PUBLIC_URL}/login`)

test('1: a 100 MiB form to the sign-in is refused with 413 and a readable page; the server stays up with its memory flat', async () => {
	const status = () => fs.readFileSync(`/proc/${server.pid}/status`, 'utf8')
	const rss = () => Number(/VmRSS:\s+(\d+)/.exec(status())![1]) * 1024
	fs.writeFileSync(`/proc/${server.pid}/clear_refs`, '5')
	const before = rss()
	const answer = await raw('POST', '/login', { headers: FORM(), body: 'email=a%40b.c&password=', size: 100 * 1024 * 1024 })
	expect(answer.status).toBe(413)
	expect(answer.body).toContain('What you sent is too large')
	const peak = Number(/VmHWM:\s+(\d+)/.exec(status())![1]) * 1024
	expect(peak - before).toBeLessThan(40 * 1024 * 1024)
	expect((await raw('GET', '/healthz')).status).toBe(200)
})

test('2: the language redirect stays on the site for //evil.example and /\\evil.example', async () => {
	for (const target of ['//evil.example/?lang=en', '/\\evil.example/?lang=en', '//evil.example/a/b?lang=fa']) {
		const answer = await raw('GET', target)
		expect(answer.status, target).toBe(302)
		expect(followed(answer.headers.location).origin, target).toBe(PUBLIC_URL)
	}
})

test('3: sign-in sends a tab or newline redirectTo home, never off the site and never with a 500', async () => {
	for (const redirectTo of ['/\t/evil.example', '/\n/evil.example', '//evil.example', '/\\evil.example', 'https://evil.example/']) {
		const answer = await raw('POST', '/login', { headers: FORM(), body: form({ ...OFFICE, redirectTo }) })
		expect(answer.status, JSON.stringify(redirectTo)).toBe(302)
		expect(answer.headers.location, JSON.stringify(redirectTo)).toBe('/office')
	}
	const kept = await raw('POST', '/login', { headers: FORM(), body: form({ ...OFFICE, redirectTo: '/office/calls' }) })
	expect(kept.headers.location).toBe('/office/calls')
})

test('9: behind a proxy that passes neither the public Host nor X-Forwarded-Host, a same-site POST works and a foreign one is 403', async () => {
	const upstream = { Host: `127.0.0.1:${PORT}` }
	const same = await raw('POST', '/login', { headers: { ...FORM(), ...upstream }, body: form({ ...OFFICE }) })
	expect(same.status).toBe(302)
	expect(same.headers.location).toBe('/office')
	const foreign = await raw('POST', '/login', { headers: { ...FORM(), ...upstream, Origin: 'https://evil.example' }, body: form({ ...OFFICE }) })
	expect(foreign.status).toBe(403)
	// A proxy that forwards another host than the browser's origin: refused or served, never a 500.
	const mismatched = await raw('POST', '/login', { headers: { ...FORM(), ...upstream, 'X-Forwarded-Host': 'internal.example' }, body: form({ ...OFFICE }) })
	expect(mismatched.status).toBe(302)
})

test('10: a 429 carries Retry-After on the sign-in, registration, password reset and letter check', async () => {
	const attempts: Record<string, (headers: Record<string, string>) => Promise<Answer>> = {
		'/login': (headers) => raw('POST', '/login', { headers, body: form({ email: 'nobody@example.org', password: 'wrong' }) }),
		'/register': (headers) => raw('POST', '/register', { headers, body: form({ name: 'A', email: `x${Date.now()}@example.org`, password: 'lantern orchard violet 42' }) }),
		'/forgot-password': (headers) => raw('POST', '/forgot-password', { headers, body: form({ email: 'nobody@example.org' }) }),
		'/verify/<code>': (headers) => raw('GET', '/verify/ABCD-EFGH-JKLM', { headers: { 'X-Forwarded-For': headers['X-Forwarded-For']! } }),
	}
	for (const [page, attempt] of Object.entries(attempts)) {
		const headers = FORM()
		let answer = await attempt(headers)
		for (let i = 0; i < 3 && answer.status !== 429; i++) answer = await attempt(headers)
		expect(answer.status, page).toBe(429)
		expect(Number(answer.headers['retry-after']), page).toBeGreaterThan(0)
		expect(answer.body, page).toContain('Too many attempts')
	}
})
