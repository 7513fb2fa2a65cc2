import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'
import { BENCH_TMP_DIR } from './bench.ts'
import { startNodeServer, type RunningServer } from './server.ts'

/**
 * The control: a minimal Remix app on the portal's versions and node_modules (tests/bench/control/), one route that
 * reads one row through drizzle, served by Express with @remix-run/express, without compression or heap flags. The
 * HTTP bench measures it like the pages and reads their CPU per request as a multiple of its own, which holds from
 * machine to machine where milliseconds do not.
 */

const CONTROL_DIR = path.resolve('tests/bench/control')
const CONTROL_BUILD_DIR = path.join(BENCH_TMP_DIR, 'control-build')
const CONTROL_SERVER = path.join(CONTROL_BUILD_DIR, 'server.js')
/** The hash of the sources the build in CONTROL_BUILD_DIR was made from. */
const BUILT_FROM = path.join(CONTROL_BUILD_DIR, 'sources.sha256')
/** Besides the control's files, what decides its build: the installed versions, the patches applied to them and the future flags. */
const SHARED_SOURCES = ['package-lock.json', 'patches', 'vite.config.ts']

function sourcesHash(): string {
	const hash = crypto.createHash('sha256')
	const files = [CONTROL_DIR, ...SHARED_SOURCES.map((source) => path.resolve(source))].flatMap((source) =>
		fs.statSync(source).isDirectory()
			? fs
					.readdirSync(source, { recursive: true, encoding: 'utf8' })
					.map((name) => path.join(source, name))
					.filter((file) => fs.statSync(file).isFile())
			: [source],
	)
	for (const file of files.sort()) hash.update(`${path.relative(process.cwd(), file)}\0`).update(fs.readFileSync(file))
	return hash.digest('hex')
}

/**
 * Builds the control app unless the build is from the same sources: `remix vite:build` with the control's own Vite
 * config (the client and the Remix server build), then its Express server bundled beside them as server.js.
 */
async function ensureControlBuild(): Promise<void> {
	const sources = sourcesHash()
	if (fs.existsSync(CONTROL_SERVER) && fs.existsSync(BUILT_FROM) && fs.readFileSync(BUILT_FROM, 'utf8') === sources) {
		console.log('  control app: build is current')
		return
	}
	const started = performance.now()
	fs.rmSync(CONTROL_BUILD_DIR, { recursive: true, force: true })
	const remix = spawnSync('npx', ['remix', 'vite:build', '--config', path.join(CONTROL_DIR, 'vite.config.ts'), '--logLevel', 'warn'], {
		env: { ...process.env, CONTROL_BUILD_DIR },
		encoding: 'utf8',
	})
	if (remix.status !== 0) throw new Error(`The control app's build failed:\n${(remix.stderr || remix.stdout).slice(-2000)}`)
	await build({
		entryPoints: [path.join(CONTROL_DIR, 'server.ts')],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		outfile: CONTROL_SERVER,
		logLevel: 'warning',
	})
	fs.writeFileSync(BUILT_FROM, sources)
	console.log(`  control app: built in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** Builds the control app when needed and starts it; it answers its one page at `/`. */
export async function startControl(): Promise<RunningServer> {
	await ensureControlBuild()
	const server = await startNodeServer({
		script: CONTROL_SERVER,
		env: () => ({ CONTROL_DATABASE_PATH: path.join(BENCH_TMP_DIR, 'control.db') }),
		readyPath: '/',
	})
	console.log(`  control app pid ${server.pid} at ${server.origin}`)
	return server
}
