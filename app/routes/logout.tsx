import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { endSession, getUser } from '#app/auth/session.server.ts'
import { recordAudit } from '#app/domain/audit.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
	const user = await getUser(request, context)
	const cookie = await endSession(request, context)
	if (user) {
		context.db.transaction((tx) =>
			recordAudit(tx, { actorId: user.id, action: 'auth.signed_out', entity: 'user', entityId: user.id, at: context.now() }),
		)
	}
	return redirect('/', { headers: { 'Set-Cookie': cookie } })
}
