import { useActionData, useLoaderData } from '@remix-run/react'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { SetPasswordSchema } from '#app/schemas/auth.ts'
import type { FormFailure } from '#app/schemas/parse.ts'
import { TextField } from './forms/fields.tsx'
import { SubmitButton, useValidatedForm, ValidatedForm } from './forms/form.tsx'
import { NarrowPage, PageHeading } from './page.tsx'
import { TokenProblem } from './token-problem.tsx'

type LoaderData = { token: string; problem: 'invalid' | 'expired' | 'used' | null; name?: string | null }
type ActionData = (FormFailure & { problem?: undefined }) | { problem: 'invalid' | 'expired' | 'used'; errors?: undefined }

/** The page behind a reset or invitation link: choose a password, then you are signed in. */
export function SetPasswordPage({
	title,
	lead,
	submit,
	retry,
}: {
	title: MessageKey
	lead: MessageKey
	submit: MessageKey
	retry: { to: string; label: MessageKey }
}) {
	const { t } = useTranslate()
	const { token, problem, name } = useLoaderData<LoaderData>()
	const actionData = useActionData<ActionData>()
	const form = useValidatedForm(SetPasswordSchema, { serverErrors: actionData?.errors })
	const reason = actionData?.problem ?? problem
	if (reason) return <TokenProblem reason={reason} retry={{ to: retry.to, label: t(retry.label) }} />
	return (
		<NarrowPage>
			<PageHeading title={t(title)} lead={t(lead, { name: name ?? '' })} />
			<ValidatedForm form={form as never} fieldOrder={['password']} className="space-y-5">
				<input type="hidden" defaultValue={token} {...form.register('token')} />
				<TextField
					label={t('auth.fields.newPassword')}
					hint={t('auth.fields.newPasswordHint')}
					type="password"
					autoComplete="new-password"
					dir="ltr"
					error={form.formState.errors.password?.message}
					registration={form.register('password')}
				/>
				<SubmitButton>{t(submit)}</SubmitButton>
			</ValidatedForm>
		</NarrowPage>
	)
}
