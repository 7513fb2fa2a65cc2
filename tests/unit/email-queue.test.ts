import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureEmail, dedupeKey, queueEmail, type QueueEmailInput } from '#app/email/queue.server.ts'
import { deriveEmailKey, openSecrets, propsForSending, sealSecrets } from '#app/email/secrets.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { outbox } from '#db/schema.ts'

describe('dedupeKey', () => {
	it('joins the cause, the template and the recipient', () => {
		expect(dedupeKey('status-change', 42, 'approved', 'maryam@example.org')).toBe(
			'status-change:42:approved:maryam@example.org',
		)
	})

	it('compares addresses without case or surrounding spaces', () => {
		expect(dedupeKey('event', 1, ' Maryam@Example.ORG ')).toBe(dedupeKey('event', 1, 'maryam@example.org'))
	})

	it('keeps other parts as they are', () => {
		expect(dedupeKey('Event', 'ABC')).toBe('Event:ABC')
	})

	it('escapes the separator, so different parts never make the same key', () => {
		expect(dedupeKey('a:b', 'c')).not.toBe(dedupeKey('a', 'b:c'))
		expect(dedupeKey('a%3Ab')).not.toBe(dedupeKey('a:b'))
	})

	it('refuses empty parts', () => {
		expect(() => dedupeKey()).toThrow('at least one part')
		expect(() => dedupeKey('event', ' ')).toThrow('a part is empty')
	})
})

describe('sealed secrets', () => {
	const key = deriveEmailKey('a-session-secret-of-at-least-32-chars')

	it('derive the same key from the same secret, and another from another', () => {
		expect(deriveEmailKey('a-session-secret-of-at-least-32-chars').equals(key)).toBe(true)
		expect(deriveEmailKey('another-session-secret-of-32-chars!').equals(key)).toBe(false)
		expect(key).toHaveLength(32)
	})

	it('open with the key and the row they were sealed for, and with nothing else', () => {
		const sealed = sealSecrets(key, { link: 'https://x.test/reset?token=abc' }, 'row-key')
		expect(sealed.names).toEqual(['link'])
		expect(sealed.sealed).not.toContain('abc')
		expect(openSecrets(key, sealed, 'row-key')).toEqual({ link: 'https://x.test/reset?token=abc' })
		expect(() => openSecrets(key, sealed, 'another-row')).toThrow('Cannot decrypt')
		expect(() => openSecrets(deriveEmailKey('x'.repeat(32)), sealed, 'row-key')).toThrow('SESSION_SECRET')
	})

	it('seal the same value differently each time (random IV)', () => {
		const once = sealSecrets(key, { link: 'same' }, 'k').sealed
		expect(sealSecrets(key, { link: 'same' }, 'k').sealed).not.toBe(once)
	})
})

describe('queueEmail', () => {
	let db: Db
	const now = new Date('2026-11-28T10:00:00Z')
	const config = loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: 'unit-test-secret-0123456789abcdefghij', DECISION_GRACE: '5m' })
	const input = (extra: Partial<QueueEmailInput> = {}): QueueEmailInput => ({
		to: 'Maryam@example.org',
		template: 'test',
		locale: 'en',
		props: { name: 'Maryam' },
		dedupeKey: 'event:1:test:maryam@example.org',
		now,
		...extra,
	})
	const queue = (extra: Partial<QueueEmailInput> = {}) => db.transaction((tx) => queueEmail(tx, input(extra)))

	beforeEach(() => {
		db = openDatabase(':memory:')
		migrateDatabase(db)
		configureEmail(config)
	})
	afterEach(() => db.$client.close())

	it('is a no-op for a dedupe key already queued', () => {
		expect(queue()).toBe(true)
		expect(queue({ props: { name: 'Someone else' } })).toBe(false)
		const rows = db.select().from(outbox).all()
		expect(rows).toHaveLength(1)
		expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, notBefore: now, props: { name: 'Maryam' } })
	})

	it('stores secrets encrypted, readable with the key derived from SESSION_SECRET', () => {
		queue({ secrets: { link: 'https://x.test/verify?token=T0KEN' } })
		const row = db.select().from(outbox).get()!
		expect(JSON.stringify(row.props)).not.toContain('T0KEN')
		expect(propsForSending(row.props, deriveEmailKey(config.sessionSecret), row.dedupeKey)).toEqual({
			name: 'Maryam',
			link: 'https://x.test/verify?token=T0KEN',
		})
	})

	it('holds decision emails for DECISION_GRACE', () => {
		queue({ kind: 'decision', applicationId: 3 })
		expect(db.select().from(outbox).get()).toMatchObject({
			kind: 'decision',
			applicationId: 3,
			notBefore: new Date(now.getTime() + 5 * 60_000),
		})
	})

	it('sees the settings configured through another copy of the module (the server entry and the Remix build are separate bundles)', async () => {
		vi.resetModules()
		const otherCopy = await import('#app/email/queue.server.ts')
		expect(otherCopy.queueEmail).not.toBe(queueEmail)
		db.transaction((tx) => otherCopy.queueEmail(tx, input({ kind: 'decision', secrets: { link: 'https://x.test/?token=1' } })))
		expect(db.select().from(outbox).get()!.notBefore).toEqual(new Date(now.getTime() + 5 * 60_000))
	})

	it('refuses programming errors, which rolls the caller back', () => {
		expect(() => queue({ to: 'not-an-address' })).toThrow('is not an email address')
		expect(() => queue({ template: 'nope' as 'test' })).toThrow('no template named "nope"')
		expect(() => queue({ props: { $secrets: 'x' } })).toThrow('props may not be named $secrets')
		expect(() => queue({ props: { link: 'a' }, secrets: { link: 'b' } })).toThrow('props may not be named link')
		expect(db.select().from(outbox).all()).toHaveLength(0)
	})
})
