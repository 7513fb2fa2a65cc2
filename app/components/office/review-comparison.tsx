import type { ReviewComparison } from '#app/domain/office-applications.server.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Recommendation } from '#db/schema.ts'

/** As the loader sends it: when it was submitted as an ISO instant, shown in the call's time zone. */
type Review = Omit<ReviewComparison['reviews'][number], 'submittedAt'> & { submittedAt: string | null }
/** As the loader sends it: each criterion's label in the reader's language only. */
type Comparison = Omit<ReviewComparison, 'reviews' | 'criteria'> & { criteria: { key: string; weight: number; label: string }[]; reviews: Review[] }

/**
 * The submitted reviews side by side: each criterion's score per reviewer with the mean and spread, each review's
 * weighted score and recommendation, the application's score (mean, count, lowest, highest), a visible flag when
 * the reviewers disagree (2 or more points apart on a criterion), and each reviewer's comments.
 */
export function ReviewComparisonView({ comparison, timeZone }: { comparison: Comparison; timeZone: string }) {
	const { t, locale } = useTranslate()
	const { criteria, reviews, summary } = comparison
	const score = (value: number | null) => (value === null ? '—' : formatNumber(value, locale, { maximumFractionDigits: 1 }))
	const number = (value: number) => formatNumber(value, locale)
	const recommendation = (value: Recommendation | null) => (value ? t(`office.review.recommend.${value}`) : '—')
	const disagreeing = summary.criteria.filter((criterion) => (criterion.spread ?? 0) >= 2).map((criterion) => criterion.key)
	const label = (key: string) => {
		const criterion = criteria.find((item) => item.key === key)
		return criterion ? criterion.label : key
	}
	return (
		<section aria-labelledby="reviews" className="space-y-4">
			<h2 id="reviews" className="text-2xl font-semibold">
				{t('office.review.title')}
			</h2>
			{reviews.length === 0 ? (
				<p>{t('office.review.none')}</p>
			) : (
				<>
					<dl className="grid gap-3 sm:grid-cols-4 [&_dd]:text-2xl [&_dd]:font-bold [&_dt]:text-sm [&_dt]:text-slate-700 [&>div]:rounded-md [&>div]:border [&>div]:border-slate-200 [&>div]:bg-white [&>div]:p-3">
						{[
							['office.review.score', score(summary.score)],
							['office.review.count', number(summary.count)],
							['office.review.lowest', score(summary.lowest)],
							['office.review.highest', score(summary.highest)],
						].map(([key, value]) => (
							<div key={key}>
								<dt>{t(key as 'office.review.score')}</dt>
								<dd>{value}</dd>
							</div>
						))}
					</dl>
					{summary.disagree ? (
						<div className="rounded-md border-s-4 border-amber-600 bg-amber-50 p-4">
							<p className="font-bold">{t('office.review.disagree')}</p>
							<p>{t('office.review.disagreeOn', { criteria: disagreeing.map(label).join(locale === 'fa' ? '، ' : ', ') })}</p>
						</div>
					) : null}
					{/* Focusable, so a keyboard can scroll it on a narrow screen: it holds nothing else to focus (axe: scrollable-region-focusable). */}
					{/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
					<div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="reviews-caption">
						<table className="w-full min-w-[36rem] border-collapse bg-white text-sm [&_tbody_tr]:border-b [&_tbody_tr]:border-slate-200 [&_td]:p-2 [&_th]:p-2 [&_th]:text-start">
							<caption id="reviews-caption" className="p-2 text-start text-slate-700">
								{t('office.review.caption')}
							</caption>
							<thead>
								<tr className="border-b-2 border-slate-300">
									<th scope="col">
										{t('office.review.criterion')}
									</th>
									{reviews.map((review) => (
										<th key={review.assignmentId} scope="col">
											{review.reviewerName}
										</th>
									))}
									<th scope="col">
										{t('office.review.mean')}
									</th>
									<th scope="col">
										{t('office.review.spread')}
									</th>
								</tr>
							</thead>
							<tbody>
								{summary.criteria.map((criterion) => {
									const flagged = (criterion.spread ?? 0) >= 2
									const weight = criteria.find((item) => item.key === criterion.key)?.weight ?? 0
									return (
										<tr key={criterion.key} className={`align-top ${flagged ? 'bg-amber-50' : ''}`}>
											<th scope="row" className="font-medium">
												{label(criterion.key)}
												<span className="block text-xs font-normal text-slate-600">{t('office.review.weight', { weight: number(weight) })}</span>
											</th>
											{reviews.map((review) => (
												<td key={review.assignmentId}>
													{review.scores[criterion.key] === undefined ? '—' : number(review.scores[criterion.key]!)}
												</td>
											))}
											<td>{score(criterion.mean)}</td>
											<td>
												{criterion.spread === null ? '—' : number(criterion.spread)}
												{flagged ? <span className="ms-1 font-semibold text-amber-950">{t('office.review.apart')}</span> : null}
											</td>
										</tr>
									)
								})}
								<tr className="font-semibold">
									<th scope="row">
										{t('office.review.reviewScore')}
									</th>
									{reviews.map((review) => (
										<td key={review.assignmentId}>
											{score(review.score)}
										</td>
									))}
									<td>{score(summary.score)}</td>
									<td>{summary.lowest === null || summary.highest === null ? '—' : score(summary.highest - summary.lowest)}</td>
								</tr>
								<tr>
									<th scope="row" className="font-medium">
										{t('office.review.recommendation')}
									</th>
									{reviews.map((review) => (
										<td key={review.assignmentId}>
											{recommendation(review.recommendation)}
										</td>
									))}
									<td />
									<td />
								</tr>
							</tbody>
						</table>
					</div>
					<ul className="grid gap-4 md:grid-cols-2">
						{reviews.map((review) => (
							<li key={review.assignmentId} className="space-y-2 rounded-md border border-slate-200 bg-white p-4 [&>p]:break-words">
								<h3 className="text-lg font-semibold">{review.reviewerName}</h3>
								<p className="text-sm text-slate-700">
									{t('office.review.scoreLine', { score: score(review.score), recommendation: recommendation(review.recommendation) })}
									{review.submittedAt ? ` · ${t('office.review.submittedAt', { date: formatDeadline(new Date(review.submittedAt), locale, timeZone).text })}` : ''}
								</p>
								<h4 className="font-semibold">{t('office.review.commentForOffice')}</h4>
								<p className="whitespace-pre-line">{review.commentForOffice || '—'}</p>
								<h4 className="font-semibold">{t('office.review.commentForApplicant')}</h4>
								<p className="whitespace-pre-line">{review.commentForApplicant || t('office.review.noComment')}</p>
							</li>
						))}
					</ul>
				</>
			)}
		</section>
	)
}
