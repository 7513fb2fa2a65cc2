import { ApplicationSummary } from '#app/components/application-summary.tsx'
import type { ReviewerMaterial as Material } from '#app/domain/reviewer-view.server.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The application as a reviewer reads it (app/domain/reviewer-view.server.ts): the answers, the documents, the
 * referees with their letters and the host's endorsement. On the review page and on the application's overview.
 */
export function ReviewerMaterial({ material }: { material: Material }) {
	const { t } = useTranslate()
	return (
		<>
			<ApplicationSummary sections={material.sections} />
			<section aria-labelledby="documents" className="space-y-2">
				<h2 id="documents" className="text-2xl font-semibold">
					{t('review.documents')}
				</h2>
				<ul className="list-disc ps-6">
					{material.documents.map((document) => (
						<li key={document.id}>
							<a href={`/documents/${document.id}`}>{t(`wizard.document.${document.kind}` as MessageKey)}</a>: {document.name}
						</li>
					))}
				</ul>
			</section>
			<section aria-labelledby="letters" className="space-y-2">
				<h2 id="letters" className="text-2xl font-semibold">
					{t('review.letters')}
				</h2>
				<ul className="space-y-1">
					{material.referees.map((referee) => (
						<li key={referee.name}>
							{referee.name} ({referee.institution}):{' '}
							{referee.letterId ? <a href={`/documents/${referee.letterId}`}>{t('review.readLetter')}</a> : t(referee.declined ? 'overview.letters.state.declined' : 'overview.letters.state.requested')}
						</li>
					))}
				</ul>
				{material.host ? (
					<div className="rounded-md border border-slate-200 bg-white p-4">
						<p className="font-semibold">
							{t('review.host', { name: material.host.name })}: {material.host.decision ? t(`review.hostDecision.${material.host.decision}`) : t('overview.letters.state.requested')}
						</p>
						{material.host.statement ? <p className="mt-2 whitespace-pre-line">{material.host.statement}</p> : null}
						{material.host.knowsApplicant !== null ? (
							<p className="mt-2 text-sm text-slate-700">
								{t(material.host.knowsApplicant ? 'review.hostKnows' : 'review.hostDoesNotKnow')} {material.host.howKnown ?? ''}
							</p>
						) : null}
					</div>
				) : null}
			</section>
		</>
	)
}
