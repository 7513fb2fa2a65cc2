import type { ReactNode } from 'react'
import { countryName, isCountryCode } from '#app/domain/countries.ts'
import { formatIsoDate } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { FollowUpOfficeView } from '#app/domain/visits.server.ts'

/** The applicant's follow-up answers on the office's application page (office only; never shown to reviewers). */
export function FollowUpSection({ view }: { view: FollowUpOfficeView | null }) {
	const { t, locale } = useTranslate()
	const day = (iso: string | null) => (iso ? formatIsoDate(iso, locale).text : t('followUp.office.empty'))
	const yesNo = (value: boolean | null) => (value == null ? t('followUp.office.empty') : t(value ? 'followUp.yes' : 'followUp.no'))
	const rows: [string, ReactNode][] = view
		? [
				[t('followUp.passportName'), view.passportName],
				...(view.purgedAt
					? []
					: ([
							[t('followUp.passportNumber'), <span dir="ltr">{view.passportNumber ?? t('followUp.office.empty')}</span>],
							[t('followUp.dateOfBirth'), day(view.dateOfBirth)],
						] as [string, ReactNode][])),
				[t('followUp.nationality'), view.nationality && isCountryCode(view.nationality) ? countryName(view.nationality, locale) : (view.nationality ?? t('followUp.office.empty'))],
				[t('followUp.arrivalDate'), day(view.arrivalDate)],
				[t('followUp.departureDate'), day(view.departureDate)],
				[t('followUp.accompanyingPersons'), view.accompanyingPersons ?? t('followUp.office.empty')],
				[t('followUp.needs'), view.needs ?? t('followUp.office.empty')],
				[t('followUp.accommodationNeeded'), yesNo(view.accommodationNeeded)],
				[t('followUp.visaSupportNeeded'), yesNo(view.visaSupportNeeded)],
				[t('followUp.publicListing'), yesNo(view.publicListing)],
			]
		: []
	return (
		<section aria-labelledby="follow-up" className="space-y-3">
			<h2 id="follow-up" className="text-2xl font-semibold">
				{t('followUp.office.title')}
			</h2>
			{view ? (
				<>
					<p className="text-sm text-slate-600">{t('followUp.office.savedAt', { date: formatIsoDate(view.savedAt.slice(0, 10), locale).text })}</p>
					{view.purgedAt ? <p>{t('followUp.office.purged', { date: formatIsoDate(view.purgedAt.slice(0, 10), locale).text })}</p> : null}
					<dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[minmax(0,14rem)_1fr]">
						{rows.map(([label, value]) => (
							<div key={label} className="contents">
								<dt className="font-semibold text-slate-900">{label}</dt>
								<dd className="break-words whitespace-pre-line">{value}</dd>
							</div>
						))}
						{view.purgedAt ? null : (
							<div className="contents">
								<dt className="font-semibold text-slate-900">{t('followUp.office.passportCopy')}</dt>
								<dd>
									{view.passportCopy ? (
										<a href={`/documents/${view.passportCopy.id}`}>
											{t('followUp.office.download')} <span dir="auto">{view.passportCopy.name}</span>
										</a>
									) : (
										t('followUp.office.noCopy')
									)}
								</dd>
							</div>
						)}
					</dl>
				</>
			) : (
				<p>{t('followUp.office.none')}</p>
			)}
		</section>
	)
}
