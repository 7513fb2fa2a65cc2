import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { ApplicationEmails } from '#app/components/application-emails.tsx'
import { applicationEmails } from '#app/domain/lifecycle/application-emails.server.ts'
import { requireOfficeFile } from '#app/domain/office-file.server.ts'

/**
 * The office's file with every email sent about the application, newest first, with the mail server's last error.
 * The file shows them counted by state, the undelivered ones listed, and opens this in place.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const { application, call } = requireOfficeFile(context.db, params.id)
	return { emails: applicationEmails(context.db, application.id, { viewer: 'office' }), timeZone: call.timeZone }
}

export default function OfficeApplicationEmails() {
	const { emails, timeZone } = useLoaderData<typeof loader>()
	return <ApplicationEmails emails={emails} timeZone={timeZone} />
}
