import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { PREFERENCE_MAX, suggestReviewers, type SuggestionApplication, type SuggestionReviewer } from '#app/domain/suggest-reviewers.ts'

/** A random pool: reviewers with caps and existing loads, applications needing some of them, some pairs excluded. */
const pool = fc
	.record({
		reviewers: fc.array(fc.record({ cap: fc.integer({ min: 0, max: 6 }), load: fc.integer({ min: 0, max: 6 }) }), { minLength: 0, maxLength: 7 }),
		applications: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 9 }),
		seed: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 63, maxLength: 63 }),
		conflictRate: fc.integer({ min: 0, max: 60 }),
	})
	.map(({ reviewers, applications, seed, conflictRate }) => {
		const pool: SuggestionReviewer[] = reviewers.map((reviewer, index) => ({ id: 10 + index, cap: reviewer.cap, load: Math.min(reviewer.load, reviewer.cap) }))
		const apps: SuggestionApplication[] = applications.map((need, a) => ({
			id: 100 + a,
			need,
			candidates: pool
				.filter((_, r) => seed[(a * 7 + r) % seed.length]! >= conflictRate)
				.map((reviewer, r) => ({ reviewerId: reviewer.id, preference: seed[(a * 5 + r * 3) % seed.length]! % (PREFERENCE_MAX + 1) })),
		}))
		return { reviewers: pool, applications: apps }
	})

/** The oracle: the largest number of pairs that can be made at all (plain augmenting paths, no costs). */
function maximumPairs(applications: readonly SuggestionApplication[], reviewers: readonly SuggestionReviewer[]): number {
	const slots = new Map(reviewers.map((reviewer) => [reviewer.id, Math.max(0, reviewer.cap - reviewer.load)]))
	// Each application is `need` copies; each copy takes one reviewer; a reviewer takes up to its slots, not twice the same application.
	const taken = new Map<number, { application: number; copy: number }[]>(reviewers.map((reviewer) => [reviewer.id, []]))
	const has = new Map<number, Set<number>>(applications.map((application) => [application.id, new Set()]))
	const tryCopy = (application: SuggestionApplication, seen: Set<number>): boolean => {
		for (const { reviewerId } of application.candidates) {
			if (seen.has(reviewerId) || has.get(application.id)!.has(reviewerId)) continue
			seen.add(reviewerId)
			const holders = taken.get(reviewerId)!
			if (holders.length < slots.get(reviewerId)!) {
				holders.push({ application: application.id, copy: 0 })
				has.get(application.id)!.add(reviewerId)
				return true
			}
			for (let i = 0; i < holders.length; i++) {
				const other = applications.find((candidate) => candidate.id === holders[i]!.application)!
				has.get(other.id)!.delete(reviewerId)
				if (tryCopy(other, seen)) {
					holders[i] = { application: application.id, copy: 0 }
					has.get(application.id)!.add(reviewerId)
					return true
				}
				has.get(other.id)!.add(reviewerId)
			}
		}
		return false
	}
	let pairs = 0
	for (const application of applications) for (let copy = 0; copy < application.need; copy++) if (tryCopy(application, new Set())) pairs += 1
	return pairs
}

/** Exhaustive search over every way to choose the pairs (small cases only): the true maximum. */
function bruteForcePairs(applications: readonly SuggestionApplication[], reviewers: readonly SuggestionReviewer[]): number {
	const pairs = applications.flatMap((application) => application.candidates.map((candidate) => ({ application, reviewerId: candidate.reviewerId })))
	const slots = new Map(reviewers.map((reviewer) => [reviewer.id, Math.max(0, reviewer.cap - reviewer.load)]))
	const need = new Map(applications.map((application) => [application.id, application.need]))
	let best = 0
	const walk = (index: number, made: number) => {
		if (made + (pairs.length - index) <= best) return
		best = Math.max(best, made)
		if (index === pairs.length) return
		const { application, reviewerId } = pairs[index]!
		if (need.get(application.id)! > 0 && slots.get(reviewerId)! > 0) {
			need.set(application.id, need.get(application.id)! - 1)
			slots.set(reviewerId, slots.get(reviewerId)! - 1)
			walk(index + 1, made + 1)
			need.set(application.id, need.get(application.id)! + 1)
			slots.set(reviewerId, slots.get(reviewerId)! + 1)
		}
		walk(index + 1, made)
	}
	walk(0, 0)
	return best
}

const total = (result: ReturnType<typeof suggestReviewers>) => [...result.assignments.values()].reduce((sum, list) => sum + list.length, 0)

describe('suggestReviewers', () => {
	test('never exceeds a cap, never makes an excluded or repeated pair, never gives an application more than it needs', () => {
		fc.assert(
			fc.property(pool, ({ applications, reviewers }) => {
				const result = suggestReviewers(applications, reviewers)
				for (const reviewer of reviewers) expect(result.loads.get(reviewer.id)).toBeLessThanOrEqual(Math.max(reviewer.cap, reviewer.load))
				const counted = new Map<number, number>()
				for (const application of applications) {
					const chosen = result.assignments.get(application.id) ?? []
					expect(chosen.length).toBeLessThanOrEqual(application.need)
					expect(new Set(chosen).size).toBe(chosen.length)
					const allowed = new Set(application.candidates.map((candidate) => candidate.reviewerId))
					for (const reviewerId of chosen) {
						expect(allowed.has(reviewerId)).toBe(true)
						counted.set(reviewerId, (counted.get(reviewerId) ?? 0) + 1)
					}
				}
				for (const reviewer of reviewers) expect(result.loads.get(reviewer.id)).toBe(reviewer.load + (counted.get(reviewer.id) ?? 0))
			}),
			{ numRuns: 400 },
		)
	})

	test('makes as many pairs as can be made at all: every application gets its reviewers whenever enough eligible ones exist', () => {
		fc.assert(
			fc.property(pool, ({ applications, reviewers }) => {
				const result = suggestReviewers(applications, reviewers)
				const possible = maximumPairs(applications, reviewers)
				expect(total(result)).toBe(possible)
				const needed = applications.reduce((sum, application) => sum + application.need, 0)
				if (possible === needed) for (const application of applications) expect(result.assignments.get(application.id)?.length ?? 0).toBe(application.need)
			}),
			{ numRuns: 400 },
		)
	})

	test('the augmenting-path oracle agrees with exhaustive search on small cases', () => {
		const small = pool.filter(({ applications }) => applications.reduce((sum, application) => sum + application.candidates.length, 0) <= 16)
		fc.assert(
			fc.property(small, ({ applications, reviewers }) => {
				const best = bruteForcePairs(applications, reviewers)
				expect(maximumPairs(applications, reviewers)).toBe(best)
				expect(total(suggestReviewers(applications, reviewers))).toBe(best)
			}),
			{ numRuns: 300 },
		)
	})

	test('spreads load: no new review could move to an eligible reviewer whose load is lower by 2 or more', () => {
		fc.assert(
			fc.property(pool, ({ applications, reviewers }) => {
				const result = suggestReviewers(applications, reviewers)
				const caps = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.cap]))
				for (const application of applications) {
					const chosen = result.assignments.get(application.id) ?? []
					for (const from of chosen) {
						for (const { reviewerId: to } of application.candidates) {
							if (chosen.includes(to)) continue
							const toLoad = result.loads.get(to)!
							if (toLoad + 1 > caps.get(to)!) continue
							expect(toLoad + 2, `review of ${application.id} could move from ${from} to ${to}`).toBeGreaterThan(result.loads.get(from)!)
						}
					}
				}
			}),
			{ numRuns: 400 },
		)
	})

	test('with no conflicts, equal loads and room under the caps, loads end within 1 of each other', () => {
		const open = fc.record({ reviewers: fc.integer({ min: 2, max: 8 }), needs: fc.array(fc.integer({ min: 1, max: 2 }), { maxLength: 12 }), load: fc.integer({ min: 0, max: 3 }) })
		fc.assert(
			fc.property(open, ({ reviewers: count, needs, load }) => {
				const reviewers = Array.from({ length: count }, (_, index) => ({ id: index + 1, load, cap: load + 30 }))
				const applications = needs.map((need, index) => ({
					id: 100 + index,
					need,
					candidates: reviewers.map((reviewer) => ({ reviewerId: reviewer.id, preference: (reviewer.id * 7 + index) % (PREFERENCE_MAX + 1) })),
				}))
				const loads = [...suggestReviewers(applications, reviewers).loads.values()]
				expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1)
			}),
			{ numRuns: 300 },
		)
	})

	test('between reviewers of equal load, the better fit is chosen', () => {
		const reviewers = [
			{ id: 1, load: 0, cap: 8 },
			{ id: 2, load: 0, cap: 8 },
			{ id: 3, load: 0, cap: 8 },
		]
		const result = suggestReviewers(
			[
				{
					id: 7,
					need: 2,
					candidates: [
						{ reviewerId: 1, preference: 0 },
						{ reviewerId: 2, preference: 5 },
						{ reviewerId: 3, preference: 3 },
					],
				},
			],
			reviewers,
		)
		expect(result.assignments.get(7)).toEqual([2, 3])
	})

	test('is deterministic: the same input gives the same suggestion', () => {
		fc.assert(
			fc.property(pool, ({ applications, reviewers }) => {
				const first = suggestReviewers(applications, reviewers)
				const second = suggestReviewers(structuredClone(applications), structuredClone(reviewers))
				expect([...second.assignments]).toEqual([...first.assignments])
			}),
			{ numRuns: 100 },
		)
	})
})
