import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData } from '@remix-run/react'
import { registerApplicant } from '#app/auth/accounts.server.ts'
import { passwordProblem } from '#app/auth/password.server.ts'
import { enforceRateLimit } from '#app/auth/rate-limits.server.ts'
import { requireAnonymous } from '#app/auth/session.server.ts'
import { TextField } from '#app/components/forms/fields.tsx'
import { SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading } from '#app/components/page.tsx'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { RegisterSchema } from '#app/schemas/auth.ts'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.register.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireAnonymous(request, context)
	return null
}

export async function action({ request, context }: ActionFunctionArgs) {
	enforceRateLimit(context, 'registerIp', context.clientIp ?? 'unknown')
	const formData = await request.formData()
	formData.set('locale', await getLocale(request))
	const parsed = parseForm(RegisterSchema, formData)
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	const problem = passwordProblem(parsed.data.password)
	if (problem) {
		return data<FormFailure>(
			{ errors: { password: `errors.password.${problem}` }, values: { name: parsed.data.name, email: parsed.data.email } },
			400,
		)
	}
	await registerApplicant(context, parsed.data)
	// The same answer whether or not the address already had an account.
	return redirect('/check-email?sent=register')
}

export default function Register() {
	const { t } = useTranslate()
	const actionData = useActionData<typeof action>()
	const form = useValidatedForm(RegisterSchema, { serverErrors: actionData?.errors })
	const errors = form.formState.errors
	return (
		<NarrowPage>
			<PageHeading title={t('auth.register.title')} lead={t('auth.register.lead')} />
			<ValidatedForm form={form as never} fieldOrder={['name', 'email', 'password']} className="space-y-5">
				<TextField
					label={t('auth.fields.name')}
					hint={t('auth.fields.nameHint')}
					autoComplete="name"
					defaultValue={actionData?.values.name}
					error={errors.name?.message}
					registration={form.register('name')}
				/>
				<TextField
					label={t('auth.fields.email')}
					hint={t('auth.fields.emailHint')}
					type="email"
					autoComplete="email"
					spellCheck={false}
					dir="ltr"
					defaultValue={actionData?.values.email}
					error={errors.email?.message}
					registration={form.register('email')}
				/>
				<TextField
					label={t('auth.fields.newPassword')}
					hint={t('auth.fields.newPasswordHint')}
					type="password"
					autoComplete="new-password"
					dir="ltr"
					error={errors.password?.message}
					registration={form.register('password')}
				/>
				<SubmitButton>{t('auth.register.submit')}</SubmitButton>
			</ValidatedForm>
			<p className="mt-8">
				<Link to="/login">{t('auth.register.haveAccount')}</Link>
			</p>
		</NarrowPage>
	)
}
