import { describe, expect, it } from 'vitest'
import { DEFAULT_RUBRIC, weightedScore } from '#app/domain/rubric.ts'

const all = (score: number) => Object.fromEntries(DEFAULT_RUBRIC.map((criterion) => [criterion.key, score]))

describe('the default rubric', () => {
	it('has the four criteria of DOMAIN.md weighing 100 % in all', () => {
		expect(DEFAULT_RUBRIC.map((criterion) => criterion.weight)).toEqual([30, 25, 25, 20])
		for (const criterion of DEFAULT_RUBRIC) {
			for (const text of [criterion.label, criterion.description, criterion.anchors[1], criterion.anchors[3], criterion.anchors[5]]) {
				expect(text.en.length).toBeGreaterThan(0)
				expect(text.fa).toMatch(/[\u0600-\u06ff]/)
			}
		}
	})
})

describe('weightedScore', () => {
	it('maps all 1s to 0, all 3s to 50 and all 5s to 100', () => {
		expect(weightedScore(DEFAULT_RUBRIC, all(1))).toBe(0)
		expect(weightedScore(DEFAULT_RUBRIC, all(3))).toBe(50)
		expect(weightedScore(DEFAULT_RUBRIC, all(5))).toBe(100)
	})

	it('weighs each criterion', () => {
		// Only excellence (30 %) at 5, the rest at 1: 100 × 30 × 4 / 4 / 100 = 30.
		expect(weightedScore(DEFAULT_RUBRIC, { ...all(1), excellence: 5 })).toBe(30)
	})

	it('gives no score while a criterion is unscored, and refuses scores outside 1–5', () => {
		expect(weightedScore(DEFAULT_RUBRIC, { excellence: 3 })).toBeNull()
		expect(() => weightedScore(DEFAULT_RUBRIC, { ...all(3), plan: 6 })).toThrow(RangeError)
	})
})
