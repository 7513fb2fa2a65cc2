import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { and, asc, count, desc, eq, inArray, isNull, ne, or } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { Pagination } from '#app/components/pagination.tsx'
import { formatDeadline } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { applications, calls, conflictDeclarations, reviewAssignments, reviews } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'reviewer.home.title')

/** Submitted reviews shown per page; the work still to do is always shown whole. */
export const SUBMITTED_PAGE_SIZE = 20

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'reviewer:home' })
	const locale = await getLocale(request)
	const now = context.now()
	const requested = Number.parseInt(new URL(request.url).searchParams.get('page') ?? '1', 10)
	// Only the columns the page shows: a reviewer may have hundreds of assignments over the years, and whole rows
	// (the call's descriptions, the review's comments) made this page slow (docs/performance.md).
	// This reviewer's current and finished assignments; the page splits them by whether the review is submitted.
	const mine = and(eq(reviewAssignments.reviewerId, user.id), inArray(reviewAssignments.status, ['active', 'done']))
	const reviewSubmitted = eq(reviews.status, 'submitted')
	const assigned = (submitted: boolean) =>
		context.db
			.select({
				id: reviewAssignments.id,
				status: reviewAssignments.status,
				dueAt: reviewAssignments.dueAt,
				reference: applications.reference,
				titleEn: calls.titleEn,
				titleFa: calls.titleFa,
				timeZone: calls.timeZone,
				reviewStatus: reviews.status,
				submittedAt: reviews.submittedAt,
				declarationId: conflictDeclarations.id,
			})
			.from(reviewAssignments)
			.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
			.innerJoin(calls, eq(calls.id, applications.callId))
			.leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
			.leftJoin(conflictDeclarations, eq(conflictDeclarations.assignmentId, reviewAssignments.id))
			.where(and(mine, submitted ? reviewSubmitted : or(isNull(reviews.status), ne(reviews.status, 'submitted'))))
			.$dynamic()
	const toDo = assigned(false).orderBy(asc(reviewAssignments.dueAt), asc(reviewAssignments.id)).all()
	// The submitted ones a page at a time, the latest first: they are a record, not work.
	const submittedCount = context.db
		.select({ n: count() })
		.from(reviewAssignments)
		.innerJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
		.where(and(mine, reviewSubmitted))
		.get()!.n
	const pageCount = Math.max(1, Math.ceil(submittedCount / SUBMITTED_PAGE_SIZE))
	const page = Math.min(pageCount, Math.max(1, Number.isFinite(requested) ? requested : 1))
	const submitted = assigned(true)
		.orderBy(desc(reviews.submittedAt), desc(reviewAssignments.id))
		.limit(SUBMITTED_PAGE_SIZE)
		.offset((page - 1) * SUBMITTED_PAGE_SIZE)
		.all()
	// Dates repeat (the office gives a batch the same due date): each is formatted once.
	const texts = new Map<string, string>()
	const dateText = (at: Date, timeZone: string) => {
		const key = `${at.getTime()}|${timeZone}`
		let text = texts.get(key)
		if (text === undefined) texts.set(key, (text = formatDeadline(at, locale, timeZone).text))
		return text
	}
	const card = (row: (typeof toDo)[number]) => ({
		id: row.id,
		reference: row.reference,
		callTitle: locale === 'fa' ? row.titleFa : row.titleEn,
	})
	return {
		name: user.name,
		toDo: toDo.map((row) => ({
			...card(row),
			due: dateText(row.dueAt, row.timeZone),
			overdue: row.status === 'active' && row.dueAt < now,
			state: row.reviewStatus ? ('draft' as const) : row.declarationId !== null ? ('toReview' as const) : ('declare' as const),
		})),
		submitted: submitted.map((row) => ({ ...card(row), submittedOn: row.submittedAt ? dateText(row.submittedAt, row.timeZone) : null })),
		submittedCount,
		page,
		pageCount,
	}
}

type Card = { id: number; reference: string; callTitle: string }

function AssignmentLink({ assignment }: { assignment: Card }) {
	return (
		<Link to={`/reviewer/assignments/${assignment.id}`}>
			<span dir="ltr">{assignment.reference}</span> — {assignment.callTitle}
		</Link>
	)
}

/**
 * The reviewer's home: what is still to do, soonest due first, overdue ones marked; then the reviews already
 * submitted, the latest first, a page at a time.
 */
export default function ReviewerHome() {
	const { t } = useTranslate()
	const { name, toDo, submitted, submittedCount, page, pageCount } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<PageHeading title={t('reviewer.home.title')} lead={t('reviewer.home.welcome', { name })} />
			<section aria-labelledby="to-do" className="space-y-3">
				<h2 id="to-do" className="text-2xl font-semibold">
					{t('reviewer.home.toDo', { count: toDo.length })}
				</h2>
				{toDo.length === 0 ? (
					<p className="rounded-md border border-slate-300 bg-white p-4">
						{submittedCount === 0 ? t('reviewer.home.none') : t('reviewer.home.allDone')}
					</p>
				) : (
					<ul className="space-y-3">
						{toDo.map((assignment) => (
							<li key={assignment.id} className={`rounded-md border bg-white p-4 ${assignment.overdue ? 'border-red-700' : 'border-slate-200'}`}>
								<p className="font-semibold">
									<AssignmentLink assignment={assignment} />
								</p>
								<p className="text-sm text-slate-700">
									{t('reviewer.home.due', { date: assignment.due })}
									{assignment.overdue ? <strong className="ms-2 text-red-800">{t('reviewer.home.overdue')}</strong> : null}
								</p>
								<p className="text-sm">{t(`reviewer.home.state.${assignment.state}`)}</p>
							</li>
						))}
					</ul>
				)}
			</section>
			{submittedCount > 0 ? (
				<section aria-labelledby="submitted" className="space-y-3">
					<h2 id="submitted" className="text-2xl font-semibold">
						{t('reviewer.home.submitted', { count: submittedCount })}
					</h2>
					<ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
						{submitted.map((assignment) => (
							<li key={assignment.id} className="flex flex-wrap justify-between gap-x-4 px-4 py-2">
								<AssignmentLink assignment={assignment} />
								{assignment.submittedOn ? (
									<span className="text-sm text-slate-700">{t('reviewer.home.submittedOn', { date: assignment.submittedOn })}</span>
								) : null}
							</li>
						))}
					</ul>
					<Pagination
						page={page}
						pageCount={pageCount}
						label={t('reviewer.home.pages')}
						previous={t('reviewer.home.newer')}
						next={t('reviewer.home.older')}
						current={t('reviewer.home.pageOf', { page, pages: pageCount })}
					/>
				</section>
			) : null}
		</div>
	)
}
