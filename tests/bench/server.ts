import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'
import { BENCH_TMP_DIR } from './bench.ts'

/**
 * The production server as the benchmark runs it: `npm run build` when the build is missing or older than the
 * sources (app/server/ensure-build.mjs), then a copy of build/ under tests/.tmp/bench/build, so a rebuild by someone
 * else mid-run cannot change what is measured. main.ts serves the folder it runs from when that folder is named build.
 */

export const BENCH_BUILD_DIR = path.join(BENCH_TMP_DIR, 'build')

let prepared = false

/** Builds when needed and copies the build, once per run (the HTTP and client-weight benchmarks share the copy). */
export function prepareBuild(): void {
	if (prepared) return
	prepared = true
	// BENCH_BUILD=<folder> measures another build (e.g. one made from a clean checkout) instead.
	const source = process.env.BENCH_BUILD ? path.resolve(process.env.BENCH_BUILD) : path.resolve('build')
	if (!process.env.BENCH_BUILD) {
		const ensured = spawnSync(process.execPath, ['app/server/ensure-build.mjs'], { stdio: 'inherit' })
		if (ensured.status !== 0) throw new Error('npm run build failed')
	}
	fs.rmSync(BENCH_BUILD_DIR, { recursive: true, force: true })
	fs.cpSync(source, BENCH_BUILD_DIR, { recursive: true })
}

export async function freePort(): Promise<number> {
	const server = net.createServer()
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
	const { port } = server.address() as net.AddressInfo
	await new Promise((resolve) => server.close(resolve))
	return port
}

/** An SMTP server that counts what it receives; `delayMs` holds each message's final answer that long. */
export class MailSink {
	received = 0
	delayMs = 0
	private constructor(
		private server: SMTPServer,
		public port: number,
	) {}

	static async start(): Promise<MailSink> {
		let sink: MailSink | null = null
		const server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			closeTimeout: 200,
			onData(stream, _session, callback) {
				stream.on('data', () => {})
				stream.on('end', () => {
					const answer = () => {
						sink!.received += 1
						callback()
					}
					if (sink!.delayMs > 0) setTimeout(answer, sink!.delayMs)
					else answer()
				})
			},
		})
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
		sink = new MailSink(server, (server.server.address() as net.AddressInfo).port)
		return sink
	}

	get url() {
		return `smtp://127.0.0.1:${this.port}`
	}

	close() {
		return new Promise<void>((resolve) => this.server.close(() => resolve()))
	}
}

export type RunningServer = {
	origin: string
	pid: number
	/** Resident memory of the server and its workers now, in bytes (VmRSS summed over the process tree). */
	rss(): number
	/** Processor time the server and its workers have used so far (user + system), in milliseconds. */
	cpuMs(): number
	stop(): Promise<void>
}

function processTree(pid: number): number[] {
	const children = fs.existsSync(`/proc/${pid}/task/${pid}/children`) ? fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : []
	return [pid, ...children.flatMap(processTree)]
}

/** The clock ticks per second /proc/<pid>/stat counts in (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100

function cpuMsOf(pid: number): number {
	try {
		// The fields after the command name (which may hold spaces), from its closing parenthesis: utime is the 12th, stime the 13th.
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND
	} catch {
		return 0
	}
}

function rssOf(pid: number): number {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
		return match ? Number(match[1]) * 1024 : 0
	} catch {
		return 0
	}
}

/** The Node flags `npm start` gives the server (package.json), so the bench runs it as production does. */
function startFlags(): string[] {
	const start = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? ''
	const flags = /\bnode ((?:--\S+ )*)build\/server\.js/.exec(start)?.[1] ?? ''
	return flags.split(' ').filter(Boolean)
}

/** Starts tests/.tmp/bench/build/server.js with `env` as `npm start` would, and waits until /healthz answers. */
export function startServer(env: Record<string, string>, { profileDir }: { profileDir?: string } = {}): Promise<RunningServer> {
	return startNodeServer({
		script: path.join(BENCH_BUILD_DIR, 'server.js'),
		nodeFlags: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), ...startFlags()],
		env: (origin) => ({ ...env, PUBLIC_URL: origin }),
		readyPath: '/healthz',
	})
}

type NodeServer = {
	script: string
	nodeFlags?: string[]
	/** The server's settings, given the origin it will answer on. */
	env: (origin: string) => Record<string, string>
	/** A GET that answers 2xx once the server is ready. */
	readyPath: string
}

/** Starts `node [flags] script` in production mode on a free port of 127.0.0.1 (HOST, PORT) and waits until it is ready. */
export async function startNodeServer({ script, nodeFlags = [], env, readyPath }: NodeServer): Promise<RunningServer> {
	const port = await freePort()
	const origin = `http://127.0.0.1:${port}`
	const child: ChildProcess = spawn(process.execPath, [...nodeFlags, script], {
		env: { ...process.env, ...env(origin), NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const log: string[] = []
	child.stdout!.on('data', (chunk: Buffer) => log.push(chunk.toString()))
	child.stderr!.on('data', (chunk: Buffer) => log.push(chunk.toString()))
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
	const name = path.relative(process.cwd(), script)
	const deadline = Date.now() + 30_000
	for (;;) {
		if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log.join('')}`)
		try {
			if ((await fetch(`${origin}${readyPath}`)).ok) break
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${name} did not answer ${readyPath} within 30 s:\n${log.join('')}`)
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	return {
		origin,
		pid: child.pid!,
		rss: () => processTree(child.pid!).reduce((sum, pid) => sum + rssOf(pid), 0),
		cpuMs: () => processTree(child.pid!).reduce((sum, pid) => sum + cpuMsOf(pid), 0),
		async stop() {
			child.kill('SIGTERM')
			const code = await exited
			if (code !== 0) console.error(`  ${name} exited with ${code}:\n${log.join('').slice(-2000)}`)
		},
	}
}

/** Samples the server's resident memory every 100 ms until stopped; returns the peak. */
export function sampleRss(server: RunningServer): () => number {
	let peak = server.rss()
	const timer = setInterval(() => (peak = Math.max(peak, server.rss())), 100)
	return () => {
		clearInterval(timer)
		return Math.max(peak, server.rss())
	}
}
