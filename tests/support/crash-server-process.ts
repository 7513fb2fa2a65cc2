/**
 * A portal server that the crash test (tests/integration/faults-crash.test.ts) kills with SIGKILL. It starts as
 * app/server/main.ts does (open the database, apply the migrations, sweep what a crash left among the uploads), then
 * serves the wizard's step saves and uploads and the submission through the route modules' own actions on node:http
 * (the integration tests run before the Remix build exists, so this is the server without Remix's page rendering).
 * Usage: <database file> <upload dir> <session secret>. Prints "listening <port>" once it takes requests.
 */
import http from 'node:http'
import path from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { sweepUploads } from '#app/documents/cleanup.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { action as stepAction } from '#app/routes/applications.$id.$step.tsx'
import { action as submitAction } from '#app/routes/applications.$id.submit.tsx'
import { readableFormAction } from '#app/server/readable-forms.ts'
import { openDatabase } from '#db/client.ts'
import { childPortalConfig } from './child-portal.ts'
import { seenByBrowser } from './hostile.ts'

const config = childPortalConfig('crash-server-process.ts', { OFFICE_EMAIL: 'office@portal.test' })
const { databasePath: file, uploadDir } = config
configureEmail(config)
const db = openDatabase(file)
// migrateDatabase() looks for the migrations beside its own file, which is this bundle's folder here.
migrate(db, { migrationsFolder: path.resolve('db/migrations') })
const swept = sweepUploads(db, uploadDir)
const context = { db, config, now: () => new Date('2026-11-28T10:00:00Z') }
const actions = {
	step: readableFormAction(stepAction as (args: ActionFunctionArgs) => unknown),
	submit: readableFormAction(submitAction as (args: ActionFunctionArgs) => unknown),
}

const server = http.createServer((req, res) => {
	const chunks: Buffer[] = []
	req.on('data', (chunk: Buffer) => chunks.push(chunk))
	req.on('end', async () => {
		const url = new URL(req.url ?? '/', 'http://portal.test')
		const match = /^\/applications\/(\d+)\/([a-z]+)$/.exec(url.pathname)
		if (req.method !== 'POST' || !match) {
			res.writeHead(404).end()
			return
		}
		const request = new Request(url, {
			method: 'POST',
			headers: { Cookie: req.headers.cookie ?? '', 'Content-Type': req.headers['content-type'] ?? '' },
			body: Buffer.concat(chunks),
		})
		const params = { id: match[1]!, step: match[2]! }
		const action = match[2] === 'submit' ? actions.submit : actions.step
		let result: unknown
		let thrown = false
		try {
			result = await action({ request, context, params } as unknown as ActionFunctionArgs)
		} catch (error) {
			result = error
			thrown = true
		}
		const location = result instanceof Response ? result.headers.get('Location') : null
		const { status, text } = await seenByBrowser(result, thrown)
		res.writeHead(status, location ? { Location: location } : {}).end(text)
	})
})
server.listen(0, '127.0.0.1', () => {
	const address = server.address()
	console.log(`swept ${JSON.stringify(swept)}`)
	console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`)
})
