import { eq } from 'drizzle-orm'
import type { AppContext } from '#app/server/context.ts'
import { calls, applications, type Application } from '#db/schema.ts'
import { changeStatusInTransaction } from './lifecycle/change-status.server.ts'
import { ConflictError } from './lifecycle/errors.ts'
import { createLetterRequests } from './letters.server.ts'
import type { Actor } from './permissions.ts'

/**
 * The applicant submits: a draft becomes submitted; an application with changes requested returns to the status it
 * came from. One immediate transaction: on the first submission the referees and the host are recorded (and then
 * told by the status change's emails), and the lifecycle engine checks the deadline and every step. A second click
 * or a second tab carries the old version and gets ConflictError; the caller then shows the submitted application.
 */
export function submitApplication(
	context: Pick<AppContext, 'db' | 'config' | 'now'>,
	actor: Actor,
	{ applicationId, expectedVersion }: { applicationId: number; expectedVersion: number },
): Application {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
			if (!application) throw new Error(`No application ${applicationId}`)
			if (application.version !== expectedVersion) throw new ConflictError(applicationId, expectedVersion, application.version)
			const to = application.status === 'changes_requested' ? (application.returnsTo ?? 'submitted') : 'submitted'
			if (application.status === 'draft' && !application.firstSubmittedAt) {
				const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
				createLetterRequests(tx, { application, call, now })
			}
			return changeStatusInTransaction(tx, {
				applicationId,
				to,
				actor,
				expectedVersion,
				now,
				settings: context.config,
			}).application
		},
		{ behavior: 'immediate' },
	)
}
