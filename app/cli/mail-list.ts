// `npm run mail:list [-- --limit 50 --status failed --template test]`: the latest emails in the outbox, newest
// first, with recipient, subject and status: the office's Outbox page for a terminal. Token links never appear.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { loadConfig } from '#app/config.server.ts'
import { listOutbox } from '#app/email/outbox-view.server.ts'
import { openDatabase } from '#db/client.ts'
import { EMAIL_STATUSES } from '#db/schema.ts'

const { values } = parseArgs({
	options: { limit: { type: 'string', default: '20' }, status: { type: 'string' }, template: { type: 'string' } },
})
const options = z
	.object({
		limit: z.coerce.number().int().min(1).max(200),
		status: z.enum(EMAIL_STATUSES).optional(),
		template: z.string().optional(),
	})
	.safeParse(values)
if (!options.success) {
	console.error(`Usage: npm run mail:list -- [--limit 1-200] [--status ${EMAIL_STATUSES.join('|')}] [--template name]`)
	process.exit(2)
}

const config = loadConfig()
if (!fs.existsSync(config.databasePath)) {
	console.log(`No database at ${config.databasePath} yet: start the portal once (npm start).`)
	process.exit(0)
}
const db = openDatabase(config.databasePath)
const { limit, status, template } = options.data
const page = listOutbox(db, { pageSize: limit, status, template })
db.$client.close()

if (page.total === 0) {
	console.log('The outbox is empty.')
	process.exit(0)
}
const rows = page.items.map((item) => ({
	id: String(item.id),
	queued: item.createdAt.toISOString().slice(0, 16).replace('T', ' '),
	status: item.status + (item.status === 'failed' && item.lastErrorCode ? ` ${item.lastErrorCode}` : ''),
	recipient: item.toName ? `${item.toName} <${item.to}>` : item.to,
	subject: item.subject ?? `(${item.template})`,
}))
const columns = ['id', 'queued', 'status', 'recipient', 'subject'] as const
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)))
const line = (cells: readonly string[]) =>
	cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')
console.log(line(columns))
for (const row of rows) console.log(line(columns.map((column) => row[column])))
console.log(`\n${rows.length} of ${page.total} email${page.total === 1 ? '' : 's'} (times in UTC).`)
