import { type z } from 'zod'
import { academicProfileSchemas } from '#app/schemas/application/academic-profile.ts'
import type { StepId, StepOptions, VisitRules } from '#app/schemas/application/index.ts'
import { planSchemas } from '#app/schemas/application/plan.ts'
import { proposedVisitSchema } from '#app/schemas/application/proposed-visit.ts'

/**
 * The draft schema the browser checks a wizard step with: the same as the server's (index.ts, STEPS), but the
 * personal step's is imported only when that step is shown, because it alone needs libphonenumber-js and the country
 * list (about 39 KB of gzip JavaScript that the other steps would otherwise load; docs/performance.md).
 */
export function browserDraftSchema(step: StepId, rules: VisitRules, options: StepOptions): z.ZodType | (() => Promise<z.ZodType>) {
	switch (step) {
		case 'personal':
			return () => import('#app/schemas/application/personal-details.ts').then((module) => module.personalDetailsSchemas().draft)
		case 'academic':
			return academicProfileSchemas().draft
		case 'visit':
			return proposedVisitSchema(rules, options.hostEmailDomains).draft
		case 'plan':
			return planSchemas().draft
	}
}
