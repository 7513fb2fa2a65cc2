import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import {
	applicationSteps,
	applications,
	conflictDeclarations,
	documents,
	reviewAssignments,
	type Application,
	type ApplicationStep,
	type DocumentKind,
	type DocumentRow,
} from '#db/schema.ts'
import { canOnApplication, canReadDocument, type Actor, type ApplicationAccess, type ApplicationAction } from './permissions.ts'

/**
 * The application's content as the wizard reads and writes it: saved steps and documents. Status changes go
 * through the lifecycle engine (app/domain/lifecycle/), never through here.
 */

const notFound = () => new Response(null, { status: 404 })

export function applicationAccess(db: Db, application: Application): ApplicationAccess {
	const reviewers = db
		.select({ id: reviewAssignments.reviewerId, hasConflict: conflictDeclarations.hasConflict })
		.from(reviewAssignments)
		.leftJoin(conflictDeclarations, eq(conflictDeclarations.assignmentId, reviewAssignments.id))
		.where(and(eq(reviewAssignments.applicationId, application.id), inArray(reviewAssignments.status, ['active', 'done'])))
		.all()
		// No declaration yet (null) is not "no conflict".
		.map((row) => ({ id: row.id, declaredNoConflict: row.hasConflict === false }))
	return { applicantId: application.applicantId, status: application.status, reviewers }
}

/**
 * The application `id` if `actor` may do `action` to it; otherwise throws a 404 (never 403: someone who may not
 * see an application does not learn that it exists).
 */
export function requireApplication(
	db: Db,
	id: unknown,
	actor: Actor,
	action: ApplicationAction,
): { application: Application; access: ApplicationAccess } {
	const applicationId = Number(id)
	if (!Number.isInteger(applicationId) || applicationId < 1) throw notFound()
	const application = db.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) throw notFound()
	const access = applicationAccess(db, application)
	if (!canOnApplication(actor, 'application:read', access)) throw notFound()
	if (action !== 'application:read' && !canOnApplication(actor, action, access)) {
		// The owner may see it but not change it now (e.g. after submission): 409 says why, without hiding it.
		throw new Response(null, { status: 409 })
	}
	return { application, access }
}

export function loadSteps(db: Db, applicationId: number): Partial<Record<ApplicationStep, Record<string, unknown>>> {
	const rows = db.select().from(applicationSteps).where(eq(applicationSteps.applicationId, applicationId)).all()
	return Object.fromEntries(rows.map((row) => [row.step, row.data]))
}

/** Saves what the applicant entered on one step (already checked by the step's draft schema). */
export function saveStep(db: Db, applicationId: number, step: ApplicationStep, data: Record<string, unknown>, now: Date): void {
	db.transaction(
		(tx) => {
			tx.insert(applicationSteps)
				.values({ applicationId, step, data, updatedAt: now })
				.onConflictDoUpdate({
					target: [applicationSteps.applicationId, applicationSteps.step],
					set: { data, updatedAt: now },
				})
				.run()
			tx.update(applications).set({ updatedAt: now }).where(eq(applications.id, applicationId)).run()
		},
		{ behavior: 'immediate' },
	)
}

export function listDocuments(db: Db, applicationId: number): DocumentRow[] {
	return db.select().from(documents).where(eq(documents.applicationId, applicationId)).orderBy(asc(documents.createdAt)).all()
}

/** Kinds of which an application has at most one: a new upload replaces the old. */
const SINGLE_KINDS: readonly DocumentKind[] = ['cv', 'publication_list', 'host_letter', 'passport', 'visit_report']

/**
 * Records an uploaded file. Returns the stored names of files it replaced, for the caller to delete from disk
 * after the commit (never touch files inside a transaction).
 */
export function addDocument(
	db: Db,
	document: Omit<DocumentRow, 'id'>,
): { id: number; replaced: string[] } {
	return db.transaction(
		(tx) => {
			let replaced: string[] = []
			if (SINGLE_KINDS.includes(document.kind)) {
				const old = tx
					.select({ id: documents.id, storedName: documents.storedName })
					.from(documents)
					.where(and(eq(documents.applicationId, document.applicationId), eq(documents.kind, document.kind)))
					.all()
				if (old.length > 0) {
					tx.delete(documents).where(inArray(documents.id, old.map((row) => row.id))).run()
					replaced = old.map((row) => row.storedName)
				}
			}
			const row = tx.insert(documents).values(document).returning({ id: documents.id }).get()
			tx.update(applications).set({ updatedAt: document.createdAt }).where(eq(applications.id, document.applicationId)).run()
			return { id: row.id, replaced }
		},
		{ behavior: 'immediate' },
	)
}

/** Removes a document row; returns its stored name for the caller to delete from disk, or null if none. */
export function removeDocument(db: Db, applicationId: number, documentId: number): string | null {
	const row = db
		.delete(documents)
		.where(and(eq(documents.id, documentId), eq(documents.applicationId, applicationId)))
		.returning({ storedName: documents.storedName })
		.get()
	return row?.storedName ?? null
}

/** A document `actor` may download, with its application; 404 otherwise. */
export function requireDocument(db: Db, documentId: unknown, actor: Actor): { document: DocumentRow; application: Application } {
	const id = Number(documentId)
	if (!Number.isInteger(id) || id < 1) throw notFound()
	const document = db.select().from(documents).where(eq(documents.id, id)).get()
	if (!document) throw notFound()
	const application = db.select().from(applications).where(eq(applications.id, document.applicationId)).get()
	if (!application) throw notFound()
	if (!canReadDocument(actor, document.kind, applicationAccess(db, application))) throw notFound()
	return { document, application }
}
