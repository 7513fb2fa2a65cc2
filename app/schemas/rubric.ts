import { z } from 'zod'

/**
 * The rubric editor's form (app/routes/office.calls.$id.rubric.tsx): a call's criteria with weights that add up to
 * 100, each with its label, description and what a 1, a 3 and a 5 mean, in English and Persian. Messages are
 * catalogue keys. Fields are named `criteria.<index>.<field>`, so the form works without JavaScript.
 */

const text = (max: number) => z.string().trim().min(1, 'office.rubric.errors.required').max(max, 'office.rubric.errors.tooLong')

export const CRITERION_TEXT_FIELDS = [
	'labelEn',
	'labelFa',
	'descriptionEn',
	'descriptionFa',
	'anchor1En',
	'anchor1Fa',
	'anchor3En',
	'anchor3Fa',
	'anchor5En',
	'anchor5Fa',
] as const
export type CriterionTextField = (typeof CRITERION_TEXT_FIELDS)[number]

export const CriterionSchema = z.object({
	/** Empty for a criterion added in the editor (the server names it); fixed for an existing one. */
	key: z.string().trim().max(40).regex(/^([a-z][a-z0-9-]*)?$/, 'office.rubric.errors.key'),
	weight: z
		.string()
		.trim()
		.regex(/^\d{1,3}$/, 'office.rubric.errors.weight')
		.transform(Number)
		.pipe(z.number().int().min(1, 'office.rubric.errors.weight').max(100, 'office.rubric.errors.weight')),
	labelEn: text(200),
	labelFa: text(200),
	descriptionEn: text(1000),
	descriptionFa: text(1000),
	anchor1En: text(300),
	anchor1Fa: text(300),
	anchor3En: text(300),
	anchor3Fa: text(300),
	anchor5En: text(300),
	anchor5Fa: text(300),
})

export const MAX_CRITERIA = 10

export const RubricSchema = z
	.object({ criteria: z.array(CriterionSchema).min(1, 'office.rubric.errors.none').max(MAX_CRITERIA, 'office.rubric.errors.tooMany') })
	.superRefine((rubric, context) => {
		const total = rubric.criteria.reduce((sum, criterion) => sum + criterion.weight, 0)
		if (total !== 100) context.addIssue({ code: 'custom', path: ['weights'], message: 'office.rubric.errors.sum' })
	})

export type RubricInput = z.output<typeof RubricSchema>
export type CriterionInput = z.output<typeof CriterionSchema>
/** A criterion as typed, for showing the form again with nothing lost. */
export type CriterionValues = { key: string; weight: string; remove?: boolean } & Record<CriterionTextField, string>
