import type { Request, Response } from 'express'
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

export type HealthReport = { status: 'ok' | 'unavailable'; database: 'ok' | 'error' }

export function healthReport(db: Db): { httpStatus: 200 | 503; body: HealthReport } {
	const ok = databaseAnswers(db)
	return { httpStatus: ok ? 200 : 503, body: { status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'error' } }
}

/**
 * GET /healthz, answered before Remix and before the render slots: a load balancer's check must not wait behind a
 * queue of pages (and so fail a busy but healthy process), nor pay for route matching and a page render.
 */
export function healthCheck(db: Db) {
	return (_req: Request, res: Response) => {
		const { httpStatus, body } = healthReport(db)
		res.status(httpStatus).set('Cache-Control', 'no-store').json(body)
	}
}
