// `npm run user:create-office -- --email a@b.c --name "…"`: creates an office user (the first one, or any) and
// prints a single-use link, valid for 7 days, at which they set their password. No email is sent: the person
// running the command hands the link over.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { inviteStaff } from '#app/auth/accounts.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { migrateDatabase, openDatabase } from '#db/client.ts'

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, locale: { type: 'string', default: 'en' } },
})
const input = z
	.object({ email: z.email(), name: z.string().trim().min(1), locale: z.enum(['en', 'fa']) })
	.safeParse(values)
if (!input.success) {
	console.error('Usage: npm run user:create-office -- --email name@university.edu --name "Full Name" [--locale en|fa]')
	process.exit(2)
}

const config = loadConfig()
const db = openDatabase(config.databasePath)
migrateDatabase(db)
const context = { db, config, now: () => new Date() }
const result = inviteStaff(context, null, { role: 'office', ...input.data }, { deliver: 'link' })
if (!result.ok) {
	console.error(`There is already an account for ${input.data.email}.`)
	process.exit(1)
}
console.log(`Office user created: ${input.data.name} <${input.data.email}>`)
console.log(`Set the password here (single use, valid 7 days):\n${config.publicUrl}/invitation?token=${result.token}`)
db.$client.close()
