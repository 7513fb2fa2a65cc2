import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadConfig } from '#app/config.server.ts'
import { listOutbox, openOutboxEmail, outboxTemplates } from '#app/email/outbox-view.server.ts'
import { configureEmail, queueEmail } from '#app/email/queue.server.ts'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { outbox } from '#db/schema.ts'

const TOKEN = 'tok_9f8e7d6c5b4a'
const LINK = `https://vpp.example.ac.ir/verify-email?token=${TOKEN}`

describe('the outbox view model', () => {
	let db: Db
	const start = new Date('2026-11-28T10:00:00Z')

	beforeEach(() => {
		db = openDatabase(':memory:')
		migrateDatabase(db)
		configureEmail(loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: 'view-test-secret-0123456789abcdefghij' }))
		db.transaction((tx) => {
			for (let i = 1; i <= 7; i += 1) {
				queueEmail(tx, {
					to: `person${i}@example.org`,
					toName: `Person ${i}`,
					template: 'test',
					locale: i % 2 ? 'en' : 'fa',
					props: { name: `Person ${i}` },
					secrets: { link: LINK },
					dedupeKey: `view:${i}`,
					now: new Date(start.getTime() + i * 1000),
				})
			}
		})
		// The third email bounced.
		db.update(outbox)
			.set({ status: 'failed', attempts: 1, lastError: '550 No such user', lastErrorCode: 550 })
			.where(eq(outbox.id, 3))
			.run()
	})
	afterEach(() => db.$client.close())

	it('lists newest first, a page at a time, with counts', () => {
		const first = listOutbox(db, { pageSize: 3 })
		expect(first).toMatchObject({ total: 7, page: 1, pageSize: 3, pageCount: 3 })
		expect(first.items.map((item) => item.to)).toEqual(['person7@example.org', 'person6@example.org', 'person5@example.org'])
		expect(first.items[0]).toMatchObject({
			toName: 'Person 7',
			subject: 'Test message from the Visiting Professor Program',
			template: 'test',
			status: 'pending',
			attempts: 0,
			lastError: null,
		})
		expect(listOutbox(db, { pageSize: 3, page: 3 }).items.map((item) => item.to)).toEqual(['person1@example.org'])
		// A page past the end shows the last page.
		expect(listOutbox(db, { pageSize: 3, page: 99 }).page).toBe(3)
		expect(outboxTemplates(db)).toEqual(['test'])
	})

	it('filters by status and template', () => {
		expect(listOutbox(db, { status: 'failed' }).items).toMatchObject([
			{ to: 'person3@example.org', attempts: 1, lastError: '550 No such user', lastErrorCode: 550 },
		])
		expect(listOutbox(db, { status: 'pending', template: 'test' }).total).toBe(6)
		expect(listOutbox(db, { template: 'verify-email' }).total).toBe(0)
	})

	it('never shows a token link: HTML and text carry a placeholder instead', async () => {
		const id = listOutbox(db).items[0]!.id
		const email = await openOutboxEmail(db, id)
		expect(email).not.toBeNull()
		expect(email!.html).toContain('[link hidden]')
		expect(email!.text).toContain('[link hidden]')
		for (const shown of [email!.html, email!.text, email!.subject ?? '', JSON.stringify(listOutbox(db))]) {
			expect(shown).not.toContain(TOKEN)
			expect(shown).not.toContain('verify-email?token')
		}
	})

	it('shows a Persian email right to left', async () => {
		const persian = listOutbox(db).items.find((item) => item.locale === 'fa')!
		const email = await openOutboxEmail(db, persian.id)
		expect(email!.html).toMatch(/<html[^>]*dir="rtl"/)
		expect(email!.subject).toBe('پیام آزمایشی از برنامه استادان مدعو')
	})

	it('answers null for a row that does not exist', async () => {
		expect(await openOutboxEmail(db, 999)).toBeNull()
	})
})
