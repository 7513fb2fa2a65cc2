import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'reviewer.home.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'reviewer:home' })
	return { name: user.name }
}

/** The reviewer's home; the reviewers issue lists their assignments here. */
export default function ReviewerHome() {
	const { t } = useTranslate()
	const { name } = useLoaderData<typeof loader>()
	return (
		<div className="space-y-6">
			<PageHeading title={t('reviewer.home.title')} lead={t('reviewer.home.welcome', { name })} />
			<section aria-labelledby="assigned" className="space-y-3">
				<h2 id="assigned" className="text-2xl font-semibold">
					{t('reviewer.home.assigned')}
				</h2>
				<p className="rounded-md border border-slate-300 bg-white p-4">{t('reviewer.home.none')}</p>
			</section>
		</div>
	)
}
