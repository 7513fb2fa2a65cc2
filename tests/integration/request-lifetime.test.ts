import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '#app/server/app.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { resourceBuild } from '#tests/support/resource-build.ts'

/**
 * A request's signal aborts once its answer has gone out, not only when the client leaves: Remix keeps work keyed to
 * it until then (a 5-second timer on every turbo-stream, cleared only on abort, which held each request's loader data),
 * and under load the old generation filled with finished requests.
 */

let portal: Portal
let base = ''
let close: () => void
const signals: AbortSignal[] = []

beforeAll(async () => {
	portal = await startPortal()
	const build = resourceBuild({
		'routes/signal': {
			path: 'signal',
			loader: ({ request }: { request: Request }) => {
				signals.push(request.signal)
				return Response.json({ ok: true })
			},
		},
	})
	const server = createApp({ context: portal.context(), build, clientDir: '/nonexistent' }).listen(0, '127.0.0.1')
	await new Promise((resolve) => server.once('listening', resolve))
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
	close = () => server.close()
})
afterAll(async () => {
	close()
	await portal.stop()
})

describe('a request that has been answered', () => {
	it('has its signal aborted, so nothing keyed to it outlives it', async () => {
		const answer = await fetch(`${base}/signal`)
		expect(await answer.json()).toEqual({ ok: true })
		await new Promise((resolve) => setTimeout(resolve, 50))
		expect(signals).toHaveLength(1)
		expect(signals[0]!.aborted).toBe(true)
	})
})
