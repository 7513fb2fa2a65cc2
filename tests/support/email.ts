import path from 'node:path'
import { loadConfig, type Config } from '#app/config.server.ts'
import { configureEmail, dedupeKey, queueEmail, type QueueEmailInput } from '#app/email/queue.server.ts'
import { createEmailWorker, type EmailWorkerOptions } from '#app/email/worker.server.ts'
import type { Db } from '#db/client.ts'
import { outbox } from '#db/schema.ts'
import { freshDatabase } from './db.ts'
import { TMP_DIR } from './paths.ts'
import { SmtpSink } from './smtp.ts'

export const TEST_SESSION_SECRET = 'email-tests-session-secret-0123456789'

/** A clock a test moves by hand. */
export function manualClock(start = new Date('2026-11-28T10:00:00Z')) {
	let now = start
	return {
		now: () => now,
		advance(ms: number) {
			now = new Date(now.getTime() + ms)
		},
		set(at: Date) {
			now = at
		},
	}
}

export function emailConfig(databasePath: string, env: Record<string, string> = {}): Config {
	return loadConfig({
		NODE_ENV: 'test',
		PUBLIC_URL: 'http://portal.test',
		DATABASE_PATH: databasePath,
		UPLOAD_DIR: path.join(TMP_DIR, 'uploads'),
		MAIL_DIR: path.join(TMP_DIR, 'mail'),
		SESSION_SECRET: TEST_SESSION_SECRET,
		...env,
	})
}

let sequence = 0

/**
 * A database file of the test's own, a real SMTP sink, the settings pointing at both, and helpers to queue an
 * email and run the worker with a hand-moved clock.
 */
export async function emailHarness(env: Record<string, string> = {}) {
	const { db, file } = freshDatabase()
	const sink = await SmtpSink.start()
	const config = emailConfig(file, { SMTP_URL: sink.url, ...env })
	configureEmail(config)
	const clock = manualClock()

	function queue(input: Partial<QueueEmailInput> = {}): boolean {
		sequence += 1
		const to = input.to ?? `person${sequence}@example.org`
		return db.transaction((tx) =>
			queueEmail(tx, {
				to,
				template: 'test',
				locale: 'en',
				props: { name: `Person ${sequence}` },
				dedupeKey: dedupeKey('test', sequence, 'test', to),
				now: clock.now(),
				...input,
			}),
		)
	}

	const worker = (options: Partial<EmailWorkerOptions> = {}) =>
		createEmailWorker({ db, config, now: clock.now, pollMs: 20, ...options })

	return {
		db,
		file,
		config,
		sink,
		clock,
		queue,
		worker,
		/** One round of a fresh worker at the clock's time. */
		drain: (options: Partial<EmailWorkerOptions> = {}) => {
			const once = worker(options)
			return once.drainOnce().finally(() => once.stop())
		},
		rows: () => db.select().from(outbox).orderBy(outbox.id).all(),
		async stop() {
			await sink.stop()
			db.$client.close()
		},
	}
}

export type EmailHarness = Awaited<ReturnType<typeof emailHarness>>
export type { Db }
