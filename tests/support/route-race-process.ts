/**
 * Posts to route actions from a process of its own, for the race test (tests/integration/faults-races.test.ts).
 * Usage: <database file> <JSON { sessionSecret, now, races: [{ route, applicationId, cookie, fields, attempts }] }>.
 * Opens one database connection per attempt, prints "ready", waits for a line on stdin, sends every attempt of every
 * race at once, then prints what each browser would get as JSON: [{ route, status, location, body }].
 */
import readline from 'node:readline'
import type { ActionFunctionArgs } from '@remix-run/node'
import { configureEmail } from '#app/email/queue.server.ts'
import { action as submitAction } from '#app/routes/applications.$id.submit.tsx'
import { action as officeAction } from '#app/routes/office.applications.$id.tsx'
import { readableFormAction } from '#app/server/readable-forms.ts'
import { openDatabase } from '#db/client.ts'
import { emailConfig } from './email.ts'
import { seenByBrowser } from './hostile.ts'

type Race = { route: 'submit' | 'decide'; applicationId: number; cookie: string; fields: Record<string, string>; attempts: number }
type Input = { sessionSecret: string; now: string; races: Race[] }

const [file, json] = process.argv.slice(2)
if (!file || !json) throw new Error('Usage: route-race-process.ts <database> <JSON input>')
const input = JSON.parse(json) as Input
const config = emailConfig(file, { OFFICE_EMAIL: 'office@portal.test', SESSION_SECRET: input.sessionSecret })
configureEmail(config)
const actions = {
	submit: readableFormAction(submitAction as (args: ActionFunctionArgs) => unknown),
	decide: readableFormAction(officeAction as (args: ActionFunctionArgs) => unknown),
}
const attempts = input.races.flatMap((race) => Array.from({ length: race.attempts }, () => ({ race, db: openDatabase(file) })))

console.log('ready')
const lines = readline.createInterface({ input: process.stdin })
await new Promise<void>((resolve) => lines.once('line', () => resolve()))
lines.close()
process.stdin.destroy()

const answers = await Promise.all(
	attempts.map(async ({ race, db }) => {
		const pathname = race.route === 'submit' ? `/applications/${race.applicationId}/submit` : `/office/applications/${race.applicationId}`
		const request = new Request(`http://portal.test${pathname}`, {
			method: 'POST',
			headers: { Cookie: race.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(race.fields).toString(),
		})
		const args = { request, context: { db, config, now: () => new Date(input.now) }, params: { id: String(race.applicationId) } }
		let result: unknown
		let thrown = false
		try {
			result = await actions[race.route](args as unknown as ActionFunctionArgs)
		} catch (error) {
			result = error
			thrown = true
		}
		const location = result instanceof Response ? result.headers.get('Location') : null
		const { status, text } = await seenByBrowser(result, thrown)
		return { route: race.route, status, location, body: text.slice(0, 500) }
	}),
)
for (const { db } of attempts) db.$client.close()
console.log(JSON.stringify(answers))
