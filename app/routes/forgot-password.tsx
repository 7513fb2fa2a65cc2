import { data, redirect, type ActionFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { requestPasswordReset } from '#app/auth/accounts.server.ts'
import { enforceRateLimit } from '#app/auth/rate-limits.server.ts'
import { TextField } from '#app/components/forms/fields.tsx'
import { SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading } from '#app/components/page.tsx'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { ForgotPasswordSchema } from '#app/schemas/auth.ts'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'auth.forgot.title')

export async function action({ request, context }: ActionFunctionArgs) {
	enforceRateLimit(context, 'resetIp', context.clientIp ?? 'unknown')
	const parsed = parseForm(ForgotPasswordSchema, await request.formData())
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	requestPasswordReset(context, parsed.data.email)
	// The same answer whether or not the address has an account.
	return redirect('/check-email?sent=reset')
}

export default function ForgotPassword() {
	const { t } = useTranslate()
	const actionData = useActionData<typeof action>()
	const form = useValidatedForm(ForgotPasswordSchema, { serverErrors: actionData?.errors })
	return (
		<NarrowPage>
			<PageHeading title={t('auth.forgot.title')} lead={t('auth.forgot.lead')} />
			<ValidatedForm form={form as never} fieldOrder={['email']} className="space-y-5">
				<TextField
					label={t('auth.fields.email')}
					type="email"
					autoComplete="email"
					spellCheck={false}
					dir="ltr"
					defaultValue={actionData?.values.email}
					error={form.formState.errors.email?.message}
					registration={form.register('email')}
				/>
				<SubmitButton>{t('auth.forgot.submit')}</SubmitButton>
			</ValidatedForm>
		</NarrowPage>
	)
}
