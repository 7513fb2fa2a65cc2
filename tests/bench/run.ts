import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { formatTable, type BenchFile, type BenchRow } from './bench.ts'

/**
 * `npm run bench [-- word…]`: runs every case of tests/bench/*.bench.ts (or of the files whose name contains one of
 * the words), prints one row per case (tests/bench/bench.ts, formatTable) and the files' summaries under it, writes
 * the rows to tests/bench/results/<timestamp>.json, and exits with 1 when any case fails. A run of every case also
 * judges its own length.
 */

/** The whole bench's time limit (issue 23), judged only when every case ran. */
const WHOLE_RUN_LIMIT_S = 300

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const RESULTS_DIR = path.join(BENCH_DIR, 'results')

const filters = process.argv.slice(2)
/** BENCH_CASE=words runs only the cases whose name contains one of them (comma-separated), for working on one. */
const caseFilters = (process.env.BENCH_CASE ?? '').split(',').filter(Boolean)
const files = fs
	.readdirSync(BENCH_DIR)
	.filter((name) => name.endsWith('.bench.ts') && (filters.length === 0 || filters.some((filter) => name.includes(filter))))
	.sort()
if (files.length === 0) {
	console.error(`No benchmark in ${path.relative(process.cwd(), BENCH_DIR)} matches ${filters.join(', ') || '*.bench.ts'}`)
	process.exit(1)
}

const startedAt = new Date()
const seconds = (since: number) => Math.round((Date.now() - since) / 1000)
const rows: BenchRow[] = []
const notes: string[] = []
for (const file of files) {
	const fileStartedAt = Date.now()
	const { cases, teardown, summary } = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as BenchFile
	for (const { name, target, processes, run } of cases) {
		if (caseFilters.length > 0 && !caseFilters.some((filter) => name.includes(filter))) continue
		console.log(`${file}: ${name}${processes ? ` (WEB_CONCURRENCY=${processes})` : ''}…`)
		const row = { file, name, target, ...(processes ? { processes } : {}) }
		try {
			rows.push({ ...row, ...(await run()) })
		} catch (error) {
			// A case that throws fails; the others still run.
			console.error(error)
			rows.push({ ...row, figure: NaN, unit: '', pass: false, detail: `threw: ${error instanceof Error ? error.message : String(error)}` })
		}
	}
	await teardown?.()
	notes.push(...(summary?.(rows.filter((row) => row.file === file)) ?? []))
	console.log(`${file}: ${seconds(fileStartedAt)} s`)
}

const totalSeconds = seconds(startedAt.getTime())
if (filters.length === 0 && caseFilters.length === 0) {
	rows.push({
		file: 'run.ts',
		name: 'the whole bench',
		target: `< ${WHOLE_RUN_LIMIT_S} s`,
		figure: totalSeconds,
		unit: 's',
		pass: totalSeconds < WHOLE_RUN_LIMIT_S,
		detail: 'every file, from the first build check to the last teardown',
	})
}

console.log(`\n${formatTable(rows)}\n`)
for (const note of notes) console.log(note)
fs.mkdirSync(RESULTS_DIR, { recursive: true })
const resultsFile = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
fs.writeFileSync(
	resultsFile,
	`${JSON.stringify({ startedAt: startedAt.toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, seconds: totalSeconds, rows, notes }, null, '\t')}\n`,
)
const failed = rows.filter((row) => !row.pass).length
console.log(`${rows.length - failed} passed, ${failed} failed in ${totalSeconds} s; rows written to ${path.relative(process.cwd(), resultsFile)}`)
process.exitCode = failed > 0 ? 1 : 0
