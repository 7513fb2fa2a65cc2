/**
 * The review rubric: criteria with weights, and the score formula of DOMAIN.md.
 * A review's score is 100 × Σ wᵢ (sᵢ − 1) / 4 / Σ wᵢ, so all 1s give 0, all 3s give 50 and all 5s give 100.
 */

export type Bilingual = { en: string; fa: string }

export type RubricCriterion = {
	key: string
	weight: number
	label: Bilingual
	description: Bilingual
	anchors: { 1: Bilingual; 3: Bilingual; 5: Bilingual }
}

export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
	{
		key: 'excellence',
		weight: 30,
		label: {
			en: 'Scientific excellence and track record',
			fa: 'برتری علمی و سوابق پژوهشی',
		},
		description: {
			en: 'The applicant’s publications, citations, funding and standing in their field.',
			fa: 'انتشارات، استنادها، پژوهانه‌ها و جایگاه متقاضی در رشته‌اش.',
		},
		anchors: {
			1: { en: 'Limited or no record in the field', fa: 'سابقه‌ای اندک یا بدون سابقه در این رشته' },
			3: { en: 'A solid record, recognised nationally', fa: 'سابقه‌ای استوار و شناخته‌شده در سطح ملی' },
			5: { en: 'An outstanding record, recognised internationally', fa: 'سابقه‌ای برجسته و شناخته‌شده در سطح بین‌المللی' },
		},
	},
	{
		key: 'relevance',
		weight: 25,
		label: {
			en: 'Relevance to the host department and the university’s priorities',
			fa: 'تناسب با دانشکده میزبان و اولویت‌های دانشگاه',
		},
		description: {
			en: 'How well the visit fits the host department’s work and the university’s strategic priorities.',
			fa: 'میزان هماهنگی دیدار با کار دانشکده میزبان و اولویت‌های راهبردی دانشگاه.',
		},
		anchors: {
			1: { en: 'Little connection to the host’s work', fa: 'پیوند اندک با کار میزبان' },
			3: { en: 'A clear fit with the host department', fa: 'تناسب روشن با دانشکده میزبان' },
			5: { en: 'Central to the department’s and university’s priorities', fa: 'در کانون اولویت‌های دانشکده و دانشگاه' },
		},
	},
	{
		key: 'plan',
		weight: 25,
		label: {
			en: 'Quality and feasibility of the proposed plan',
			fa: 'کیفیت و امکان‌پذیری برنامه پیشنهادی',
		},
		description: {
			en: 'Clear objectives, a realistic week-by-week plan and a fitting length of stay.',
			fa: 'اهداف روشن، برنامه هفتگی واقع‌بینانه و مدت اقامت مناسب.',
		},
		anchors: {
			1: { en: 'Vague objectives or an unrealistic plan', fa: 'اهداف مبهم یا برنامه‌ای غیرواقع‌بینانه' },
			3: { en: 'A sound plan with minor gaps', fa: 'برنامه‌ای درست با کاستی‌های جزئی' },
			5: { en: 'A precise, realistic and well-paced plan', fa: 'برنامه‌ای دقیق، واقع‌بینانه و سنجیده' },
		},
	},
	{
		key: 'impact',
		weight: 20,
		label: {
			en: 'Expected impact: teaching, joint research, knowledge transfer',
			fa: 'اثر مورد انتظار: آموزش، پژوهش مشترک، انتقال دانش',
		},
		description: {
			en: 'What students, staff and the university will gain during the visit and after it.',
			fa: 'آنچه دانشجویان، کارکنان و دانشگاه در طول دیدار و پس از آن به دست می‌آورند.',
		},
		anchors: {
			1: { en: 'Little lasting benefit expected', fa: 'سود ماندگار اندکی انتظار می‌رود' },
			3: { en: 'Clear benefits for the host group', fa: 'سودهای روشن برای گروه میزبان' },
			5: {
				en: 'Lasting collaboration and broad benefit to teaching and research',
				fa: 'همکاری ماندگار و سود گسترده برای آموزش و پژوهش',
			},
		},
	},
]

/** A criterion's texts as the columns of a `call_criteria` row (and of the rubric editor's form). */
export function criterionColumns(criterion: RubricCriterion) {
	return {
		key: criterion.key,
		labelEn: criterion.label.en,
		labelFa: criterion.label.fa,
		descriptionEn: criterion.description.en,
		descriptionFa: criterion.description.fa,
		anchor1En: criterion.anchors[1].en,
		anchor1Fa: criterion.anchors[1].fa,
		anchor3En: criterion.anchors[3].en,
		anchor3Fa: criterion.anchors[3].fa,
		anchor5En: criterion.anchors[5].en,
		anchor5Fa: criterion.anchors[5].fa,
	}
}

/** A review's weighted score from 0 to 100, or null when any criterion is unscored. */
export function weightedScore(
	criteria: readonly { key: string; weight: number }[],
	scores: Readonly<Record<string, number | undefined>>,
): number | null {
	let weighted = 0
	let totalWeight = 0
	for (const criterion of criteria) {
		const score = scores[criterion.key]
		if (score === undefined) return null
		if (!Number.isInteger(score) || score < 1 || score > 5) {
			throw new RangeError(`Score for ${criterion.key} must be an integer from 1 to 5`)
		}
		weighted += criterion.weight * (score - 1)
		totalWeight += criterion.weight
	}
	if (totalWeight === 0) return null
	return (100 * weighted) / 4 / totalWeight
}
