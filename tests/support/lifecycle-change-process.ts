/**
 * One status change from a process of its own, for the contention test (tests/integration/lifecycle-concurrency.test.ts).
 * Usage: node --import tsx tests/support/lifecycle-change-process.ts <database file> <JSON input>
 * where the input is { applicationId, to, actor, expectedVersion, note?, now }. Opens its own connection, prints
 * "ready", waits for a line on stdin, attempts the change, then prints its outcome as JSON:
 * { outcome: 'changed', statusChangeId } or { outcome: 'conflict' | 'refused', reason }.
 */
import readline from 'node:readline'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { ConflictError, TransitionError } from '#app/domain/lifecycle/errors.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { openDatabase } from '#db/client.ts'
import type { ApplicationStatus } from '#db/schema.ts'
import { emailConfig } from './email.ts'

type Input = {
	applicationId: number
	to: ApplicationStatus
	actor: Actor
	expectedVersion: number
	note?: string
	now: string
}

const [file, json] = process.argv.slice(2)
if (!file || !json) throw new Error('Usage: lifecycle-change-process.ts <database> <JSON input>')
const input = JSON.parse(json) as Input
const config = emailConfig(file, { OFFICE_EMAIL: 'office@portal.test' })
configureEmail(config)
const db = openDatabase(file)

console.log('ready')
const lines = readline.createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once('line', () => resolve()))
lines.close()
process.stdin.destroy()

let result: Record<string, unknown>
try {
	const { change } = changeStatus(db, {
		...input,
		actor: { ...input.actor, verifiedAt: null, disabledAt: null },
		now: new Date(input.now),
		settings: config,
	})
	result = { outcome: 'changed', statusChangeId: change.id }
} catch (error) {
	if (error instanceof ConflictError) result = { outcome: 'conflict', reason: 'stale_version' }
	else if (error instanceof TransitionError) result = { outcome: 'refused', reason: error.reason }
	else throw error
}
db.$client.close()
console.log(JSON.stringify(result))
