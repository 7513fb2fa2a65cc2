import { describe, expect, it } from 'vitest'
import { DEFAULT_RUBRIC, weightedScore } from '#app/domain/rubric.ts'
import { applicationScore } from '#app/domain/scoring.ts'

const review = (excellence: number, relevance: number, plan: number, impact: number) => ({ scores: { excellence, relevance, plan, impact } })

describe('applicationScore', () => {
	it('has no score and no flag with no review', () => {
		expect(applicationScore(DEFAULT_RUBRIC, [])).toMatchObject({ score: null, count: 0, lowest: null, highest: null, disagree: false })
	})

	it('is the review’s score with one review', () => {
		// 100 × (30×4 + 25×2 + 25×2 + 20×0) / 4 / 100 = 55
		expect(weightedScore(DEFAULT_RUBRIC, review(5, 3, 3, 1).scores)).toBe(55)
		expect(applicationScore(DEFAULT_RUBRIC, [review(5, 3, 3, 1)])).toMatchObject({ score: 55, count: 1, lowest: 55, highest: 55, disagree: false })
	})

	it('is the mean of the reviews, with the lowest and highest, and each criterion’s mean and spread', () => {
		const result = applicationScore(DEFAULT_RUBRIC, [review(5, 5, 5, 5), review(3, 3, 3, 3)])
		expect(result).toMatchObject({ score: 75, count: 2, lowest: 50, highest: 100, disagree: true })
		expect(result.criteria[0]).toEqual({ key: 'excellence', mean: 4, min: 3, max: 5, spread: 2 })
	})

	it('flags disagreement at 2 points apart on any criterion, not at 1', () => {
		expect(applicationScore(DEFAULT_RUBRIC, [review(4, 4, 4, 4), review(3, 3, 3, 5)]).disagree).toBe(false)
		expect(applicationScore(DEFAULT_RUBRIC, [review(4, 4, 4, 4), review(4, 4, 4, 2)]).disagree).toBe(true)
	})

	it('gives a review with a missing criterion no score, but counts its given criteria', () => {
		const result = applicationScore(DEFAULT_RUBRIC, [review(5, 5, 5, 5), { scores: { excellence: 1 } }])
		expect(result.score).toBe(100)
		expect(result.count).toBe(1)
		expect(result.criteria[0]).toMatchObject({ min: 1, max: 5, spread: 4 })
		expect(result.disagree).toBe(true)
	})

	it('weighs unequal weights', () => {
		const criteria = [
			{ key: 'a', weight: 1 },
			{ key: 'b', weight: 3 },
		]
		// 100 × (1×4 + 3×0) / 4 / 4 = 25
		expect(applicationScore(criteria, [{ scores: { a: 5, b: 1 } }]).score).toBe(25)
	})
})
