import { eq } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { calls, type Application, type ApplicationStep, type Call } from '#db/schema.ts'
import { STEP_IDS, stepState, type StepState } from '#app/schemas/application/index.ts'
import type { Config } from '#app/config.server.ts'
import { listDocuments, loadSteps } from './application-content.server.ts'

/** What the wizard's pages show about an application: its call, its saved steps, its documents and each step's state. */
export function wizardState(db: Db, config: Pick<Config, 'hostEmailDomains'>, application: Application) {
	const call = db.select().from(calls).where(eq(calls.id, application.callId)).get() as Call
	const saved = loadSteps(db, application.id)
	const documents = listDocuments(db, application.id)
	const documentKinds = documents.map((document) => document.kind)
	const states = Object.fromEntries(
		STEP_IDS.map((id) => [id, stepState(id, saved[id], call, { hostEmailDomains: config.hostEmailDomains, documentKinds })]),
	) as Record<ApplicationStep, StepState>
	return { call, saved, documents, states }
}
