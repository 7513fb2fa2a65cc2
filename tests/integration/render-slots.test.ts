import type { AddressInfo } from 'node:net'
import express from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { renderSlots, type RenderSlotOptions } from '#app/server/render-slots.ts'

/**
 * The render slots in front of a handler that holds each request until the test lets it go, on a real HTTP port:
 * which requests the handler has started shows who holds a slot and who waits.
 */
type Held = { path: string; finish: (body?: string) => void; release: () => void }

async function serve(slots: number, options: Omit<RenderSlotOptions, 'slots'> = {}) {
	const started: Held[] = []
	const app = express()
	app.use(renderSlots({ slots, ...options }))
	app.all('*', (req, res) => {
		started.push({ path: req.path, finish: (body = 'ok') => res.send(body), release: () => res.locals.releaseRenderSlot?.() })
	})
	const server = app.listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
	return { base, started, server }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
	for (const close of closers.splice(0)) {
		await close()
	}
})

/** A request whose answer the test does not wait for (the server is closed under it at the end). */
const inBackground = (url: string) => void fetch(url).catch(() => undefined)
const paths = (held: Held[]) => held.map((entry) => entry.path)
const until = async (check: () => boolean) => {
	const deadline = Date.now() + 5000
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out waiting')
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
}
/** Gives queued work a moment, to show that nothing more started. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150))

describe('render slots', () => {
	it('lets two pages in at once, and the others in arrival order as each finishes', async () => {
		const { base, started, server } = await serve(2)
		const answers = ['/a', '/b', '/c', '/d'].map((path) => fetch(`${base}${path}`).then((response) => response.text()))
		await until(() => started.length === 2)
		await settle()
		expect(paths(started)).toEqual(['/a', '/b'])

		started[1]!.finish('b')
		await until(() => started.length === 3)
		await settle()
		expect(paths(started)).toEqual(['/a', '/b', '/c'])

		started[0]!.finish('a')
		await until(() => started.length === 4)
		started[2]!.finish('c')
		started[3]!.finish('d')
		expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd'])
		server.closeAllConnections()
	})

	it('never holds back a form post', async () => {
		const { base, started, server } = await serve(1)
		inBackground(`${base}/page`)
		await until(() => started.length === 1)
		const post = fetch(`${base}/save`, { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
		await until(() => started.length === 2)
		expect(paths(started)).toEqual(['/page', '/save'])
		started[1]!.finish('saved')
		expect(await (await post).text()).toBe('saved')
		server.closeAllConnections()
	})

	it('gives up the place of a client that leaves while waiting', async () => {
		const { base, started, server } = await serve(1)
		inBackground(`${base}/first`)
		await until(() => started.length === 1)
		const leaving = new AbortController()
		const left = fetch(`${base}/left`, { signal: leaving.signal }).catch(() => 'aborted')
		const staying = fetch(`${base}/stays`).then((response) => response.text())
		await settle()
		leaving.abort()
		expect(await left).toBe('aborted')
		await settle()

		started[0]!.finish()
		await until(() => started.length === 2)
		await settle()
		expect(paths(started)).toEqual(['/first', '/stays'])
		started[1]!.finish('stayed')
		expect(await staying).toBe('stayed')
		server.closeAllConnections()
	})

	it('passes a slot on when the handler says its body is generated, before the answer has gone out', async () => {
		const { base, started, server } = await serve(1)
		inBackground(`${base}/download`)
		await until(() => started.length === 1)
		const next = fetch(`${base}/next`).then((response) => response.text())
		await settle()
		expect(paths(started)).toEqual(['/download'])
		started[0]!.release()
		await until(() => started.length === 2)
		started[1]!.finish('next')
		expect(await next).toBe('next')
		started[0]!.finish()
		server.closeAllConnections()
	})

	it('passes a slot on after holdMs whatever the handler does', async () => {
		const { base, started, server } = await serve(1, { holdMs: 200 })
		inBackground(`${base}/stuck`)
		await until(() => started.length === 1)
		const next = fetch(`${base}/next`).then((response) => response.text())
		await until(() => started.length === 2)
		expect(paths(started)).toEqual(['/stuck', '/next'])
		started[1]!.finish('next')
		expect(await next).toBe('next')
		started[0]!.finish()
		server.closeAllConnections()
	})

	it('refuses with 503 and Retry-After past the queue limit, and after waiting too long', async () => {
		const { base, started, server } = await serve(1, { queueLimit: 1, waitMs: 300 })
		inBackground(`${base}/busy`)
		await until(() => started.length === 1)
		const waiter = fetch(`${base}/waits`)
		await settle()
		const refused = await fetch(`${base}/one-too-many`)
		expect(refused.status).toBe(503)
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
		expect(await refused.text()).toMatch(/busy/)
		// The one in the queue is refused after 300 ms, and never started.
		const waited = await waiter
		expect(waited.status).toBe(503)
		expect(paths(started)).toEqual(['/busy'])
		started[0]!.finish()
		// The slot is free again for the next.
		const after = fetch(`${base}/after`).then((response) => response.text())
		await until(() => started.length === 2)
		started[1]!.finish('after')
		expect(await after).toBe('after')
		server.closeAllConnections()
	})
})
