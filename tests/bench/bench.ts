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
	/** HTTP cases: what autocannon measured, and the server's peak resident memory during the case. */
	http?: HttpFigures
	/** Client weight: the gzip bytes of the JavaScript and CSS a page loads. */
	weight?: { jsGzip: number; cssGzip: number }
}

export type HttpFigures = {
	connections: number
	requestsPerSecond: number
	p50: number
	p99: number
	/** Connection errors and timeouts. */
	errors: number
	/** Answers other than 2xx and the case's expected redirect. */
	unexpected: number
	peakRssBytes: number
	/** The server's processor time per request over the case (user + system), in milliseconds. */
	cpuMsPerRequest: number
}

export type BenchCase = {
	name: string
	/** The target as a reader sees it, e.g. '< 2,000 ms'. */
	target: string
	run: () => Promise<BenchOutcome>
}

export type BenchRow = BenchOutcome & { file: string; name: string; target: string }

/** What a `*.bench.ts` file exports: its cases, and optionally what to stop after them (a server, a mail sink). */
export type BenchFile = { cases: BenchCase[]; teardown?: () => Promise<void> }

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

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

/**
 * A plain-text table: a header, a rule, and one line per row, each column as wide as its widest cell. HTTP cases fill
 * the connection, throughput, latency, error and memory columns; client-weight rows the JS and CSS columns.
 */
export function formatTable(rows: readonly BenchRow[]): string {
	const header = ['Case', 'Conn', 'Req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', 'Err/non-2xx', 'Peak RSS', 'JS gz', 'CSS gz', 'Figure', 'Target', 'Result', 'Detail']
	const cells = rows.map((row) => [
		row.name,
		row.http ? String(row.http.connections) : '',
		row.http ? formatNumber(Math.round(row.http.requestsPerSecond)) : '',
		row.http ? formatNumber(row.http.p50) : '',
		row.http ? formatNumber(row.http.p99) : '',
		row.http ? row.http.cpuMsPerRequest.toFixed(1) : '',
		row.http ? `${row.http.errors}/${row.http.unexpected}` : '',
		row.http ? `${Math.round(row.http.peakRssBytes / 1_048_576)} MB` : '',
		row.weight ? kilobytes(row.weight.jsGzip) : '',
		row.weight ? kilobytes(row.weight.cssGzip) : '',
		`${formatNumber(row.figure)} ${row.unit}`,
		row.target,
		row.pass ? 'PASS' : 'FAIL',
		row.detail ?? '',
	])
	const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column]!.length)))
	const line = (values: readonly string[]) =>
		values
			.map((value, column) => value.padEnd(widths[column]!))
			.join('  ')
			.trimEnd()
	return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n')
}
