import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { setPasswordAction, setPasswordLoader } from '#app/auth/set-password-route.server.ts'
import { SetPasswordPage } from '#app/components/set-password-page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.invitation.title')

export const loader = ({ request, context }: LoaderFunctionArgs) => setPasswordLoader(request, context, 'invite')
export const action = ({ request, context }: ActionFunctionArgs) => setPasswordAction(request, context, 'invite')

export default function AcceptInvitation() {
	return (
		<SetPasswordPage
			title="auth.invitation.title"
			lead="auth.invitation.lead"
			submit="auth.invitation.submit"
			retry={{ to: '/login', label: 'auth.invitation.askOffice' }}
		/>
	)
}
