import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { FieldShell } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton } from '#app/components/forms/form.tsx'
import { NarrowPage, PageHeading } from '#app/components/page.tsx'
import { normaliseVerificationCode } from '#app/documents/invitation-letter.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * Where someone holding an invitation letter types its verification code. A GET form, so it works without JavaScript
 * and needs no session: a well-formed code goes on to /verify/<code> (which is rate-limited and does the lookup);
 * only the code's shape is checked here, which says nothing about any letter.
 */

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'verify.title', 'verify.lead')

const CODE_INPUT_MAX = 64

export async function loader({ request }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	if (!url.searchParams.has('code')) return data({ error: null, value: '' })
	const typed = (url.searchParams.get('code') ?? '').trim().slice(0, CODE_INPUT_MAX)
	if (!typed) return data({ error: 'verify.errors.required' as const, value: '' }, { status: 400 })
	const code = normaliseVerificationCode(typed)
	if (!code) return data({ error: 'verify.errors.format' as const, value: typed }, { status: 400 })
	throw redirect(`/verify/${code}`)
}

export default function VerifyForm() {
	const { error, value } = useLoaderData<typeof loader>()
	const { t } = useTranslate()
	return (
		<NarrowPage>
			<PageHeading title={t('verify.title')} lead={t('verify.lead')} />
			<Form method="get" action="/verify" className="space-y-5">
				<ErrorSummary items={error ? [{ name: 'code', message: error }] : []} />
				<FieldShell name="code" label={t('verify.field.label')} hint={t('verify.field.hint')} error={error ?? undefined}>
					{({ id, describedBy, invalid }) => (
						<input
							id={id}
							name="code"
							type="text"
							dir="ltr"
							autoComplete="off"
							autoCapitalize="characters"
							spellCheck={false}
							maxLength={CODE_INPUT_MAX}
							defaultValue={value}
							aria-describedby={describedBy}
							aria-invalid={invalid || undefined}
							className="block w-full max-w-xs rounded-md border-2 border-slate-500 bg-white px-3 py-2 font-mono text-base tracking-wider text-slate-900 uppercase aria-invalid:border-red-700"
						/>
					)}
				</FieldShell>
				<SubmitButton>{t('verify.submit')}</SubmitButton>
			</Form>
		</NarrowPage>
	)
}
