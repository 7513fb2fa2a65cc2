import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import express from 'express'

/**
 * The control app's server: Remix's Express template without its logger, bundled into the build folder as server.js
 * (tests/bench/control-app.ts). No compression and no heap flags: it is the floor the portal's pages are measured
 * against.
 */

const buildDir = path.dirname(fileURLToPath(import.meta.url))
const build = (await import(path.join(buildDir, 'server', 'index.js'))) as ServerBuild

const app = express()
app.disable('x-powered-by')
app.use('/assets', express.static(path.join(buildDir, 'client', 'assets'), { immutable: true, maxAge: '1y' }))
app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }))
app.all('*', createRequestHandler({ build, mode: 'production' }))

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1')
process.on('SIGTERM', () => {
	server.close(() => process.exit(0))
	server.closeIdleConnections()
})
