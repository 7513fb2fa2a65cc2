import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { and, asc, eq, ne } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { ReviewerMaterial } from '#app/components/reviewer-material.tsx'
import { reviewerMaterial } from '#app/domain/reviewer-view.server.ts'
import { declarationOf, declareConflict, findOwnAssignment, ReviewError, ReviewInputSchema, saveReview } from '#app/domain/reviews.server.ts'
import { weightedScore } from '#app/domain/rubric.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { applications, callCriteria, calls, RECOMMENDATIONS, reviews } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'review.title')

async function ownAssignment(request: Request, context: LoaderFunctionArgs['context'], id: string | undefined) {
	const user = await requireUser(request, context, { can: 'reviewer:home' })
	const assignment = findOwnAssignment(context.db, Number(id), user.id)
	// Someone else's assignment, or one that no longer stands, does not exist for this reviewer.
	if (!assignment || !['active', 'done', 'released'].includes(assignment.status)) throw new Response(null, { status: 404 })
	return { user, assignment }
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const { user, assignment } = await ownAssignment(request, context, params.id)
	const locale = await getLocale(request)
	const application = context.db.select().from(applications).where(eq(applications.id, assignment.applicationId)).get()!
	const call = context.db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const declaration = declarationOf(context.db, assignment.id)
	const base = {
		id: assignment.id,
		reference: application.reference,
		due: formatDeadline(assignment.dueAt, locale, call.timeZone),
		declaration: declaration ? { hasConflict: declaration.hasConflict } : null,
	}
	if (!declaration || declaration.hasConflict) return { ...base, review: null }

	const criteria = context.db.select().from(callCriteria).where(eq(callCriteria.callId, call.id)).orderBy(asc(callCriteria.position)).all()
	const own = context.db.select().from(reviews).where(eq(reviews.assignmentId, assignment.id)).get()
	// Other reviewers' scores only once this reviewer has submitted their own, so nobody anchors on them.
	const others =
		own?.status === 'submitted'
			? context.db
					.select()
					.from(reviews)
					.where(and(eq(reviews.applicationId, application.id), eq(reviews.status, 'submitted'), ne(reviews.reviewerId, user.id)))
					.all()
			: []
	return {
		...base,
		review: {
			editable: application.status === 'under_review',
			...reviewerMaterial(context.db, application.id, locale),
			criteria: criteria.map((criterion) => ({
				key: criterion.key,
				weight: criterion.weight,
				label: locale === 'fa' ? criterion.labelFa : criterion.labelEn,
				description: locale === 'fa' ? criterion.descriptionFa : criterion.descriptionEn,
				anchors: {
					1: locale === 'fa' ? criterion.anchor1Fa : criterion.anchor1En,
					3: locale === 'fa' ? criterion.anchor3Fa : criterion.anchor3En,
					5: locale === 'fa' ? criterion.anchor5Fa : criterion.anchor5En,
				},
			})),
			own: own
				? {
						scores: own.scores,
						recommendation: own.recommendation,
						commentForOffice: own.commentForOffice ?? '',
						commentForApplicant: own.commentForApplicant ?? '',
						status: own.status,
						score: weightedScore(criteria, own.scores),
					}
				: null,
			others: others.map((review, index) => ({
				label: index + 1,
				scores: review.scores,
				recommendation: review.recommendation,
				score: weightedScore(criteria, review.scores),
			})),
		},
	}
}

type Answer = { errors: Record<string, string>; saved?: 'draft' | 'submitted' }

export async function action({ request, context, params }: ActionFunctionArgs) {
	const { user, assignment } = await ownAssignment(request, context, params.id)
	const formData = await request.formData()
	const intent = formData.get('intent')
	const now = context.now()
	if (intent === 'declare') {
		const answer = formData.get('conflict')
		const reason = String(formData.get('reason') ?? '').trim().slice(0, 2000)
		if (answer !== 'yes' && answer !== 'no') return data<Answer>({ errors: { conflict: 'review.errors.declare' } }, 400)
		if (answer === 'yes' && !reason) return data<Answer>({ errors: { reason: 'review.errors.reason' } }, 400)
		try {
			declareConflict(context.db, context.config, { assignmentId: assignment.id, reviewerId: user.id, hasConflict: answer === 'yes', reason: reason || null, now })
		} catch (error) {
			if (error instanceof ReviewError) return data<Answer>({ errors: { form: `review.errors.${error.reason}` } }, 409)
			throw error
		}
		return redirect(`/reviewer/assignments/${assignment.id}`)
	}
	const scores: Record<string, string> = {}
	for (const [key, value] of formData.entries()) {
		if (key.startsWith('score.') && typeof value === 'string' && value) scores[key.slice(6)] = value
	}
	const recommendation = formData.get('recommendation')
	const parsed = ReviewInputSchema.safeParse({
		scores,
		recommendation: typeof recommendation === 'string' && recommendation ? recommendation : null,
		commentForOffice: String(formData.get('commentForOffice') ?? '') || null,
		commentForApplicant: String(formData.get('commentForApplicant') ?? '') || null,
	})
	if (!parsed.success) return data<Answer>({ errors: { form: 'review.errors.invalid' } }, 400)
	const submit = intent === 'submit'
	try {
		saveReview(context.db, context.config, { assignmentId: assignment.id, reviewerId: user.id, input: parsed.data, submit, now })
	} catch (error) {
		if (error instanceof ReviewError) return data<Answer>({ errors: { form: `review.errors.${error.reason}` } }, error.reason === 'incomplete' ? 400 : 409)
		throw error
	}
	return data<Answer>({ errors: {}, saved: submit ? 'submitted' : 'draft' })
}

export default function ReviewPage() {
	const { t, locale } = useTranslate()
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const errors = actionData?.errors ?? {}

	if (!loaderData.declaration) {
		return (
			<div className="max-w-2xl space-y-6">
				<PageHeading title={t('review.conflict.title')} lead={t('review.conflict.lead', { reference: loaderData.reference })} />
				<Form method="post" className="space-y-5">
					<ErrorSummary items={Object.entries(errors).filter(([name]) => name !== 'form').map(([name, message]) => ({ name, message }))} formError={errors.form} />
					<input type="hidden" name="intent" value="declare" />
					<fieldset className="space-y-3" aria-describedby="conflict-hint">
						<legend id="field-conflict" className="font-semibold">
							{t('review.conflict.question')}
						</legend>
						<p id="conflict-hint" className="text-sm text-slate-600">
							{t('review.conflict.hint')}
						</p>
						{(['no', 'yes'] as const).map((answer) => (
							<label key={answer} className="flex min-h-11 items-center gap-3">
								<input type="radio" name="conflict" value={answer} className="size-5" />
								{t(`review.conflict.${answer}`)}
							</label>
						))}
					</fieldset>
					<div className="space-y-1">
						<label htmlFor="field-reason" className="block font-semibold">
							{t('review.conflict.reason')}
						</label>
						{errors.reason ? <p className="font-semibold text-red-800">{t(errors.reason as MessageKey)}</p> : null}
						<textarea id="field-reason" name="reason" rows={3} className="block w-full rounded-md border-2 border-slate-500 bg-white px-3 py-2" />
					</div>
					<SubmitButton>{t('review.conflict.submit')}</SubmitButton>
				</Form>
			</div>
		)
	}
	if (loaderData.declaration.hasConflict || !loaderData.review) {
		return (
			<div className="max-w-2xl space-y-6">
				<PageHeading title={t('review.title')} />
				<Panel>
					<p>{t('review.conflict.released', { reference: loaderData.reference })}</p>
				</Panel>
			</div>
		)
	}
	const review = loaderData.review
	const own = review.own
	return (
		<div className="space-y-8">
			<PageHeading title={t('review.title')} lead={t('review.lead', { reference: loaderData.reference, date: loaderData.due.text })} />
			<div className="grid gap-10 xl:grid-cols-[1fr_28rem]">
				<div className="min-w-0 space-y-8">
					<ReviewerMaterial material={review} />
				</div>

				<section aria-labelledby="your-review" className="space-y-4">
					<h2 id="your-review" className="text-2xl font-semibold">
						{t('review.yours')}
					</h2>
					{actionData?.saved ? (
						<Panel tone="success">
							<p role="status">{t(actionData.saved === 'submitted' ? 'review.submitted' : 'review.draftSaved')}</p>
						</Panel>
					) : null}
					{own?.status === 'submitted' && own.score !== null ? (
						<p className="font-semibold">{t('review.score', { score: formatNumber(Math.round(own.score), locale) })}</p>
					) : null}
					<Form method="post" className="space-y-6">
						<ErrorSummary items={[]} formError={errors.form} />
						{review.criteria.map((criterion) => (
							<fieldset key={criterion.key} className="space-y-2 rounded-md border border-slate-200 bg-white p-4">
								<legend className="px-1 font-semibold">
									{criterion.label} ({formatNumber(criterion.weight, locale)}%)
								</legend>
								<p className="text-sm text-slate-700">{criterion.description}</p>
								<dl className="grid grid-cols-[2rem_1fr] gap-x-2 text-sm text-slate-600">
									{([1, 3, 5] as const).map((anchor) => (
										<div key={anchor} className="contents">
											<dt>{formatNumber(anchor, locale)}</dt>
											<dd>{criterion.anchors[anchor]}</dd>
										</div>
									))}
								</dl>
								<div className="flex flex-wrap gap-4" role="radiogroup" aria-label={t('review.scoreFor', { criterion: criterion.label })}>
									{[1, 2, 3, 4, 5].map((score) => (
										<label key={score} className="flex min-h-11 min-w-11 items-center gap-2">
											<input
												type="radio"
												name={`score.${criterion.key}`}
												value={score}
												defaultChecked={own?.scores[criterion.key] === score}
												disabled={!review.editable}
												className="size-5"
											/>
											{formatNumber(score, locale)}
										</label>
									))}
								</div>
							</fieldset>
						))}
						<fieldset className="space-y-2 rounded-md border border-slate-200 bg-white p-4">
							<legend className="px-1 font-semibold">{t('review.recommendation')}</legend>
							{RECOMMENDATIONS.map((recommendation) => (
								<label key={recommendation} className="flex min-h-11 items-center gap-3">
									<input
										type="radio"
										name="recommendation"
										value={recommendation}
										defaultChecked={own?.recommendation === recommendation}
										disabled={!review.editable}
										className="size-5"
									/>
									{t(`review.recommend.${recommendation}`)}
								</label>
							))}
						</fieldset>
						{(['commentForOffice', 'commentForApplicant'] as const).map((name) => (
							<div key={name} className="space-y-1">
								<label htmlFor={`field-${name}`} className="block font-semibold">
									{t(`review.${name}`)}
								</label>
								<p id={`field-${name}-hint`} className="text-sm text-slate-600">
									{t(`review.${name}Hint`)}
								</p>
								<textarea
									id={`field-${name}`}
									name={name}
									rows={5}
									defaultValue={own?.[name] ?? ''}
									disabled={!review.editable}
									aria-describedby={`field-${name}-hint`}
									className="block w-full rounded-md border-2 border-slate-500 bg-white px-3 py-2"
								/>
							</div>
						))}
						{review.editable ? (
							<div className="flex flex-wrap gap-4">
								<SubmitButton name="intent" value="submit">
									{t(own?.status === 'submitted' ? 'review.revise' : 'review.submit')}
								</SubmitButton>
								{own?.status !== 'submitted' ? (
									<button type="submit" name="intent" value="draft" className="inline-flex min-h-11 items-center rounded-md border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-800">
										{t('wizard.saveDraft')}
									</button>
								) : null}
							</div>
						) : (
							<p>{t('review.closed')}</p>
						)}
					</Form>
					{review.others.length > 0 ? (
						<section aria-labelledby="others" className="space-y-2">
							<h3 id="others" className="text-xl font-semibold">
								{t('review.others')}
							</h3>
							<ul className="space-y-2">
								{review.others.map((other) => (
									<li key={other.label} className="rounded-md border border-slate-200 bg-white p-3 text-sm">
										<p className="font-semibold">
											{t('review.otherReviewer', { number: other.label })}:{' '}
											{other.score !== null ? t('review.score', { score: formatNumber(Math.round(other.score), locale) }) : ''}
										</p>
										<p>
											{review.criteria.map((criterion) => `${criterion.label}: ${formatNumber(other.scores[criterion.key] ?? 0, locale)}`).join(' · ')}
										</p>
										{other.recommendation ? <p>{t(`review.recommend.${other.recommendation}`)}</p> : null}
									</li>
								))}
							</ul>
						</section>
					) : null}
				</section>
			</div>
		</div>
	)
}
