import path from 'node:path'
import zlib from 'node:zlib'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import expressStaticGzip from 'express-static-gzip'
import type { ViteDevServer } from 'vite'
import type { AppContext } from './context.ts'
import { withReadableForms } from './readable-forms.ts'
import { healthCheck } from './healthz.ts'
import { renderSlots } from './render-slots.ts'
import { remixHandler } from './request-bodies.ts'
import { refuseCrossSiteWrites, requireFormBodies, securityHeaders } from './security.ts'

type Options = {
	context: AppContext
	/** The compiled Remix build (production), or a Vite dev server that compiles it on demand. */
	build: ServerBuild | { vite: ViteDevServer }
	/** build/client, where the browser assets are. */
	clientDir: string
}

/**
 * Pages and data are compressed as they are sent, at the cheapest levels per byte saved (measured: brotli 2 takes
 * half the time of brotli 4 for 5 % more bytes; gzip 3 for clients without brotli), with no flush per chunk
 * (request-bodies.ts writes the body whole), so a page is compressed in a few large blocks. Under 1 KB nothing is.
 * COMPRESSION=off leaves it to a reverse proxy (docs/operations.md).
 */
const COMPRESSION: compression.CompressionOptions = {
	threshold: 1024,
	level: 3,
	brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 2 } },
}

export function createApp({ context, build, clientDir }: Options): express.Express {
	const app = express()
	app.disable('x-powered-by')
	// One reverse proxy in front (nginx, a load balancer): the client's address is the last X-Forwarded-For hop.
	app.set('trust proxy', context.config.trustProxy ? 1 : false)
	app.get('/healthz', healthCheck(context.db))
	if (context.config.compression) app.use(compression(COMPRESSION))
	const dev = 'vite' in build
	// Vite's dev server injects inline scripts, so there the policy only reports.
	app.use(securityHeaders({ reportOnly: dev }))

	if ('vite' in build) {
		app.use(build.vite.middlewares)
	} else {
		// File names under /assets carry a content hash, so they never change and can be cached for a year. The build
		// compressed them once (app/server/precompress.mjs): the .br or .gz copy goes out as it is.
		const precompressed = { enableBrotli: true, orderPreference: ['br', 'gz'], index: false }
		app.use('/assets', expressStaticGzip(path.join(clientDir, 'assets'), { ...precompressed, serveStatic: { immutable: true, maxAge: '1y' } }))
		app.use(expressStaticGzip(clientDir, { ...precompressed, serveStatic: { maxAge: '1h' } }))
	}

	app.use(refuseCrossSiteWrites(context.config.publicUrl))
	app.use(requireFormBodies())
	app.use(renderSlots({ slots: context.config.renderSlots, queueLimit: context.config.renderQueue.limit, waitMs: context.config.renderQueue.waitMs }))

	app.all(
		'*',
		remixHandler({
			build:
				'vite' in build
					? async () => withReadableForms((await build.vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild)
					: withReadableForms(build),
			mode: context.config.nodeEnv === 'production' ? 'production' : 'development',
			getLoadContext: (req, res) => ({ ...context, clientIp: req.ip, cspNonce: res.locals.cspNonce as string }),
			uploadMaxBytes: context.config.uploadMaxBytes,
			tooLarge: (_req, res) => {
				res.status(413).type('text/plain').send('A page request carries no body; this one did and was refused.')
			},
		}),
	)
	return app
}
