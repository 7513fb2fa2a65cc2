import { and, eq, inArray } from 'drizzle-orm'
import type { Locale } from '#app/i18n/locales.ts'
import type { Db } from '#db/client.ts'
import { calls, reviewAssignments, type Application, type ApplicationStatus, type DocumentKind, type HostEndorsement } from '#db/schema.ts'
import { listDocuments, loadSteps } from './application-content.server.ts'
import { summariseApplication, type SummarySection } from './application-summary.server.ts'
import { activeReferees, hostEndorsementOf } from './letters.server.ts'
import { statusShownToApplicant } from './lifecycle/timeline.server.ts'
import { documentKindReadableBy } from './permissions.ts'

/**
 * What an assigned reviewer reads of an application (DOMAIN.md): its answers, the documents the document table lets
 * them read (the referees' letters, never the passport), the referees and the host's endorsement, and the status the
 * applicant is shown. Each field is picked here by name, so nothing of the office's (notes, staff, emails) and no
 * column added to a table later reaches reviewers without someone choosing it.
 */

export type ReviewerMaterial = {
	sections: SummarySection[]
	documents: { id: number; kind: DocumentKind; name: string }[]
	referees: { name: string; institution: string; letterId: number | null; declined: boolean }[]
	host: Pick<HostEndorsement, 'name' | 'decision' | 'statement' | 'knowsApplicant' | 'howKnown'> | null
}

/** The application as the reviewer reads it, on their review page and on the application's overview. */
export function reviewerMaterial(db: Db, applicationId: number, locale: Locale): ReviewerMaterial {
	const documents = listDocuments(db, applicationId).filter((document) => documentKindReadableBy('reviewer', document.kind))
	const host = hostEndorsementOf(db, applicationId)
	return {
		sections: summariseApplication(loadSteps(db, applicationId), documents, locale),
		documents: documents.map((document) => ({ id: document.id, kind: document.kind, name: document.originalName })),
		referees: activeReferees(db, applicationId).map((referee) => ({
			name: referee.name,
			institution: referee.institution,
			letterId: referee.letterDocumentId,
			declined: referee.declinedAt !== null,
		})),
		host: host ? { name: host.name, decision: host.decision, statement: host.statement, knowsApplicant: host.knowsApplicant, howKnown: host.howKnown } : null,
	}
}

export type ReviewerOverview = ReviewerMaterial & {
	id: number
	reference: string
	callTitle: string
	/** The status the applicant is shown: a decision still inside DECISION_GRACE is not public yet. */
	status: ApplicationStatus
	/** The reviewer's own assignment, for the link to their review. */
	assignmentId: number | null
}

/** The reviewer's view of the application's overview page (the office and the applicant have their own). */
export function reviewerOverview(
	db: Db,
	application: Application,
	{ reviewerId, locale, now, decisionGraceMs }: { reviewerId: number; locale: Locale; now: Date; decisionGraceMs: number },
): ReviewerOverview {
	const call = db.select({ titleEn: calls.titleEn, titleFa: calls.titleFa }).from(calls).where(eq(calls.id, application.callId)).get()!
	const assignment = db
		.select({ id: reviewAssignments.id })
		.from(reviewAssignments)
		.where(
			and(
				eq(reviewAssignments.applicationId, application.id),
				eq(reviewAssignments.reviewerId, reviewerId),
				inArray(reviewAssignments.status, ['active', 'done']),
			),
		)
		.get()
	return {
		id: application.id,
		reference: application.reference,
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		status: statusShownToApplicant(db, application, { now, decisionGraceMs }),
		assignmentId: assignment?.id ?? null,
		...reviewerMaterial(db, application.id, locale),
	}
}
