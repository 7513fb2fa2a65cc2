import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { setPasswordAction, setPasswordLoader } from '#app/auth/set-password-route.server.ts'
import { SetPasswordPage } from '#app/components/set-password-page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.reset.title')

export const loader = ({ request, context }: LoaderFunctionArgs) => setPasswordLoader(request, context, 'reset')
export const action = ({ request, context }: ActionFunctionArgs) => setPasswordAction(request, context, 'reset')

export default function ResetPassword() {
	return (
		<SetPasswordPage
			title="auth.reset.title"
			lead="auth.reset.lead"
			submit="auth.reset.submit"
			retry={{ to: '/forgot-password', label: 'auth.reset.again' }}
		/>
	)
}
