import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { ConflictError } from '#app/domain/lifecycle/errors.ts'
import { applications, outbox, statusChanges } from '#db/schema.ts'
import { sessionCookie, startPortal, type Portal } from '#tests/support/app.ts'
import { bundleScript, startTestChild, type TestChild } from '#tests/support/child-process.ts'
import { scaled } from '#tests/support/faults.ts'
import { actorOf, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * Races as users make them (part of the fault battery, run larger by `npm run faults`): 50 submits of one draft (double clicks, several tabs) and, at the same time, 50
 * decisions on one application (several office staff at once), each through the route's action on a database
 * connection of its own, from separate processes. Exactly one wins each race; every other attempt gets the answer the
 * route gives a stale page. In `npm test` five processes send ten attempts of each race; `npm run faults` uses fifty
 * processes of one each.
 */

const ATTEMPTS = 50
const PROCESSES = scaled(5, 50)

type Answer = { route: 'submit' | 'decide'; status: number; location: string | null; body: string }

let portal: Portal | null = null
const children: Array<TestChild<Answer[]>> = []
afterEach(async () => {
	for (const { child } of children.splice(0)) child.kill()
	await portal?.stop()
	portal = null
})

describe('races', () => {
	it(`${ATTEMPTS} submits of one draft and ${ATTEMPTS} decisions on one application at once: one of each wins, the others are told`, { timeout: 120_000 }, async () => {
		portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
		const { db, clock, sink, config } = portal
		const now = clock.now()
		const callId = insertCall(db, { now })
		const applicant = insertUser(db, { role: 'applicant' })
		const office = insertUser(db, { role: 'office' })
		const draft = placeApplication(db, { callId, applicantId: applicant.id, now })
		const reviewed = placeApplication(db, {
			callId,
			applicantId: insertUser(db, { role: 'applicant' }).id,
			now,
			status: 'under_review',
			firstSubmittedAt: now,
		})
		const races = [
			{
				route: 'submit',
				applicationId: draft.id,
				cookie: await sessionCookie(portal, applicant.id),
				fields: { accuracy: 'yes', consent: 'yes', version: String(draft.version) },
			},
			{
				route: 'decide',
				applicationId: reviewed.id,
				cookie: await sessionCookie(portal, office.id),
				fields: { intent: 'decide', decision: 'rejected', decisionNote: 'Outside the program this round', version: String(reviewed.version) },
			},
		].map((race) => ({ ...race, attempts: ATTEMPTS / PROCESSES }))
		const input = JSON.stringify({ sessionSecret: portal.config.sessionSecret, now: now.toISOString(), races })
		const script = await bundleScript('tests/support/route-race-process.ts')
		for (let i = 0; i < PROCESSES; i += 1) children.push(startTestChild<Answer[]>(script, [db.$client.name, input], `racer-${i}`))
		await Promise.all(children.map((child) => child.ready))
		for (const child of children) child.go()
		const answers = (await Promise.all(children.map((child) => child.result))).flat()

		const submits = answers.filter((answer) => answer.route === 'submit')
		const submitted = submits.filter((answer) => answer.location === `/applications/${draft.id}/submitted`)
		const shownAsItIs = submits.filter((answer) => answer.location === `/applications/${draft.id}`)
		const decisions = answers.filter((answer) => answer.route === 'decide')
		const decided = decisions.filter((answer) => answer.location === `/office/applications/${reviewed.id}?notice=decided#decision`)
		const changedMeanwhile = decisions.filter((answer) => answer.status === 409 && answer.body.includes('office.decision.errors.changed'))
		const changesOf = (id: number) =>
			db.select().from(statusChanges).where(eq(statusChanges.applicationId, id)).all().map((change) => `${change.fromStatus}>${change.toStatus}`)
		const emails = db.select().from(outbox).where(eq(outbox.applicationId, draft.id)).all()
		console.log(
			`Races from ${PROCESSES} processes: ${submits.length} submits of one draft: ${submitted.length} submitted, ${shownAsItIs.length} shown ` +
				`the submitted application; ${decisions.length} decisions on one application: ${decided.length} recorded, ` +
				`${changedMeanwhile.length} answered 409 "changed meanwhile".`,
		)
		expect(submits).toHaveLength(ATTEMPTS)
		expect(submitted, JSON.stringify(submits[0])).toHaveLength(1)
		expect(shownAsItIs, JSON.stringify(submits.filter((answer) => !submitted.includes(answer) && !shownAsItIs.includes(answer)))).toHaveLength(ATTEMPTS - 1)
		expect(changesOf(draft.id)).toEqual(['draft>submitted'])
		// Told once each: the applicant, the office, the referees and the host.
		expect(emails.map((email) => email.toAddress)).toEqual([...new Set(emails.map((email) => email.toAddress))])
		expect(emails.map((email) => email.toAddress)).toEqual(expect.arrayContaining([applicant.email, 'office@portal.test']))
		await portal.deliver()
		const received = await sink.waitForMessages(emails.length)
		expect(received.flatMap((mail) => mail.envelopeTo).sort()).toEqual(emails.map((email) => email.toAddress).sort())
		// The same change asked again with the version the page was made from is refused, and changes nothing.
		expect(() =>
			changeStatus(db, { applicationId: draft.id, to: 'withdrawn', actor: actorOf(applicant), expectedVersion: draft.version, now, settings: config }),
		).toThrow(ConflictError)
		expect(changesOf(draft.id)).toEqual(['draft>submitted'])

		expect(decisions).toHaveLength(ATTEMPTS)
		expect(decided, JSON.stringify(decisions[0])).toHaveLength(1)
		expect(changedMeanwhile, JSON.stringify(decisions.filter((answer) => !decided.includes(answer) && !changedMeanwhile.includes(answer)))).toHaveLength(ATTEMPTS - 1)
		expect(changesOf(reviewed.id)).toEqual(['under_review>rejected'])
		expect(db.select().from(applications).where(eq(applications.id, reviewed.id)).get()).toMatchObject({
			status: 'rejected',
			version: reviewed.version + 1,
		})
	})
})
