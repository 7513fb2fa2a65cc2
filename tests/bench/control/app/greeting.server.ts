import Database from 'better-sqlite3'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

const greetings = sqliteTable('greetings', {
	id: integer('id').primaryKey(),
	text: text('text').notNull(),
})

const file = process.env.CONTROL_DATABASE_PATH
if (!file) throw new Error('Set CONTROL_DATABASE_PATH to the SQLite file the control app reads (npm run bench does).')
const sqlite = new Database(file)
sqlite.pragma('journal_mode = WAL')
// The control creates its one row itself, so the bench only names the file.
sqlite.exec(`create table if not exists greetings (id integer primary key, text text not null);
insert or ignore into greetings (id, text) values (1, 'Hello from the control app');`)
const db = drizzle(sqlite)

/** The one row the control's page shows: a query through drizzle, as every portal page makes at least one. */
export function readGreeting(): string | undefined {
	return db.select({ text: greetings.text }).from(greetings).where(eq(greetings.id, 1)).get()?.text
}
