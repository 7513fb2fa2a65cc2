import { formatIsoDate } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { AfterVisitView } from '#app/domain/visit-report.server.ts'

/** The visitor's report and the host's feedback on the office's application page, once the visit is completed. */
export function AfterVisitSection({ view }: { view: AfterVisitView }) {
	const { t } = useTranslate()
	return (
		<section aria-labelledby="after-visit" className="space-y-4">
			<h2 id="after-visit" className="text-2xl font-semibold">
				{t('afterVisit.office.title')}
			</h2>
			<div className="space-y-2">
				<h3 className="text-xl font-semibold">{t('afterVisit.office.report')}</h3>
				{view.report ? (
					<>
						<SentText at={view.report.submittedAt} text={view.report.text} />
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
					<SentText at={view.hostFeedback.at} text={view.hostFeedback.text} />
				) : (
					<p>{t(view.hasHost ? 'afterVisit.office.noFeedback' : 'afterVisit.office.noHost')}</p>
				)}
			</div>
		</section>
	)
}

/** What someone sent, as they wrote it, under the day it arrived. */
function SentText({ at, text }: { at: string; text: string }) {
	const { t, locale } = useTranslate()
	return (
		<>
			<p className="text-sm text-slate-600">{t('afterVisit.office.sentAt', { date: formatIsoDate(at.slice(0, 10), locale).text })}</p>
			<blockquote dir="auto" className="border-s-4 border-slate-300 ps-4 break-words whitespace-pre-line">
				{text}
			</blockquote>
		</>
	)
}
