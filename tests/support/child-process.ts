import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import path from 'node:path'
import readline from 'node:readline'
import { build } from 'esbuild'
import { TMP_DIR } from './paths.ts'

/**
 * Test helpers in processes of their own, as the two-worker email test does: the child prints "ready" once it has
 * opened what it needs, waits for a line on stdin ("go"), does its work and prints its result as JSON on its last
 * line.
 *
 * The script is bundled once into one file (esbuild, better-sqlite3 left outside) and run with plain node: loading
 * the email templates' React graph through tsx costs each process about 1.5 s of CPU, which for 20 processes on two
 * cores is most of a test's time; the bundle starts in under 0.2 s.
 */
const bundles = new Map<string, Promise<string>>()

export function bundleScript(script: string): Promise<string> {
	let bundle = bundles.get(script)
	if (!bundle) {
		const outfile = path.join(TMP_DIR, 'bundles', `${path.basename(script, path.extname(script))}.mjs`)
		bundle = build({
			entryPoints: [script],
			outfile,
			bundle: true,
			platform: 'node',
			format: 'esm',
			target: 'node20',
			external: ['better-sqlite3'],
			// Bundled CommonJS dependencies call require().
			banner: { js: "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);" },
			logLevel: 'warning',
		}).then(() => outfile)
		bundles.set(script, bundle)
	}
	return bundle
}

export type TestChild<T> = {
	child: ChildProcessWithoutNullStreams
	ready: Promise<void>
	go: () => void
	result: Promise<T>
}

/** Starts a bundled script (see bundleScript) with its arguments. */
export function startTestChild<T>(bundle: string, args: string[], name: string): TestChild<T> {
	const child = spawn(process.execPath, [bundle, ...args])
	let stderr = ''
	child.stderr.on('data', (chunk) => (stderr += String(chunk)))
	const lines: string[] = []
	const ready = new Promise<void>((resolve, reject) => {
		readline.createInterface({ input: child.stdout }).on('line', (line) => {
			lines.push(line)
			if (line === 'ready') resolve()
		})
		child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready: ${stderr}`)))
	})
	const result = new Promise<T>((resolve, reject) => {
		child.once('exit', (code) => {
			if (code === 0) resolve(JSON.parse(lines.at(-1)!) as T)
			else reject(new Error(`${name} exited with ${code}: ${stderr}`))
		})
	})
	// Whoever awaits only one of the two must not see an unhandled rejection from the other.
	ready.catch(() => {})
	result.catch(() => {})
	return { child, ready, go: () => child.stdin.end('go\n'), result }
}
