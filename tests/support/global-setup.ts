import fs from 'node:fs'
import { migrateDatabase, openDatabase } from '#db/client.ts'
import { TEMPLATE_DB, TMP_DIR } from './paths.ts'

export default function setup() {
	fs.rmSync(TMP_DIR, { recursive: true, force: true })
	fs.mkdirSync(TMP_DIR, { recursive: true })
	const db = openDatabase(TEMPLATE_DB)
	migrateDatabase(db)
	// Fold the WAL into the main file so a plain copy carries the whole schema.
	db.$client.pragma('wal_checkpoint(TRUNCATE)')
	db.$client.close()
}
