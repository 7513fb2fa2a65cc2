import { data, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { enforceRateLimit } from '#app/auth/rate-limits.server.ts'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { checkInvitationLetter } from '#app/domain/letter-verification.server.ts'
import { formatIsoDate, type DualDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The public check of an invitation letter (no account): a visa office types or follows the code printed on the
 * letter. A genuine letter shows its reference, the visitor's name and the dates, nothing more; a cancelled visit's
 * letter is "no longer valid"; any other code, well-formed or not, gets the same 404 that reveals nothing.
 */

export const meta: MetaFunction = ({ matches }) => [...pageMeta(matches, 'verify.title'), { name: 'robots', content: 'noindex' }]

// A letter's answer changes when its visit is cancelled: no cache may keep the old one.
const NO_STORE = { 'Cache-Control': 'no-store' }
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	enforceRateLimit(context, 'verifyIp', context.clientIp ?? 'unknown')
	const check = checkInvitationLetter(context.db, params.code ?? '')
	if (check.state === 'unknown') return data({ state: 'unknown' as const }, { status: 404, headers: NO_STORE })
	if (check.state === 'revoked') return data({ state: 'revoked' as const }, { status: 410, headers: NO_STORE })
	const locale = await getLocale(request)
	const day = (iso: string): DualDate => formatIsoDate(iso, locale)
	return data(
		{
			state: 'valid' as const,
			reference: check.reference,
			visitorName: check.visitorName,
			start: day(check.startDate),
			end: day(check.endDate),
		},
		{ headers: NO_STORE },
	)
}

export default function VerifyLetter() {
	const result = useLoaderData<typeof loader>()
	const { t } = useTranslate()
	return (
		<NarrowPage>
			<PageHeading title={t('verify.title')} />
			{result.state === 'valid' ? (
				<Panel tone="success">
					<h2 className="mb-3 text-xl font-bold">{t('verify.valid.title')}</h2>
					<dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2">
						<dt className="font-semibold text-slate-700">{t('verify.valid.reference')}</dt>
						<dd dir="ltr" className="text-start">
							{result.reference}
						</dd>
						<dt className="font-semibold text-slate-700">{t('verify.valid.visitor')}</dt>
						<dd>
							<bdi>{result.visitorName}</bdi>
						</dd>
						<dt className="font-semibold text-slate-700">{t('verify.valid.dates')}</dt>
						<dd>
							{t('verify.valid.range', { start: result.start.text, end: result.end.text })}
							{result.start.gregorian && result.end.gregorian ? (
								<span className="block text-sm text-slate-700">
									{t('verify.valid.gregorian', { start: result.start.gregorian, end: result.end.gregorian })}
								</span>
							) : null}
						</dd>
					</dl>
					<p className="mt-4">{t('verify.valid.compare')}</p>
				</Panel>
			) : (
				<Panel tone="warning">
					<h2 className="mb-2 text-xl font-bold">{t(result.state === 'revoked' ? 'verify.revoked.title' : 'verify.unknown.title')}</h2>
					<p>{t(result.state === 'revoked' ? 'verify.revoked.body' : 'verify.unknown.body')}</p>
				</Panel>
			)}
			<p className="mt-6">
				<Link to="/verify">{t('verify.another')}</Link>
			</p>
		</NarrowPage>
	)
}
