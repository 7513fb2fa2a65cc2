import type { LoaderFunctionArgs } from '@remix-run/node'
import { exportResponse } from '#app/domain/office-export-response.server.ts'

/** The filtered, sorted table of a call's applications as CSV (the same query string as the table page). */
export async function loader(args: LoaderFunctionArgs) {
	return exportResponse(args, 'csv')
}
