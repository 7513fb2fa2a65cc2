import { and, eq, inArray } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { Db, Tx } from '#db/client.ts'
import { accessTokens, applicationSteps, applications, documents, hostEndorsements, users, visits, type Application, type DocumentKind, type Visit } from '#db/schema.ts'
import { removeStoredFile, type StoredFile } from '#app/documents/storage.server.ts'
import { recordAudit } from './audit.ts'
import { createAccessToken, hashAccessToken, type LinkProblem } from './letters.server.ts'
import type { Actor } from './permissions.ts'
import { stepText } from './step-data.ts'

/**
 * After the visit (issue 13): once the office marks a visit completed, the visitor is asked for a short report (text,
 * and a PDF if they like) on their application page, and the host for short feedback through a private link in the
 * completion email (no account). Both appear on the office's file of the application; neither is shown to the other.
 */

/** How long the host's feedback link works after the visit is marked completed. */
export const FEEDBACK_LINK_DAYS = 60

export class VisitReportError extends Error {
	override name = 'VisitReportError'
	constructor(readonly reason: 'not_found' | 'not_completed') {
		super(`Visit report refused: ${reason}`)
	}
}

/**
 * Puts a new file of a kind an application holds once (the passport copy, the visit report) in place of any earlier
 * one, inside the caller's transaction. Answers the new row's id and the stored names of the replaced files, which
 * the caller removes from disk once the transaction has committed.
 */
export function replaceSingleDocument(
	tx: Tx,
	{ applicationId, kind, file, actor, now }: { applicationId: number; kind: DocumentKind; file: StoredFile & { originalName: string }; actor: Actor; now: Date },
): { id: number; replaced: string[] } {
	const old = tx
		.select({ id: documents.id, storedName: documents.storedName })
		.from(documents)
		.where(and(eq(documents.applicationId, applicationId), eq(documents.kind, kind)))
		.all()
	if (old.length > 0) tx.delete(documents).where(inArray(documents.id, old.map((row) => row.id))).run()
	const { id } = tx
		.insert(documents)
		.values({ applicationId, kind, ...file, uploadedBy: actor.id, createdAt: now })
		.returning({ id: documents.id })
		.get()
	return { id, replaced: old.map((row) => row.storedName) }
}

/**
 * The visitor's report: the text, and a PDF (already on disk) that replaces an earlier one. Sent again, it replaces
 * the earlier text. Only for a completed visit; the new file is removed if the transaction fails, replaced files after
 * it commits.
 */
export function saveVisitReport(
	db: Db,
	{ applicationId, text, pdf, uploadDir, actor, now }: { applicationId: number; text: string; pdf: (StoredFile & { originalName: string }) | null; uploadDir: string; actor: Actor; now: Date },
): Visit {
	let replaced: string[] = []
	try {
		const saved = db.transaction(
			(tx) => {
				const application = tx.select({ status: applications.status }).from(applications).where(eq(applications.id, applicationId)).get()
				if (!application) throw new VisitReportError('not_found')
				if (application.status !== 'completed') throw new VisitReportError('not_completed')
				const before = tx.select({ reportSubmittedAt: visits.reportSubmittedAt }).from(visits).where(eq(visits.applicationId, applicationId)).get()
				let documentId: number | undefined
				if (pdf) {
					const replacement = replaceSingleDocument(tx, { applicationId, kind: 'visit_report', file: pdf, actor, now })
					documentId = replacement.id
					replaced = replacement.replaced
				}
				const values = { reportText: text, reportSubmittedAt: now, ...(documentId ? { reportDocumentId: documentId } : {}) }
				const row = tx
					.insert(visits)
					.values({ applicationId, ...values, updatedAt: now })
					.onConflictDoUpdate({ target: visits.applicationId, set: { ...values, updatedAt: now } })
					.returning()
					.get()
				recordAudit(tx, {
					actorId: actor.id,
					action: 'visit.report_submitted',
					entity: 'application',
					entityId: applicationId,
					applicationId,
					data: { pdf: Boolean(pdf), again: Boolean(before?.reportSubmittedAt) },
					at: now,
				})
				return row
			},
			{ behavior: 'immediate' },
		)
		for (const storedName of replaced) removeStoredFile(uploadDir, storedName)
		return saved
	} catch (error) {
		if (pdf) removeStoredFile(uploadDir, pdf.storedName)
		throw error
	}
}

/** The page behind a host's feedback link: the completion email's private link, in the host's language. */
export function hostFeedbackLink(publicUrl: string, token: string, locale: Locale): string {
	return `${publicUrl}/visits/host-feedback?token=${encodeURIComponent(token)}&lang=${locale}`
}

/** A new feedback link for the host of a completed visit (the completion email carries it): the link and its last day. */
export function issueHostFeedbackLink(
	tx: Tx,
	settings: Pick<Config, 'publicUrl'>,
	{ application, locale, now }: { application: Pick<Application, 'id'>; locale: Locale; now: Date },
): { link: string; feedbackUntil: string } {
	const expiresAt = new Date(now.getTime() + FEEDBACK_LINK_DAYS * 86_400_000)
	const token = createAccessToken(tx, { purpose: 'host_feedback', applicationId: application.id, expiresAt, now })
	return { link: hostFeedbackLink(settings.publicUrl, token, locale), feedbackUntil: expiresAt.toISOString() }
}

export type FeedbackAccess = {
	tokenId: number
	applicationId: number
	reference: string
	hostName: string
	visitorName: string
	institution: string | null
	startDate: string | null
	endDate: string | null
}

/** What a feedback link gives access to, or why it does not work (unknown 404; answered or expired 410). Reads only. */
export function findHostFeedbackAccess(tx: Tx | Db, { token, now }: { token: string; now: Date }): { ok: true; access: FeedbackAccess } | { ok: false; problem: LinkProblem } {
	if (!token) return { ok: false, problem: 'invalid' }
	const row = tx
		.select({ id: accessTokens.id, applicationId: accessTokens.applicationId, usedAt: accessTokens.usedAt, expiresAt: accessTokens.expiresAt })
		.from(accessTokens)
		.where(and(eq(accessTokens.hash, hashAccessToken(token)), eq(accessTokens.purpose, 'host_feedback')))
		.get()
	if (!row) return { ok: false, problem: 'invalid' }
	const found = tx
		.select({
			reference: applications.reference,
			status: applications.status,
			visitorName: users.name,
			hostName: hostEndorsements.name,
			startDate: visits.startDate,
			endDate: visits.endDate,
			feedbackAt: visits.hostFeedbackAt,
		})
		.from(applications)
		.innerJoin(users, eq(users.id, applications.applicantId))
		.innerJoin(hostEndorsements, eq(hostEndorsements.applicationId, applications.id))
		.leftJoin(visits, eq(visits.applicationId, applications.id))
		.where(eq(applications.id, row.applicationId))
		.get()
	if (!found) return { ok: false, problem: 'invalid' }
	if (row.usedAt || found.feedbackAt) return { ok: false, problem: 'used' }
	if (now >= row.expiresAt || found.status !== 'completed') return { ok: false, problem: 'expired' }
	const academic = tx
		.select({ data: applicationSteps.data })
		.from(applicationSteps)
		.where(and(eq(applicationSteps.applicationId, row.applicationId), eq(applicationSteps.step, 'academic')))
		.get()?.data
	const institution = stepText(academic, 'institution', null)
	return {
		ok: true,
		access: {
			tokenId: row.id,
			applicationId: row.applicationId,
			reference: found.reference,
			hostName: found.hostName,
			visitorName: found.visitorName,
			institution,
			startDate: found.startDate ?? null,
			endDate: found.endDate ?? null,
		},
	}
}

/** The host's feedback, once per link: marks the link used and keeps the text on the visit. */
export function saveHostFeedback(db: Db, { token, feedback, now }: { token: string; feedback: string; now: Date }): { ok: true } | { ok: false; problem: LinkProblem } {
	return db.transaction(
		(tx) => {
			const found = findHostFeedbackAccess(tx, { token, now })
			if (!found.ok) return found
			const { tokenId, applicationId } = found.access
			tx.update(accessTokens).set({ usedAt: now }).where(eq(accessTokens.id, tokenId)).run()
			tx.update(visits).set({ hostFeedback: feedback, hostFeedbackAt: now, updatedAt: now }).where(eq(visits.applicationId, applicationId)).run()
			recordAudit(tx, { actorId: null, action: 'visit.host_feedback_received', entity: 'application', entityId: applicationId, applicationId, at: now })
			return { ok: true } as const
		},
		{ behavior: 'immediate' },
	)
}

export type AfterVisitView = {
	report: { text: string; submittedAt: string; document: { id: number; name: string } | null } | null
	hostFeedback: { text: string; at: string } | null
	hasHost: boolean
}

/** The report and the host's feedback as the office's file shows them (and the report as its author sees it). */
export function afterVisitView(db: Db | Tx, applicationId: number): AfterVisitView {
	const visit = db
		.select({ reportText: visits.reportText, reportSubmittedAt: visits.reportSubmittedAt, reportDocumentId: visits.reportDocumentId, hostFeedback: visits.hostFeedback, hostFeedbackAt: visits.hostFeedbackAt })
		.from(visits)
		.where(eq(visits.applicationId, applicationId))
		.get()
	const document = visit?.reportDocumentId
		? (db.select({ id: documents.id, name: documents.originalName }).from(documents).where(eq(documents.id, visit.reportDocumentId)).get() ?? null)
		: null
	const hasHost = Boolean(db.select({ id: hostEndorsements.applicationId }).from(hostEndorsements).where(eq(hostEndorsements.applicationId, applicationId)).get())
	return {
		report: visit?.reportSubmittedAt ? { text: visit.reportText ?? '', submittedAt: visit.reportSubmittedAt.toISOString(), document } : null,
		hostFeedback: visit?.hostFeedbackAt ? { text: visit.hostFeedback ?? '', at: visit.hostFeedbackAt.toISOString() } : null,
		hasHost,
	}
}
