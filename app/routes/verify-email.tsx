import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { verifyEmail } from '#app/auth/accounts.server.ts'
import { startSession } from '#app/auth/session.server.ts'
import { checkToken } from '#app/auth/tokens.server.ts'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading } from '#app/components/page.tsx'
import { TokenProblem } from '#app/components/token-problem.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.verify.title')

/**
 * The link in the verification email shows a button rather than verifying on GET: mail scanners open links,
 * and a single-use link opened by a scanner would be spent (and a session handed to the scanner).
 */
export function loader({ request, context }: LoaderFunctionArgs) {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const check = context.db.transaction((tx) => checkToken(tx, { token, purpose: 'verify', now: context.now() }))
	return { token, problem: check.ok ? null : check.reason }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const token = String((await request.formData()).get('token') ?? '')
	const result = verifyEmail(context, token)
	if (!result.ok) return { problem: result.reason }
	const cookie = await startSession(request, context, result.userId)
	return redirect('/applications?verified=1', { headers: { 'Set-Cookie': cookie } })
}

export default function VerifyEmail() {
	const { t } = useTranslate()
	const { token, problem } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const reason = actionData?.problem ?? problem
	if (reason) return <TokenProblem reason={reason} retry={{ to: '/login', label: t('auth.verify.signInToResend') }} />
	return (
		<NarrowPage>
			<PageHeading title={t('auth.verify.title')} lead={t('auth.verify.lead')} />
			<Form method="post">
				<input type="hidden" name="token" value={token} />
				<SubmitButton>{t('auth.verify.submit')}</SubmitButton>
			</Form>
		</NarrowPage>
	)
}
