import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { count } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { auditLog, callCriteria, calls } from '#db/schema.ts'
import { seedDemo } from '#db/seed.ts'
import { healthReport } from '#app/server/healthz.ts'
import { TMP_DIR } from '#tests/support/paths.ts'
import { freshDatabase } from '#tests/support/db.ts'

const opened: Db[] = []
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close()
})

function newFile(name: string) {
	return path.join(TMP_DIR, `${name}-${crypto.randomUUID()}.db`)
}

describe('migrations', () => {
	it('apply to an empty file and create every table, with the pragmas set', () => {
		const db = openDatabase(newFile('empty'))
		opened.push(db)
		migrateDatabase(db)
		const tables = db.$client
			.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
			.pluck()
			.all()
		expect(tables).toEqual(expect.arrayContaining(['audit_log', 'call_criteria', 'calls']))
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal')
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1)
		expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000)
		expect(db.$client.pragma('synchronous', { simple: true })).toBe(2)
		// Applying again is a no-op.
		migrateDatabase(db)
		expect(db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
	})
})

describe('demo seed', () => {
	const now = new Date('2026-11-28T10:00:00Z')

	it('creates one open call with the default rubric on an empty database', () => {
		const { db } = freshDatabase()
		opened.push(db)
		expect(seedDemo(db, now)).toBe(true)
		const [call] = db.select().from(calls).all()
		expect(call?.titleEn).toBe('Visiting Professors 2027 — first round')
		expect(call?.timeZone).toBe('Asia/Tehran')
		expect(call!.opensAt.getTime()).toBeLessThan(now.getTime())
		const daysAhead = (call!.closesAt.getTime() - now.getTime()) / 86_400_000
		expect(daysAhead).toBeGreaterThan(55)
		expect(daysAhead).toBeLessThan(65)
		expect(call!.letterDeadline.getTime() - call!.closesAt.getTime()).toBe(14 * 86_400_000)
		expect(call!.visitWindowStart > call!.closesAt.toISOString().slice(0, 10)).toBe(true)
		expect(call!.refereesRequired).toBe(2)
		const criteria = db.select().from(callCriteria).all()
		expect(criteria.map((criterion) => [criterion.key, criterion.weight])).toEqual([
			['excellence', 30],
			['relevance', 25],
			['plan', 25],
			['impact', 20],
		])
	})

	it('adds nothing on a second start, even from another connection', () => {
		const { db, file } = freshDatabase()
		opened.push(db)
		expect(seedDemo(db, now)).toBe(true)
		const again = openDatabase(file)
		opened.push(again)
		expect(seedDemo(again, new Date(now.getTime() + 86_400_000))).toBe(false)
		expect(again.select({ n: count() }).from(calls).get()?.n).toBe(1)
		expect(again.select({ n: count() }).from(callCriteria).get()?.n).toBe(4)
		expect(again.select({ n: count() }).from(auditLog).get()?.n).toBe(1)
	})
})

describe('/healthz', () => {
	it('answers 200 when the database answers', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		expect(healthReport(db)).toEqual({ httpStatus: 200, body: { status: 'ok', database: 'ok' } })
	})

	it('answers 503 when its database query throws', async () => {
		const file = newFile('garbage')
		fs.writeFileSync(file, crypto.randomBytes(64 * 1024))
		const sqlite = new Database(file)
		const db = drizzle(sqlite) as unknown as Db
		opened.push(db)
		expect(healthReport(db)).toEqual({ httpStatus: 503, body: { status: 'unavailable', database: 'error' } })
	})
})
