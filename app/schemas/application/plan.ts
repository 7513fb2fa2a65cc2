/**
 * Step 4 of the application: the plan (DOMAIN.md, "The application's steps"). Each answer has a word limit, shown
 * under its box by a live counter that uses the same countWords as this schema.
 *
 * Form fields (one textarea each): objectives, weeklyPlan, expectedOutcomes, earlierCollaboration.
 *
 * Stored shape (z.output of PlanSchema; in a draft every key is optional):
 *   {
 *     objectives: string              // ≤ PLAN_WORD_LIMITS.objectives words
 *     weeklyPlan: string              // planned activities week by week
 *     expectedOutcomes: string
 *     earlierCollaboration?: string   // earlier collaboration with the university, if any
 *   }
 * Each text has its line breaks made '\n' and its ends trimmed; inner spacing is kept as typed.
 */

import { z } from 'zod'
import { type ApplicationErrorKey } from '#app/schemas/application/error-keys.ts'
import { multiLine, stepShapes } from '#app/schemas/application/fields.ts'
import { countWords } from '#app/schemas/words.ts'

export const PLAN_WORD_LIMITS = {
	objectives: 300,
	weeklyPlan: 600,
	expectedOutcomes: 300,
	earlierCollaboration: 200,
} as const

export type PlanField = keyof typeof PLAN_WORD_LIMITS

/** Characters allowed per word of the limit: room for long words and links, a bound on what is stored. */
const CHARS_PER_WORD = 20

function limitedText(field: PlanField) {
	const limit = PLAN_WORD_LIMITS[field]
	return multiLine(limit * CHARS_PER_WORD, `errors.application.${field}.tooLong`).refine(
		(text) => countWords(text) <= limit,
		`errors.application.${field}.tooManyWords` satisfies ApplicationErrorKey,
	)
}

const fields = {
	objectives: limitedText('objectives'),
	weeklyPlan: limitedText('weeklyPlan'),
	expectedOutcomes: limitedText('expectedOutcomes'),
	earlierCollaboration: limitedText('earlierCollaboration'),
}

const shapes = stepShapes(fields, {
	objectives: 'errors.application.objectives.required',
	weeklyPlan: 'errors.application.weeklyPlan.required',
	expectedOutcomes: 'errors.application.expectedOutcomes.required',
})

export const PLAN_FIELDS = Object.keys(fields) as PlanField[]

export const PlanSchema = z.object(shapes.full)
export const PlanDraftSchema = z.object(shapes.draft)

export type Plan = z.output<typeof PlanSchema>
export type PlanDraft = z.output<typeof PlanDraftSchema>

export function planSchemas() {
	return { full: PlanSchema, draft: PlanDraftSchema }
}
