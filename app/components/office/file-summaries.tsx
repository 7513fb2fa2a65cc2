import type { ReactNode } from 'react'
import type { ApplicationEmailSummary } from '#app/domain/lifecycle/application-emails.server.ts'
import type { HistorySummary } from '#app/domain/office-file.server.ts'
import { formatDeadline, formatNumber } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { EmailStatus } from '#db/schema.ts'

/**
 * What the office's file shows of its long sections until the office opens them (app/components/on-demand.tsx):
 * the history's latest change, and the emails counted by status with the undelivered ones listed. Each keeps the
 * heading (and its id) of the full section, so the page's contents and the links to it lead to the same place.
 */

export function HistorySummaryView({ summary, timeZone, link }: { summary: HistorySummary; timeZone: string; link: (label: ReactNode) => ReactNode }) {
	const { t, locale } = useTranslate()
	const when = (iso: string) => formatDeadline(new Date(iso), locale, timeZone).text
	const { latest } = summary
	return (
		<section aria-labelledby="timeline-title" className="space-y-2">
			<h2 id="timeline-title" className="text-xl font-bold text-brand-900">
				{t('timeline.title')}
			</h2>
			{latest ? (
				<>
					<p>{t('office.file.history.latest', { event: t(`timeline.event.${latest.event}`), at: when(latest.at) })}</p>
					<p className="text-sm text-slate-700">{latest.by ? t('timeline.by', { name: latest.by }) : t('timeline.byPortal')}</p>
					{latest.note ? <p className="whitespace-pre-line text-sm">{t('timeline.note', { note: latest.note })}</p> : null}
					<p className="text-sm text-slate-700">{t('office.file.history.count', { count: summary.changes })}</p>
					<p>{link(t('office.file.history.show'))}</p>
				</>
			) : (
				<p>{t('office.file.history.none', { at: when(summary.startedAt) })}</p>
			)}
		</section>
	)
}

/** The emails' states, the ones that need the office's eye first. */
const EMAIL_STATUSES = ['failed', 'pending', 'sending', 'sent', 'cancelled'] as const satisfies readonly EmailStatus[]

export function EmailSummaryView({ summary, timeZone, link }: { summary: ApplicationEmailSummary; timeZone: string; link: (label: ReactNode) => ReactNode }) {
	const { t, locale } = useTranslate()
	const counts = EMAIL_STATUSES.filter((status) => summary.byStatus[status])
	const more = summary.undeliveredCount - summary.undelivered.length
	return (
		<section aria-labelledby="application-emails-title" className="space-y-3">
			<h2 id="application-emails-title" className="text-xl font-bold text-brand-900">
				{t('applicationEmails.title')}
			</h2>
			{summary.total === 0 ? (
				<p>{t('applicationEmails.empty')}</p>
			) : (
				<p>
					{t('office.file.emails.count', { count: summary.total })}{' '}
					{counts.map((status) => `${t(`office.outbox.status.${status}`)}: ${formatNumber(summary.byStatus[status]!, locale)}`).join(' · ')}
				</p>
			)}
			{summary.undeliveredCount > 0 ? (
				<div className="space-y-2 rounded-md border-s-4 border-red-700 bg-red-50 p-4">
					<h3 className="font-bold text-red-900">{t('office.file.emails.undelivered', { count: summary.undeliveredCount })}</h3>
					<ul className="space-y-2 text-sm">
						{summary.undelivered.map((email) => (
							<li key={email.id}>
								<span className="font-semibold">{email.subject ?? t('office.outbox.noSubject')}</span> — <span dir="ltr">{email.to}</span> —{' '}
								{t(`office.outbox.status.${email.status}`)}, <time dateTime={email.at}>{formatDeadline(new Date(email.at), locale, timeZone).text}</time>
								{email.lastError ? <span className="block text-red-800">{email.lastError}</span> : null}
							</li>
						))}
					</ul>
					{more > 0 ? <p className="text-sm">{t('office.file.emails.moreUndelivered', { count: more })}</p> : null}
				</div>
			) : null}
			{summary.total > 0 ? <p>{link(t('office.file.emails.show', { count: summary.total }))}</p> : null}
		</section>
	)
}
