import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerBuild } from '@remix-run/node'
import { ConfigError, loadConfig, type Config } from '#app/config.server.ts'
import { sweepUploads } from '#app/documents/cleanup.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { startEmailWorker, type EmailWorker } from '#app/email/worker.server.ts'
import { jobs, recurringJobs } from '#app/jobs/registry.server.ts'
import { startScheduler, type Scheduler } from '#app/jobs/scheduler.server.ts'
import { migrateDatabase, openDatabase } from '#db/client.ts'
import { seedDemo, seedDemoUsers } from '#db/seed.ts'
import { createApp } from './app.ts'
import type { AppContext } from './context.ts'

/**
 * The portal's process: validates settings, opens and migrates the database, adds demo data to an
 * empty one, serves HTTP, runs the email worker and the scheduler, and shuts down cleanly on SIGTERM/SIGINT.
 * In production this file is bundled to build/server.js (see docs/decisions/002-server-build.md).
 */

function readConfig(): Config {
	try {
		return loadConfig()
	} catch (error) {
		if (error instanceof ConfigError) {
			console.error(error.message)
			process.exit(1)
		}
		throw error
	}
}

const config = readConfig()
configureEmail(config)
const db = openDatabase(config.databasePath)
migrateDatabase(db)
const swept = sweepUploads(db, config.uploadDir)
if (swept.incoming + swept.orphans > 0) {
	console.log(`Removed what a crash left among the uploads: ${swept.incoming} unfinished, ${swept.orphans} without a document.`)
}
const context: AppContext = { db, config, now: () => new Date() }
if (config.seedDemo) {
	if (seedDemo(db, context.now())) console.log('Added demo data to the empty database: one open call.')
	const demoUsers = await seedDemoUsers(db, context.now())
	if (demoUsers.length > 0) {
		console.log('Demo accounts (change or disable them before real use):')
		for (const user of demoUsers) console.log(`  ${user.role.padEnd(8)} ${user.email}  password: ${user.password}`)
	}
}

const here = path.dirname(fileURLToPath(import.meta.url))
let app
if (config.nodeEnv === 'production') {
	const buildDir = path.basename(here) === 'build' ? here : path.resolve('build')
	const serverBuild = (await import(path.join(buildDir, 'server', 'index.js'))) as ServerBuild
	app = createApp({ context, build: serverBuild, clientDir: path.join(buildDir, 'client') })
} else {
	const vite = await import('vite')
	const viteDevServer = await vite.createServer({ server: { middlewareMode: true } })
	app = createApp({ context, build: { vite: viteDevServer }, clientDir: path.resolve('build', 'client') })
}

let emailWorker: EmailWorker | null = null
let scheduler: Scheduler | null = null
const server = app.listen(config.port, config.host, () => {
	console.log(`VPP Portal listening on http://${config.host}:${config.port} (public address ${config.publicUrl})`)
	emailWorker = startEmailWorker(context)
	scheduler = startScheduler({ ...context, jobs, recurring: recurringJobs })
	console.log(`Email goes to ${emailWorker.mailTarget}.`)
})

let stopping = false
function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	console.log(`${signal} received: finishing open requests, then closing the database.`)
	// Requests in flight finish; idle keep-alive sockets are closed so close() can complete. Then the worker and the
	// scheduler finish what they hold (a send cut short is resent after its lease expires, with the same Message-ID).
	server.close(async () => {
		await Promise.allSettled([emailWorker?.stop(), scheduler?.stop()])
		db.$client.close()
		process.exit(0)
	})
	server.closeIdleConnections()
	setTimeout(() => {
		console.error('Requests still open after 10 s; closing anyway.')
		db.$client.close()
		process.exit(1)
	}, 10_000).unref()
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
