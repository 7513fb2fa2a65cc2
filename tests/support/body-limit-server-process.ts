/**
 * The portal's Express stack (app/server/app.ts: security headers, the cross-site check, the form-type check, the
 * render slots and the body limits in front of Remix) serving the real actions of the sign-in and the wizard's steps,
 * in a process of its own, so that a test can read its memory from /proc while it sends 100 MiB bodies
 * (tests/integration/faults-request-bodies.test.ts). The integration tests run before the Remix build exists, so the
 * build here has those two routes as resource routes (their actions, no pages).
 * Usage: <database file> <upload dir> <session secret>. Prints "listening <port>" once it takes requests.
 */
import path from 'node:path'
import type { ActionFunctionArgs, ServerBuild } from '@remix-run/node'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { configureEmail } from '#app/email/queue.server.ts'
import { action as stepAction } from '#app/routes/applications.$id.$step.tsx'
import { action as loginAction } from '#app/routes/login.tsx'
import { createApp } from '#app/server/app.ts'
import { openDatabase } from '#db/client.ts'
import { childPortalConfig } from './child-portal.ts'

const config = childPortalConfig('body-limit-server-process.ts', { UPLOAD_MAX_MB: '10', RATE_LIMIT_SIGNIN_IP: '0', RATE_LIMIT_SIGNIN_ACCOUNT: '0' })
const { databasePath: file, uploadDir } = config
configureEmail(config)
const db = openDatabase(file)
migrate(db, { migrationsFolder: path.resolve('db/migrations') })

type Action = (args: ActionFunctionArgs) => Promise<unknown>
/** A resource route answers `data(…, { status })` with 200; a page would answer its status, so this one does too. */
const withStatus =
	(action: Action): Action =>
	async (args) => {
		const result = await action(args)
		const answer = result as { type?: string; data?: unknown; init?: ResponseInit | null }
		return answer?.type === 'DataWithResponseInit' ? Response.json(answer.data, answer.init ?? undefined) : result
	}
const route = (id: string, routePath: string, action: unknown) => ({ id, parentId: 'root', path: routePath, module: { action: withStatus(action as Action) } })
const build = {
	mode: 'production',
	entry: { module: { default: () => new Response('This server renders no pages', { status: 500 }) } },
	routes: {
		root: { id: 'root', path: '', module: {} },
		'routes/login': route('routes/login', 'login', loginAction),
		'routes/applications.$id.$step': route('routes/applications.$id.$step', 'applications/:id/:step', stepAction),
	},
	assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' },
	publicPath: '/',
	assetsBuildDirectory: '',
	future: { v3_singleFetch: true },
	isSpaMode: false,
} as unknown as ServerBuild

const app = createApp({ context: { db, config, now: () => new Date('2026-11-28T10:00:00Z') }, build, clientDir: path.join(uploadDir, 'no-client') })
const server = app.listen(0, '127.0.0.1', () => {
	const address = server.address()
	console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`)
})
