import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refuseCrossSiteWrites, requireFormBodies, securityHeaders } from '#app/server/security.ts'

/** The same middleware as the server, on a real HTTP port, in front of a handler that just says "ok". */
let base = ''
let close: () => void
beforeAll(async () => {
	const app = express()
	app.use(securityHeaders({ reportOnly: false }))
	app.use(refuseCrossSiteWrites('http://portal.test'))
	app.use(requireFormBodies())
	app.all('*', (_req, res) => {
		res.send('ok')
	})
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(() => close())

const form = { 'Content-Type': 'application/x-www-form-urlencoded' }

describe('request safety', () => {
	it('refuses a cross-site POST with 403', async () => {
		const bySecFetch = await fetch(`${base}/login`, { method: 'POST', headers: { ...form, 'Sec-Fetch-Site': 'cross-site' }, body: 'a=1' })
		expect(bySecFetch.status).toBe(403)
		const byOrigin = await fetch(`${base}/login`, { method: 'POST', headers: { ...form, Origin: 'https://evil.example' }, body: 'a=1' })
		expect(byOrigin.status).toBe(403)
	})

	it('lets a same-origin POST through', async () => {
		const sameOrigin = await fetch(`${base}/login`, {
			method: 'POST',
			headers: { ...form, Origin: base, 'Sec-Fetch-Site': 'same-origin' },
			body: 'a=1',
		})
		expect(sameOrigin.status).toBe(200)
	})

	it('answers a form post of the wrong content type with 415, not 500', async () => {
		const json = await fetch(`${base}/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' })
		expect(json.status).toBe(415)
	})

	it('sends a nonce-based Content-Security-Policy and the hardening headers', async () => {
		const first = await fetch(`${base}/`)
		const second = await fetch(`${base}/`)
		const policy = first.headers.get('Content-Security-Policy') ?? ''
		expect(policy).toMatch(/script-src 'self' 'nonce-[\w+/=]+'/)
		expect(policy).toContain("frame-ancestors 'none'")
		expect(policy).not.toBe(second.headers.get('Content-Security-Policy'))
		expect(first.headers.get('X-Content-Type-Options')).toBe('nosniff')
		expect(first.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin')
	})
})
