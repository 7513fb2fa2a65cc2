import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }
/** What a synchronous better-sqlite3 transaction callback receives. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * The committed migrations. In the source tree they sit beside this file; in the production build the
 * server bundle lives in build/ and the migrations are copied to build/migrations (see vite.config.ts).
 */
export function migrationsFolder(): string {
	const here = path.dirname(fileURLToPath(import.meta.url))
	const candidates = [path.join(here, 'migrations'), path.join(here, '..', 'db', 'migrations')]
	const found = candidates.find((candidate) => fs.existsSync(path.join(candidate, 'meta', '_journal.json')))
	if (!found) throw new Error(`No migrations found (looked in ${candidates.join(', ')})`)
	return found
}

/** Opens the database file with the pragmas every connection needs. */
export function openDatabase(file: string): Db {
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const sqlite = new Database(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('busy_timeout = 5000')
	// FULL rather than NORMAL: an acknowledged submission must survive a power cut, not only a crash.
	sqlite.pragma('synchronous = FULL')
	reusePreparedStatements(sqlite)
	return drizzle(sqlite, { schema }) as Db
}

/** Statements kept per connection; a page runs a few dozen distinct ones, the whole portal a few hundred. */
const STATEMENT_CACHE_SIZE = 1000

/**
 * drizzle prepares every query anew (SQLite parses and plans it each time): a statement is kept by its SQL text and
 * handed out again, least recently used ones dropped past the limit. A statement still being iterated is never
 * shared, and a reused one is put back to plain rows (drizzle switches statements to raw arrays).
 */
function reusePreparedStatements(sqlite: Database.Database): void {
	const prepare = sqlite.prepare.bind(sqlite)
	const kept = new Map<string, Database.Statement>()
	sqlite.prepare = ((source: string) => {
		const statement = kept.get(source)
		if (statement && !statement.busy) {
			kept.delete(source)
			kept.set(source, statement)
			if (statement.reader) statement.raw(false).pluck(false).expand(false)
			return statement
		}
		const fresh = prepare(source)
		if (!statement) {
			kept.set(source, fresh)
			if (kept.size > STATEMENT_CACHE_SIZE) kept.delete(kept.keys().next().value!)
		}
		return fresh
	}) as typeof sqlite.prepare
}

export function migrateDatabase(db: Db): void {
	migrate(db, { migrationsFolder: migrationsFolder() })
}
