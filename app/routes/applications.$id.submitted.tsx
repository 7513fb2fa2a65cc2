import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'submitted.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const { application } = requireApplication(context.db, params.id, user, 'application:read')
	return { id: application.id, reference: application.reference, email: user.email }
}

/** GOV.UK's confirmation page: the reference in a panel, what happens next, and that an email was sent. */
export default function Submitted() {
	const { t } = useTranslate()
	const { id, reference, email } = useLoaderData<typeof loader>()
	return (
		<div className="max-w-3xl space-y-6">
			<div className="rounded-md bg-green-800 p-8 text-center text-white">
				<h1 className="text-3xl font-bold">{t('submitted.title')}</h1>
				<p className="mt-4 text-lg">{t('submitted.reference')}</p>
				<p className="mt-1 text-2xl font-bold" dir="ltr">
					{reference}
				</p>
			</div>
			<p>{t('submitted.email', { email })}</p>
			<h2 className="text-2xl font-semibold">{t('submitted.next.title')}</h2>
			<ol className="list-decimal space-y-2 ps-6">
				<li>{t('submitted.next.letters')}</li>
				<li>{t('submitted.next.review')}</li>
				<li>{t('submitted.next.decision')}</li>
			</ol>
			<p>
				<Link to={`/applications/${id}`}>{t('submitted.follow')}</Link>
			</p>
		</div>
	)
}
