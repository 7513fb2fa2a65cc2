/**
 * The portal's Express stack (app/server/app.ts: security headers, the cross-site check, the form-type check, the
 * render slots and the body limits in front of Remix) serving the real actions of the sign-in and the wizard's steps,
 * in a process of its own, so that a test can read its memory from /proc while it sends 100 MiB bodies
 * (tests/integration/faults-request-bodies.test.ts). The integration tests run before the Remix build exists, so the
 * build here has those two routes as resource routes (their actions, no pages).
 * Usage: <database file> <upload dir> <session secret>. Prints "listening <port>" once it takes requests.
 */
import path from 'node:path'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { configureEmail } from '#app/email/queue.server.ts'
import { action as stepAction } from '#app/routes/applications.$id.$step.tsx'
import { action as loginAction } from '#app/routes/login.tsx'
import { createApp } from '#app/server/app.ts'
import { openDatabase } from '#db/client.ts'
import { childPortalConfig } from './child-portal.ts'
import { resourceBuild } from './resource-build.ts'

const config = childPortalConfig('body-limit-server-process.ts', { UPLOAD_MAX_MB: '10', RATE_LIMIT_SIGNIN_IP: '0', RATE_LIMIT_SIGNIN_ACCOUNT: '0' })
const { databasePath: file, uploadDir } = config
configureEmail(config)
const db = openDatabase(file)
migrate(db, { migrationsFolder: path.resolve('db/migrations') })

const build = resourceBuild({
	'routes/login': { path: 'login', action: loginAction },
	'routes/applications.$id.$step': { path: 'applications/:id/:step', action: stepAction },
})

const app = createApp({ context: { db, config, now: () => new Date('2026-11-28T10:00:00Z') }, build, clientDir: path.join(uploadDir, 'no-client') })
const server = app.listen(0, '127.0.0.1', () => {
	const address = server.address()
	console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`)
})
