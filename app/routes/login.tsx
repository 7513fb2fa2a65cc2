import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useSearchParams } from '@remix-run/react'
import { checkCredentials } from '#app/auth/accounts.server.ts'
import { enforceRateLimit } from '#app/auth/rate-limits.server.ts'
import { safeRedirect } from '#app/auth/safe-redirect.ts'
import { homePath, requireAnonymous, startSession } from '#app/auth/session.server.ts'
import { TextField } from '#app/components/forms/fields.tsx'
import { SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading } from '#app/components/page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { SignInSchema } from '#app/schemas/auth.ts'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.signIn.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAnonymous(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	const ip = context.clientIp ?? 'unknown'
	enforceRateLimit(context, 'signInIp', ip)
	const parsed = parseForm(SignInSchema, await request.formData())
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	enforceRateLimit(context, 'signInAccount', parsed.data.email)
	const result = await checkCredentials(context, parsed.data.email, parsed.data.password, ip)
	if (!result.ok) {
		return data<FormFailure>(
			{ errors: { form: 'auth.signIn.wrong' }, values: { email: parsed.data.email, redirectTo: parsed.data.redirectTo ?? '' } },
			400,
		)
	}
	const cookie = await startSession(request, context, result.user.id)
	return redirect(safeRedirect(parsed.data.redirectTo, homePath(result.user.role)), { headers: { 'Set-Cookie': cookie } })
}

export default function SignIn() {
	const { t } = useTranslate()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const form = useValidatedForm(SignInSchema, { serverErrors: actionData?.errors })
	const errors = form.formState.errors
	return (
		<NarrowPage>
			<PageHeading title={t('auth.signIn.title')} />
			<ValidatedForm form={form as never} formError={actionData?.errors.form} fieldOrder={['email', 'password']} className="space-y-5">
				<input type="hidden" defaultValue={actionData?.values.redirectTo ?? searchParams.get('redirectTo') ?? ''} {...form.register('redirectTo')} />
				<TextField
					label={t('auth.fields.email')}
					type="email"
					autoComplete="email"
					spellCheck={false}
					dir="ltr"
					defaultValue={actionData?.values.email}
					error={errors.email?.message}
					registration={form.register('email')}
				/>
				<TextField
					label={t('auth.fields.password')}
					type="password"
					autoComplete="current-password"
					dir="ltr"
					error={errors.password?.message}
					registration={form.register('password')}
				/>
				<SubmitButton>{t('auth.signIn.submit')}</SubmitButton>
			</ValidatedForm>
			<ul className="mt-8 space-y-2">
				<li>
					<Link to="/forgot-password">{t('auth.signIn.forgot')}</Link>
				</li>
				<li>
					<Link to="/register">{t('auth.signIn.noAccount')}</Link>
				</li>
			</ul>
		</NarrowPage>
	)
}
