import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ApplicationSummary } from '#app/components/application-summary.tsx'
import { listDocuments, loadSteps } from '#app/domain/application-content.server.ts'
import { summariseApplication } from '#app/domain/application-summary.server.ts'
import { requireOfficeFile } from '#app/domain/office-file.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'

/**
 * The office's file with every answer of the application, step by step. The file shows the key answers (institution,
 * position, field, host department, dates) and opens this in place under its "Answers" heading.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const { application } = requireOfficeFile(context.db, params.id)
	const locale = await getLocale(request)
	return { sections: summariseApplication(loadSteps(context.db, application.id), listDocuments(context.db, application.id), locale) }
}

export default function OfficeApplicationAnswers() {
	const { sections } = useLoaderData<typeof loader>()
	return <ApplicationSummary sections={sections} level={3} />
}
