import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newVerificationCode } from '#app/documents/invitation-letter.server.ts'
import { loader as verifyLoader } from '#app/routes/verify.$code.tsx'
import { loader as verifyFormLoader } from '#app/routes/verify._index.tsx'
import { applications, visits, type ApplicationStatus } from '#db/schema.ts'
import { call, dataOf, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

const PASSPORT_NUMBER = 'X98765432'
let letters = 0

/** A confirmed visit with its letter issued, and what a stranger must never learn from /verify. */
function issuedLetter({ status = 'visit_confirmed' }: { status?: ApplicationStatus } = {}) {
	const now = portal.clock.now()
	const callId = insertCall(portal.db, { now })
	letters += 1
	const applicant = insertUser(portal.db, { role: 'applicant', name: 'Account Name', email: `visitor${letters}@example.org` })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now, status })
	const code = newVerificationCode()
	portal.db
		.insert(visits)
		.values({
			applicationId: application.id,
			startDate: '2027-04-15',
			endDate: '2027-04-28',
			confirmedAt: now,
			passportName: 'Łukasz Şahin Nguyễn',
			passportNumber: PASSPORT_NUMBER,
			nationality: 'PL',
			dateOfBirth: '1975-02-03',
			needs: 'Step-free access to the lecture hall',
			verificationCode: code,
			letterIssuedAt: now,
			updatedAt: now,
		})
		.run()
	return { application, applicant, code }
}

const check = (code: string, { ip, headers }: { ip?: string; headers?: Record<string, string> } = {}) =>
	call(
		verifyLoader,
		new Request(`http://portal.test/verify/${encodeURIComponent(code)}`, { headers }),
		portal.context(ip ? { clientIp: ip } : {}),
		{ code },
	)

describe('/verify/:code', () => {
	it('confirms a genuine letter with its reference, the name and the dates, and nothing else', async () => {
		const { application, applicant, code } = issuedLetter()
		const result = await check(code)
		expect(statusOf(result)).toBe(200)
		const body = dataOf(result)
		expect(body).toEqual({
			state: 'valid',
			reference: application.reference,
			visitorName: 'Łukasz Şahin Nguyễn',
			start: { text: '15 April 2027', gregorian: null },
			end: { text: '28 April 2027', gregorian: null },
		})
		const html = JSON.stringify(body)
		for (const secret of [PASSPORT_NUMBER, applicant.email, '1975-02-03', 'Step-free', 'Account Name', 'PL']) {
			expect(html).not.toContain(secret)
		}
		expect((result as { init: ResponseInit }).init.headers).toMatchObject({ 'Cache-Control': 'no-store' })
	})

	it('names the visitor as the letter does: from the personal step until the passport name is given', async () => {
		const { code } = issuedLetter()
		portal.db.update(visits).set({ passportName: null }).where(eq(visits.verificationCode, code)).run()
		expect(dataOf(await check(code))).toMatchObject({ visitorName: 'Maryam Tehrani' })
	})

	it('accepts the code as people type it', async () => {
		const { code } = issuedLetter()
		expect(statusOf(await check(code.toLowerCase().replace(/-/g, ' ')))).toBe(200)
	})

	it('gives the dates in the Solar Hijri calendar with the Gregorian beside them, in Persian', async () => {
		const { code } = issuedLetter()
		const body = dataOf<{ start: { text: string; gregorian: string } }>(await check(code, { headers: { 'Accept-Language': 'fa' } }))
		expect(body.start.text).toContain('۱۴۰۶')
		expect(body.start.gregorian).toContain('۲۰۲۷')
	})

	it('says the same 404 and nothing more for an unknown code, a malformed one and a letter never issued', async () => {
		const { code } = issuedLetter()
		const notIssued = issuedLetter()
		portal.db.update(visits).set({ letterIssuedAt: null }).where(eq(visits.verificationCode, notIssued.code)).run()
		let unknown = newVerificationCode()
		while (unknown === code) unknown = newVerificationCode()
		for (const attempt of [unknown, 'not-a-code', '', '<script>alert(1)</script>', `${code}0`, notIssued.code]) {
			const result = await check(attempt)
			expect(statusOf(result), attempt).toBe(404)
			expect(dataOf(result)).toEqual({ state: 'unknown' })
		}
	})

	it('reports a cancelled visit’s letter as no longer valid, without its details', async () => {
		const { application, code } = issuedLetter()
		portal.db.update(applications).set({ status: 'cancelled' }).where(eq(applications.id, application.id)).run()
		const result = await check(code)
		expect(statusOf(result)).toBe(410)
		expect(dataOf(result)).toEqual({ state: 'revoked' })
	})

	it('still confirms the letter once the visit is completed', async () => {
		const { code } = issuedLetter({ status: 'completed' })
		expect(statusOf(await check(code))).toBe(200)
	})

	it('answers the 31st check from one address within 10 minutes with a 429, known code or not', async () => {
		const { code } = issuedLetter()
		for (let i = 1; i <= 30; i += 1) expect(statusOf(await check(i % 2 ? code : newVerificationCode()))).not.toBe(429)
		const limited = await check(code)
		expect(statusOf(limited)).toBe(429)
		expect(dataOf(limited)).toEqual({ retryAfterSeconds: expect.any(Number) })
		// Another address is not held back, and the first may check again after the window.
		expect(statusOf(await check(code, { ip: '198.51.100.20' }))).toBe(200)
		portal.clock.advance(10 * 60_000)
		expect(statusOf(await check(code))).toBe(200)
	})
})

describe('/verify', () => {
	const form = (query: string) => call(verifyFormLoader, new Request(`http://portal.test/verify${query}`), portal.context())

	it('shows the empty form', async () => {
		expect(dataOf(await form(''))).toEqual({ error: null, value: '' })
	})

	it('sends a well-formed code on to its page, in the canonical form, without looking it up', async () => {
		const result = await form('?code=k7qx+9m2p+4trd')
		expect(statusOf(result)).toBe(302)
		expect((result as Response).headers.get('Location')).toBe('/verify/K7QX-9M2P-4TRD')
	})

	it('asks for a code, or for one in the printed form', async () => {
		const empty = await form('?code=+')
		expect(statusOf(empty)).toBe(400)
		expect(dataOf(empty)).toEqual({ error: 'verify.errors.required', value: '' })
		const malformed = await form('?code=ABC')
		expect(statusOf(malformed)).toBe(400)
		expect(dataOf(malformed)).toEqual({ error: 'verify.errors.format', value: 'ABC' })
	})
})
