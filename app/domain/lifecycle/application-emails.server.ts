import { and, count, desc, eq, inArray, isNotNull, not, or, sql, type SQL } from 'drizzle-orm'
import { viewableSubject } from '#app/email/render.server.ts'
import type { Db } from '#db/client.ts'
import { outbox, type EmailStatus } from '#db/schema.ts'
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
		.map((row) => emailItem(row, who.viewer === 'office'))
}

function emailItem(row: typeof outbox.$inferSelect, office: boolean): ApplicationEmailItem {
	return {
		id: row.id,
		subject: row.subject ?? viewableSubject(row.template, row.locale, row.props),
		to: row.toAddress,
		toName: row.toName,
		status: row.status,
		at: (row.sentAt ?? row.createdAt).toISOString(),
		notBefore: row.notBefore.toISOString(),
		lastError: office ? row.lastError : null,
	}
}

/** How many of the undelivered emails the office's file lists at once; the rest are counted. */
export const UNDELIVERED_SHOWN = 5

export type ApplicationEmailSummary = {
	total: number
	byStatus: Partial<Record<EmailStatus, number>>
	/** Failed, or still being retried after the mail server refused them: the newest UNDELIVERED_SHOWN, and how many in all. */
	undelivered: ApplicationEmailItem[]
	undeliveredCount: number
}

/**
 * The office's file in place of the whole list: the count of its emails by status, and the ones that did not get
 * through (failed, or waiting for another try after an error), so the office sees a failure at once.
 */
export function applicationEmailSummary(db: Db, applicationId: number): ApplicationEmailSummary {
	const counts = db
		.select({ status: outbox.status, count: count() })
		.from(outbox)
		.where(eq(outbox.applicationId, applicationId))
		.groupBy(outbox.status)
		.all()
	const undelivered = and(eq(outbox.applicationId, applicationId), or(eq(outbox.status, 'failed'), and(inArray(outbox.status, ['pending', 'sending']), isNotNull(outbox.lastError))))
	const [undeliveredCount] = db.select({ count: count() }).from(outbox).where(undelivered).all()
	return {
		total: counts.reduce((sum, row) => sum + row.count, 0),
		byStatus: Object.fromEntries(counts.map((row) => [row.status, row.count])),
		undelivered: db
			.select()
			.from(outbox)
			.where(undelivered)
			.orderBy(desc(outbox.createdAt), desc(outbox.id))
			.limit(UNDELIVERED_SHOWN)
			.all()
			.map((row) => emailItem(row, true)),
		undeliveredCount: undeliveredCount?.count ?? 0,
	}
}
