import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { isTransitionError } from '#app/domain/lifecycle/errors.ts'
import { submitApplication } from '#app/domain/submit.server.ts'
import { action as submitAction } from '#app/routes/applications.$id.submit.tsx'
import { applications, applicationSteps, documents, referees } from '#db/schema.ts'
import { call, dataOf, formRequest, sessionCookie, startPortal, statusOf, type Portal } from '#tests/support/app.ts'
import { actorOf, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

let portal: Portal | null = null
afterEach(async () => {
	await portal?.stop()
	portal = null
})

const DAY = 86_400_000

async function setup(env: Record<string, string> = {}) {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test', ...env })
	const now = portal.clock.now()
	const applicant = insertUser(portal.db, { role: 'applicant', name: 'Maryam Rahimi' })
	const callId = insertCall(portal.db, { now, closesAt: new Date(now.getTime() + 10 * DAY) })
	const application = placeApplication(portal.db, { callId, applicantId: applicant.id, now })
	return { portal, applicant, application }
}

function refusal(fn: () => unknown) {
	try {
		fn()
	} catch (error) {
		if (isTransitionError(error)) return { reason: error.reason, details: error.details }
		throw error
	}
	return null
}

describe('submitting', () => {
	it('is refused with the list of what to fix, by step', async () => {
		const { portal, applicant, application } = await setup()
		portal.db.delete(applicationSteps).where(eq(applicationSteps.step, 'plan')).run()
		portal.db.delete(documents).run()
		const refused = refusal(() => submitApplication(portal.context(), actorOf(applicant), { applicationId: application.id, expectedVersion: application.version }))
		expect(refused?.reason).toBe('not_submittable')
		const problems = (refused?.details as { problems: { step: string; field: string }[] }).problems
		expect(problems.map((problem) => `${problem.step}:${problem.field}`).sort()).toEqual(
			['academic:cv', 'plan:expectedOutcomes', 'plan:objectives', 'plan:weeklyPlan'].sort(),
		)
		expect(portal.db.select().from(applications).get()?.status).toBe('draft')
	})

	it('is refused after the deadline, and allowed after it with an individual extension', async () => {
		const { portal, applicant, application } = await setup()
		portal.clock.advance(11 * DAY)
		const late = refusal(() => submitApplication(portal.context(), actorOf(applicant), { applicationId: application.id, expectedVersion: application.version }))
		expect(late?.reason).toBe('deadline_passed')

		portal.db.update(applications).set({ deadlineExtendedTo: new Date(portal.clock.now().getTime() + DAY), deadlineExtensionReason: 'Flood at home' }).run()
		const submitted = submitApplication(portal.context(), actorOf(applicant), { applicationId: application.id, expectedVersion: application.version })
		expect(submitted.status).toBe('submitted')
	})

	it('tells the applicant, the office, both referees and the host on the first submission, each once', async () => {
		const { portal, applicant, application } = await setup()
		submitApplication(portal.context(), actorOf(applicant), { applicationId: application.id, expectedVersion: application.version })
		expect(portal.db.select().from(referees).all()).toHaveLength(2)
		await portal.deliver()
		const mails = await portal.sink.waitForMessages(5)
		expect(mails.flatMap((mail) => mail.envelopeTo).sort()).toEqual(
			[applicant.email, 'office@portal.test', `referee1-${application.id}@example.org`, `referee2-${application.id}@example.org`, `host-${application.id}@example.edu`].sort(),
		)
	})

	it('asks for both declarations in the page, with a message beside each', async () => {
		const { portal, applicant, application } = await setup()
		const cookie = await sessionCookie(portal, applicant.id)
		const result = await call(submitAction, formRequest(`/applications/${application.id}/submit`, { version: String(application.version), accuracy: 'yes' }, { Cookie: cookie }), portal.context(), {
			id: String(application.id),
		})
		expect(statusOf(result)).toBe(400)
		expect(dataOf(result)).toEqual({ errors: { consent: 'submit.declarations.consentRequired' }, refusal: null })
	})
})
