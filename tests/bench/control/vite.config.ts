import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { REMIX_FUTURE } from '../../../vite.config.ts'

// The bench's control app (tests/bench/control-app.ts builds it with `remix vite:build --config` and this file): the
// portal's Remix version and future flags, nothing else. Its build goes where the bench says, never into build/.
const here = path.dirname(fileURLToPath(import.meta.url))
const buildDirectory = process.env.CONTROL_BUILD_DIR
if (!buildDirectory) throw new Error('Set CONTROL_BUILD_DIR to the folder the control app is built into (npm run bench does).')

export default defineConfig({
	// The portal's folder is the root because Remix reads its package.json (the server runtime, isbot) to choose its
	// default entry files; the control has none of its own. Neither the portal's public/ nor its Vite cache is used.
	root: path.resolve(here, '../../..'),
	publicDir: false,
	cacheDir: path.join(buildDirectory, '.vite'),
	plugins: [
		remix({
			appDirectory: path.join(here, 'app'),
			buildDirectory,
			serverModuleFormat: 'esm',
			future: REMIX_FUTURE,
		}),
	],
})
