import cluster from 'node:cluster'
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
 * WEB_CONCURRENCY=n serves pages from n processes instead (node:cluster), with exactly one email worker and one
 * scheduler, in the primary process (docs/performance.md).
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
const context: AppContext = { db, config, now: () => new Date() }
// With WEB_CONCURRENCY above 1, this (primary) process prepares the database, forks that many processes to serve
// pages (node:cluster shares the port among them), and runs the one email worker and the one scheduler itself.
const clustered = config.webConcurrency > 1
const primary = cluster.isPrimary

if (primary) {
	migrateDatabase(db)
	const swept = sweepUploads(db, config.uploadDir)
	if (swept.incoming + swept.orphans > 0) {
		console.log(`Removed what a crash left among the uploads: ${swept.incoming} unfinished, ${swept.orphans} without a document.`)
	}
	if (config.seedDemo) {
		if (seedDemo(db, context.now())) console.log('Added demo data to the empty database: one open call.')
		const demoUsers = await seedDemoUsers(db, context.now())
		if (demoUsers.length > 0) {
			console.log('Demo accounts (change or disable them before real use):')
			for (const user of demoUsers) console.log(`  ${user.role.padEnd(8)} ${user.email}  password: ${user.password}`)
		}
	}
}

let emailWorker: EmailWorker | null = null
let scheduler: Scheduler | null = null
function startBackgroundWork() {
	emailWorker = startEmailWorker(context)
	scheduler = startScheduler({ ...context, jobs, recurring: recurringJobs })
	console.log(`Email goes to ${emailWorker.mailTarget}.`)
}

let stopping = false
let stop: (signal: string) => void

if (primary && clustered) {
	for (let i = 0; i < config.webConcurrency; i++) cluster.fork()
	cluster.on('exit', (worker, code, signal) => {
		// A process that ended cleanly was told to stop (Ctrl-C reaches every process of the group).
		if (stopping || code === 0) return
		console.error(`A web process (pid ${worker.process.pid}) ended (${signal ?? code}); starting another.`)
		cluster.fork()
	})
	let listening = 0
	cluster.on('listening', () => {
		listening += 1
		if (listening === config.webConcurrency) {
			console.log(`VPP Portal listening on http://${config.host}:${config.port} with ${config.webConcurrency} processes (public address ${config.publicUrl})`)
			startBackgroundWork()
		}
	})
	stop = () => {
		// Each web process finishes its open requests (it is told too); then the worker and the scheduler stop.
		const web = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined)
		let left = web.length
		const finish = async () => {
			await Promise.allSettled([emailWorker?.stop(), scheduler?.stop()])
			db.$client.close()
			process.exit(0)
		}
		if (left === 0) void finish()
		for (const worker of web) {
			worker.once('exit', () => {
				left -= 1
				if (left === 0) void finish()
			})
			worker.process.kill('SIGTERM')
		}
		setTimeout(() => {
			console.error('Web processes still running after 12 s; stopping anyway.')
			db.$client.close()
			process.exit(1)
		}, 12_000).unref()
	}
} else {
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

	const server = app.listen(config.port, config.host, () => {
		if (clustered) return
		console.log(`VPP Portal listening on http://${config.host}:${config.port} (public address ${config.publicUrl})`)
		startBackgroundWork()
	})

	stop = () => {
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
}

function shutdown(signal: string) {
	if (stopping) return
	stopping = true
	if (primary) console.log(`${signal} received: finishing open requests, then closing the database.`)
	stop(signal)
}
process.on('SIGTERM', () => shutdown('SIGTERM'))
process.on('SIGINT', () => shutdown('SIGINT'))
