import type { LoaderFunctionArgs } from '@remix-run/node'
import type { Db } from '#db/client.ts'

/** Reads the schema, so a missing, locked or corrupt database file fails the check, not just the connection. */
export function databaseAnswers(db: Db): boolean {
	try {
		db.$client.prepare('SELECT count(*) FROM sqlite_master').get()
		return true
	} catch {
		return false
	}
}

export function loader({ context }: LoaderFunctionArgs) {
	const ok = databaseAnswers(context.db)
	return Response.json(
		{ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'error' },
		{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
	)
}
