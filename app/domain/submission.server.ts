import { and, eq } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { applicationSteps, documents, users, type Application, type ApplicationStep, type Call } from '#db/schema.ts'
import { findStep, STEP_IDS } from '#app/schemas/application/index.ts'
import { refereesSchemas } from '#app/schemas/application/referees.ts'

/** One thing that stands between an application and its submission: the step to fix, the field, the message key. */
export type SubmissionProblem = { step: ApplicationStep; field: string; message: string }

export type SubmissionOptions = { hostEmailDomains?: readonly string[] }

/**
 * Everything that must hold for an application to be submitted: every step passes its full schema, the CV is
 * uploaded, and the call's number of referees is named (none of them the applicant, the host, or twice). Used by
 * the lifecycle engine's `assertSubmittable` inside the submitting transaction, and by the review page to list
 * what to fix, so the two can never disagree.
 */
export function submissionProblems(
	tx: Tx,
	application: Application,
	call: Call,
	options: SubmissionOptions = {},
): SubmissionProblem[] {
	const rows = tx.select().from(applicationSteps).where(eq(applicationSteps.applicationId, application.id)).all()
	const saved = Object.fromEntries(rows.map((row) => [row.step, row.data])) as Partial<Record<ApplicationStep, Record<string, unknown>>>
	const problems: SubmissionProblem[] = []
	const collect = (step: ApplicationStep, result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => {
		if (result.success) return
		const seen = new Set<string>()
		for (const issue of result.error?.issues ?? []) {
			const field = issue.path.map(String).join('.') || step
			if (seen.has(field)) continue
			seen.add(field)
			problems.push({ step, field, message: issue.message })
		}
	}
	for (const id of STEP_IDS) {
		const schema = findStep(id).schemas(call, { hostEmailDomains: options.hostEmailDomains }).full
		collect(id, schema.safeParse(saved[id] ?? {}))
	}
	const cv = tx
		.select({ id: documents.id })
		.from(documents)
		.where(and(eq(documents.applicationId, application.id), eq(documents.kind, 'cv')))
		.get()
	if (!cv) problems.push({ step: 'academic', field: 'cv', message: 'errors.application.cv.required' })

	const account = tx.select({ email: users.email }).from(users).where(eq(users.id, application.applicantId)).get()
	const personalEmail = typeof saved.personal?.email === 'string' ? saved.personal.email : ''
	const hostEmail = typeof saved.visit?.hostEmail === 'string' ? saved.visit.hostEmail : null
	const referees = refereesSchemas({
		required: call.refereesRequired,
		applicantEmails: [account?.email ?? '', personalEmail],
		hostEmail,
	})
	collect('referees', referees.full.safeParse(saved.referees ?? {}))
	return problems
}
