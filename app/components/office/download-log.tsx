import type { ReactNode } from 'react'
import type { DownloadView, FileDocument } from '#app/domain/office-file.server.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The application's documents with who downloaded them (the audit log records every download by someone other than
 * the applicant): per document a line with the count and the latest download, or, once the office opens the
 * downloads (…/downloads), every download, newest first. Times in the call's time zone.
 */
export function ApplicationDocuments({ documents, timeZone, more }: { documents: FileDocument[]; timeZone: string; more?: ReactNode }) {
	const { t, locale } = useTranslate()
	const who = (download: DownloadView) => download.by ?? t('office.actions.unknownPerson')
	const when = (download: DownloadView) => formatDeadline(new Date(download.at), locale, timeZone).text
	return (
		<section aria-labelledby="documents" className="space-y-3">
			<h2 id="documents" className="text-2xl font-semibold">
				{t('office.application.documents')}
			</h2>
			{documents.length === 0 ? (
				<p>{t('office.application.noDocuments')}</p>
			) : (
				<ul className="list-disc space-y-1 ps-6">
					{documents.map((document) => (
						<li key={document.id}>
							<span className="font-semibold">{t(`office.document.${document.kind}`)}: </span>
							<a href={`/documents/${document.id}`} dir="ltr">
								{document.name}
							</a>
							<p className="text-sm text-slate-700">
								{!document.latest
									? t('office.actions.downloads.none')
									: document.downloads === 1
										? t('office.actions.downloads.once', { name: who(document.latest), at: when(document.latest) })
										: t('office.actions.downloads.many', { count: document.downloads, name: who(document.latest), at: when(document.latest) })}
							</p>
							{document.every && document.every.length > 1 ? (
								<ol className="mt-1 list-decimal space-y-1 ps-6 text-sm" aria-label={t('office.file.downloads.of', { name: document.name })}>
									{document.every.map((download, index) => (
										<li key={index}>
											<time dateTime={download.at}>{when(download)}</time> — {who(download)}
											{download.role ? ` (${t(`office.actions.downloads.role.${download.role}`)})` : ''}
										</li>
									))}
								</ol>
							) : null}
						</li>
					))}
				</ul>
			)}
			{more}
		</section>
	)
}
