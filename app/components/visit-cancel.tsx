import { Form } from '@remix-run/react'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { PlainTextArea } from '#app/components/forms/fields.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The applicant cancels their confirmed visit, with a reason the office reads (intent 'cancel-visit' of the visit
 * page's action: visit_confirmed -> cancelled through the lifecycle engine).
 */
export function VisitCancel({ version, error, defaultValue }: { version: number; error?: string; defaultValue?: string }) {
	const { t } = useTranslate()
	return (
		<section aria-labelledby="visit-cancel-title" className="mt-8 space-y-4 rounded-lg border border-slate-200 bg-white p-5">
			<h2 id="visit-cancel-title" className="text-xl font-semibold">
				{t('office.visits.applicant.title')}
			</h2>
			<p>{t('office.visits.applicant.lead')}</p>
			<Form method="post" noValidate className="space-y-4">
				<input type="hidden" name="intent" value="cancel-visit" />
				<input type="hidden" name="version" value={version} />
				<PlainTextArea name="reason" label={t('office.visits.applicant.reason')} error={error} defaultValue={defaultValue} rows={3} />
				<SubmitButton>{t('office.visits.applicant.submit')}</SubmitButton>
			</Form>
		</section>
	)
}
