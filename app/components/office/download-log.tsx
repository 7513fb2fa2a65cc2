import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Role } from '#db/schema.ts'

/** One recorded download: who (null when the account is gone), their role, and when (formatted, and ISO). */
export type DownloadView = { by: string | null; role: Role | null; at: string; iso: string }

/**
 * Who downloaded a document and when (the audit log records every download by someone other than the applicant):
 * a one-line summary with the latest, and every download in a disclosure when there are more.
 */
export function DownloadLog({ downloads, documentName }: { downloads: DownloadView[]; documentName: string }) {
	const { t } = useTranslate()
	const who = (download: DownloadView) => download.by ?? t('office.actions.unknownPerson')
	const [latest] = downloads
	if (!latest) return <p className="text-sm text-slate-600">{t('office.actions.downloads.none')}</p>
	return (
		<div className="text-sm text-slate-700">
			<p>
				{downloads.length === 1
					? t('office.actions.downloads.once', { name: who(latest), at: latest.at })
					: t('office.actions.downloads.many', { count: downloads.length, name: who(latest), at: latest.at })}
			</p>
			{downloads.length > 1 ? (
				<details>
					<summary className="cursor-pointer underline">
						{t('office.actions.downloads.all')}
						<span className="sr-only"> — {documentName}</span>
					</summary>
					<ol className="mt-1 list-decimal space-y-1 ps-6">
						{downloads.map((download, index) => (
							<li key={index}>
								<time dateTime={download.iso}>{download.at}</time> — {who(download)}
								{download.role ? ` (${t(`office.actions.downloads.role.${download.role}`)})` : ''}
							</li>
						))}
					</ol>
				</details>
			) : null}
		</div>
	)
}
