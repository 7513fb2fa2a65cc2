import { data, redirect, unstable_parseMultipartFormData, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { FieldShell, PlainTextArea } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading, Panel } from '#app/components/page.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { afterVisitView, saveVisitReport, VisitReportError } from '#app/domain/visit-report.server.ts'
import { REPORT_TEXT_MAX } from '#app/schemas/after-visit.ts'
import { receiveFormWithPdf, removeStoredFile } from '#app/documents/storage.server.ts'
import { formatDay, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The visitor's report after a completed visit (issue 13): a text and, if they like, one PDF. Only the applicant
 * who made the visit sees this page, and only once the office has marked the visit completed; they may correct the
 * report later (the new text and file replace the old). The office reads it on its file of the application.
 */

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'visitReport.title')

function requireReportable(context: LoaderFunctionArgs['context'], id: unknown, user: Parameters<typeof requireApplication>[2]) {
	const { application } = requireApplication(context.db, id, user, 'application:read')
	if (user.id !== application.applicantId || application.status !== 'completed') throw new Response(null, { status: 404 })
	return application
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const application = requireReportable(context, params.id, user)
	const locale = await getLocale(request)
	const { report } = afterVisitView(context.db, application.id)
	return {
		id: application.id,
		reference: application.reference,
		text: report?.text ?? '',
		sentAt: report ? formatDay(new Date(report.submittedAt), locale).text : null,
		document: report?.document ?? null,
		maxMb: formatNumber(Math.floor(context.config.uploadMaxBytes / 1_000_000), locale),
		maxChars: formatNumber(REPORT_TEXT_MAX, locale),
	}
}

type ActionData = { errors: { text?: string; file?: string; form?: string }; text: string }

export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	const application = requireReportable(context, params.id, user)
	const { uploadDir } = context.config
	// Text fields are read up to a few bytes beyond the limit, so a report that is too long is refused, not cut.
	const { field, file, problem } = await receiveFormWithPdf(request, {
		fileField: 'file',
		limits: { uploadDir, maxBytes: context.config.uploadMaxBytes },
		textLimit: REPORT_TEXT_MAX * 4 + 4,
		parse: unstable_parseMultipartFormData,
	})
	const text = (field('text') ?? '').replace(/\r\n?/g, '\n').trim()
	const errors: ActionData['errors'] = {}
	if (!text) errors.text = 'visitReport.errors.required'
	else if ([...text].length > REPORT_TEXT_MAX) errors.text = 'visitReport.errors.tooLong'
	if (problem) errors.file = `visitReport.errors.upload.${problem}`
	if (errors.text || errors.file) {
		if (file) removeStoredFile(uploadDir, file.storedName)
		return data<ActionData>({ errors, text }, 400)
	}
	try {
		saveVisitReport(context.db, { applicationId: application.id, text, pdf: file, uploadDir, actor: user, now: context.now() })
	} catch (error) {
		if (error instanceof VisitReportError) return data<ActionData>({ errors: { form: 'visitReport.errors.notCompleted' }, text }, 409)
		throw error
	}
	return redirect(`/applications/${application.id}/visit-report?notice=sent`)
}

export default function VisitReport() {
	const { t } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>() ?? null
	const [searchParams] = useSearchParams()
	const errors = actionData?.errors ?? {}
	const summary = (['text', 'file'] as const).filter((name) => errors[name]).map((name) => ({ name, message: errors[name]! }))
	return (
		<NarrowPage>
			<p className="mb-4">
				<Link to={`/applications/${page.id}`}>{t('visit.back', { reference: page.reference })}</Link>
			</p>
			<PageHeading title={t('visitReport.title')} lead={t('visitReport.lead')} />
			<ErrorSummary formError={errors.form} items={summary} />
			{searchParams.get('notice') === 'sent' && !actionData ? (
				<Panel tone="success">
					<p role="status">{t('visitReport.sent')}</p>
				</Panel>
			) : page.sentAt ? (
				<p className="mb-4">{t('visitReport.sentAt', { date: page.sentAt })}</p>
			) : null}
			<Form method="post" encType="multipart/form-data" noValidate className="space-y-6">
				<PlainTextArea name="text" label={t('visitReport.text')} hint={t('visitReport.textHint', { max: page.maxChars })} error={errors.text} defaultValue={actionData?.text ?? page.text} rows={12} />
				<FieldShell
					name="file"
					label={t('visitReport.file')}
					hint={page.document ? t('visitReport.currentFile', { name: page.document.name }) : t('visitReport.fileHint', { mb: page.maxMb })}
					error={errors.file}
				>
					{({ id, describedBy, invalid }) => (
						<input id={id} type="file" name="file" accept="application/pdf,.pdf" aria-describedby={describedBy} aria-invalid={invalid || undefined} className="block w-full max-w-lg text-base" />
					)}
				</FieldShell>
				{page.document ? (
					<p>
						<a href={`/documents/${page.document.id}`}>
							{t('afterVisit.office.reportPdf')} <span dir="auto">{page.document.name}</span>
						</a>
					</p>
				) : null}
				<SubmitButton>{page.sentAt ? t('visitReport.submitAgain') : t('visitReport.submit')}</SubmitButton>
			</Form>
		</NarrowPage>
	)
}
