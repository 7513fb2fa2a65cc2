import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server.ts'
import { listOpenCalls } from '#app/domain/calls.server.ts'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import { can } from '#app/domain/permissions.ts'

export function loader() {
	return redirect('/applications')
}

/** "Apply" on an open call: starts the applicant's application to it, or resumes the one they have. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'applicant:home' })
	if (!can(user, 'application:start')) return redirect('/applications?verify=1')
	const callId = Number(params.callId)
	const call = listOpenCalls(context.db, context.now()).find((open) => open.id === callId)
	if (!call) throw new Response(null, { status: 404 })
	const { application } = createApplication(context.db, { callId, applicantId: user.id, now: context.now() })
	return redirect(`/applications/${application.id}`)
}
