import { afterEach, describe, expect, it } from 'vitest'
import { checkToken, consumeToken, hashToken, issueToken } from '#app/auth/tokens.server.ts'
import type { Db } from '#db/client.ts'
import { tokens, users } from '#db/schema.ts'
import { freshDatabase } from '#tests/support/db.ts'

const opened: Db[] = []
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close()
})

const t0 = new Date('2026-11-28T10:00:00Z')
const later = (ms: number) => new Date(t0.getTime() + ms)
const HOUR = 3_600_000

function setup() {
	const { db } = freshDatabase()
	opened.push(db)
	const user = db
		.insert(users)
		.values({ email: 'a@example.org', name: 'A', role: 'applicant', createdAt: t0, updatedAt: t0 })
		.returning()
		.get()
	return { db, userId: user.id }
}

describe('one-time tokens', () => {
	it('are stored only as hashes', () => {
		const { db, userId } = setup()
		const token = db.transaction((tx) => issueToken(tx, { userId, purpose: 'verify', now: t0 }))
		const [row] = db.select().from(tokens).all()
		expect(row?.hash).toBe(hashToken(token))
		expect(JSON.stringify(row)).not.toContain(token)
	})

	it('work once', () => {
		const { db, userId } = setup()
		const token = db.transaction((tx) => issueToken(tx, { userId, purpose: 'reset', now: t0 }))
		expect(db.transaction((tx) => consumeToken(tx, { token, purpose: 'reset', now: later(1000) }))).toEqual({ ok: true, userId })
		expect(db.transaction((tx) => consumeToken(tx, { token, purpose: 'reset', now: later(2000) }))).toEqual({ ok: false, reason: 'used' })
	})

	it.each([
		['verify', 24 * HOUR],
		['reset', 1 * HOUR],
		['invite', 7 * 24 * HOUR],
	] as const)('%s links expire after %i ms', (purpose, lifetime) => {
		const { db, userId } = setup()
		const token = db.transaction((tx) => issueToken(tx, { userId, purpose, now: t0 }))
		expect(db.transaction((tx) => checkToken(tx, { token, purpose, now: later(lifetime - 1) })).ok).toBe(true)
		expect(db.transaction((tx) => consumeToken(tx, { token, purpose, now: later(lifetime) }))).toEqual({ ok: false, reason: 'expired' })
	})

	it('serve only their own purpose, and a newer link replaces an older one', () => {
		const { db, userId } = setup()
		const first = db.transaction((tx) => issueToken(tx, { userId, purpose: 'verify', now: t0 }))
		expect(db.transaction((tx) => checkToken(tx, { token: first, purpose: 'reset', now: t0 }))).toEqual({ ok: false, reason: 'invalid' })
		const second = db.transaction((tx) => issueToken(tx, { userId, purpose: 'verify', now: later(1000) }))
		expect(db.transaction((tx) => checkToken(tx, { token: first, purpose: 'verify', now: later(2000) })).ok).toBe(false)
		expect(db.transaction((tx) => checkToken(tx, { token: second, purpose: 'verify', now: later(2000) })).ok).toBe(true)
		expect(db.transaction((tx) => checkToken(tx, { token: 'made-up', purpose: 'verify', now: t0 }))).toEqual({ ok: false, reason: 'invalid' })
	})
})
