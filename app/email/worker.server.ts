import { and, eq, inArray, lte, or, sql } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import { leaseOwnerId, pollingLoop } from '#app/jobs/polling-loop.server.ts'
import type { Db } from '#db/client.ts'
import { outbox, type Outbox } from '#db/schema.ts'
import { messageIdFor } from './message-id.ts'
import { renderAttachments, renderEmail, viewableSubject } from './render.server.ts'
import { classifySendError, nextAttemptAt } from './retry.ts'
import { deriveEmailKey, propsForSending } from './secrets.server.ts'
import { createMailer, type Mailer } from './transport.server.ts'

/**
 * The outbox worker. A round claims the due rows with a lease (one short IMMEDIATE transaction: an UPDATE …
 * RETURNING, so two processes never claim the same row), then renders and sends them outside any transaction and
 * records each result. A row whose lease expired (its worker crashed mid-send) is due again; the resend carries the
 * same Message-ID. See docs/decisions/003-email-outbox.md.
 */

export type EmailWorkerOptions = {
	db: Db
	config: Config
	now?: () => Date
	/** Lease owner id; unique per process by default. */
	owner?: string
	/** Defaults to SMTP_URL or the .eml folder (transport.server.ts). */
	mailer?: Mailer
	/** Rows claimed (and sent concurrently) per batch; their results are recorded in one commit. */
	batchSize?: number
	/** How long a claim holds; longer than the slowest send (the SMTP timeouts add up to about 75 s). */
	leaseMs?: number
	/** Pause between rounds of the polling loop. */
	pollMs?: number
	/** How long a template's attachments may take to build before the email fails; well inside the lease. */
	attachmentTimeoutMs?: number
}

export type DrainResult = { claimed: number; sent: number; retried: number; failed: number }

export type EmailWorker = {
	owner: string
	/** Where mail goes (no password), for the start-up log. */
	mailTarget: string
	/** Sends every row due now (and reclaims expired leases); rows that fail wait for their next attempt. */
	drainOnce(): Promise<DrainResult>
	start(): void
	/** Stops the loop, waits for sends in progress, closes the transport it made. */
	stop(): Promise<void>
	wake(): void
}

export const DEFAULT_LEASE_MS = 2 * 60_000
/** With the SMTP timeouts (about 75 s) this keeps a whole delivery inside the 2-minute lease. */
export const DEFAULT_ATTACHMENT_TIMEOUT_MS = 30_000

export function createEmailWorker(options: EmailWorkerOptions): EmailWorker {
	const { db, config } = options
	const now = options.now ?? (() => new Date())
	const owner = options.owner ?? leaseOwnerId('email')
	const mailer = options.mailer ?? createMailer(config.email)
	const ownsMailer = !options.mailer
	const batchSize = options.batchSize ?? 10
	const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS
	const attachmentTimeoutMs = options.attachmentTimeoutMs ?? DEFAULT_ATTACHMENT_TIMEOUT_MS
	const key = deriveEmailKey(config.sessionSecret)

	function claim(dueBy: Date): Outbox[] {
		const at = now()
		return db.transaction(
			(tx) => {
				const due = tx
					.select({ id: outbox.id })
					.from(outbox)
					.where(
						or(
							and(eq(outbox.status, 'pending'), lte(outbox.notBefore, dueBy)),
							and(eq(outbox.status, 'sending'), lte(outbox.leaseExpiresAt, dueBy)),
						),
					)
					.orderBy(outbox.notBefore, outbox.id)
					.limit(batchSize)
				return tx
					.update(outbox)
					.set({
						status: 'sending',
						leaseOwner: owner,
						leaseExpiresAt: new Date(at.getTime() + leaseMs),
						attempts: sql`${outbox.attempts} + 1`,
						updatedAt: at,
					})
					.where(inArray(outbox.id, due))
					.returning()
					.all()
			},
			{ behavior: 'immediate' },
		)
	}

	/** What a delivery leaves to record: its outcome, and the row's update (written with the batch's others). */
	type Delivery = { outcome: 'sent' | 'retried' | 'failed'; record: () => void }

	/** Updates a row this worker still holds; a row whose lease passed to another worker is left to it. */
	function settle(row: Outbox, changes: Partial<typeof outbox.$inferInsert>) {
		return () => {
			db.update(outbox)
				.set({ ...changes, leaseOwner: null, leaseExpiresAt: null, updatedAt: now() })
				.where(and(eq(outbox.id, row.id), eq(outbox.leaseOwner, owner), eq(outbox.status, 'sending')))
				.run()
		}
	}

	function fail(row: Outbox, lastError: string): Delivery {
		return { outcome: 'failed', record: settle(row, { status: 'failed', lastError: lastError.slice(0, 1000), lastErrorCode: null }) }
	}

	async function deliver(row: Outbox): Promise<Delivery> {
		let props, rendered, attachments
		try {
			props = propsForSending(row.props, key, row.dedupeKey)
			rendered = await renderEmail(row.template, row.locale, props)
		} catch (error) {
			return fail(row, `Cannot render: ${errorText(error)}`)
		}
		try {
			// Built at every attempt from the props (the row holds no files), so a resend builds them again.
			attachments = await withTimeout(renderAttachments(row.template, row.locale, props), attachmentTimeoutMs)
		} catch (error) {
			return fail(row, `Cannot build attachments: ${errorText(error)}`)
		}
		const messageId = messageIdFor(row, config.publicUrl)
		try {
			await mailer.send({
				from: config.email.from,
				to: { address: row.toAddress, name: row.toName },
				subject: rendered.subject,
				html: rendered.html,
				text: rendered.text,
				attachments,
				messageId,
			})
		} catch (error) {
			const failure = classifySendError(error)
			const next = failure.permanent
				? null
				: nextAttemptAt({ attempts: row.attempts, createdAt: row.createdAt, now: now(), baseMs: config.email.retryBaseMs })
			const lastError = failure.permanent || next ? failure.message : `Gave up after 24 hours: ${failure.message}`
			return {
				outcome: next ? 'retried' : 'failed',
				record: settle(
					row,
					next
						? { status: 'pending', notBefore: next, lastError, lastErrorCode: failure.code }
						: { status: 'failed', lastError, lastErrorCode: failure.code },
				),
			}
		}
		const sentAt = now()
		// The server has the message, so it is sent even if this worker's lease has meanwhile passed to another.
		return {
			outcome: 'sent',
			record: () => {
				db.update(outbox)
					.set({
						status: 'sent',
						messageId,
						sentAt,
						subject: viewableSubject(row.template, row.locale, row.props) ?? row.subject,
						leaseOwner: null,
						leaseExpiresAt: null,
						updatedAt: now(),
					})
					.where(eq(outbox.id, row.id))
					.run()
			},
		}
	}

	let stopping = false

	async function drainOnce(): Promise<DrainResult> {
		// Rows that fail get a later not_before, so measuring "due" once keeps a round from spinning on them.
		const dueBy = now()
		const result: DrainResult = { claimed: 0, sent: 0, retried: 0, failed: 0 }
		while (!stopping) {
			const rows = claim(dueBy)
			if (rows.length === 0) break
			result.claimed += rows.length
			const deliveries = await Promise.all(rows.map(deliver))
			// One commit for the batch's results: with synchronous = FULL a commit per email cost an fsync each, which
			// held the event loop (and so every request) for milliseconds per email (docs/performance.md). A crash
			// before this commit resends the batch's sent emails once, with the same Message-IDs, as a crash between a
			// send and its mark always could.
			db.transaction(() => {
				for (const delivery of deliveries) delivery.record()
			})
			for (const { outcome } of deliveries) result[outcome] += 1
		}
		return result
	}

	const loop = pollingLoop('Email worker', drainOnce, options.pollMs ?? 1000)
	return {
		owner,
		mailTarget: mailer.description,
		drainOnce,
		start: () => {
			stopping = false
			loop.start()
		},
		async stop() {
			stopping = true
			await loop.stop()
			if (ownsMailer) mailer.close()
		},
		wake: loop.wake,
	}
}

function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}

/** Rejects when the work takes longer than `ms`; a builder that never settles must not hold the round forever. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
	let timer: NodeJS.Timeout | undefined
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new Error(`took longer than ${ms / 1000} s`)), ms)
	})
	return Promise.race([work, timeout]).finally(() => clearTimeout(timer))
}

/** Starts the polling loop in this process (main.ts, after the HTTP server listens). */
export function startEmailWorker(options: EmailWorkerOptions): EmailWorker {
	const worker = createEmailWorker(options)
	worker.start()
	return worker
}

/** One round without a loop, for tests and tools: sends what is due, then closes the transport it made. */
export async function runWorkerOnce(options: EmailWorkerOptions): Promise<DrainResult> {
	const worker = createEmailWorker(options)
	try {
		return await worker.drainOnce()
	} finally {
		await worker.stop()
	}
}
