import type { ApplicationEmailItem } from '#app/domain/lifecycle/views.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * "Emails about this application": subject, recipient, delivery status and date, newest first. The office also
 * sees the mail server's last error (the view model gives it to the office only).
 */
const COLUMNS = ['subject', 'to', 'status', 'date'] as const

export function ApplicationEmails({ emails, timeZone }: { emails: ApplicationEmailItem[]; timeZone: string }) {
	const { t, locale } = useTranslate()
	return (
		<section aria-labelledby="application-emails-title" className="space-y-3">
			<h2 id="application-emails-title" className="text-xl font-bold text-brand-900">
				{t('applicationEmails.title')}
			</h2>
			{emails.length === 0 ? (
				<p>{t('applicationEmails.empty')}</p>
			) : (
				<ScrollRegion labelledBy="application-emails-caption">
					<table className="w-full min-w-[36rem] border-collapse bg-white text-sm">
						<caption id="application-emails-caption" className="sr-only">{t('applicationEmails.title')}</caption>
						<thead>
							<tr className="border-b-2 border-slate-300">
								{COLUMNS.map((column) => (
									<th key={column} scope="col" className="p-2 text-start">
										{t(`applicationEmails.col.${column}`)}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{emails.map((email) => (
								<tr key={email.id} className="border-b border-slate-200 align-top">
									<td className="p-2">{email.subject ?? t('office.outbox.noSubject')}</td>
									<td className="p-2">
										{email.toName ? <span className="block">{email.toName}</span> : null}
										<span dir="ltr">{email.to}</span>
									</td>
									<td className="p-2">
										{t(`office.outbox.status.${email.status}`)}
										{email.lastError ? <span className="block text-xs text-red-800">{email.lastError}</span> : null}
									</td>
									<td className="p-2">
										<time dateTime={email.at}>{formatDeadline(new Date(email.at), locale, timeZone).text}</time>
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</ScrollRegion>
			)}
		</section>
	)
}
