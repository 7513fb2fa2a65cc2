import type { LetterState } from '#app/domain/letters.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

type RefereeView = {
	id: number
	slot: number
	name: string
	email: string
	institution: string
	relationship: string
	state: LetterState
	letterId: number | null
	declineReason: string | null
}

type HostView = {
	name: string
	email: string
	department: string
	state: LetterState
	decision: 'endorsed' | 'declined' | null
	statement: string | null
	knowsApplicant: boolean | null
	howKnown: string | null
}

/** The office's view of the referees and the host: states, links to the letters, the host's statement and answer. */
export function ApplicationLetters({ referees, host }: { referees: RefereeView[]; host: HostView | null }) {
	const { t, locale } = useTranslate()
	return (
		<section aria-labelledby="letters" className="space-y-4">
			<h2 id="letters" className="text-2xl font-semibold">
				{t('office.application.letters')}
			</h2>
			{referees.length === 0 && !host ? <p>{t('office.letters.none')}</p> : null}
			<ul className="grid gap-4 md:grid-cols-2 [&>li]:space-y-1 [&>li]:rounded-md [&>li]:border [&>li]:border-slate-200 [&>li]:bg-white [&>li]:p-4">
				{referees.map((referee) => (
					<li key={referee.id}>
						<h3 className="font-semibold">
							{t('office.letters.referee', { slot: formatNumber(referee.slot, locale) })}: {referee.name}
						</h3>
						<p className="text-sm text-slate-700">
							<span dir="ltr">{referee.email}</span> · {referee.institution}
						</p>
						<p className="text-sm text-slate-700">{referee.relationship}</p>
						<p>
							<span className="font-semibold">{t('office.letters.state')}: </span>
							{t(`letters.status.state.${referee.state}`)}
						</p>
						{referee.letterId ? (
							<p>
								<a href={`/documents/${referee.letterId}`}>
									{t('office.letters.read')}
									<span className="sr-only"> — {referee.name}</span>
								</a>
							</p>
						) : null}
						{referee.declineReason ? <p className="whitespace-pre-line">{t('office.letters.declineReason', { reason: referee.declineReason })}</p> : null}
					</li>
				))}
				{host ? (
					<li>
						<h3 className="font-semibold">
							{t('office.letters.host')}: {host.name}
						</h3>
						<p className="text-sm text-slate-700">
							<span dir="ltr">{host.email}</span> · {host.department}
						</p>
						<p>
							<span className="font-semibold">{t('office.letters.state')}: </span>
							{host.decision ? t(`office.letters.decision.${host.decision}`) : t(`letters.status.state.${host.state}`)}
						</p>
						{host.statement ? (
							<>
								<p className="font-semibold">{t('office.letters.statement')}</p>
								<p className="whitespace-pre-line break-words">{host.statement}</p>
							</>
						) : null}
						{host.knowsApplicant !== null ? (
							<p>
								<span className="font-semibold">{t('office.letters.knows')} </span>
								{host.knowsApplicant ? t('office.letters.knowsYes', { how: host.howKnown ?? '' }) : t('office.letters.knowsNo')}
							</p>
						) : null}
					</li>
				) : null}
			</ul>
		</section>
	)
}
