import { and, desc, eq, inArray, not, sql, type SQL } from 'drizzle-orm'
import { viewableSubject } from '#app/email/render.server.ts'
import type { Db } from '#db/client.ts'
import { outbox } from '#db/schema.ts'
import type { ApplicationEmailItem } from './views.ts'

/**
 * The view model of "emails about this application" (app/components/application-emails.tsx), newest first. The
 * subject is the one the outbox keeps (rendered with any token link hidden). The office sees every email; an
 * applicant sees those sent to them, except decision emails still waiting out DECISION_GRACE or cancelled by a
 * newer decision (their subjects would tell what the grace period holds back).
 */

export type ApplicationEmailsViewer = { viewer: 'office' } | { viewer: 'applicant'; email: string }

export function applicationEmails(db: Db, applicationId: number, who: ApplicationEmailsViewer): ApplicationEmailItem[] {
	const conditions: SQL[] = [eq(outbox.applicationId, applicationId)]
	if (who.viewer === 'applicant') {
		conditions.push(sql`lower(${outbox.toAddress}) = ${who.email.trim().toLowerCase()}`)
		conditions.push(not(and(eq(outbox.kind, 'decision'), inArray(outbox.status, ['pending', 'cancelled']))!))
	}
	return db
		.select()
		.from(outbox)
		.where(and(...conditions))
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.all()
		.map((row) => ({
			id: row.id,
			subject: row.subject ?? viewableSubject(row.template, row.locale, row.props),
			to: row.toAddress,
			toName: row.toName,
			status: row.status,
			at: (row.sentAt ?? row.createdAt).toISOString(),
			notBefore: row.notBefore.toISOString(),
			lastError: who.viewer === 'office' ? row.lastError : null,
		}))
}
