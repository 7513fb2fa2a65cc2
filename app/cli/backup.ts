// `npm run backup -- <dir>`: a consistent copy of the portal, safe to take while it serves: the database with
// VACUUM INTO (one read transaction, so writers carry on; the online backup API would restart at every write and may
// never finish under load), then the uploads its document rows name. Restore: README, "Backup and restore".
import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '#app/config.server.ts'
import { storedPath } from '#app/documents/storage.server.ts'
import { openDatabase } from '#db/client.ts'

const target = process.argv[2]
if (!target) {
	console.error('Usage: npm run backup -- <folder> (a new or empty folder)')
	process.exit(2)
}
const config = loadConfig()
if (!fs.existsSync(config.databasePath)) {
	console.error(`No database at ${config.databasePath}: set DATABASE_PATH to the portal's database file.`)
	process.exit(1)
}
fs.mkdirSync(target, { recursive: true })
if (fs.readdirSync(target).length > 0) {
	console.error(`${target} is not empty: give a new or empty folder, so no older backup is mixed in.`)
	process.exit(1)
}
const databaseCopy = path.join(target, 'portal.db')
const uploadsCopy = path.join(target, 'uploads')
const started = Date.now()

function storedFiles(uploadDir: string): string[] {
	if (!fs.existsSync(uploadDir)) return []
	return fs
		.readdirSync(uploadDir, { withFileTypes: true })
		.filter((shard) => shard.isDirectory() && /^[a-f0-9]{2}$/.test(shard.name))
		.flatMap((shard) => fs.readdirSync(path.join(uploadDir, shard.name)).filter((name) => /^[a-f0-9]{32}\.pdf$/.test(name)))
}

function copyUpload(storedName: string): boolean {
	const to = storedPath(uploadsCopy, storedName)
	fs.mkdirSync(path.dirname(to), { recursive: true })
	try {
		fs.copyFileSync(storedPath(config.uploadDir, storedName), to)
		return true
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
		throw error
	}
}

// Stored files never change, they are only added and removed. The ones there now are copied before the snapshot, so
// that a document replaced meanwhile (its old file removed) still has its file in the copy; those added since are
// copied after it, and those the snapshot does not name are dropped.
fs.mkdirSync(uploadsCopy)
const before = new Set(storedFiles(config.uploadDir).filter(copyUpload))

const db = openDatabase(config.databasePath)
db.$client.prepare('VACUUM INTO ?').run(databaseCopy)
db.$client.close()
const descriptor = fs.openSync(databaseCopy, 'r+')
fs.fsyncSync(descriptor)
fs.closeSync(descriptor)

const copy = openDatabase(databaseCopy)
const named = (copy.$client.prepare('select stored_name as storedName from documents').all() as Array<{ storedName: string }>).map(
	(row) => row.storedName,
)
copy.$client.pragma('wal_checkpoint(TRUNCATE)')
copy.$client.close()
const missing = named.filter((storedName) => !before.has(storedName) && !copyUpload(storedName))
const wanted = new Set(named)
for (const storedName of before) if (!wanted.has(storedName)) fs.rmSync(storedPath(uploadsCopy, storedName))

const secret = path.join(path.dirname(config.databasePath), 'session-secret')
if (fs.existsSync(secret)) fs.copyFileSync(secret, path.join(target, 'session-secret'))

const megabytes = (fs.statSync(databaseCopy).size / 1024 / 1024).toFixed(1)
console.log(
	`Backup in ${target} after ${((Date.now() - started) / 1000).toFixed(1)} s: portal.db (${megabytes} MB) and ` +
		`${named.length - missing.length} uploaded documents${fs.existsSync(secret) ? ', session-secret' : ''}.`,
)
if (missing.length > 0) {
	console.error(`${missing.length} documents were removed while the backup ran, so their files are not in it: run it again.`)
	process.exit(1)
}
