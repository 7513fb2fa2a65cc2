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
	/** cpuMsPerRequest over the control app's in the same pass (http.bench.ts): the figure that holds across machines. */
	cpuRatio?: number
	/** Pages: one answer to the case's request with a browser's headers, its size after decoding and its Content-Encoding. */
	body?: SampledBody
}

export type SampledBody = { bytes: number; encoding: string | null }

export type BenchCase = {
	name: string
	/** The target as a reader sees it, e.g. '< 2,000 ms'. */
	target: string
	/** HTTP cases: the WEB_CONCURRENCY of the server the case runs against (each setting is a pass of its own). */
	processes?: number
	run: () => Promise<BenchOutcome>
}

export type BenchRow = BenchOutcome & { file: string; name: string; target: string; processes?: number }

/**
 * What a `*.bench.ts` file exports: its cases, optionally what to stop after them (a server, a mail sink), and lines
 * that judge its rows together, printed under the table.
 */
export type BenchFile = { cases: BenchCase[]; teardown?: () => Promise<void>; summary?: (rows: readonly BenchRow[]) => string[] }

/** The benchmarks' scratch folder: their databases never touch ./data. */
export const BENCH_TMP_DIR = path.resolve('tests/.tmp/bench')

/** A new, migrated database file of the benchmark's own (any earlier one of the same name is removed). */
export function benchDatabase(name: string): Db {
	const file = path.join(BENCH_TMP_DIR, `${name}.db`)
	removeDatabase(file)
	const db = openDatabase(file)
	migrateDatabase(db)
	return db
}

/** Removes an SQLite file with its write-ahead log and shared-memory index. */
export function removeDatabase(file: string): void {
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
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

/** A multiple of the control's CPU per request; two decimals, so a row just over its target does not print as on it. */
export const formatRatio = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—')

/**
 * A plain-text table: a header, a rule, and one line per row, each column as wide as its widest cell. HTTP cases fill
 * the processes (their pass's WEB_CONCURRENCY), connection, throughput, latency, CPU, error and memory columns;
 * client-weight rows the JS and CSS columns.
 */
export function formatTable(rows: readonly BenchRow[]): string {
	const header = ['Case', 'Proc', 'Conn', 'Req/s', 'p50 ms', 'p99 ms', 'CPU ms/req', '× control', 'Err/non-2xx', 'Peak RSS', 'JS gz', 'CSS gz', 'Figure', 'Target', 'Result', 'Detail']
	const cells = rows.map((row) => [
		row.name,
		row.processes ? String(row.processes) : '',
		row.http ? String(row.http.connections) : '',
		row.http ? formatNumber(Math.round(row.http.requestsPerSecond)) : '',
		row.http ? formatNumber(row.http.p50) : '',
		row.http ? formatNumber(row.http.p99) : '',
		row.http ? row.http.cpuMsPerRequest.toFixed(1) : '',
		row.http?.cpuRatio !== undefined ? formatRatio(row.http.cpuRatio) : '',
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
