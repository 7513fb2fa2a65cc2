import { eq } from 'drizzle-orm'
import type { SummarySection } from '#app/domain/application-summary.server.ts'
import type { TimelineEntry, TimelineView } from '#app/domain/lifecycle/views.ts'
import type { DownloadEntry } from '#app/domain/office-actions.server.ts'
import type { Db } from '#db/client.ts'
import { applications, calls, type Application, type Call, type DocumentKind, type Role } from '#db/schema.ts'

/**
 * The office's application file (app/routes/office.applications.$id.tsx) and the sections it loads on demand, its
 * child routes (…/history, …/emails, …/downloads, …/answers, …/assign): the record a route's `:id` names, and the
 * short summaries the first view shows in place of each long list. Every child route is guarded as the file is.
 */

/** The application a route's `:id` names, with its call, or a 404 response thrown for an id that is not one. */
export function requireOfficeFile(db: Db, id: string | undefined): { application: Application; call: Call } {
	const applicationId = Number(id)
	const application = Number.isInteger(applicationId) ? db.select().from(applications).where(eq(applications.id, applicationId)).get() : undefined
	if (!application) throw new Response(null, { status: 404 })
	return { application, call: db.select().from(calls).where(eq(calls.id, application.callId)).get()! }
}

/** The history in one line: how many status changes, and the latest (what happened, when, who made it, its note). */
export type HistorySummary = {
	changes: number
	startedAt: string
	latest: (Pick<TimelineEntry, 'event' | 'at'> & { by: string | null; note: string | null }) | null
}

export function historySummary(timeline: TimelineView): HistorySummary {
	const latest = timeline.entries.at(-1)
	return {
		changes: timeline.entries.length,
		startedAt: timeline.startedAt,
		latest: latest ? { event: latest.event, at: latest.at, by: latest.actor?.name ?? null, note: latest.note ?? null } : null,
	}
}

/** One recorded download of a document, for the page (ISO instant). */
export type DownloadView = { by: string | null; role: Role | null; at: string }

const downloadView = (entry: DownloadEntry): DownloadView => ({ by: entry.name, role: entry.role, at: entry.at.toISOString() })

/** A document with how often it was downloaded and the latest download, or (`every`) each download, newest first. */
export type FileDocument = { id: number; kind: DocumentKind; name: string; downloads: number; latest: DownloadView | null; every?: DownloadView[] }

export function fileDocuments(
	documents: { id: number; kind: DocumentKind; originalName: string }[],
	downloads: Map<number, DownloadEntry[]>,
	{ every }: { every: boolean },
): FileDocument[] {
	return documents.map((document) => {
		const entries = downloads.get(document.id) ?? []
		return {
			id: document.id,
			kind: document.kind,
			name: document.originalName,
			downloads: entries.length,
			latest: entries[0] ? downloadView(entries[0]) : null,
			...(every ? { every: entries.map(downloadView) } : {}),
		}
	})
}

/** The answers the office reads first about an applicant: where they work, as what, in which field; where and when they would visit. */
export const KEY_ANSWERS = ['institution', 'position', 'field', 'hostDepartment', 'startDate', 'endDate'] as const

/** Those answers' values (in the reader's language), by field; the page labels them as the wizard does (`wizard.field.*`). */
export function keyAnswers(sections: SummarySection[]): { field: (typeof KEY_ANSWERS)[number]; value: string }[] {
	const rows = new Map(sections.flatMap((section) => section.rows).map((row) => [row.field, row.value]))
	return KEY_ANSWERS.map((field) => ({ field, value: rows.get(field) ?? '' }))
}
