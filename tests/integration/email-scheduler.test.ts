import { afterEach, describe, expect, it } from 'vitest'
import { createScheduler, schedule, cancelJob, type JobRegistry } from '#app/jobs/scheduler.server.ts'
import { openDatabase, type Db } from '#db/client.ts'
import { scheduledJobs } from '#db/schema.ts'
import { freshDatabase } from '#tests/support/db.ts'
import { emailConfig, manualClock } from '#tests/support/email.ts'

const opened: Db[] = []
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close()
})

function setup() {
	const { db, file } = freshDatabase()
	opened.push(db)
	const config = emailConfig(file)
	const clock = manualClock()
	const runs: Array<{ data: Record<string, unknown>; at: Date; attempts: number }> = []
	const jobs: JobRegistry = {
		remind: (data, context) => {
			runs.push({ data, at: context.now(), attempts: context.job.attempts })
		},
	}
	/** A scheduler as a (re)started process makes it: its own connection to the file and its own lease owner. */
	const scheduler = (registry: JobRegistry = jobs) => {
		const connection = openDatabase(file)
		opened.push(connection)
		return createScheduler({ db: connection, config, now: clock.now, jobs: registry })
	}
	const rows = () => db.select().from(scheduledJobs).orderBy(scheduledJobs.id).all()
	return { db, clock, runs, scheduler, rows }
}

describe('the scheduler', () => {
	it('runs a job once, at its time and not before, across a restart', async () => {
		const { db, clock, runs, scheduler, rows } = setup()
		const runAt = new Date(clock.now().getTime() + 60 * 60_000)
		const add = () =>
			db.transaction((tx) => schedule(tx, { key: 'remind:assignment:1', runAt, job: 'remind', data: { assignmentId: 1 }, now: clock.now() }))
		expect(add()).toBe(true)

		const first = scheduler()
		expect(await first.runDueOnce()).toEqual({ ran: 0, retried: 0, failed: 0 })
		clock.advance(60 * 60_000 - 1)
		expect(await first.runDueOnce()).toEqual({ ran: 0, retried: 0, failed: 0 })
		expect(runs).toHaveLength(0)

		clock.advance(1)
		expect(await first.runDueOnce()).toEqual({ ran: 1, retried: 0, failed: 0 })
		expect(runs).toEqual([{ data: { assignmentId: 1 }, at: runAt, attempts: 1 }])

		// The process restarts; the code that scheduled the job runs again. Nothing runs twice.
		const second = scheduler()
		expect(add()).toBe(false)
		clock.advance(24 * 60 * 60_000)
		expect(await second.runDueOnce()).toEqual({ ran: 0, retried: 0, failed: 0 })
		expect(runs).toHaveLength(1)
		expect(rows()).toMatchObject([{ status: 'done', attempts: 1, leaseOwner: null }])
	})

	it('runs a job whose process died mid-run once its lease expires', async () => {
		const { db, clock, runs, scheduler, rows } = setup()
		db.transaction((tx) => schedule(tx, { key: 'purge', runAt: clock.now(), job: 'remind' }))
		// The first process claims the job and dies inside the handler.
		const dying = scheduler({ remind: () => new Promise(() => {}) })
		void dying.runDueOnce()
		await new Promise((resolve) => setTimeout(resolve, 20))
		expect(rows()[0]).toMatchObject({ status: 'running', attempts: 1 })

		const restarted = scheduler()
		expect(await restarted.runDueOnce()).toMatchObject({ ran: 0 })
		clock.advance(5 * 60_000)
		expect(await restarted.runDueOnce()).toMatchObject({ ran: 1 })
		expect(runs).toHaveLength(1)
		expect(rows()[0]).toMatchObject({ status: 'done', attempts: 2 })
	})

	it('retries a job that throws, then marks it failed; fails a job nobody handles; skips a cancelled job', async () => {
		const { db, clock, scheduler, rows } = setup()
		db.transaction((tx) => {
			schedule(tx, { key: 'flaky', runAt: clock.now(), job: 'flaky' })
			schedule(tx, { key: 'unknown', runAt: clock.now(), job: 'no-such-job' })
			schedule(tx, { key: 'cancelled', runAt: clock.now(), job: 'flaky' })
			expect(cancelJob(tx, 'cancelled')).toBe(true)
		})
		const runner = scheduler({
			flaky: () => {
				throw new Error('the database of reminders is away')
			},
		})
		expect(await runner.runDueOnce()).toEqual({ ran: 0, retried: 1, failed: 1 })
		for (let attempt = 2; attempt <= 5; attempt += 1) {
			clock.set(rows()[0]!.runAt)
			await runner.runDueOnce()
		}
		expect(rows().map((row) => [row.key, row.status, row.attempts])).toEqual([
			['flaky', 'failed', 5],
			['unknown', 'failed', 1],
			['cancelled', 'cancelled', 0],
		])
		expect(rows()[0]!.lastError).toBe('the database of reminders is away')
		expect(rows()[1]!.lastError).toBe('No handler registered for job "no-such-job"')
	})
})
