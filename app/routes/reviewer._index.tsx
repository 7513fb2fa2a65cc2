import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { and, asc, eq, inArray } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { formatDeadline } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { applications, calls, conflictDeclarations, reviewAssignments, reviews } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'reviewer.home.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'reviewer:home' })
	const locale = await getLocale(request)
	const now = context.now()
	// Only the columns the page shows: a reviewer may have hundreds of assignments over the years, and whole rows
	// (the call's descriptions, the review's comments) made this page slow (docs/performance.md).
	const rows = context.db
		.select({
			id: reviewAssignments.id,
			status: reviewAssignments.status,
			dueAt: reviewAssignments.dueAt,
			reference: applications.reference,
			titleEn: calls.titleEn,
			titleFa: calls.titleFa,
			timeZone: calls.timeZone,
			reviewStatus: reviews.status,
			declarationId: conflictDeclarations.id,
		})
		.from(reviewAssignments)
		.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
		.innerJoin(calls, eq(calls.id, applications.callId))
		.leftJoin(reviews, eq(reviews.assignmentId, reviewAssignments.id))
		.leftJoin(conflictDeclarations, eq(conflictDeclarations.assignmentId, reviewAssignments.id))
		.where(and(eq(reviewAssignments.reviewerId, user.id), inArray(reviewAssignments.status, ['active', 'done'])))
		.orderBy(asc(reviewAssignments.dueAt))
		.all()
	// Due dates repeat (the office gives a batch the same one): each is formatted once.
	const dueTexts = new Map<string, ReturnType<typeof formatDeadline>>()
	const due = (at: Date, timeZone: string) => {
		const key = `${at.getTime()}|${timeZone}`
		let text = dueTexts.get(key)
		if (!text) dueTexts.set(key, (text = formatDeadline(at, locale, timeZone)))
		return text
	}
	return {
		name: user.name,
		assignments: rows.map((row) => ({
			id: row.id,
			reference: row.reference,
			callTitle: locale === 'fa' ? row.titleFa : row.titleEn,
			due: due(row.dueAt, row.timeZone),
			overdue: row.status === 'active' && row.dueAt < now,
			state:
				row.reviewStatus === 'submitted'
					? ('submitted' as const)
					: row.reviewStatus
						? ('draft' as const)
						: row.declarationId !== null
							? ('toReview' as const)
							: ('declare' as const),
		})),
	}
}

/** The reviewer's home: what is assigned to them, soonest due first, overdue ones marked. */
export default function ReviewerHome() {
	const { t } = useTranslate()
	const { name, assignments } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<PageHeading title={t('reviewer.home.title')} lead={t('reviewer.home.welcome', { name })} />
			<section aria-labelledby="assigned" className="space-y-3">
				<h2 id="assigned" className="text-2xl font-semibold">
					{t('reviewer.home.assigned')}
				</h2>
				{assignments.length === 0 ? (
					<p className="rounded-md border border-slate-300 bg-white p-4">{t('reviewer.home.none')}</p>
				) : (
					<ul className="space-y-3">
						{assignments.map((assignment) => (
							<li key={assignment.id} className={`rounded-md border bg-white p-4 ${assignment.overdue ? 'border-red-700' : 'border-slate-200'}`}>
								<p className="font-semibold">
									<Link to={`/reviewer/assignments/${assignment.id}`}>
										<span dir="ltr">{assignment.reference}</span> — {assignment.callTitle}
									</Link>
								</p>
								<p className="text-sm text-slate-700">
									{t('reviewer.home.due', { date: assignment.due.text })}
									{assignment.overdue ? <strong className="ms-2 text-red-800">{t('reviewer.home.overdue')}</strong> : null}
								</p>
								<p className="text-sm">{t(`reviewer.home.state.${assignment.state}`)}</p>
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}
