import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import readline from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { emailHarness, type EmailHarness } from '#tests/support/email.ts'

let harness: EmailHarness | null = null
const children: ChildProcessWithoutNullStreams[] = []
afterEach(async () => {
	for (const child of children.splice(0)) child.kill()
	await harness?.stop()
	harness = null
})

/** Starts a worker process; resolves with it once it says "ready", and gives its last output line when it ends. */
function startWorkerProcess(file: string, smtpUrl: string, owner: string) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/email-worker-process.ts', file, smtpUrl, owner])
	children.push(child)
	let stderr = ''
	child.stderr.on('data', (chunk) => (stderr += String(chunk)))
	const lines: string[] = []
	const ready = new Promise<void>((resolve, reject) => {
		readline.createInterface({ input: child.stdout }).on('line', (line) => {
			lines.push(line)
			if (line === 'ready') resolve()
		})
		child.once('exit', (code) => reject(new Error(`${owner} exited with ${code} before it was ready: ${stderr}`)))
	})
	const result = new Promise<{ owner: string; sent: number }>((resolve, reject) => {
		child.once('exit', (code) => {
			if (code === 0) resolve(JSON.parse(lines.at(-1)!) as { owner: string; sent: number })
			else reject(new Error(`${owner} exited with ${code}: ${stderr}`))
		})
	})
	return { child, ready, result }
}

describe('two worker processes on one database file', () => {
	it('never send the same row twice', async () => {
		harness = await emailHarness()
		const { queue, file, sink, rows } = harness
		const EMAILS = 60
		for (let i = 0; i < EMAILS; i += 1) queue({ now: new Date() })

		const workers = ['worker-a', 'worker-b'].map((owner) => startWorkerProcess(file, sink.url, owner))
		await Promise.all(workers.map((worker) => worker.ready))
		for (const worker of workers) worker.child.stdin.end('go\n')
		const results = await Promise.all(workers.map((worker) => worker.result))

		await sink.waitForMessages(EMAILS)
		const duplicates = [...sink.countsByMessageId().values()].filter((count) => count > 1).length
		console.log(
			`Two workers: ${results.map((result) => `${result.owner} sent ${result.sent}`).join(', ')}; ` +
				`${sink.received.length} received, ${duplicates} duplicates.`,
		)
		expect(sink.received).toHaveLength(EMAILS)
		expect(duplicates).toBe(0)
		expect(results.reduce((sum, result) => sum + result.sent, 0)).toBe(EMAILS)
		// Both took part, so the claims really competed.
		expect(results.every((result) => result.sent > 0)).toBe(true)
		const all = rows()
		expect(all.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)
		expect(new Set(sink.received.map((mail) => mail.messageId))).toEqual(new Set(all.map((row) => row.messageId)))
	})
})
