import { Link } from '@remix-run/react'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { NarrowPage, PageHeading, Panel } from './page.tsx'

/** What a link from an email says when it no longer works, and what to do instead. */
export function TokenProblem({
	reason,
	retry,
}: {
	reason: 'invalid' | 'expired' | 'used'
	retry: { to: string; label: string }
}) {
	const { t } = useTranslate()
	return (
		<NarrowPage>
			<PageHeading title={t(`auth.link.${reason}.title`)} />
			<Panel tone="warning">
				<p>{t(`auth.link.${reason}.body`)}</p>
			</Panel>
			<p className="mt-6">
				<Link to={retry.to}>{retry.label}</Link>
			</p>
		</NarrowPage>
	)
}
