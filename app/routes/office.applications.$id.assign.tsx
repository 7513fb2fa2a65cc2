import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData, useParams } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { AssignForm, type AssignmentActionData } from '#app/components/office/reviewer-assignments.tsx'
import { assignAction, assignFormView } from '#app/domain/assignment-form.server.ts'
import { requireOfficeFile } from '#app/domain/office-file.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'

/**
 * The office's file with the assign form: every active reviewer who may be picked, with department, expertise, open
 * load and conflict warnings. The file counts them and opens this in place; the form posts here, so a refusal comes
 * back with the list and every choice kept, with or without JavaScript.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const { application, call } = requireOfficeFile(context.db, params.id)
	return assignFormView(context.db, application, call, context.now(), await getLocale(request))
}

export async function action({ request, context, params }: ActionFunctionArgs) {
	const actor = await requireUser(request, context, { can: 'applications:assign' })
	const { application, call } = requireOfficeFile(context.db, params.id)
	const result = assignAction(context.db, context.config, { application, call, formData: await request.formData(), actor, now: context.now() })
	if (result.ok) return redirect(`/office/applications/${application.id}?notice=${result.notice}#reviewers`)
	return data<AssignmentActionData>({ errors: result.errors, values: result.values }, 400)
}

export default function OfficeApplicationAssign() {
	const view = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { id } = useParams()
	return <AssignForm view={view} action={`/office/applications/${id}/assign`} actionData={actionData ?? null} />
}
