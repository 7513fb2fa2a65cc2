import { and, eq, inArray, lte, or, sql } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import { retryDelay } from '#app/email/retry.ts'
import type { Db, Tx } from '#db/client.ts'
import { scheduledJobs } from '#db/schema.ts'
import { leaseOwnerId, pollingLoop } from './polling-loop.server.ts'

/**
 * Jobs due at a time (reminders, purges), run by a loop in the same process as the email worker. `schedule` writes
 * a row in the caller's transaction; its key is unique, so scheduling again (after a restart, or from a retried
 * request) is a no-op. The loop claims due rows with a lease like the outbox does; a job marked done never runs
 * again. A process that dies mid-job leaves its lease to expire, and the job runs again: handlers must be safe to
 * repeat, which they are when they queue emails with dedupe keys.
 */

export type JobContext = {
	db: Db
	config: Config
	now: () => Date
	job: { key: string; runAt: Date; attempts: number }
}

/** Runs one job. Throw to have it tried again later (up to `maxAttempts`). */
export type JobHandler = (data: Record<string, unknown>, context: JobContext) => void | Promise<void>

export type JobRegistry = Readonly<Record<string, JobHandler>>

/**
 * Jobs that run again and again, e.g. a daily sweep, by their name in the registry: one row per period, keyed
 * `<job>:<period start>` (periods are counted from the epoch, so a day starts at 00:00 UTC). The first round of a
 * scheduler adds the current period's row unless one of the job's rows still waits; claiming a row adds the row of
 * the period after the claim's. Rows are unique by key, so restarts and several processes never run a period twice,
 * and after an outage the job runs once, not once per missed period. Handlers must be sweeps: safe to run again.
 */
export type RecurringJobs = Readonly<Record<string, { everyMs: number }>>

export type ScheduleInput = {
	/** Unique, e.g. `review-reminder:assignment:17:before-due`. */
	key: string
	runAt: Date
	/** A name in the registry (app/jobs/registry.server.ts). */
	job: string
	data?: Record<string, unknown>
	now?: Date
}

/** Schedules a job in the caller's transaction; returns false when a job with this key exists already. */
export function schedule(tx: Tx, input: ScheduleInput): boolean {
	if (!input.key || !input.job) throw new Error('schedule: a key and a job name are required')
	return (
		tx
			.insert(scheduledJobs)
			.values({
				key: input.key,
				job: input.job,
				data: input.data ?? {},
				runAt: input.runAt,
				createdAt: input.now ?? new Date(),
			})
			.onConflictDoNothing({ target: scheduledJobs.key })
			.run().changes > 0
	)
}

/** Schedules the row of a recurring job for the period that contains `at`; false when it exists already. */
export function scheduleRecurring(tx: Tx, { job, everyMs, at, now }: { job: string; everyMs: number; at: Date; now: Date }): boolean {
	const start = new Date(Math.floor(at.getTime() / everyMs) * everyMs)
	return schedule(tx, { key: `${job}:${start.toISOString()}`, runAt: start, job, now })
}

/** Cancels a job that has not started; returns whether there was one. */
export function cancelJob(tx: Tx, key: string): boolean {
	return (
		tx
			.update(scheduledJobs)
			.set({ status: 'cancelled' })
			.where(and(eq(scheduledJobs.key, key), eq(scheduledJobs.status, 'pending')))
			.run().changes > 0
	)
}

export type SchedulerOptions = {
	db: Db
	config: Config
	now?: () => Date
	jobs: JobRegistry
	/** Jobs of `jobs` that run every period (app/jobs/registry.server.ts's `recurringJobs`). */
	recurring?: RecurringJobs
	owner?: string
	leaseMs?: number
	pollMs?: number
	/** Tries before a throwing job is marked failed. */
	maxAttempts?: number
	/** First retry delay of a throwing job; doubles per attempt, capped at 10 minutes. */
	retryBaseMs?: number
}

export type SchedulerRound = { ran: number; retried: number; failed: number }

export type Scheduler = {
	owner: string
	/** Runs every job due now, one after another. */
	runDueOnce(): Promise<SchedulerRound>
	start(): void
	stop(): Promise<void>
}

export function createScheduler(options: SchedulerOptions): Scheduler {
	const { db, config, jobs } = options
	const now = options.now ?? (() => new Date())
	const owner = options.owner ?? leaseOwnerId('scheduler')
	const leaseMs = options.leaseMs ?? 5 * 60_000
	const maxAttempts = options.maxAttempts ?? 5
	const retryBaseMs = options.retryBaseMs ?? 60_000
	const recurring = options.recurring ?? {}
	for (const [name, { everyMs }] of Object.entries(recurring)) {
		if (!Object.hasOwn(jobs, name)) throw new Error(`Recurring job "${name}" has no handler in the registry`)
		if (!Number.isInteger(everyMs) || everyMs < 60_000) throw new Error(`Recurring job "${name}" must run at most once a minute`)
	}
	let recurringScheduled = false

	/** Starts each recurring job's chain unless a row of it waits already (then, after an outage, it runs once). */
	function scheduleCurrentPeriods() {
		const at = now()
		db.transaction(
			(tx) => {
				for (const [job, { everyMs }] of Object.entries(recurring)) {
					const waiting = tx
						.select({ id: scheduledJobs.id })
						.from(scheduledJobs)
						.where(and(eq(scheduledJobs.job, job), inArray(scheduledJobs.status, ['pending', 'running'])))
						.limit(1)
						.get()
					if (!waiting) scheduleRecurring(tx, { job, everyMs, at, now: at })
				}
			},
			{ behavior: 'immediate' },
		)
		recurringScheduled = true
	}

	function claimOne(dueBy: Date) {
		const at = now()
		return db.transaction(
			(tx) => {
				const due = tx
					.select({ id: scheduledJobs.id })
					.from(scheduledJobs)
					.where(
						or(
							and(eq(scheduledJobs.status, 'pending'), lte(scheduledJobs.runAt, dueBy)),
							and(eq(scheduledJobs.status, 'running'), lte(scheduledJobs.leaseExpiresAt, dueBy)),
						),
					)
					.orderBy(scheduledJobs.runAt, scheduledJobs.id)
					.limit(1)
				const job = tx
					.update(scheduledJobs)
					.set({
						status: 'running',
						leaseOwner: owner,
						leaseExpiresAt: new Date(at.getTime() + leaseMs),
						attempts: sql`${scheduledJobs.attempts} + 1`,
					})
					.where(inArray(scheduledJobs.id, due))
					.returning()
					.get()
				// The next period's row goes in with the claim, so a run that throws or fails for good breaks no chain.
				const every = job && Object.hasOwn(recurring, job.job) ? recurring[job.job]!.everyMs : null
				if (job && every) scheduleRecurring(tx, { job: job.job, everyMs: every, at: new Date(at.getTime() + every), now: at })
				return job
			},
			{ behavior: 'immediate' },
		)
	}

	function settle(id: number, changes: Partial<typeof scheduledJobs.$inferInsert>) {
		db.update(scheduledJobs)
			.set({ ...changes, leaseOwner: null, leaseExpiresAt: null })
			.where(and(eq(scheduledJobs.id, id), eq(scheduledJobs.leaseOwner, owner)))
			.run()
	}

	let stopping = false

	async function runDueOnce(): Promise<SchedulerRound> {
		const dueBy = now()
		const round: SchedulerRound = { ran: 0, retried: 0, failed: 0 }
		if (!recurringScheduled) scheduleCurrentPeriods()
		while (!stopping) {
			const job = claimOne(dueBy)
			if (!job) break
			const handler = Object.hasOwn(jobs, job.job) ? jobs[job.job] : undefined
			if (!handler) {
				settle(job.id, { status: 'failed', lastError: `No handler registered for job "${job.job}"`, finishedAt: now() })
				round.failed += 1
				continue
			}
			try {
				await handler(job.data, { db, config, now, job: { key: job.key, runAt: job.runAt, attempts: job.attempts } })
				settle(job.id, { status: 'done', finishedAt: now() })
				round.ran += 1
			} catch (error) {
				const lastError = error instanceof Error ? error.message : String(error)
				if (job.attempts >= maxAttempts) {
					settle(job.id, { status: 'failed', lastError, finishedAt: now() })
					round.failed += 1
				} else {
					const runAt = new Date(now().getTime() + retryDelay(job.attempts, retryBaseMs))
					settle(job.id, { status: 'pending', lastError, runAt })
					round.retried += 1
				}
			}
		}
		return round
	}

	const loop = pollingLoop('Scheduler', runDueOnce, options.pollMs ?? 5000)
	return {
		owner,
		runDueOnce,
		start() {
			stopping = false
			loop.start()
		},
		async stop() {
			stopping = true
			await loop.stop()
		},
	}
}

export function startScheduler(options: SchedulerOptions): Scheduler {
	const scheduler = createScheduler(options)
	scheduler.start()
	return scheduler
}
