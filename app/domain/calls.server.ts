import { and, asc, eq, gt, lte } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { callCriteria, calls, type Call } from '#db/schema.ts'

/** Calls accepting applications at `now`: opened, and not yet past their deadline. */
export function listOpenCalls(db: Db, now: Date): Call[] {
	return db
		.select()
		.from(calls)
		.where(and(lte(calls.opensAt, now), gt(calls.closesAt, now)))
		.orderBy(asc(calls.closesAt), asc(calls.id))
		.all()
}

export function getCallRubric(db: Db, callId: number) {
	return db.select().from(callCriteria).where(eq(callCriteria.callId, callId)).orderBy(asc(callCriteria.position)).all()
}
