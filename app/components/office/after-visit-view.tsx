import { formatIsoDate } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { AfterVisitView } from '#app/domain/visit-report.server.ts'

/** The visitor's report and the host's feedback on the office's application page, once the visit is completed. */
export function AfterVisitSection({ view }: { view: AfterVisitView }) {
	const { t, locale } = useTranslate()
	const sentAt = (iso: string) => t('afterVisit.office.sentAt', { date: formatIsoDate(iso.slice(0, 10), locale).text })
	return (
		<section aria-labelledby="after-visit" className="space-y-4">
			<h2 id="after-visit" className="text-2xl font-semibold">
				{t('afterVisit.office.title')}
			</h2>
			<div className="space-y-2">
				<h3 className="text-xl font-semibold">{t('afterVisit.office.report')}</h3>
				{view.report ? (
					<>
						<p className="text-sm text-slate-600">{sentAt(view.report.submittedAt)}</p>
						<blockquote dir="auto" className="border-s-4 border-slate-300 ps-4 break-words whitespace-pre-line">
							{view.report.text}
						</blockquote>
						{view.report.document ? (
							<p>
								<a href={`/documents/${view.report.document.id}`}>
									{t('afterVisit.office.reportPdf')} <span dir="auto">{view.report.document.name}</span>
								</a>
							</p>
						) : null}
					</>
				) : (
					<p>{t('afterVisit.office.noReport')}</p>
				)}
			</div>
			<div className="space-y-2">
				<h3 className="text-xl font-semibold">{t('afterVisit.office.feedback')}</h3>
				{view.hostFeedback ? (
					<>
						<p className="text-sm text-slate-600">{sentAt(view.hostFeedback.at)}</p>
						<blockquote dir="auto" className="border-s-4 border-slate-300 ps-4 break-words whitespace-pre-line">
							{view.hostFeedback.text}
						</blockquote>
					</>
				) : (
					<p>{t(view.hasHost ? 'afterVisit.office.noFeedback' : 'afterVisit.office.noHost')}</p>
				)}
			</div>
		</section>
	)
}
