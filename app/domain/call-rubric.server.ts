import { and, asc, count, eq, inArray } from 'drizzle-orm'
import { normaliseDigits } from '#app/i18n/digits.ts'
import { firstErrors, type FieldErrors } from '#app/schemas/parse.ts'
import { CRITERION_TEXT_FIELDS, RubricSchema, type CriterionInput, type CriterionValues } from '#app/schemas/rubric.ts'
import type { Db, Tx } from '#db/client.ts'
import { applications, callCriteria, calls, reviews, type CallCriterion } from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import type { Actor } from './permissions.ts'
import { criterionColumns, DEFAULT_RUBRIC } from './rubric.ts'

/**
 * A call's rubric as the office edits it. It may change until the first review of the call is submitted: after
 * that, scores already given would be read against different criteria or weights.
 */

export function callRubric(db: Db | Tx, callId: number): CallCriterion[] {
	return db.select().from(callCriteria).where(eq(callCriteria.callId, callId)).orderBy(asc(callCriteria.position), asc(callCriteria.id)).all()
}

/** True once any review of an application to this call has been submitted. */
export function rubricLocked(db: Db | Tx, callId: number): boolean {
	const row = db
		.select({ n: count() })
		.from(reviews)
		.innerJoin(applications, eq(applications.id, reviews.applicationId))
		.where(and(eq(applications.callId, callId), eq(reviews.status, 'submitted')))
		.get()
	return (row?.n ?? 0) > 0
}

export function criterionValues(row: CallCriterion): CriterionValues {
	return {
		key: row.key,
		weight: String(row.weight),
		...(Object.fromEntries(CRITERION_TEXT_FIELDS.map((field) => [field, row[field]])) as Record<(typeof CRITERION_TEXT_FIELDS)[number], string>),
	}
}

/** The default rubric as the editor's starting point for a call that has none. */
export function defaultRubricValues(): CriterionValues[] {
	return DEFAULT_RUBRIC.map((criterion) => ({ ...criterionColumns(criterion), weight: String(criterion.weight) }))
}

export const emptyCriterion = (): CriterionValues => ({
	key: '',
	weight: '',
	...(Object.fromEntries(CRITERION_TEXT_FIELDS.map((field) => [field, ''])) as Record<(typeof CRITERION_TEXT_FIELDS)[number], string>),
})

/** The criteria as typed, from fields named `criteria.<index>.<field>`, in index order; `remove` marks those to drop. */
export function criteriaFromForm(formData: FormData): CriterionValues[] {
	const byIndex = new Map<number, CriterionValues>()
	for (const [name, value] of formData.entries()) {
		const match = /^criteria\.(\d{1,2})\.(\w+)$/.exec(name)
		if (!match || typeof value !== 'string') continue
		const field = match[2]!
		const index = Number(match[1])
		if (field === 'remove') {
			byIndex.set(index, { ...(byIndex.get(index) ?? emptyCriterion()), remove: true })
			continue
		}
		if (field !== 'key' && field !== 'weight' && !(CRITERION_TEXT_FIELDS as readonly string[]).includes(field)) continue
		const row = byIndex.get(index) ?? emptyCriterion()
		row[field as Exclude<keyof CriterionValues, 'remove'>] = field === 'weight' ? normaliseDigits(value) : value
		byIndex.set(index, row)
	}
	return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row)
}

export type SaveRubricResult =
	| { ok: true }
	| { ok: false; reason: 'not_found' }
	| { ok: false; reason: 'locked' }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }

const slug = (text: string) =>
	text
		.toLowerCase()
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.replace(/^[^a-z]+/, '')
		.slice(0, 30)
		.replace(/-+$/, '')

/**
 * Replaces a call's criteria with the ones given, in their order, in one immediate transaction: existing keys are
 * updated (a key never changes), missing ones removed, new ones added under a key made from the English label.
 * Refused once a review of the call has been submitted (checked inside the transaction, so a review submitted
 * meanwhile wins).
 */
export function saveRubric(
	db: Db,
	{ callId, criteria, actor, now }: { callId: number; criteria: CriterionValues[]; actor: Actor; now: Date },
): SaveRubricResult {
	const parsed = RubricSchema.safeParse({ criteria })
	if (!parsed.success) return { ok: false, reason: 'invalid', errors: firstErrors(parsed.error) }
	return db.transaction(
		(tx): SaveRubricResult => {
			if (!tx.select({ id: calls.id }).from(calls).where(eq(calls.id, callId)).get()) return { ok: false, reason: 'not_found' }
			if (rubricLocked(tx, callId)) return { ok: false, reason: 'locked' }
			const existing = new Map(callRubric(tx, callId).map((row) => [row.key, row]))
			const keys = new Set<string>()
			const rows: (CriterionInput & { key: string })[] = []
			const errors: FieldErrors = {}
			parsed.data.criteria.forEach((criterion, index) => {
				let key = criterion.key
				if (!key) {
					const base = slug(criterion.labelEn) || 'criterion'
					key = base
					for (let n = 2; keys.has(key) || existing.has(key) || parsed.data.criteria.some((other) => other.key === key); n += 1) key = `${base}-${n}`
				}
				if (keys.has(key)) errors[`criteria.${index}.key`] = 'office.rubric.errors.key'
				keys.add(key)
				rows.push({ ...criterion, key })
			})
			if (Object.keys(errors).length > 0) return { ok: false, reason: 'invalid', errors }

			const removed = [...existing.keys()].filter((key) => !keys.has(key))
			if (removed.length > 0) {
				tx.delete(callCriteria).where(and(eq(callCriteria.callId, callId), inArray(callCriteria.key, removed))).run()
			}
			rows.forEach((row, position) => {
				const values = { position, weight: row.weight, ...Object.fromEntries(CRITERION_TEXT_FIELDS.map((field) => [field, row[field]])) }
				const current = existing.get(row.key)
				if (current) tx.update(callCriteria).set(values).where(eq(callCriteria.id, current.id)).run()
				else tx.insert(callCriteria).values({ callId, key: row.key, ...(values as typeof values & Record<(typeof CRITERION_TEXT_FIELDS)[number], string>) }).run()
			})
			tx.update(calls).set({ updatedAt: now }).where(eq(calls.id, callId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				action: 'rubric.updated',
				entity: 'call',
				entityId: callId,
				data: { criteria: rows.map((row) => ({ key: row.key, weight: row.weight })), removed },
				at: now,
			})
			return { ok: true }
		},
		{ behavior: 'immediate' },
	)
}
