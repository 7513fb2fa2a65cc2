import { afterEach, describe, expect, it } from 'vitest'
import { calls } from '#db/schema.ts'
import { seedDemo } from '#db/seed.ts'
import type { Db } from '#db/client.ts'
import { loader as rootLoader } from '#app/root.tsx'
import { loader as homeLoader } from '#app/routes/_index.tsx'
import { action as languageAction } from '#app/routes/language.tsx'
import { insertUser } from '#tests/support/lifecycle.ts'
import { startSession } from '#app/auth/session.server.ts'
import { users } from '#db/schema.ts'
import { eq } from 'drizzle-orm'
import { freshDatabase, testContext } from '#tests/support/db.ts'

const now = new Date('2026-11-28T10:00:00Z')
const opened: Db[] = []
afterEach(() => {
	for (const db of opened.splice(0)) db.$client.close()
})

function request(path: string, headers: Record<string, string> = {}) {
	return new Request(`http://localhost${path}`, { headers })
}

describe('the landing page', () => {
	it('lists open calls only, with the deadline in the call’s time zone', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		seedDemo(db, now)
		const base = { timeZone: 'Asia/Tehran', visitWindowStart: '2027-05-01', visitWindowEnd: '2027-12-31', fundedVisits: 5 }
		db.insert(calls)
			.values([
				{ ...base, year: 2026, titleEn: 'Closed round', titleFa: 'دور بسته', opensAt: new Date('2026-01-01'), closesAt: new Date('2026-03-01'), letterDeadline: new Date('2026-03-15') },
				{ ...base, year: 2027, titleEn: 'Future round', titleFa: 'دور آینده', opensAt: new Date('2027-06-01'), closesAt: new Date('2027-08-01'), letterDeadline: new Date('2027-08-15') },
			])
			.run()

		const data = await homeLoader({ request: request('/'), context: testContext(db, now), params: {} })
		expect(data.calls.map((call) => call.title)).toEqual(['Visiting Professors 2027 — first round'])
		expect(data.calls[0]!.deadline.text).toMatch(/^\d+ \w+ 2027 at 23:59 \(Iran Standard Time\)$/)
		expect(data.calls[0]!.deadline.gregorian).toBeNull()
	})

	it('speaks Persian, with Solar Hijri dates and the Gregorian beside them, when the cookie says so', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		seedDemo(db, now)
		const data = await homeLoader({
			request: request('/', { Cookie: `lang=${encodeURIComponent(btoa(JSON.stringify('fa')))}` }),
			context: testContext(db, now),
			params: {},
		})
		expect(data.calls[0]!.title).toBe('استادان مدعو ۲۰۲۷ — دور نخست')
		expect(data.calls[0]!.deadline.text).toMatch(/۱۴۰۵/)
		expect(data.calls[0]!.deadline.gregorian).toMatch(/۲۰۲۷/)
	})
})

describe('choosing the language', () => {
	it('?lang=fa remembers Persian in a cookie and returns to the clean address', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		const thrown = await rootLoader({ request: request('/some/page?x=1&lang=fa'), context: testContext(db), params: {} }).catch(
			(response: unknown) => response,
		)
		expect(thrown).toBeInstanceOf(Response)
		const response = thrown as Response
		expect(response.status).toBe(302)
		expect(response.headers.get('Location')).toBe('/some/page?x=1')
		expect(response.headers.get('Set-Cookie')).toMatch(/^lang=.+; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax$/)
	})

	it('follows the browser’s Accept-Language when nothing was chosen, else English', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		const context = testContext(db)
		const persian = await rootLoader({ request: request('/', { 'Accept-Language': 'fa-IR,fa;q=0.9,en;q=0.5' }), context, params: {} })
		const german = await rootLoader({ request: request('/', { 'Accept-Language': 'de-DE,de;q=0.9' }), context, params: {} })
		expect(persian.data.locale).toBe('fa')
		expect(german.data.locale).toBe('en')
	})

	it.each(['//evil.example/', '/\\evil.example/', '//evil.example/x/'])('keeps the redirect on this site for %j', async (path) => {
		const { db } = freshDatabase()
		opened.push(db)
		// The URL as the Express adapter builds it from the raw request line (a backslash is read as a slash).
		const thrown = await rootLoader({ request: request(`${path}?lang=en`), context: testContext(db), params: {} }).catch(
			(response: unknown) => response,
		)
		const location = (thrown as Response).headers.get('Location')!
		expect(new URL(location, 'http://localhost/').origin).toBe('http://localhost')
	})

	it('a ?lang= link sets only the cookie; the switch’s POST saves a signed-in user’s email language', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		const context = testContext(db)
		const user = insertUser(db, { role: 'applicant', locale: 'en' })
		const session = (await startSession(new Request('http://localhost/'), context, user.id)).split(';')[0]!
		const localeOf = () => db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id)).get()!.locale

		const link = (await rootLoader({ request: request('/applications?lang=fa', { Cookie: session }), context, params: {} }).catch(
			(response: unknown) => response,
		)) as Response
		expect(link.headers.get('Set-Cookie')).toMatch(/^lang=/)
		expect(localeOf()).toBe('en')

		const post = (await languageAction({
			request: new Request('http://localhost/language', {
				method: 'POST',
				headers: { Cookie: session, 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ locale: 'fa', returnTo: '/applications?page=2' }).toString(),
			}),
			context,
			params: {},
		})) as Response
		expect(post.status).toBe(302)
		expect(post.headers.get('Location')).toBe('/applications?page=2')
		expect(post.headers.get('Set-Cookie')).toMatch(/^lang=/)
		expect(localeOf()).toBe('fa')
	})

	it('the switch returns only to a page of this site', async () => {
		const { db } = freshDatabase()
		opened.push(db)
		const post = (await languageAction({
			request: new Request('http://localhost/language', {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ locale: 'fa', returnTo: '/\t/evil.example' }).toString(),
			}),
			context: testContext(db),
			params: {},
		})) as Response
		expect(post.headers.get('Location')).toBe('/')
	})
})
