import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { formatTable, type BenchFile, type BenchRow } from './bench.ts'

/**
 * `npm run bench [-- word…]`: runs every case of tests/bench/*.bench.ts (or of the files whose name contains one of
 * the words), prints one row per case (tests/bench/bench.ts, formatTable), writes the rows to tests/bench/results/<timestamp>.json, and exits with 1
 * when any case fails.
 */

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
const rows: BenchRow[] = []
for (const file of files) {
	const { cases, teardown } = (await import(pathToFileURL(path.join(BENCH_DIR, file)).href)) as BenchFile
	for (const { name, target, run } of cases) {
		if (caseFilters.length > 0 && !caseFilters.some((filter) => name.includes(filter))) continue
		console.log(`${file}: ${name}…`)
		try {
			rows.push({ file, name, target, ...(await run()) })
		} catch (error) {
			// A case that throws fails; the others still run.
			console.error(error)
			rows.push({ file, name, target, figure: NaN, unit: '', pass: false, detail: `threw: ${error instanceof Error ? error.message : String(error)}` })
		}
	}
	await teardown?.()
}

console.log(`\n${formatTable(rows)}\n`)
fs.mkdirSync(RESULTS_DIR, { recursive: true })
const resultsFile = path.join(RESULTS_DIR, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
fs.writeFileSync(
	resultsFile,
	`${JSON.stringify({ startedAt: startedAt.toISOString(), node: process.version, platform: `${process.platform}-${process.arch}`, rows }, null, '\t')}\n`,
)
const failed = rows.filter((row) => !row.pass).length
console.log(
	`${rows.length - failed} passed, ${failed} failed in ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s; rows written to ${path.relative(process.cwd(), resultsFile)}`,
)
process.exitCode = failed > 0 ? 1 : 0
