/**
 * One submission from a process of its own, for the double-submit test (tests/integration/submission.test.ts).
 * Usage: <database file> <JSON { applicationId, actor, expectedVersion, now }>. Prints "ready", waits for a line on
 * stdin, submits, then prints { outcome: 'submitted' | 'conflict' | 'refused', reason? } as JSON.
 */
import readline from 'node:readline'
import { ConflictError, TransitionError } from '#app/domain/lifecycle/errors.ts'
import { submitApplication } from '#app/domain/submit.server.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { openDatabase } from '#db/client.ts'
import { emailConfig } from './email.ts'

const [file, json] = process.argv.slice(2)
if (!file || !json) throw new Error('Usage: submit-process.ts <database> <JSON input>')
const input = JSON.parse(json) as { applicationId: number; actor: Actor; expectedVersion: number; now: string }
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
	submitApplication({ db, config, now: () => new Date(input.now) }, { ...input.actor, verifiedAt: null, disabledAt: null }, input)
	result = { outcome: 'submitted' }
} catch (error) {
	if (error instanceof ConflictError) result = { outcome: 'conflict' }
	else if (error instanceof TransitionError) result = { outcome: 'refused', reason: error.reason }
	else throw error
}
db.$client.close()
console.log(JSON.stringify(result))
