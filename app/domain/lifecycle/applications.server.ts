import { and, eq, sql } from 'drizzle-orm'
import { recordAudit } from '#app/domain/audit.ts'
import type { Db, Tx } from '#db/client.ts'
import { applications, calls, referenceCounters, type Application } from '#db/schema.ts'

/** `VPP-2027-0042`: the call's year and the year's sequence number, zero-padded to at least 4 digits. */
export function formatReference(year: number, sequence: number): string {
	return `VPP-${year}-${String(sequence).padStart(4, '0')}`
}

export type CreateApplicationInput = { callId: number; applicantId: number; now: Date }

/**
 * Starts an applicant's application to a call, as a draft with the next reference of the call's year. An applicant
 * has one application per call: when it exists already, that one is returned (`created: false`) and no number is
 * used up.
 */
export function createApplication(
	db: Db,
	input: CreateApplicationInput,
): { application: Application; created: boolean } {
	return db.transaction((tx) => createApplicationInTransaction(tx, input), { behavior: 'immediate' })
}

/** The same inside the caller's (immediate) transaction, so the reference is given in the creating transaction. */
export function createApplicationInTransaction(
	tx: Tx,
	{ callId, applicantId, now }: CreateApplicationInput,
): { application: Application; created: boolean } {
	const existing = tx
		.select()
		.from(applications)
		.where(and(eq(applications.callId, callId), eq(applications.applicantId, applicantId)))
		.get()
	if (existing) return { application: existing, created: false }

	const call = tx.select({ year: calls.year }).from(calls).where(eq(calls.id, callId)).get()
	if (!call) throw new Error(`No call ${callId}`)
	// One statement takes the next number, so two writers can never get the same one (and the write lock is held
	// until this transaction ends, which rolls the number back with it if the insert fails).
	const counter = tx
		.insert(referenceCounters)
		.values({ year: call.year, last: 1 })
		.onConflictDoUpdate({ target: referenceCounters.year, set: { last: sql`${referenceCounters.last} + 1` } })
		.returning({ last: referenceCounters.last })
		.get()

	// The status is left to its default (draft): only the lifecycle engine writes it (change-status.server.ts).
	const application = tx
		.insert(applications)
		.values({
			reference: formatReference(call.year, counter.last),
			callId,
			applicantId,
			createdAt: now,
			updatedAt: now,
		})
		.returning()
		.get()
	recordAudit(tx, {
		actorId: applicantId,
		action: 'application.created',
		entity: 'application',
		entityId: application.id,
		applicationId: application.id,
		data: { reference: application.reference, callId },
		at: now,
	})
	return { application, created: true }
}
