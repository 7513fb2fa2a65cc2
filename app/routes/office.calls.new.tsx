import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { CallForm } from '#app/components/office/call-form.tsx'
import { PageHeading } from '#app/components/page.tsx'
import { createCall, newCallFormValues, parseCallForm } from '#app/domain/call-editing.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { formValues, type FormFailure } from '#app/schemas/parse.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.callForm.newTitle')

export async function loader({ request, context }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:write' })
	return { values: newCallFormValues(context.now()) }
}

export async function action({ request, context }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'calls:write' })
	const formData = await request.formData()
	const parsed = parseCallForm(formData)
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	const result = createCall(context.db, { input: parsed.data, actor, now: context.now() })
	if (!result.ok) return data<FormFailure>({ errors: result.errors, values: formValues(formData) }, 400)
	return redirect(`/office/calls/${result.id}/edit?created=1`)
}

export default function NewCall() {
	const { t } = useTranslate()
	const loaded = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to="/office/calls">{t('office.call.back')}</Link>
			</p>
			<PageHeading title={t('office.callForm.newTitle')} lead={t('office.callForm.newLead')} />
			<CallForm values={actionData?.values ?? loaded.values} serverErrors={actionData?.errors} submitLabel={t('office.callForm.create')} />
		</div>
	)
}
