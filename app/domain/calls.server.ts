import { and, asc, eq, gt, lte } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { callCriteria, calls, type Call } from '#db/schema.ts'

/** The call a route's `:id` names, or a 404 response thrown for an id that is not a call's. */
export function requireCall(db: Db, id: string | undefined): Call {
	const callId = Number(id)
	const call = Number.isInteger(callId) ? db.select().from(calls).where(eq(calls.id, callId)).get() : undefined
	if (!call) throw new Response(null, { status: 404 })
	return call
}

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
