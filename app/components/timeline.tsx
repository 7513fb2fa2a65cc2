import type { TimelineView } from '#app/domain/lifecycle/views.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * An application's history: when it was started and every status change since, with dates in the reader's
 * language and calendar and the call's time zone. Who made a change and its note are shown to the office only
 * (`forOffice`); the view model (applicationTimeline) leaves them out for anyone else in any case.
 */
export function Timeline({ timeline, forOffice = false }: { timeline: TimelineView; forOffice?: boolean }) {
	const { t, locale } = useTranslate()
	const when = (iso: string) => formatDeadline(new Date(iso), locale, timeline.timeZone).text
	return (
		<section aria-labelledby="timeline-title" className="space-y-3">
			<h2 id="timeline-title" className="text-xl font-bold text-brand-900">
				{t('timeline.title')}
			</h2>
			<ol className="space-y-3 border-s-2 border-slate-300 ps-4">
				<li>
					<p className="font-semibold">{t('timeline.started')}</p>
					<p className="text-sm text-slate-700">
						<time dateTime={timeline.startedAt}>{when(timeline.startedAt)}</time>
					</p>
				</li>
				{timeline.entries.map((entry) => (
					<li key={entry.id}>
						<p className="font-semibold">{t(`timeline.event.${entry.event}`)}</p>
						<p className="text-sm text-slate-700">
							<time dateTime={entry.at}>{when(entry.at)}</time>
						</p>
						{forOffice ? (
							<p className="text-sm text-slate-700">
								{entry.actor ? t('timeline.by', { name: entry.actor.name }) : t('timeline.byPortal')}
							</p>
						) : null}
						{forOffice && entry.note ? (
							<p className="whitespace-pre-line text-sm">{t('timeline.note', { note: entry.note })}</p>
						) : null}
					</li>
				))}
			</ol>
		</section>
	)
}
