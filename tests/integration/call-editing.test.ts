import { and, asc, count, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callFormValues } from '#app/domain/call-editing.server.ts'
import { loader as homeLoader } from '#app/routes/_index.tsx'
import { loader as overviewLoader } from '#app/routes/applications.$id._index.tsx'
import { loader as applicantHomeLoader } from '#app/routes/applications._index.tsx'
import { action as editAction, loader as editLoader } from '#app/routes/office.calls.$id.edit.tsx'
import { action as newAction, loader as newLoader } from '#app/routes/office.calls.new.tsx'
import type { CallFormValues } from '#app/schemas/call.ts'
import { auditLog, callCriteria, calls, type User } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { days, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal
beforeEach(async () => {
	portal = await startPortal()
})
afterEach(async () => {
	await portal.stop()
})

const cookieOf = (user: User) => sessionCookie(portal, user.id)

async function office() {
	const user = insertUser(portal.db, { role: 'office', name: 'Parisa Office' })
	return { user, cookie: await cookieOf(user) }
}

/** A complete new call as the office would type it (the clock stands at 28 November 2026). */
const NEW_CALL: CallFormValues = {
	year: '2027',
	titleEn: 'Visiting Professors 2027 — second round',
	titleFa: 'استادان مدعو ۲۰۲۷ — دور دوم',
	descriptionEn: 'Open to researchers in every medical-science discipline.',
	descriptionFa: 'برای پژوهشگران همه رشته‌های علوم پزشکی.',
	timeZone: 'Asia/Tehran',
	opensDate: '2026-12-01',
	opensTime: '00:00',
	closesDate: '2027-02-15',
	closesTime: '23:59',
	letterDeadlineDate: '2027-03-01',
	letterDeadlineTime: '23:59',
	visitWindowStart: '2027-06-01',
	visitWindowEnd: '2028-02-29',
	minVisitDays: '7',
	maxVisitDays: '90',
	refereesRequired: '2',
	fundedVisits: '12',
}

const create = (cookie: string, fields: Partial<CallFormValues> = {}) =>
	call(newAction, formRequest('/office/calls/new', { ...NEW_CALL, ...fields }, { Cookie: cookie }), portal.context())

const callRow = (id: number) => portal.db.select().from(calls).where(eq(calls.id, id)).get()!
const callCount = () => portal.db.select({ n: count() }).from(calls).get()!.n
const audits = (action: 'call.created' | 'call.updated', callId?: number) =>
	portal.db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), callId === undefined ? undefined : eq(auditLog.entityId, String(callId))))
		.orderBy(asc(auditLog.id))
		.all()

/** The edit form as the page fills it in, with some fields changed. */
const edit = (cookie: string, callId: number, fields: Partial<CallFormValues> = {}) =>
	call(
		editAction,
		formRequest(`/office/calls/${callId}/edit`, { ...callFormValues(callRow(callId)), ...fields }, { Cookie: cookie }),
		portal.context(),
		{ id: String(callId) },
	)

const errorsOf = (result: unknown) => dataOf<{ errors: Record<string, string> }>(result).errors
const location = (result: unknown) => (result as Response).headers.get('Location')

describe('creating a call', () => {
	it('saves every field, in the call’s time zone, with the default rubric and an audit row', async () => {
		const { user, cookie } = await office()
		const result = await create(cookie)
		expect(statusOf(result)).toBe(302)
		const id = Number(/^\/office\/calls\/(\d+)\/edit\?created=1$/.exec(location(result) ?? '')?.[1])
		expect(callRow(id)).toMatchObject({
			year: 2027,
			titleEn: NEW_CALL.titleEn,
			titleFa: NEW_CALL.titleFa,
			descriptionEn: NEW_CALL.descriptionEn,
			descriptionFa: NEW_CALL.descriptionFa,
			timeZone: 'Asia/Tehran',
			// Tehran is at UTC+03:30 all year.
			opensAt: new Date('2026-11-30T20:30:00Z'),
			closesAt: new Date('2027-02-15T20:29:00Z'),
			letterDeadline: new Date('2027-03-01T20:29:00Z'),
			visitWindowStart: '2027-06-01',
			visitWindowEnd: '2028-02-29',
			minVisitDays: 7,
			maxVisitDays: 90,
			refereesRequired: 2,
			fundedVisits: 12,
			reviewersPerApplication: 2,
		})
		expect(portal.db.select().from(callCriteria).where(eq(callCriteria.callId, id)).orderBy(asc(callCriteria.position)).all().map((row) => [row.key, row.weight])).toEqual([
			['excellence', 30],
			['relevance', 25],
			['plan', 25],
			['impact', 20],
		])
		const [audit, ...others] = audits('call.created', id)
		expect(others).toEqual([])
		expect(audit).toMatchObject({ actorId: user.id, entity: 'call', at: portal.clock.now() })
		expect(audit!.data).toEqual({
			after: expect.objectContaining({ titleEn: NEW_CALL.titleEn, closesAt: '2027-02-15T20:29:00.000Z', fundedVisits: 12 }),
		})

		// The edit page shows it back as it was typed.
		const page = await call(editLoader, new Request(`http://portal.test/office/calls/${id}/edit`, { headers: { Cookie: cookie } }), portal.context(), { id: String(id) })
		expect(dataOf<{ values: CallFormValues }>(page).values).toEqual(NEW_CALL)
	})

	it('takes dates and times in the chosen time zone, and Persian digits anywhere', async () => {
		const { cookie } = await office()
		const result = await create(cookie, { timeZone: 'Europe/Berlin', year: '۲۰۲۷', closesDate: '۲۰۲۷-۰۲-۱۵', closesTime: '۲۳:۵۹', fundedVisits: '٨' })
		expect(statusOf(result)).toBe(302)
		const id = Number(/\/office\/calls\/(\d+)\//.exec(location(result) ?? '')?.[1])
		expect(callRow(id)).toMatchObject({ year: 2027, timeZone: 'Europe/Berlin', closesAt: new Date('2027-02-15T22:59:00Z'), fundedVisits: 8 })
	})

	it('offers sensible defaults: Tehran time, letters 14 days after the deadline, two referees', async () => {
		const { cookie } = await office()
		const page = await call(newLoader, new Request('http://portal.test/office/calls/new', { headers: { Cookie: cookie } }), portal.context())
		const values = dataOf<{ values: CallFormValues }>(page).values
		expect(values).toMatchObject({ timeZone: 'Asia/Tehran', opensDate: '2026-11-28', closesTime: '23:59', refereesRequired: '2', minVisitDays: '7', maxVisitDays: '90' })
		const closes = Date.parse(`${values.closesDate}T00:00:00Z`)
		expect(Date.parse(`${values.letterDeadlineDate}T00:00:00Z`) - closes).toBe(days(14))
		expect(values.visitWindowStart > values.closesDate).toBe(true)
	})

	it('refuses a second call with the same year and English title, naming the field', async () => {
		const { cookie } = await office()
		expect(statusOf(await create(cookie))).toBe(302)
		const result = await create(cookie, { titleFa: 'عنوانی دیگر' })
		expect(statusOf(result)).toBe(400)
		expect(errorsOf(result)).toEqual({ titleEn: 'office.callForm.errors.duplicateTitle' })
		expect(dataOf<{ values: Record<string, string> }>(result).values.titleFa).toBe('عنوانی دیگر')
		expect(callCount()).toBe(1)
		// Another year may reuse the title.
		expect(statusOf(await create(cookie, { year: '2028' }))).toBe(302)
	})

	it.each([
		[{ closesDate: '2026-11-30' }, 'closesDate', 'office.callForm.errors.closesBeforeOpens'],
		[{ letterDeadlineDate: '2027-02-15', letterDeadlineTime: '23:58' }, 'letterDeadlineDate', 'office.callForm.errors.lettersBeforeCloses'],
		[{ visitWindowEnd: '2027-05-31' }, 'visitWindowEnd', 'office.callForm.errors.windowEndBeforeStart'],
		[{ visitWindowEnd: '2027-06-05' }, 'visitWindowEnd', 'office.callForm.errors.windowShorterThanVisit'],
		[{ minVisitDays: '30', maxVisitDays: '20' }, 'maxVisitDays', 'office.callForm.errors.maxBelowMin'],
		[{ closesDate: '2026-11-20', opensDate: '2026-11-01' }, 'closesDate', 'office.callForm.errors.closesInPast'],
		[{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'office.callForm.errors.timeZone'],
		[{ opensDate: '2027-02-30' }, 'opensDate', 'office.callForm.errors.date'],
		[{ closesTime: '24:00' }, 'closesTime', 'office.callForm.errors.time'],
		[{ year: '1999' }, 'year', 'office.callForm.errors.year'],
		[{ maxVisitDays: '366' }, 'maxVisitDays', 'office.callForm.errors.visitDays'],
		[{ refereesRequired: '0' }, 'refereesRequired', 'office.callForm.errors.referees'],
		[{ fundedVisits: '' }, 'fundedVisits', 'office.callForm.errors.fundedVisits'],
		[{ titleFa: '   ' }, 'titleFa', 'office.callForm.errors.required'],
	] as const)('refuses %j with a 400 and the message on %s, saving nothing', async (fields, field, message) => {
		const { cookie } = await office()
		const result = await create(cookie, fields)
		expect(statusOf(result)).toBe(400)
		expect(errorsOf(result)).toEqual({ [field]: message })
		expect(callCount()).toBe(0)
		expect(audits('call.created')).toEqual([])
	})
})

describe('editing a call', () => {
	function setUp({ submitted = true } = {}) {
		const now = portal.clock.now()
		// Window 2027-04-01 to 2027-12-31, visits of 7 to 90 days, 2 referees, deadline in 30 days.
		const callId = insertCall(portal.db, { now })
		const applicant = insertUser(portal.db, { role: 'applicant' })
		// Its proposed visit runs from 2027-04-01 to 2027-04-14 (14 days).
		const application = placeApplication(portal.db, {
			callId,
			applicantId: applicant.id,
			now,
			...(submitted ? { status: 'submitted' as const, firstSubmittedAt: now } : {}),
		})
		return { callId, application }
	}

	it('saves a harmless change, with an audit row holding the changed fields before and after', async () => {
		const { user, cookie } = await office()
		const { callId } = setUp()
		const before = callRow(callId)
		const result = await edit(cookie, callId, { titleEn: 'Visiting Professors 2027 — renamed', closesDate: '2026-12-31', closesTime: '12:00', fundedVisits: '15' })
		expect(statusOf(result)).toBe(302)
		expect(location(result)).toBe(`/office/calls/${callId}/edit?saved=1`)
		const after = callRow(callId)
		expect(after).toMatchObject({ titleEn: 'Visiting Professors 2027 — renamed', closesAt: new Date('2026-12-31T08:30:00Z'), fundedVisits: 15, updatedAt: portal.clock.now() })
		expect(audits('call.updated', callId)).toEqual([
			expect.objectContaining({
				actorId: user.id,
				data: {
					before: { titleEn: before.titleEn, closesAt: before.closesAt.toISOString(), fundedVisits: before.fundedVisits },
					after: { titleEn: 'Visiting Professors 2027 — renamed', closesAt: '2026-12-31T08:30:00.000Z', fundedVisits: 15 },
				},
			}),
		])
	})

	it('writes nothing when nothing changed', async () => {
		const { cookie } = await office()
		const { callId } = setUp()
		expect(statusOf(await edit(cookie, callId))).toBe(302)
		expect(audits('call.updated', callId)).toEqual([])
	})

	it('refuses an English title another call of the year has', async () => {
		const { cookie } = await office()
		const { callId } = setUp()
		const other = callRow(insertCall(portal.db, { now: portal.clock.now() }))
		const result = await edit(cookie, callId, { titleEn: other.titleEn })
		expect(statusOf(result)).toBe(400)
		expect(errorsOf(result)).toEqual({ titleEn: 'office.callForm.errors.duplicateTitle' })
	})

	describe('once an application has been submitted', () => {
		it.each([
			['more referees', { refereesRequired: '3' }, 'refereesRequired', 'office.callForm.errors.refereesRaised'],
			['a window starting after a proposed visit starts', { visitWindowStart: '2027-04-02' }, 'visitWindowStart', 'office.callForm.errors.windowStartExcludes'],
			['a window ending before a proposed visit ends', { visitWindowEnd: '2027-04-13' }, 'visitWindowEnd', 'office.callForm.errors.windowEndExcludes'],
			['a minimum longer than a proposed visit', { minVisitDays: '15' }, 'minVisitDays', 'office.callForm.errors.minExcludes'],
			['a maximum shorter than a proposed visit', { maxVisitDays: '13' }, 'maxVisitDays', 'office.callForm.errors.maxExcludes'],
			['a deadline moved into the past', { closesDate: '2026-11-28', closesTime: '12:00' }, 'closesDate', 'office.callForm.errors.deadlineIntoPast'],
			[
				'a letter deadline moved into the past',
				{ opensDate: '2026-10-01', closesDate: '2026-11-01', letterDeadlineDate: '2026-11-27' },
				'letterDeadlineDate',
				'office.callForm.errors.deadlineIntoPast',
			],
			['an opening moved into the future', { opensDate: '2026-12-01' }, 'opensDate', 'office.callForm.errors.opensIntoFuture'],
			['another year', { year: '2028' }, 'year', 'office.callForm.errors.yearLocked'],
		] as const)('refuses %s, naming the rule, and saves nothing', async (_, fields, field, message) => {
			const { cookie } = await office()
			const { callId } = setUp()
			const before = callRow(callId)
			const result = await edit(cookie, callId, fields)
			expect(statusOf(result)).toBe(400)
			expect(errorsOf(result)[field]).toBe(message)
			expect(callRow(callId)).toEqual(before)
			expect(audits('call.updated', callId)).toEqual([])
		})

		it('says on the edit page what must be left room for', async () => {
			const { cookie } = await office()
			const { callId } = setUp()
			const page = await call(editLoader, new Request(`http://portal.test/office/calls/${callId}/edit`, { headers: { Cookie: cookie } }), portal.context(), { id: String(callId) })
			expect(dataOf(page)).toMatchObject({
				yearLocked: true,
				submitted: { referees: 2, visits: { start: '1 April 2027', end: '14 April 2027', min: 14, max: 14 } },
			})
		})

		it('lets the number of referees fall, and the window and lengths shrink around the proposed visits', async () => {
			const { cookie } = await office()
			const { callId } = setUp()
			const result = await edit(cookie, callId, { refereesRequired: '1', visitWindowEnd: '2027-04-14', minVisitDays: '14', maxVisitDays: '14' })
			expect(statusOf(result)).toBe(302)
			expect(callRow(callId)).toMatchObject({ refereesRequired: 1, visitWindowEnd: '2027-04-14', minVisitDays: 14, maxVisitDays: 14 })
		})

		it('lets a deadline that has passed stay where it is, and move it into the future', async () => {
			const { callId } = setUp()
			// The deadline (in 30 days) and the letter deadline (14 days later) pass; the office signs in afterwards.
			portal.clock.advance(days(45))
			const { cookie } = await office()
			expect(location(await edit(cookie, callId, { descriptionEn: 'Closed for applications.' }))).toBe(`/office/calls/${callId}/edit?saved=1`)
			expect(callRow(callId).descriptionEn).toBe('Closed for applications.')
			const reopened = await edit(cookie, callId, { closesDate: '2027-01-31', closesTime: '23:59', letterDeadlineDate: '2027-02-14', letterDeadlineTime: '23:59' })
			expect(location(reopened)).toBe(`/office/calls/${callId}/edit?saved=1`)
			expect(callRow(callId)).toMatchObject({ closesAt: new Date('2027-01-31T20:29:00Z'), letterDeadline: new Date('2027-02-14T20:29:00Z') })
		})

		it('ignores the visits of applications that have left the program', async () => {
			const { cookie } = await office()
			const { callId } = setUp({ submitted: false })
			const applicant = insertUser(portal.db, { role: 'applicant' })
			placeApplication(portal.db, { callId, applicantId: applicant.id, now: portal.clock.now(), status: 'withdrawn', firstSubmittedAt: portal.clock.now() })
			expect(statusOf(await edit(cookie, callId, { visitWindowStart: '2027-05-01' }))).toBe(302)
			// But it was submitted, so the referees it named still hold.
			expect(errorsOf(await edit(cookie, callId, { refereesRequired: '3' }))).toEqual({ refereesRequired: 'office.callForm.errors.refereesRaised' })
		})
	})

	it('lets a call with drafts only change its referees, window and deadlines freely, but not its year', async () => {
		const { cookie } = await office()
		const { callId } = setUp({ submitted: false })
		expect(statusOf(await edit(cookie, callId, { refereesRequired: '3', visitWindowStart: '2027-05-01', minVisitDays: '30' }))).toBe(302)
		expect(callRow(callId)).toMatchObject({ refereesRequired: 3, visitWindowStart: '2027-05-01', minVisitDays: 30 })
		expect(errorsOf(await edit(cookie, callId, { year: '2028' }))).toEqual({ year: 'office.callForm.errors.yearLocked' })
	})

	it('answers 404 for a call that does not exist', async () => {
		const { cookie } = await office()
		const request = new Request('http://portal.test/office/calls/999/edit', { headers: { Cookie: cookie } })
		expect(statusOf(await call(editLoader, request, portal.context(), { id: '999' }))).toBe(404)
		expect(statusOf(await call(editAction, formRequest('/office/calls/999/edit', NEW_CALL, { Cookie: cookie }), portal.context(), { id: '999' }))).toBe(404)
	})
})

describe('who may create and edit calls', () => {
	it('answers 404 to applicants and reviewers, and saves nothing', async () => {
		const callId = insertCall(portal.db, { now: portal.clock.now() })
		const before = callRow(callId)
		for (const role of ['applicant', 'reviewer'] as const) {
			const cookie = await cookieOf(insertUser(portal.db, { role }))
			const get = (path: string) => new Request(`http://portal.test${path}`, { headers: { Cookie: cookie } })
			expect(statusOf(await call(newLoader, get('/office/calls/new'), portal.context()))).toBe(404)
			expect(statusOf(await create(cookie))).toBe(404)
			expect(statusOf(await call(editLoader, get(`/office/calls/${callId}/edit`), portal.context(), { id: String(callId) }))).toBe(404)
			expect(statusOf(await edit(cookie, callId, { fundedVisits: '99' }))).toBe(404)
		}
		expect(callCount()).toBe(1)
		expect(callRow(callId)).toEqual(before)
	})

	it('sends someone signed out to sign in', async () => {
		const result = await call(newLoader, new Request('http://portal.test/office/calls/new'), portal.context())
		expect(statusOf(result)).toBe(302)
		expect(location(result)).toMatch(/^\/login\?/)
	})
})

describe('the countdown to the deadline', () => {
	it('is shown to applicants on the home page, their own home and a draft’s overview, in their language', async () => {
		const now = portal.clock.now()
		// The deadline is 30 days, 4 hours and 20 minutes away.
		const callId = insertCall(portal.db, { now, closesAt: new Date(now.getTime() + days(30) + 4 * 3_600_000 + 20 * 60_000) })
		const applicant = insertUser(portal.db, { role: 'applicant' })
		const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now })
		const cookie = await cookieOf(applicant)
		const get = (path: string, lang = 'en') => new Request(`http://portal.test${path}`, { headers: { Cookie: cookie, 'Accept-Language': lang } })

		const home = dataOf<{ calls: { countdown: string }[] }>(await call(homeLoader, get('/'), portal.context()))
		expect(home.calls.map((row) => row.countdown)).toEqual(['Closes in 30 days, 4 hours'])
		const mine = dataOf<{ calls: { countdown: string }[]; applications: { countdown: string }[] }>(await call(applicantHomeLoader, get('/applications'), portal.context()))
		expect(mine.calls[0]!.countdown).toBe('Closes in 30 days, 4 hours')
		expect(mine.applications[0]!.countdown).toBe('Closes in 30 days, 4 hours')
		const overview = (lang: string) => call(overviewLoader, get(`/applications/${application.id}`, lang), portal.context(), { id: String(application.id) })
		expect(dataOf<{ countdown: string }>(await overview('en')).countdown).toBe('Closes in 30 days, 4 hours')
		expect(dataOf<{ countdown: string }>(await overview('fa')).countdown).toBe('۳۰ روز و ۴ ساعت تا پایان مهلت')

		portal.clock.advance(days(30) + 2 * 3_600_000)
		const late = await cookieOf(applicant)
		const lastHours = await call(overviewLoader, new Request(`http://portal.test/applications/${application.id}`, { headers: { Cookie: late } }), portal.context(), { id: String(application.id) })
		expect(dataOf<{ countdown: string }>(lastHours).countdown).toBe('Closes in 2 hours, 20 minutes')
		portal.clock.advance(3 * 3_600_000)
		const closed = await call(overviewLoader, new Request(`http://portal.test/applications/${application.id}`, { headers: { Cookie: late } }), portal.context(), { id: String(application.id) })
		expect(dataOf<{ countdown: string }>(closed).countdown).toBe('Closed')
	})
})
