import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * "Nothing else writes an application's status" (DOMAIN.md): every write to applications.status in app/ and db/
 * must be in app/domain/lifecycle/change-status.server.ts. This scans the source for drizzle updates and inserts
 * of `applications` that mention `status`, and for raw SQL that does.
 */

const ROOTS = ['app', 'db']
const ALLOWED = new Set(['app/domain/lifecycle/change-status.server.ts'])

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name)
		if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(full)
		return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : []
	})
}

/** The statements of `source` that write the status column of applications. */
export function statusWrites(source: string): string[] {
	const writes: string[] = []
	// A drizzle write: from `.update(applications)` or `.insert(applications)` to where its values end.
	const builder = /\.(update|insert)\(\s*applications\s*\)/g
	for (const match of source.matchAll(builder)) {
		const rest = source.slice(match.index + match[0].length)
		const end = rest.search(/\.(where|run|returning|get|all|onConflictDo\w+)\(|\n\s*\n/)
		const values = rest.slice(0, end === -1 ? undefined : end)
		if (/\bstatus\b/.test(values)) writes.push(match[0] + values)
	}
	// Raw SQL.
	for (const match of source.matchAll(/update\s+[`"']?applications[`"']?\s+set\b[^;]*?\bstatus\b/gi))
		writes.push(match[0])
	for (const match of source.matchAll(/insert\s+into\s+[`"']?applications[`"']?\s*\([^)]*\bstatus\b/gi))
		writes.push(match[0])
	return writes
}

describe('the status of an application', () => {
	it('is written in the lifecycle engine only', () => {
		const offenders = ROOTS.flatMap(sourceFiles)
			.map((file) => file.split(path.sep).join('/'))
			.filter((file) => !ALLOWED.has(file))
			.flatMap((file) => statusWrites(fs.readFileSync(file, 'utf8')).map((write) => `${file}: ${write.trim()}`))
		expect(offenders).toEqual([])
	})

	it('is written by the engine (so the scan can see a write)', () => {
		const engine = fs.readFileSync('app/domain/lifecycle/change-status.server.ts', 'utf8')
		expect(statusWrites(engine)).toHaveLength(1)
	})

	it('is found in every form a write takes', () => {
		expect(
			statusWrites(`tx.update(applications).set({ status: 'approved' }).where(eq(applications.id, 1)).run()`),
		).toHaveLength(1)
		expect(statusWrites(`db.update( applications )\n\t.set({ updatedAt: now, status })\n\t.run()`)).toHaveLength(1)
		expect(statusWrites(`tx.insert(applications).values({ reference, status: 'submitted' }).run()`)).toHaveLength(1)
		expect(statusWrites('db.run(sql`UPDATE applications SET version = 2, status = ${to}`)')).toHaveLength(1)
		expect(statusWrites(`INSERT INTO "applications" (reference, status) VALUES (?, ?)`)).toHaveLength(1)
		// Reading by status, or writing other columns, is not a status write.
		expect(
			statusWrites(`tx.update(applications).set({ updatedAt: now }).where(eq(applications.status, 'draft')).run()`),
		).toEqual([])
		expect(statusWrites(`db.select().from(applications).where(eq(applications.status, 'draft'))`)).toEqual([])
	})
})
