import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { rateLimits } from '#db/schema.ts'

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * Counts one attempt against `key` in a fixed window and says whether it is allowed. The counters live in
 * SQLite, so a limit holds across processes and restarts. A limit of 0 means no limit.
 */
export function hitRateLimit(
	db: Db,
	{ key, limit, windowMs, now }: { key: string; limit: number; windowMs: number; now: Date },
): RateLimitResult {
	if (limit <= 0) return { allowed: true }
	const at = now.getTime()
	return db.transaction(
		(tx) => {
			const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get()
			if (!row || row.windowStart + windowMs <= at) {
				tx.insert(rateLimits)
					.values({ key, windowStart: at, count: 1 })
					.onConflictDoUpdate({ target: rateLimits.key, set: { windowStart: at, count: 1 } })
					.run()
				return { allowed: true }
			}
			tx.update(rateLimits)
				.set({ count: row.count + 1 })
				.where(eq(rateLimits.key, key))
				.run()
			if (row.count + 1 <= limit) return { allowed: true }
			return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((row.windowStart + windowMs - at) / 1000)) }
		},
		{ behavior: 'immediate' },
	)
}
