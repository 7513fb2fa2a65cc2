import { and, eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import { activeReferees, createLetterRequests, hostEndorsementOf } from '#app/domain/letters.server.ts'
import {
	changeStatus,
	changeStatusInTransaction,
	type ChangeStatusInput,
} from '#app/domain/lifecycle/change-status.server.ts'
import { TRANSITIONS } from '#app/domain/lifecycle/transitions.ts'
import {
	applications,
	calls,
	outbox,
	reviewAssignments,
	users,
	type Application,
	type ApplicationStatus,
	type User,
} from '#db/schema.ts'
import { startPortal, type Portal } from '#tests/support/app.ts'
import {
	actorOf,
	assignReviewerRow,
	days,
	insertCall,
	EXPECTED_TOLD,
	insertUser,
	placeApplication,
	readyFor,
} from '#tests/support/lifecycle.ts'

let portal: Portal | null = null
afterEach(async () => {
	await portal?.stop()
	portal = null
})

const MINUTE = 60_000

/** The people of one application: its applicant, two assigned reviewers (one released) and the office. */
function cast(portal: Portal) {
	const { db } = portal
	const now = portal.clock.now()
	return {
		now,
		callId: insertCall(db, { now }),
		applicant: insertUser(db, { role: 'applicant', locale: 'fa', name: 'مریم رحیمی' }),
		reviewer: insertUser(db, { role: 'reviewer' }),
		releasedReviewer: insertUser(db, { role: 'reviewer' }),
		office: insertUser(db, { role: 'office' }),
	}
}

/** Runs `from -> to` on a fresh application and delivers what it queued; answers who received what. */
async function runChange(
	portal: Portal,
	people: ReturnType<typeof cast> & { officeUsers: User[] },
	from: ApplicationStatus,
	to: ApplicationStatus,
) {
	const { db, clock, config, sink } = portal
	const now = clock.now()
	const applicant = insertUser(db, { role: 'applicant' })
	const application = placeApplication(db, {
		callId: people.callId,
		applicantId: applicant.id,
		now,
		...readyFor(from, to, now),
	})
	assignReviewerRow(db, application.id, people.reviewer.id, now)
	assignReviewerRow(db, application.id, people.releasedReviewer.id, now)
	db.update(reviewAssignments)
		.set({ status: 'released' })
		.where(
			and(
				eq(reviewAssignments.applicationId, application.id),
				eq(reviewAssignments.reviewerId, people.releasedReviewer.id),
			),
		)
		.run()
	const row = TRANSITIONS.find((transition) => transition.from.includes(from) && transition.to.includes(to))!
	const actor = row.roles.includes('applicant') ? applicant : people.office
	const before = sink.received.length
	const call = db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	// As the submit page does: the first submission creates the referees and the host in the same transaction; an
	// application placed after it has them already.
	db.transaction(
		(tx) => {
			createLetterRequests(tx, { application, call, now })
			if (from !== 'draft') return
			changeStatusInTransaction(tx, {
				applicationId: application.id,
				to,
				actor: actorOf(actor),
				expectedVersion: application.version,
				now,
				settings: config,
			})
		},
		{ behavior: 'immediate' },
	)
	if (from !== 'draft') {
		changeStatus(db, {
			applicationId: application.id,
			to,
			actor: actorOf(actor),
			expectedVersion: application.version,
			note: 'Because',
			replyBy: new Date(now.getTime() + days(7)),
			confirmBy: new Date(now.getTime() + days(14)),
			now,
			settings: config,
		})
	}
	const queued = db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all()
	// Decision emails wait out the grace period.
	clock.advance(6 * MINUTE)
	await portal.deliver()
	const received = await sink.waitForMessages(before + queued.length)
	return { applicant, application, queued, received: received.slice(before) }
}

describe('every allowed status change', () => {
	it('queues exactly the recipients DOMAIN.md lists, and the worker delivers each email once', async () => {
		// OFFICE_EMAIL unset: "the office" is every active office user.
		portal = await startPortal()
		const people = cast(portal)
		const secondOffice = insertUser(portal.db, { role: 'office', locale: 'fa' })
		const disabledOffice = insertUser(portal.db, { role: 'office' })
		portal.db.update(users).set({ disabledAt: people.now }).where(eq(users.id, disabledOffice.id)).run()
		const officeUsers = [people.office, secondOffice]
		const office = officeUsers.map((user) => user.email)

		// Referees and the host: the people the application's steps name (rows made at the first submission).
		const addresses = (kinds: string[], applicant: User, application: Application) =>
			kinds.flatMap((kind) => {
				if (kind === 'applicant') return [applicant.email]
				if (kind === 'office') return office
				if (kind === 'referee') return activeReferees(portal!.db, application.id).map((referee) => referee.email)
				if (kind === 'host') return [hostEndorsementOf(portal!.db, application.id)!.email]
				return kind === 'reviewer' ? [people.reviewer.email] : []
			})
		const pairs = TRANSITIONS.flatMap((row) => row.from.flatMap((from) => row.to.map((to) => [from, to] as const)))
		expect(pairs.map(([from, to]) => `${from}>${to}`).sort()).toEqual(Object.keys(EXPECTED_TOLD).sort())

		let emails = 0
		for (const [from, to] of pairs) {
			const { applicant, application, queued, received } = await runChange(portal, { ...people, officeUsers }, from, to)
			const want = addresses(EXPECTED_TOLD[`${from}>${to}`]!, applicant, application).sort()
			expect(queued.map((email) => email.toAddress).sort(), `${from} -> ${to} queued`).toEqual(want)
			expect(received.flatMap((mail) => mail.envelopeTo).sort(), `${from} -> ${to} delivered`).toEqual(want)
			const kind = ['approved', 'waitlisted', 'rejected'].includes(to) ? 'decision' : 'standard'
			expect(queued.every((email) => email.kind === kind)).toBe(true)
			for (const mail of received) {
				expect(mail.subject).toContain(application.reference)
				expect(mail.text).toContain(application.reference)
				// Only the first submission's emails to referees and the host carry a private link, and never in clear
				// in the outbox.
				const to = mail.envelopeTo[0]!
				const privateLink = /\/letters\/(referee|host)\?token=[\w-]+/.exec(mail.text ?? '')
				const isLetterPerson = to.startsWith('referee') || to.startsWith('host-')
				expect(Boolean(privateLink), `${from} -> ${to}: private link`).toBe(isLetterPerson && from === 'draft')
				if (privateLink) expect(JSON.stringify(queued)).not.toContain(privateLink[0].split('token=')[1])
			}
			emails += queued.length
		}
		const all = portal.db.select().from(outbox).all()
		expect(all.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true)
		expect(portal.sink.received).toHaveLength(emails)
		console.log(`Lifecycle emails: ${pairs.length} allowed changes, ${emails} emails queued and delivered once each.`)
	})

	it('tells the office’s mailbox once when OFFICE_EMAIL is set, in English, with the office’s link', async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'Office@Portal.test' })
		const people = cast(portal)
		const { received } = await runChange(portal, { ...people, officeUsers: [] }, 'draft', 'submitted')
		const toOffice = received.filter((mail) => mail.envelopeTo.some((to) => to.toLowerCase() === 'office@portal.test'))
		expect(toOffice).toHaveLength(1)
		expect(toOffice[0]!.text).toContain('Dear colleagues,')
		expect(toOffice[0]!.text).toMatch(/http:\/\/portal\.test\/office\/applications\/\d+/)
	})
})

describe('a decision corrected within the grace period', () => {
	it('sends only the newer decision', async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, config, sink } = portal
		const people = cast(portal)
		let application = placeApplication(db, {
			callId: people.callId,
			applicantId: people.applicant.id,
			now: clock.now(),
			status: 'under_review',
		})
		const decide = (to: ApplicationStatus, extra: Partial<ChangeStatusInput> = {}) =>
			(application = changeStatus(db, {
				applicationId: application.id,
				to,
				actor: actorOf(people.office),
				expectedVersion: application.version,
				note: `Decided: ${to}`,
				now: clock.now(),
				settings: config,
				...extra,
			}).application)

		decide('approved', { confirmBy: new Date(clock.now().getTime() + days(14)) })
		clock.advance(2 * MINUTE)
		await portal.deliver()
		expect(sink.received).toHaveLength(0)
		decide('waitlisted')
		clock.advance(6 * MINUTE)
		await portal.deliver()
		await sink.waitForMessages(1)
		await new Promise((resolve) => setTimeout(resolve, 100))

		expect(sink.received.map((mail) => [mail.envelopeTo[0], mail.subject])).toEqual([
			[people.applicant.email, `تصمیم درباره درخواست ${application.reference} شما: فهرست انتظار`],
		])
		const rows = db.select().from(outbox).where(eq(outbox.applicationId, application.id)).all()
		expect(rows.map((row) => [row.template, row.status]).sort()).toEqual(
			[
				['status-approved-applicant', 'cancelled'],
				['status-approved-office', 'cancelled'],
				['status-waitlisted-applicant', 'sent'],
			].sort(),
		)

		// After the grace period a decision is out, and a later one no longer cancels it.
		decide('approved', { confirmBy: new Date(clock.now().getTime() + days(14)) })
		clock.advance(6 * MINUTE)
		await portal.deliver()
		await sink.waitForMessages(3)
		decide('rejected')
		const approvalRows = db
			.select()
			.from(outbox)
			.where(and(eq(outbox.applicationId, application.id), eq(outbox.template, 'status-approved-applicant')))
			.all()
		expect(approvalRows.map((row) => row.status).sort()).toEqual(['cancelled', 'sent'])
	})
})

describe('a resubmission', () => {
	it('returns to the status the change request came from', async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, config } = portal
		const people = cast(portal)
		for (const origin of ['submitted', 'under_review'] as const) {
			const applicant = insertUser(db, { role: 'applicant' })
			let application: Application = placeApplication(db, {
				callId: people.callId,
				applicantId: applicant.id,
				now: clock.now(),
				status: origin,
				firstSubmittedAt: clock.now(),
			})
			const move = (to: ApplicationStatus, actor: User, extra: Partial<ChangeStatusInput> = {}) =>
				(application = changeStatus(db, {
					applicationId: application.id,
					to,
					actor: actorOf(actor),
					expectedVersion: application.version,
					now: clock.now(),
					settings: config,
					...extra,
				}).application)

			move('changes_requested', people.office, {
				note: 'Add a plan',
				replyBy: new Date(clock.now().getTime() + days(7)),
			})
			expect(application).toMatchObject({ status: 'changes_requested', returnsTo: origin })
			const elsewhere = origin === 'submitted' ? 'under_review' : 'submitted'
			expect(() => move(elsewhere, applicant)).toThrow(/must_return_to_origin/)
			clock.advance(days(1))
			move(application.returnsTo!, applicant)
			expect(application).toMatchObject({ status: origin, returnsTo: null, submittedAt: clock.now() })
		}
	})
})

describe('references', () => {
	it('count per call year from VPP-<year>-0001, in the creating transaction, once per applicant and call', async () => {
		portal = await startPortal()
		const { db, clock } = portal
		const now = clock.now()
		const call2027 = insertCall(db, { year: 2027, now })
		const another2027 = insertCall(db, { year: 2027, now })
		const call2028 = insertCall(db, { year: 2028, now })
		const create = (callId: number) =>
			createApplication(db, { callId, applicantId: insertUser(db, { role: 'applicant' }).id, now })

		const references = [create(call2027), create(call2027), create(call2028), create(another2027)].map(
			({ application }) => application.reference,
		)
		expect(references).toEqual(['VPP-2027-0001', 'VPP-2027-0002', 'VPP-2028-0001', 'VPP-2027-0003'])

		const { application } = create(call2027)
		const again = createApplication(db, { callId: call2027, applicantId: application.applicantId, now })
		expect(again).toEqual({ application, created: false })
		expect(create(call2027).application.reference).toBe('VPP-2027-0005')
		expect(db.select().from(applications).where(eq(applications.callId, call2027)).all()).toHaveLength(4)
	})
})
