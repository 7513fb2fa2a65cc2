import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * Every office route, found from the route modules themselves (a new office page is covered without editing this
 * test): its loader and its action answer 404 to an applicant, a reviewer and a visitor who is not signed in is sent
 * to sign in, as if the pages did not exist for them.
 */

const ROUTES_DIR = path.resolve('app/routes')
const officeRoutes = fs
	.readdirSync(ROUTES_DIR)
	.filter((file) => /^office[._]/.test(file) && /\.tsx?$/.test(file))
	.sort()

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown }

let portal: Portal
let ids: { callId: string; applicationId: string }
const cookies: Record<string, string> = {}

beforeAll(async () => {
	portal = await startPortal()
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	const applicant = insertUser(portal.db, { role: 'applicant' })
	const reviewer = insertUser(portal.db, { role: 'reviewer' })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status: 'submitted', firstSubmittedAt: now })
	ids = { callId: String(callId), applicationId: String(application.id) }
	for (const [role, user] of Object.entries({ applicant, reviewer })) {
		cookies[role] = await sessionCookie(portal, user.id)
	}
})

afterAll(async () => {
	await portal.stop()
})

/** The URL and params for a route file name such as `office.calls.$id.export[.]csv.ts`. */
function target(file: string) {
	const name = file.replace(/\.tsx?$/, '')
	const id = name.startsWith('office.applications.') ? ids.applicationId : ids.callId
	const pathname = `/${name
		.replace(/\[\.\]/g, '<dot>')
		.split('.')
		.filter((part) => part !== '_index')
		.map((part) => (part === '$id' ? id : part))
		.join('/')
		.replace(/<dot>/g, '.')}`
	const params: Record<string, string> = name.includes('$id') ? { id } : {}
	return { pathname, params }
}

describe('office routes', () => {
	it('are found', () => {
		expect(officeRoutes.length).toBeGreaterThanOrEqual(10)
	})

	describe.each(officeRoutes)('%s', (file) => {
		it.each(['applicant', 'reviewer'])('answers 404 to a signed-in %s, for reading and for writing', async (role) => {
			const module = (await import(path.join(ROUTES_DIR, file))) as RouteModule
			const { pathname, params } = target(file)
			const headers = { Cookie: cookies[role]! }
			if (module.loader) {
				const result = await call(module.loader as never, new Request(`http://portal.test${pathname}`, { headers }), portal.context(), params)
				expect(statusOf(result), `GET ${pathname}`).toBe(404)
			}
			if (module.action) {
				const request = new Request(`http://portal.test${pathname}`, {
					method: 'POST',
					headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
					body: 'intent=anything',
				})
				expect(statusOf(await call(module.action as never, request, portal.context(), params)), `POST ${pathname}`).toBe(404)
			}
		})

		it('sends a visitor who is not signed in to sign in', async () => {
			const module = (await import(path.join(ROUTES_DIR, file))) as RouteModule
			const { pathname, params } = target(file)
			const handler = module.loader ?? module.action
			const result = await call(handler as never, new Request(`http://portal.test${pathname}`), portal.context(), params)
			expect(statusOf(result)).toBe(302)
			expect((result as Response).headers.get('Location')).toMatch(/^\/login\?/)
		})
	})
})
