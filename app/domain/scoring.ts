import { weightedScore } from './rubric.ts'

/**
 * Comparing reviews (DOMAIN.md): each review's weighted score, the application's score (the mean of its submitted
 * reviews' scores, with their number, lowest and highest), each criterion's mean and spread, and a flag when the
 * reviewers disagree: on any criterion, two submitted scores 2 or more points apart.
 */

export type Criterion = { key: string; weight: number }
export type ScoredReview = { scores: Readonly<Record<string, number | undefined>> }

export type CriterionSummary = { key: string; mean: number | null; min: number | null; max: number | null; spread: number | null }

export type ApplicationScore = {
	/** Mean of the reviews' weighted scores (0–100), or null with no complete review. */
	score: number | null
	count: number
	lowest: number | null
	highest: number | null
	disagree: boolean
	criteria: CriterionSummary[]
}

/** `reviews` are the submitted ones; a review missing a criterion (it cannot be submitted so) has no score. */
export function applicationScore(criteria: readonly Criterion[], reviews: readonly ScoredReview[]): ApplicationScore {
	const scores = reviews.map((review) => weightedScore(criteria, review.scores)).filter((score): score is number => score !== null)
	const summaries = criteria.map((criterion): CriterionSummary => {
		const values = reviews.map((review) => review.scores[criterion.key]).filter((value): value is number => typeof value === 'number')
		if (values.length === 0) return { key: criterion.key, mean: null, min: null, max: null, spread: null }
		const min = Math.min(...values)
		const max = Math.max(...values)
		return { key: criterion.key, mean: values.reduce((sum, value) => sum + value, 0) / values.length, min, max, spread: max - min }
	})
	return {
		score: scores.length > 0 ? scores.reduce((sum, value) => sum + value, 0) / scores.length : null,
		count: scores.length,
		lowest: scores.length > 0 ? Math.min(...scores) : null,
		highest: scores.length > 0 ? Math.max(...scores) : null,
		disagree: summaries.some((summary) => (summary.spread ?? 0) >= 2),
		criteria: summaries,
	}
}
