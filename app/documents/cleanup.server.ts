import fs from 'node:fs'
import path from 'node:path'
import type { Db } from '#db/client.ts'
import { documents } from '#db/schema.ts'

/**
 * What a crash can leave in UPLOAD_DIR, removed at start before the server takes requests: uploads still streaming
 * in (`.incoming`), a file stored just before its document row was written, and a replaced or removed document's file
 * whose row was already gone. Every file left is named by a document row. Run by the one server process of a
 * database, before it listens: an upload in progress elsewhere would lose its file.
 */
export function sweepUploads(db: Db, uploadDir: string): { incoming: number; orphans: number } {
	if (!fs.existsSync(uploadDir)) return { incoming: 0, orphans: 0 }
	const incomingDir = path.join(uploadDir, '.incoming')
	const incoming = fs.existsSync(incomingDir) ? fs.readdirSync(incomingDir).length : 0
	fs.rmSync(incomingDir, { recursive: true, force: true })
	const named = new Set(db.select({ storedName: documents.storedName }).from(documents).all().map((row) => row.storedName))
	let orphans = 0
	for (const shard of fs.readdirSync(uploadDir, { withFileTypes: true })) {
		if (!shard.isDirectory() || !/^[a-f0-9]{2}$/.test(shard.name)) continue
		for (const file of fs.readdirSync(path.join(uploadDir, shard.name))) {
			if (!/^[a-f0-9]{32}\.pdf$/.test(file) || named.has(file)) continue
			fs.rmSync(path.join(uploadDir, shard.name, file), { force: true })
			orphans += 1
		}
	}
	return { incoming, orphans }
}
