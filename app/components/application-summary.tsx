import { Link } from '@remix-run/react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

type Section = { step: string; title: string; rows: { field: string; label: string; value: string }[] }

/**
 * The application's answers by step; with `changeHref`, each step has a Change link (the applicant's review page).
 * Each step's heading is an h2, or an h3 (`level`) where the answers sit under a heading of their own.
 */
export function ApplicationSummary({ sections, changeHref, level = 2 }: { sections: Section[]; changeHref?: (step: string) => string; level?: 2 | 3 }) {
	const { t } = useTranslate()
	const Heading = level === 2 ? 'h2' : 'h3'
	return (
		<>
			{sections.map((section) => (
				<section key={section.step} aria-labelledby={`summary-${section.step}`} className="space-y-3">
					<div className="flex items-baseline justify-between gap-4">
						<Heading id={`summary-${section.step}`} className={level === 2 ? 'text-2xl font-semibold' : 'text-xl font-semibold'}>
							{section.title}
						</Heading>
						{changeHref ? (
							<Link to={changeHref(section.step)}>
								{t('submit.change')}
								<span className="sr-only"> — {section.title}</span>
							</Link>
						) : null}
					</div>
					<dl className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
						{section.rows.map((row) => (
							<div key={row.field} className="grid gap-1 px-4 py-3 sm:grid-cols-[14rem_1fr]">
								<dt className="font-semibold">{row.label}</dt>
								<dd className="whitespace-pre-line break-words">
									{row.value || <span className="text-slate-600">{t('submit.notAnswered')}</span>}
								</dd>
							</div>
						))}
					</dl>
				</section>
			))}
		</>
	)
}
