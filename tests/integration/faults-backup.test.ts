import { spawn } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '#db/client.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { bundleScript } from '#tests/support/child-process.ts'
import { FAULTS_SEED, scaled } from '#tests/support/faults.ts'
import { insertCall } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'
import { isPresent, prepareOperations, problems, seeded, send, startServer, type Operation, type Server } from '#tests/support/portal-load.ts'

/**
 * `npm run backup -- <dir>` (app/cli/backup.ts) while the server is under write load: applicants keep saving,
 * uploading and submitting, ten at a time, before, during and after it. The copy is whole, holds every answer given
 * before the backup began and none sent after it ended, names no file it lacks; and a server started on it works.
 */

const OPERATIONS = scaled(200, 1000)
const CONCURRENCY = 10

let portal: Portal | null = null
const servers: Server[] = []
afterEach(async () => {
	for (const server of servers.splice(0)) server.child.kill('SIGKILL')
	await portal?.stop()
	portal = null
})

function runBackup(script: string, target: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	const child = spawn(process.execPath, [script, target], { env: { ...process.env, ...env } })
	let output = ''
	child.stdout.on('data', (chunk) => (output += String(chunk)))
	child.stderr.on('data', (chunk) => (output += String(chunk)))
	return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })))
}

describe('a backup taken under write load', () => {
	it('is a consistent copy of its moment that a server can start on', { timeout: scaled(60_000, 300_000) }, async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, config } = portal
		const file = db.$client.name
		const root = path.join(TMP_DIR, `backup-${crypto.randomUUID()}`)
		const uploadDir = path.join(root, 'uploads')
		const target = path.join(root, 'backup')
		db.$client.pragma('synchronous = OFF')
		const operations = await prepareOperations(portal, {
			callId: insertCall(db, { now: clock.now() }),
			uploadDir,
			count: OPERATIONS,
			random: seeded(FAULTS_SEED),
			label: 'backup',
		})
		const script = await bundleScript('app/cli/backup.ts')
		const server = await startServer(file, uploadDir, config.sessionSecret)
		servers.push(server)

		// Ten applicants at a time, from first to last; the backup starts once a third have been answered.
		const acknowledged = new Set<Operation>()
		const sentAt = new Map<Operation, number>()
		let next = 0
		let backup: Promise<{ code: number | null; output: string }> | null = null
		const window = { startedAt: Infinity, endedAt: Infinity, acknowledgedBefore: [] as Operation[] }
		const startBackup = () => {
			window.startedAt = performance.now()
			window.acknowledgedBefore = [...acknowledged]
			backup = runBackup(script, target, { NODE_ENV: 'test', DATABASE_PATH: file, UPLOAD_DIR: uploadDir, SESSION_SECRET: config.sessionSecret }).then((result) => {
				window.endedAt = performance.now()
				return result
			})
		}
		await Promise.all(
			Array.from({ length: CONCURRENCY }, async () => {
				while (next < operations.length) {
					const operation = operations[next++]!
					sentAt.set(operation, performance.now())
					if (await send(server, operation)) acknowledged.add(operation)
					if (!backup && acknowledged.size >= OPERATIONS / 3) startBackup()
				}
			}),
		)
		const { code, output } = await backup!
		expect(code, output).toBe(0)
		const duringBackup = operations.filter((operation) => sentAt.get(operation)! > window.startedAt && sentAt.get(operation)! < window.endedAt).length

		const copy = openDatabase(path.join(target, 'portal.db'))
		const present = operations.filter((operation) => isPresent(copy, operation))
		const sentAfter = operations.filter((operation) => sentAt.get(operation)! > window.endedAt)
		try {
			expect(problems(copy, path.join(target, 'uploads'), window.acknowledgedBefore), `seed ${FAULTS_SEED}`).toEqual([])
			expect(sentAfter.filter((operation) => isPresent(copy, operation))).toEqual([])
		} finally {
			copy.$client.close()
		}
		console.log(
			`Backup: ${output.trim()} ${operations.length} writes, ${duringBackup} sent while it ran; the copy holds ${present.length}: all ` +
				`${window.acknowledgedBefore.length} answered before it began, none of the ${sentAfter.length} sent after it ended.`,
		)
		expect(duringBackup).toBeGreaterThan(0)

		// Restored: a server starts on the copy and takes a save.
		const restored = await startServer(path.join(target, 'portal.db'), path.join(target, 'uploads'), config.sessionSecret)
		servers.push(restored)
		const unsent = present.find((operation) => operation.kind === 'save') ?? operations[0]!
		const again = { ...unsent, kind: 'save' as const, marker: `after the restore ${crypto.randomUUID()}` }
		expect(await send(restored, again)).toBe(true)
		restored.child.kill('SIGKILL')
		const reopened = openDatabase(path.join(target, 'portal.db'))
		expect(isPresent(reopened, again)).toBe(true)
		reopened.$client.close()
		expect(fs.existsSync(path.join(target, 'uploads'))).toBe(true)
	})
})
