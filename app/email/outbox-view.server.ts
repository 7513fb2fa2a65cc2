import { and, count, desc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { outbox, type EmailStatus, type Outbox } from '#db/schema.ts'
import { renderEmail, viewableAttachmentNames, viewableSubject } from './render.server.ts'
import { propsForViewing } from './secrets.server.ts'

/**
 * What the office's Outbox page and `npm run mail:list` show. Secrets are never decrypted here: a token link
 * appears as its placeholder (`[link hidden]`) in the subject, the HTML and the text.
 */

export type OutboxFilter = {
	status?: EmailStatus
	template?: string
	/** 1-based. */
	page?: number
	pageSize?: number
}

export type OutboxListItem = {
	id: number
	to: string
	toName: string | null
	subject: string | null
	template: string
	locale: 'en' | 'fa'
	status: EmailStatus
	kind: 'standard' | 'decision'
	applicationId: number | null
	attempts: number
	lastError: string | null
	lastErrorCode: number | null
	createdAt: Date
	notBefore: Date
	sentAt: Date | null
	updatedAt: Date
}

export type OutboxPage = {
	items: OutboxListItem[]
	/** Rows matching the filter, over all pages. */
	total: number
	page: number
	pageSize: number
	pageCount: number
}

export type OutboxEmailView = OutboxListItem & {
	messageId: string | null
	html: string
	text: string
	/** File names of the attachments the worker builds at send time (the files themselves are not built to show them). */
	attachments: string[]
}

export const MAX_PAGE_SIZE = 200

function listItem(row: Outbox): OutboxListItem {
	return {
		id: row.id,
		to: row.toAddress,
		toName: row.toName,
		subject: row.subject ?? viewableSubject(row.template, row.locale, row.props),
		template: row.template,
		locale: row.locale,
		status: row.status,
		kind: row.kind,
		applicationId: row.applicationId,
		attempts: row.attempts,
		lastError: row.lastError,
		lastErrorCode: row.lastErrorCode,
		createdAt: row.createdAt,
		notBefore: row.notBefore,
		sentAt: row.sentAt,
		updatedAt: row.updatedAt,
	}
}

/** Newest first, filtered by status and template, one page at a time. */
export function listOutbox(db: Db, filter: OutboxFilter = {}): OutboxPage {
	const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 50)))
	const conditions: SQL[] = []
	if (filter.status) conditions.push(eq(outbox.status, filter.status))
	if (filter.template) conditions.push(eq(outbox.template, filter.template))
	const where = conditions.length ? and(...conditions) : undefined
	const total = db.select({ n: count() }).from(outbox).where(where).get()?.n ?? 0
	const pageCount = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(pageCount, Math.max(1, Math.floor(filter.page ?? 1)))
	const rows = db
		.select()
		.from(outbox)
		.where(where)
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
	return { items: rows.map(listItem), total, page, pageSize, pageCount }
}

/** The templates that appear in the outbox, for a filter's choices. */
export function outboxTemplates(db: Db): string[] {
	return db
		.selectDistinct({ template: outbox.template })
		.from(outbox)
		.orderBy(outbox.template)
		.all()
		.map((row) => row.template)
}

/** One email as its recipient sees it, with every secret replaced by a placeholder; null when there is no such row. */
export async function openOutboxEmail(db: Db, id: number): Promise<OutboxEmailView | null> {
	const row = db.select().from(outbox).where(eq(outbox.id, id)).get()
	return row ? viewOutboxRow(row) : null
}

/** The rendering behind openOutboxEmail, for a row already read. */
export async function viewOutboxRow(row: Outbox): Promise<OutboxEmailView> {
	const item = listItem(row)
	const attachments = viewableAttachmentNames(row.template, row.locale, row.props)
	try {
		const rendered = await renderEmail(row.template, row.locale, propsForViewing(row.props))
		return { ...item, subject: rendered.subject, messageId: row.messageId, html: rendered.html, text: rendered.text, attachments }
	} catch (error) {
		// A row whose template was removed or whose props no longer fit still shows its facts.
		const note = `This email cannot be shown: ${(error as Error).message}`
		return { ...item, messageId: row.messageId, html: '', text: note, attachments }
	}
}
