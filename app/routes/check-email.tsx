import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.checkEmail.title')

export function loader({ request }: LoaderFunctionArgs) {
	const sent = new URL(request.url).searchParams.get('sent')
	return { sent: sent === 'reset' ? ('reset' as const) : ('register' as const) }
}

/** After registering or asking for a reset: the same words whatever the address, so it reveals nothing. */
export default function CheckEmail() {
	const { t } = useTranslate()
	const { sent } = useLoaderData<typeof loader>()
	return (
		<NarrowPage>
			<PageHeading title={t('auth.checkEmail.title')} />
			<Panel>
				<p>{t(sent === 'reset' ? 'auth.checkEmail.reset' : 'auth.checkEmail.register')}</p>
			</Panel>
			<p className="mt-4 text-slate-700">{t('auth.checkEmail.spam')}</p>
			<p className="mt-6">
				<Link to="/login">{t('auth.checkEmail.toSignIn')}</Link>
			</p>
		</NarrowPage>
	)
}
