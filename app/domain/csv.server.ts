import { stringify, type Options, type Stringifier } from 'csv-stringify'
import { stringify as stringifyAll } from 'csv-stringify/sync'

/**
 * Every CSV the portal writes is written here (lint refuses csv-stringify anywhere else), for the spreadsheet programs
 * the office opens them in. Applicants write the names, institutions and countries these files carry, so:
 * - `escape_formulas`: a field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (or the full-width
 *   `＝＋－＠`) gets an apostrophe in front, so Excel, LibreOffice and Sheets show it as text instead of running it as a
 *   formula (`=HYPERLINK(…)` sending a click elsewhere, DDE). Numbers are left alone: -1 passed as a number stays -1.
 * - `quote_record_delimiter`: once a record delimiter is set, csv-stringify quotes only fields holding that delimiter;
 *   a lone line feed or carriage return unquoted would start a new row in a spreadsheet.
 * - UTF-8 with a byte-order mark, so Excel reads Persian; CRLF between rows.
 */
const SPREADSHEET_CSV = { bom: true, record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true } satisfies Options

export type CsvCell = string | number

/** A stream that takes rows (arrays of cells, in the header's order) and gives the CSV, header row first. */
export function csvStream(header: string[]): Stringifier {
	return stringify({ ...SPREADSHEET_CSV, header: true, columns: header })
}

/** The whole CSV at once, for files small enough to build in memory. */
export function csvText(header: string[], rows: CsvCell[][]): string {
	return stringifyAll(rows, { ...SPREADSHEET_CSV, header: true, columns: header })
}
