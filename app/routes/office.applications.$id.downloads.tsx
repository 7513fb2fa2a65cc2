import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ApplicationDocuments } from '#app/components/office/download-log.tsx'
import { listDocuments } from '#app/domain/application-content.server.ts'
import { applicationAuditView } from '#app/domain/office-actions.server.ts'
import { fileDocuments, requireOfficeFile } from '#app/domain/office-file.server.ts'

/**
 * The office's file with every recorded download of each document, newest first (the audit log's rows). The file
 * shows the count and the latest download of each, and opens this in place.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const { application, call } = requireOfficeFile(context.db, params.id)
	const { downloads } = applicationAuditView(context.db, application.id)
	return { documents: fileDocuments(listDocuments(context.db, application.id), downloads, { every: true }), timeZone: call.timeZone }
}

export default function OfficeApplicationDownloads() {
	const { documents, timeZone } = useLoaderData<typeof loader>()
	return <ApplicationDocuments documents={documents} timeZone={timeZone} />
}
