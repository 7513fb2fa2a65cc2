/**
 * One outbox worker in a process of its own, for the two-process test (tests/integration/email-workers.test.ts).
 * Usage: node --import tsx tests/support/email-worker-process.ts <database file> <SMTP_URL> <owner>
 * Prints "ready", waits for a line on stdin, drains the outbox until no row is left to send, then prints
 * {"owner", "sent"} as JSON.
 */
import readline from 'node:readline'
import { count, inArray } from 'drizzle-orm'
import { createEmailWorker } from '#app/email/worker.server.ts'
import { openDatabase } from '#db/client.ts'
import { outbox } from '#db/schema.ts'
import { emailConfig } from './email.ts'

const [file, smtpUrl, owner] = process.argv.slice(2)
if (!file || !smtpUrl || !owner) throw new Error('Usage: email-worker-process.ts <database> <smtp url> <owner>')

const db = openDatabase(file)
const worker = createEmailWorker({ db, config: emailConfig(file, { SMTP_URL: smtpUrl }), owner, batchSize: 2 })
const unsent = () =>
	db
		.select({ n: count() })
		.from(outbox)
		.where(inArray(outbox.status, ['pending', 'sending']))
		.get()?.n ?? 0

console.log('ready')
const input = readline.createInterface({ input: process.stdin })
await new Promise<void>((resolve) => input.once('line', () => resolve()))
input.close()
process.stdin.destroy()

let sent = 0
while (unsent() > 0) {
	sent += (await worker.drainOnce()).sent
	await new Promise((resolve) => setTimeout(resolve, 5))
}
await worker.stop()
db.$client.close()
console.log(JSON.stringify({ owner, sent }))
