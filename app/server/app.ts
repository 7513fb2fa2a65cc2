import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
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

export function createApp({ context, build, clientDir }: Options): express.Express {
	const app = express()
	app.disable('x-powered-by')
	// One reverse proxy in front (nginx, a load balancer): the client's address is the last X-Forwarded-For hop.
	app.set('trust proxy', context.config.trustProxy ? 1 : false)
	app.get('/healthz', healthCheck(context.db))
	app.use(compression())
	const dev = 'vite' in build
	// Vite's dev server injects inline scripts, so there the policy only reports.
	app.use(securityHeaders({ reportOnly: dev }))

	if ('vite' in build) {
		app.use(build.vite.middlewares)
	} else {
		// File names under /assets carry a content hash, so they never change and can be cached for a year.
		app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }))
		app.use(express.static(clientDir, { maxAge: '1h' }))
	}

	app.use(refuseCrossSiteWrites(context.config.publicUrl))
	app.use(requireFormBodies())
	app.use(renderSlots(context.config.renderSlots))

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
