import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '#app/config.server.ts'
import type { AppContext } from '#app/server/context.ts'
import { openDatabase, type Db } from '#db/client.ts'
import { TEMPLATE_DB, TMP_DIR } from './paths.ts'

/** A fresh, migrated database file of this test's own (a copy of the run's template). */
export function freshDatabase(): { db: Db; file: string } {
	const worker = process.env.VITEST_POOL_ID ?? '0'
	const file = path.join(TMP_DIR, `worker-${worker}-${crypto.randomUUID()}.db`)
	fs.copyFileSync(TEMPLATE_DB, file)
	return { db: openDatabase(file), file }
}

/** A load context as the server builds it, around a test's database and clock. */
export function testContext(db: Db, now: Date = new Date('2026-11-28T10:00:00Z')): AppContext {
	return {
		db,
		config: loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:', UPLOAD_DIR: path.join(TMP_DIR, 'uploads') }),
		now: () => now,
	}
}
