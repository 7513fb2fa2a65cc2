import fs from 'node:fs'
import path from 'node:path'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'

/**
 * The benchmark cases' format: each `tests/bench/*.bench.ts` exports `cases: BenchCase[]`, and tests/bench/run.ts
 * runs them one after another. A case measures anything (a function's wall time, an HTTP server's throughput) and
 * judges the figure against its target itself, so the runner only reports.
 */

export type BenchOutcome = {
	figure: number
	unit: string
	pass: boolean
	/** What else the reader needs to judge the figure (runs, sizes, why it failed). */
	detail?: string
}

export type BenchCase = {
	name: string
	/** The target as a reader sees it, e.g. '< 2,000 ms'. */
	target: string
	run: () => Promise<BenchOutcome>
}

export type BenchRow = BenchOutcome & { file: string; name: string; target: string }

/** The benchmarks' scratch folder: their databases never touch ./data. */
export const BENCH_TMP_DIR = path.resolve('tests/.tmp/bench')

/** A new, migrated database file of the benchmark's own (any earlier one of the same name is removed). */
export function benchDatabase(name: string): Db {
	const file = path.join(BENCH_TMP_DIR, `${name}.db`)
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
	const db = openDatabase(file)
	migrateDatabase(db)
	return db
}

/** Milliseconds `work` takes, by the monotonic clock. */
export async function timed<T>(work: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
	const start = performance.now()
	const value = await work()
	return { ms: performance.now() - start, value }
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b)
	const middle = sorted.length >> 1
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** The figure as the table shows it: grouped digits, at most one decimal. */
export const formatNumber = (value: number) => (Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '—')

/** A plain-text table: a header, a rule, and one line per row, each column as wide as its widest cell. */
export function formatTable(rows: readonly BenchRow[]): string {
	const header = ['Case', 'Figure', 'Target', 'Result', 'Detail']
	const cells = rows.map((row) => [row.name, `${formatNumber(row.figure)} ${row.unit}`, row.target, row.pass ? 'PASS' : 'FAIL', row.detail ?? ''])
	const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)))
	const line = (values: readonly string[]) =>
		values
			.map((value, column) => value.padEnd(widths[column]!))
			.join('  ')
			.trimEnd()
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')
}
