/**
 * The application's steps 1–4 (DOMAIN.md): their schemas, and the state of each for the task list.
 *
 * Each step has a full schema (checked at submission) and a draft schema (the same fields, all optional; what is
 * filled must be valid). Both parse a form's strings and the stored JSON (the schema's own output), so the
 * browser (react-hook-form's zodResolver), the action and the code reading the database use the same schema.
 */

import { type z } from 'zod'
import { firstErrors, type FieldErrors } from '#app/schemas/parse.ts'
import {
	ACADEMIC_PROFILE_FIELDS,
	ACADEMIC_PROFILE_REQUIRED_DOCUMENTS,
	academicProfileSchemas,
} from '#app/schemas/application/academic-profile.ts'
import { isBlank } from '#app/schemas/application/fields.ts'
import { PERSONAL_DETAILS_FIELDS, personalDetailsSchemas } from '#app/schemas/application/personal-details.ts'
import { PLAN_FIELDS, planSchemas } from '#app/schemas/application/plan.ts'
import {
	PROPOSED_VISIT_FIELDS,
	proposedVisitSchema,
	type VisitRules,
} from '#app/schemas/application/proposed-visit.ts'

export type { VisitRules } from '#app/schemas/application/proposed-visit.ts'

export const STEP_IDS = ['personal', 'academic', 'visit', 'plan'] as const
export type StepId = (typeof STEP_IDS)[number]

export type StepOptions = {
	/** The HOST_EMAIL_DOMAINS setting: when given and not empty, the host's email must be on one of them. */
	hostEmailDomains?: readonly string[]
}

export type StepSchemas = { full: z.ZodType; draft: z.ZodType }

/**
 * A step's schemas, built once per set of rules and then reused: building a zod schema costs more than parsing with
 * it, and the task list checks every step on every page (docs/performance.md). Schemas are immutable and none
 * depends on the time, so sharing them is safe.
 */
const builtSchemas = new Map<string, unknown>()
/** Distinct rule sets are few (one per call); a bound keeps a long-running process from collecting them forever. */
const MAX_BUILT_SCHEMAS = 200
function reused<T>(key: string, build: () => T): T {
	if (builtSchemas.has(key)) return builtSchemas.get(key) as T
	if (builtSchemas.size >= MAX_BUILT_SCHEMAS) builtSchemas.clear()
	const schemas = build()
	builtSchemas.set(key, schemas)
	return schemas
}

/**
 * The steps in order: each with its id, its form's field names (in the order of the page), the documents it needs
 * at submission, and the factory of its schemas (only the visit step uses the call and the options).
 */
export const STEPS = [
	{
		id: 'personal',
		fields: PERSONAL_DETAILS_FIELDS,
		requiredDocuments: [],
		schemas: (_call: VisitRules, _options?: StepOptions) => reused('personal', personalDetailsSchemas),
	},
	{
		id: 'academic',
		fields: ACADEMIC_PROFILE_FIELDS,
		requiredDocuments: ACADEMIC_PROFILE_REQUIRED_DOCUMENTS,
		schemas: (_call: VisitRules, _options?: StepOptions) => reused('academic', academicProfileSchemas),
	},
	{
		id: 'visit',
		fields: PROPOSED_VISIT_FIELDS,
		requiredDocuments: [],
		schemas: (call: VisitRules, options?: StepOptions) =>
			reused(
				JSON.stringify(['visit', call.visitWindowStart, call.visitWindowEnd, call.minVisitDays, call.maxVisitDays, options?.hostEmailDomains ?? []]),
				() => proposedVisitSchema(call, options?.hostEmailDomains),
			),
	},
	{
		id: 'plan',
		fields: PLAN_FIELDS,
		requiredDocuments: [],
		schemas: (_call: VisitRules, _options?: StepOptions) => reused('plan', planSchemas),
	},
] as const satisfies readonly {
	id: StepId
	fields: readonly string[]
	requiredDocuments: readonly string[]
	schemas: (call: VisitRules, options?: StepOptions) => StepSchemas
}[]

export type Step = (typeof STEPS)[number]

export function isStepId(value: unknown): value is StepId {
	return typeof value === 'string' && (STEP_IDS as readonly string[]).includes(value)
}

export function findStep<Id extends StepId>(id: Id): Extract<Step, { id: Id }> {
	return STEPS.find((step) => step.id === id) as Extract<Step, { id: Id }>
}

export type StepState = 'not_started' | 'in_progress' | 'completed' | 'has_errors'

export type StepStateOptions = StepOptions & {
	/** The kinds of the documents uploaded so far; when given, a step that needs a missing one is not completed. */
	documentKinds?: readonly string[]
}

/**
 * The state of a step for the task list, from what was saved:
 * - not_started: nothing saved (no filled value, no document the step needs);
 * - has_errors: a saved value fails the draft schema (e.g. a date outside a window the office has since moved);
 * - completed: the full schema passes (and, when documentKinds is given, the step's documents are there);
 * - in_progress: anything else, i.e. something is saved and only missing answers stand in the way.
 */
export function stepState(
	stepId: StepId,
	savedData: unknown,
	call: VisitRules,
	options: StepStateOptions = {},
): StepState {
	const step = findStep(stepId)
	const documents = options.documentKinds
	const hasDocument = (documents ?? []).some((kind) => (step.requiredDocuments as readonly string[]).includes(kind))
	const filled = typeof savedData === 'object' && savedData !== null && Object.values(savedData).some((value) => !isBlank(value))
	if (!filled && !hasDocument) return 'not_started'
	const schemas: StepSchemas = step.schemas(call, options)
	if (!schemas.draft.safeParse(savedData ?? {}).success) return 'has_errors'
	const documentsMissing = documents !== undefined && step.requiredDocuments.some((kind) => !documents.includes(kind))
	if (schemas.full.safeParse(savedData).success && !documentsMissing) return 'completed'
	return 'in_progress'
}

export type DraftResult = {
	/** The draft schema's output for the fields that are valid: what to store. */
	data: Record<string, unknown>
	/** The first problem of each field that is not, by field path (e.g. 'keyPublications.2'). */
	errors: FieldErrors
}

/**
 * Parses a step's input for "Save draft" or "Save and continue": keeps every valid field and reports the rest, so
 * a save never loses what was right. Fields that fail are left out of `data`; the page shows them again with
 * their messages from what was posted.
 */
export function parseDraft(stepId: StepId, input: Record<string, unknown>, call: VisitRules, options?: StepOptions): DraftResult {
	const schema: z.ZodType = findStep(stepId).schemas(call, options).draft
	const first = schema.safeParse(input)
	if (first.success) return { data: first.data as Record<string, unknown>, errors: {} }
	const errors = firstErrors(first.error)
	let remaining = { ...input }
	let error: z.ZodError = first.error
	// Each pass drops the fields named in the issues; cross-field checks may name a field only once the other is gone.
	for (let pass = 0; pass <= Object.keys(input).length; pass++) {
		const failed = new Set(error.issues.map((issue) => String(issue.path[0] ?? '')))
		remaining = Object.fromEntries(
			Object.entries(remaining).filter(([key]) => !failed.has(key) && !failed.has(key.split('.')[0]!)),
		)
		const result = schema.safeParse(remaining)
		if (result.success) return { data: result.data as Record<string, unknown>, errors }
		error = result.error
	}
	return { data: {}, errors }
}

/**
 * A step's form as the schemas take it: every text field as a string, and a name posted more than once (the
 * activities checkboxes) as a list. Digits are left as typed: the schemas normalise them where a number, a date
 * or a code is expected, and free text keeps the writer's digits.
 */
export function applicationFormInput(formData: FormData): Record<string, string | string[]> {
	const input: Record<string, string | string[]> = {}
	for (const [key, value] of formData.entries()) {
		if (typeof value !== 'string') continue
		const existing = input[key]
		if (existing === undefined) input[key] = value
		else input[key] = Array.isArray(existing) ? [...existing, value] : [existing, value]
	}
	return input
}
