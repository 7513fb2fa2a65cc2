import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { Timeline } from '#app/components/timeline.tsx'
import { applicationTimeline } from '#app/domain/lifecycle/timeline.server.ts'
import { requireOfficeFile } from '#app/domain/office-file.server.ts'

/**
 * The office's file with its whole history: every status change, who made it and its note. The file shows the latest
 * change only and opens this in place (app/components/on-demand.tsx); without JavaScript its link comes here.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const { application } = requireOfficeFile(context.db, params.id)
	return { timeline: applicationTimeline(context.db, application.id, { viewer: 'office' })! }
}

export default function OfficeApplicationHistory() {
	const { timeline } = useLoaderData<typeof loader>()
	return <Timeline timeline={timeline} forOffice />
}
