import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading } from '#app/components/page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.home.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'office:home' })
	return { name: user.name }
}

export default function OfficeHome() {
	const { t } = useTranslate()
	const { name } = useLoaderData<typeof loader>()
	const links = [
		{ to: '/office/calls', label: t('office.calls.title'), body: t('office.home.callsBody') },
		{ to: '/office/users', label: t('office.users.title'), body: t('office.home.usersBody') },
		{ to: '/office/outbox', label: t('office.outbox.title'), body: t('office.home.outboxBody') },
	]
	return (
		<div>
			<PageHeading title={t('office.home.title')} lead={t('office.home.welcome', { name })} />
			<ul className="grid gap-4 sm:grid-cols-2">
				{links.map((link) => (
					<li key={link.to} className="rounded-lg border border-slate-200 bg-white p-5">
						<Link to={link.to} className="text-lg font-semibold">
							{link.label}
						</Link>
						<p className="mt-1 text-slate-700">{link.body}</p>
					</li>
				))}
			</ul>
		</div>
	)
}
