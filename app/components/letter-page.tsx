import { useTranslate } from '#app/i18n/use-translate.tsx'
import { NarrowPage, PageHeading, Panel } from './page.tsx'

/**
 * Pieces of the pages referees and hosts reach from their private link (app/routes/letters.*.tsx): who they answer
 * for, and what a link that no longer works says.
 */

export type LetterFactsView = {
	applicantName: string
	reference: string
	callTitle: string
	institution: string | null
	/** The letter deadline in the call's time zone, in the reader's calendar (Gregorian beside a Solar Hijri date). */
	deadline: string
}

export function LetterFacts({ facts }: { facts: LetterFactsView }) {
	const { t } = useTranslate()
	const rows: [string, string | null][] = [
		[t('letters.facts.applicant'), facts.applicantName],
		[t('letters.facts.institution'), facts.institution],
		[t('letters.facts.call'), facts.callTitle],
		[t('letters.facts.reference'), facts.reference],
		[t('letters.facts.deadline'), facts.deadline],
	]
	return <FactList rows={rows} />
}

/** Who and what a private link's page is about: term and value pairs; a pair without a value is left out. */
export function FactList({ rows }: { rows: (readonly [string, string | null])[] }) {
	return (
		<dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded-md border border-slate-300 bg-white p-4">
			{rows
				.filter((row): row is readonly [string, string] => Boolean(row[1]))
				.map(([term, value]) => (
					<div key={term} className="contents">
						<dt className="font-semibold text-slate-700">{term}</dt>
						<dd>{value}</dd>
					</div>
				))}
		</dl>
	)
}

export function LetterLinkProblem({ problem }: { problem: 'invalid' | 'expired' | 'used' }) {
	const { t } = useTranslate()
	return (
		<NarrowPage>
			<PageHeading title={t(`letters.link.${problem}.title`)} />
			<Panel tone="warning">
				<p>{t(`letters.link.${problem}.body`)}</p>
			</Panel>
		</NarrowPage>
	)
}

export function LetterThanks({ title, body }: { title: string; body: string }) {
	return (
		<NarrowPage>
			<PageHeading title={title} />
			<Panel tone="success">
				<p role="status">{body}</p>
			</Panel>
		</NarrowPage>
	)
}
