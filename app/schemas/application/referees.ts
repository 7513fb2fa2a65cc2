import { z } from 'zod'

/**
 * Step 5: the referees, as many as the call requires. Posted as `referees.0.name`, `referees.0.email`, … (react-hook-
 * form's names for a list) and stored as `{ referees: [{ name, email, institution, relationship, locale }] }`.
 * A referee may not be the applicant, appear twice, or be the proposed host: their letter must be independent.
 *
 * Messages are catalogue keys under `errors.referees.*`.
 */

export const REFEREE_TEXT_MAX = 200
export const RELATIONSHIP_MAX = 300

export type RefereeInput = { name: string; email: string; institution: string; relationship: string; locale: 'en' | 'fa' }

export type RefereeRules = {
	/** How many the call requires. */
	required: number
	/** Addresses a referee may not have: the applicant's (account and step 1) and the proposed host's. */
	applicantEmails: readonly string[]
	hostEmail?: string | null
}

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/

const text = (max: number) => z.string().trim().max(max, 'errors.referees.tooLong')

const entryDraft = z.object({
	name: text(REFEREE_TEXT_MAX).optional(),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.refine((value) => value === '' || EMAIL.test(value), 'errors.referees.email.invalid')
		.optional(),
	institution: text(REFEREE_TEXT_MAX).optional(),
	relationship: text(RELATIONSHIP_MAX).optional(),
	locale: z.enum(['en', 'fa']).catch('en').optional(),
})

/** `referees.0.name` … as a list, whatever order the form sent them in. */
function fold(input: unknown): unknown {
	if (typeof input !== 'object' || input === null) return input
	const record = input as Record<string, unknown>
	if (Array.isArray(record.referees)) return record
	const list: Record<string, unknown>[] = []
	for (const [key, value] of Object.entries(record)) {
		const match = /^referees\.(\d{1,2})\.(\w+)$/.exec(key)
		if (!match) continue
		const index = Number(match[1])
		if (index > 19) continue
		list[index] ??= {}
		list[index]![match[2]!] = value
	}
	return { referees: Array.from(list, (entry) => entry ?? {}) }
}

function isEmpty(entry: z.infer<typeof entryDraft>): boolean {
	return !entry.name && !entry.email && !entry.institution && !entry.relationship
}

export function refereesSchemas(rules: RefereeRules) {
	const forbidden = new Set(rules.applicantEmails.map((email) => email.trim().toLowerCase()).filter(Boolean))
	const host = rules.hostEmail?.trim().toLowerCase() || null

	const crossChecks = (value: { referees: z.infer<typeof entryDraft>[] }, ctx: z.RefinementCtx) => {
		const seen = new Map<string, number>()
		value.referees.forEach((entry, index) => {
			const email = entry.email
			if (!email) return
			if (forbidden.has(email)) ctx.addIssue({ code: 'custom', path: ['referees', index, 'email'], message: 'errors.referees.email.self' })
			else if (host && email === host) ctx.addIssue({ code: 'custom', path: ['referees', index, 'email'], message: 'errors.referees.email.host' })
			else if (seen.has(email)) ctx.addIssue({ code: 'custom', path: ['referees', index, 'email'], message: 'errors.referees.email.duplicate' })
			seen.set(email, index)
		})
	}

	const draft = z.preprocess(
		fold,
		z
			.object({ referees: z.array(entryDraft).max(20).default([]) })
			.superRefine(crossChecks)
			.transform((value) => ({ referees: value.referees.filter((entry) => !isEmpty(entry)) })),
	)

	const full = z.preprocess(
		fold,
		z
			.object({ referees: z.array(entryDraft).max(20).default([]) })
			.superRefine((value, ctx) => {
				for (let index = 0; index < rules.required; index++) {
					const entry = value.referees[index] ?? {}
					for (const field of ['name', 'email', 'institution', 'relationship'] as const) {
						if (!entry[field]) ctx.addIssue({ code: 'custom', path: ['referees', index, field], message: `errors.referees.${field}.required` })
					}
				}
				crossChecks(value, ctx)
			})
			.transform((value) => ({
				referees: value.referees
					.slice(0, rules.required)
					.map((entry) => ({ ...entry, locale: entry.locale ?? 'en' }) as RefereeInput),
			})),
	)
	return { full, draft }
}
