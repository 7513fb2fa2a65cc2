import path from 'node:path'
import { openDatabase } from '#db/client.ts'
import { BENCH_TMP_DIR, median, removeDatabase } from './bench.ts'

/**
 * What one durable commit costs on the bench's file system: a one-row insert, each its own transaction, in a database
 * opened with the portal's pragmas (db/client.ts: WAL, synchronous = FULL, so every commit waits for an fsync of the
 * log). A submission that commits on its own cannot go faster than 1 / the median, which the submit case judges by.
 */

const MAX_COMMITS = 200
const MIN_COMMITS = 20
const TIME_LIMIT_MS = 2_000

export type DurableCommit = { medianMs: number; commits: number }

export function measureDurableCommit(): DurableCommit {
	const file = path.join(BENCH_TMP_DIR, 'durable-commit.db')
	removeDatabase(file)
	const db = openDatabase(file)
	try {
		db.$client.exec('create table commits (id integer primary key, started_at real not null)')
		const insert = db.$client.prepare('insert into commits (started_at) values (?)')
		const times: number[] = []
		const deadline = performance.now() + TIME_LIMIT_MS
		// A slow disk gets fewer commits, never fewer than MIN_COMMITS.
		while (times.length < MAX_COMMITS && (times.length < MIN_COMMITS || performance.now() < deadline)) {
			const started = performance.now()
			insert.run(started)
			times.push(performance.now() - started)
		}
		return { medianMs: median(times), commits: times.length }
	} finally {
		db.$client.close()
		removeDatabase(file)
	}
}
