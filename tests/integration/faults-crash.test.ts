import crypto from 'node:crypto'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '#db/client.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import { FAULTS_SEED, scaled } from '#tests/support/faults.ts'
import { insertCall } from '#tests/support/lifecycle.ts'
import { TMP_DIR } from '#tests/support/paths.ts'
import { prepareOperations, problems, seeded, send, startServer, type Operation, type Server } from '#tests/support/portal-load.ts'

/**
 * A server killed with SIGKILL at a random moment while 200 applicants save a step, upload their CV or submit, all
 * at once; then started again, as an operator (or systemd) would. After every restart the database is whole, every
 * save, upload and submission that was answered is there, every status has its status change, every document row has
 * its file and every file its row, and every submission queued its emails exactly once. 3 kills in `npm test`, 10 in
 * `npm run faults`.
 */

const KILLS = scaled(3, 10)
const OPERATIONS = 200

let portal: Portal | null = null
let server: Server | null = null
afterEach(async () => {
	server?.child.kill('SIGKILL')
	server = null
	await portal?.stop()
	portal = null
})

describe('a server killed mid-write', () => {
	it(`loses nothing it acknowledged: ${KILLS} SIGKILLs during ${OPERATIONS} concurrent saves, uploads and submissions`, { timeout: scaled(60_000, 300_000) }, async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, config } = portal
		const file = db.$client.name
		const uploadDir = path.join(TMP_DIR, `crash-${crypto.randomUUID()}`, 'uploads')
		const random = seeded(FAULTS_SEED)
		const callId = insertCall(db, { now: clock.now() })
		const figures = { acknowledged: 0, cutOff: 0, swept: 0 }
		// The fixtures are the test's, not what it checks: they need not wait for the disk.
		db.$client.pragma('synchronous = OFF')

		server = await startServer(file, uploadDir, config.sessionSecret)
		for (let round = 0; round < KILLS; round += 1) {
			const operations = await prepareOperations(portal, { callId, uploadDir, count: OPERATIONS, random, label: `round ${round}` })
			// Killed once a random share of the answers has come back, so writes are in flight at every stage.
			const killAfter = 5 + Math.floor(random() * (OPERATIONS - 10))
			const acknowledged: Operation[] = []
			const running = server
			let answered = 0
			await Promise.all(
				operations.map((operation) =>
					send(running, operation).then(
						(done) => {
							answered += 1
							if (done) acknowledged.push(operation)
							if (answered === killAfter) running.child.kill('SIGKILL')
						},
						() => {
							figures.cutOff += 1
						},
					),
				),
			)
			if (running.child.exitCode === null && running.child.signalCode === null) await new Promise((resolve) => running.child.once('exit', resolve))
			expect(running.child.signalCode, 'the server was killed mid-batch').toBe('SIGKILL')
			figures.acknowledged += acknowledged.length

			server = await startServer(file, uploadDir, config.sessionSecret)
			figures.swept += server.swept
			const check = openDatabase(file)
			try {
				expect(problems(check, uploadDir, acknowledged), `round ${round}, seed ${FAULTS_SEED}`).toEqual([])
			} finally {
				check.$client.close()
			}
		}
		console.log(
			`Crash: ${KILLS} SIGKILLs survived during ${KILLS} × ${OPERATIONS} concurrent saves, uploads and submissions; ` +
				`${figures.acknowledged} acknowledged and all present after restart, ${figures.cutOff} cut off by the kill; ` +
				`${figures.swept} files left by the kills (unfinished uploads, files without a row) removed at start.`,
		)
		expect(figures.acknowledged).toBeGreaterThan(0)
	})
})
