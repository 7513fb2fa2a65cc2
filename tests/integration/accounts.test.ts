import { count, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inviteStaff, setUserDisabled } from '#app/auth/accounts.server.ts'
import { endSession, getUser } from '#app/auth/session.server.ts'
import { action as forgotAction } from '#app/routes/forgot-password.tsx'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as registerAction } from '#app/routes/register.tsx'
import { action as verifyAction } from '#app/routes/verify-email.tsx'
import { loader as usersLoader } from '#app/routes/office.users.tsx'
import { auditLog, outbox, users } from '#db/schema.ts'
import { call, cookieFrom, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { insertUser } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

const PASSWORD = 'lantern orchard violet 42'

async function register(email: string, name = 'Dr Maryam Tehrani') {
	return call(registerAction, formRequest('/register', { name, email, password: PASSWORD }), portal.context())
}

function linkFrom(text: string, pathname: string) {
	const match = text.match(new RegExp(`http://portal\\.test${pathname}\\?token=([\\w-]+)`))
	if (!match) throw new Error(`no ${pathname} link in: ${text}`)
	return { url: match[0], token: match[1]! }
}

describe('registration', () => {
	it('queues and delivers a verification email whose link verifies the address and signs in', async () => {
		const response = await register('Maryam@Example.org')
		expect(statusOf(response)).toBe(302)
		expect((response as Response).headers.get('Location')).toBe('/check-email?sent=register')

		await portal.deliver()
		const [mail] = await portal.sink.waitForMessages(1)
		expect(mail!.envelopeTo).toEqual(['maryam@example.org'])
		expect(mail!.subject).toMatch(/confirm/i)
		expect(mail!.html).toContain('Dr Maryam Tehrani')
		const { token } = linkFrom(mail!.text ?? '', '/verify-email')

		// The token exists nowhere in clear: not in the outbox, not in the token table.
		const stored = JSON.stringify(portal.db.select().from(outbox).all())
		expect(stored).not.toContain(token)

		const verified = await call(verifyAction, formRequest('/verify-email', { token }), portal.context())
		expect(statusOf(verified)).toBe(302)
		const cookie = cookieFrom(verified)
		const user = await getUser(new Request('http://portal.test/', { headers: { Cookie: cookie } }), portal.context())
		expect(user?.email).toBe('maryam@example.org')
		expect(user?.verifiedAt).not.toBeNull()
	})

	it('answers a registration with a registered email exactly like a new one, and tells the owner instead', async () => {
		await register('owner@example.org', 'The Owner')
		await portal.deliver()
		await portal.sink.waitForMessages(1)

		const again = (await register('owner@example.org', 'Someone Else')) as Response
		const fresh = (await register('new-person@example.org')) as Response
		expect(again.status).toBe(fresh.status)
		expect(again.headers.get('Location')).toBe(fresh.headers.get('Location'))
		expect(again.headers.get('Set-Cookie')).toBe(fresh.headers.get('Set-Cookie'))

		await portal.deliver()
		const mails = await portal.sink.waitForMessages(3)
		const toOwner = mails.filter((mail) => mail.envelopeTo.includes('owner@example.org'))
		expect(toOwner.map((mail) => mail.subject)).toEqual([expect.stringMatching(/confirm/i), expect.stringMatching(/already have an account/i)])
		expect(toOwner[1]!.text).toContain('The Owner')
		expect(portal.db.select({ n: count() }).from(users).where(eq(users.email, 'owner@example.org')).get()?.n).toBe(1)
	})

	it('refuses a common password with a message next to the field, keeping what was typed', async () => {
		const result = await call(
			registerAction,
			formRequest('/register', { name: 'A Person', email: 'a@example.org', password: '1q2w3e4r5t' }),
			portal.context(),
		)
		expect(statusOf(result)).toBe(400)
		expect(result).toMatchObject({ data: { errors: { password: 'errors.password.common' }, values: { email: 'a@example.org' } } })
	})
})

describe('password reset', () => {
	it('answers an unknown email the same way and sends nothing', async () => {
		await register('known@example.org')
		await portal.deliver()
		await portal.sink.waitForMessages(1)

		const unknown = (await call(forgotAction, formRequest('/forgot-password', { email: 'nobody@example.org' }), portal.context())) as Response
		const known = (await call(forgotAction, formRequest('/forgot-password', { email: 'known@example.org' }), portal.context())) as Response
		expect(unknown.status).toBe(known.status)
		expect(unknown.headers.get('Location')).toBe(known.headers.get('Location'))

		await portal.deliver()
		const mails = await portal.sink.waitForMessages(2)
		expect(mails.flatMap((mail) => mail.envelopeTo)).toEqual(['known@example.org', 'known@example.org'])
		expect(mails[1]!.subject).toMatch(/password/i)
	})
})

describe('sign-in', () => {
	it('gives the 11th attempt from one address within a minute a 429, and lets it through a minute later', async () => {
		const attempt = (i: number) =>
			call(loginAction, formRequest('/login', { email: `someone${i}@example.org`, password: 'wrong password' }), portal.context())
		for (let i = 1; i <= 10; i += 1) expect(statusOf(await attempt(i))).toBe(400)
		expect(statusOf(await attempt(11))).toBe(429)
		portal.clock.advance(60_000)
		expect(statusOf(await attempt(12))).toBe(400)
	})

	it('limits attempts on one account to 5 a minute, from any address', async () => {
		const attempt = (ip: string) =>
			call(loginAction, formRequest('/login', { email: 'target@example.org', password: 'guess' }), portal.context({ clientIp: ip }))
		for (let i = 1; i <= 5; i += 1) expect(statusOf(await attempt(`198.51.100.${i}`))).toBe(400)
		expect(statusOf(await attempt('198.51.100.99'))).toBe(429)
	})

	it('records failed and successful sign-ins in the audit log', async () => {
		await register('audited@example.org')
		await call(loginAction, formRequest('/login', { email: 'audited@example.org', password: 'not the password' }), portal.context())
		const ok = await call(loginAction, formRequest('/login', { email: 'audited@example.org', password: PASSWORD }), portal.context())
		expect(statusOf(ok)).toBe(302)
		const actions = portal.db.select({ action: auditLog.action }).from(auditLog).all().map((row) => row.action)
		expect(actions).toEqual(expect.arrayContaining(['user.registered', 'auth.sign_in_failed', 'auth.signed_in']))
	})
})

describe('the session of a request', () => {
	it('is looked up once however many loaders ask, and forgotten when it ends', async () => {
		const user = insertUser(portal.db, { role: 'applicant' })
		const request = new Request('http://portal.test/applications', { headers: { Cookie: await sessionCookie(portal, user.id) } })
		const first = await getUser(request, portal.context())
		expect(first?.id).toBe(user.id)
		// The root loader and the page's loader get the same Request: the second asks no database.
		expect(await getUser(request, portal.context())).toBe(first)
		await endSession(request, portal.context())
		expect(await getUser(request, portal.context())).toBeNull()
	})
})

describe('disabling a user', () => {
	it('ends their session at once', async () => {
		await register('soon-disabled@example.org')
		const signedIn = await call(loginAction, formRequest('/login', { email: 'soon-disabled@example.org', password: PASSWORD }), portal.context())
		const cookie = cookieFrom(signedIn)
		const asUser = () => getUser(new Request('http://portal.test/', { headers: { Cookie: cookie } }), portal.context())
		expect(await asUser()).not.toBeNull()

		const office = inviteStaff(portal.context(), null, { role: 'office', name: 'Office', email: 'office@example.edu', locale: 'en' })
		if (!office.ok) throw new Error('invite failed')
		const target = portal.db.select().from(users).where(eq(users.email, 'soon-disabled@example.org')).get()!
		expect(setUserDisabled(portal.context(), { id: office.userId }, target.id, true)).toBe(true)
		expect(await asUser()).toBeNull()
	})
})

describe('office pages', () => {
	it('answer 404 to an applicant', async () => {
		await register('curious@example.org')
		const signedIn = await call(loginAction, formRequest('/login', { email: 'curious@example.org', password: PASSWORD }), portal.context())
		const result = await call(
			usersLoader,
			new Request('http://portal.test/office/users', { headers: { Cookie: cookieFrom(signedIn) } }),
			portal.context(),
		)
		expect(statusOf(result)).toBe(404)
	})
})
