import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { asc } from 'drizzle-orm'
import { inviteStaff, resendInvitation, setUserDisabled } from '#app/auth/accounts.server.ts'
import { requireUser } from '#app/auth/session.server.ts'
import { DepartmentOptions } from '#app/components/department-options.tsx'
import { SelectField, TextField } from '#app/components/forms/fields.tsx'
import { SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { departmentLabel, isDepartmentCode } from '#app/domain/schools.ts'
import { formatDay } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { InviteSchema } from '#app/schemas/auth.ts'
import { formValues, parseForm, type FormFailure } from '#app/schemas/parse.ts'
import { ROLES, users } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.users.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const viewer = await requireUser(request, context, { can: 'users:read' })
	const locale = await getLocale(request)
	const rows = context.db.select().from(users).orderBy(asc(users.role), asc(users.name)).all()
	return {
		locale,
		users: rows.map((user) => ({
			isViewer: user.id === viewer.id,
			id: user.id,
			name: user.name,
			email: user.email,
			role: user.role,
			department: user.department && isDepartmentCode(user.department) ? departmentLabel(user.department, locale) : null,
			keywords: user.keywords,
			state: user.disabledAt
				? ('disabled' as const)
				: !user.passwordHash
					? ('invited' as const)
					: !user.verifiedAt
						? ('unverified' as const)
						: ('active' as const),
			since: formatDay(user.createdAt, locale, 'Asia/Tehran').text,
		})),
	}
}

export async function action({ request, context }: ActionFunctionArgs) {
	const formData = await request.formData()
	const intent = formData.get('intent')
	if (intent === 'invite') {
		const actor = await requireUser(request, context, { can: 'users:invite' })
		const parsed = parseForm(InviteSchema, formData)
		if (!parsed.success) return data<FormFailure & { notice?: string }>({ errors: parsed.errors, values: parsed.values }, 400)
		if (parsed.data.role === 'reviewer' && !isDepartmentCode(parsed.data.department ?? '')) {
			return data<FormFailure & { notice?: string }>(
				{ errors: { department: 'errors.department.required' }, values: formValues(formData) },
				400,
			)
		}
		const result = inviteStaff(context, actor, parsed.data)
		if (!result.ok) {
			return data<FormFailure & { notice?: string }>({ errors: { email: 'errors.email.taken' }, values: formValues(formData) }, 400)
		}
		return data<FormFailure & { notice?: string }>({ errors: {}, values: {}, notice: 'office.users.invited' })
	}
	const userId = Number(formData.get('userId'))
	if (intent === 'resend') {
		const actor = await requireUser(request, context, { can: 'users:invite' })
		const ok = resendInvitation(context, actor, userId)
		return data<FormFailure & { notice?: string }>({ errors: {}, values: {}, notice: ok ? 'office.users.resent' : undefined }, ok ? 200 : 400)
	}
	if (intent === 'disable' || intent === 'enable') {
		const actor = await requireUser(request, context, { can: 'users:disable' })
		const ok = setUserDisabled(context, actor, userId, intent === 'disable')
		return data<FormFailure & { notice?: string }>(
			{ errors: {}, values: {}, notice: ok ? (intent === 'disable' ? 'office.users.disabled' : 'office.users.enabled') : undefined },
			ok ? 200 : 400,
		)
	}
	await requireUser(request, context, { can: 'users:read' })
	return data<FormFailure & { notice?: string }>({ errors: { form: 'errors.unknownAction' }, values: {} }, 400)
}

export default function OfficeUsers() {
	const { t } = useTranslate()
	const { users: rows } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const form = useValidatedForm(InviteSchema, {
		serverErrors: actionData && Object.keys(actionData.errors).length ? actionData.errors : undefined,
	})
	const typed = actionData?.values ?? {}
	const errors = form.formState.errors
	const { locale } = useTranslate()
	return (
		<div className="space-y-10">
			<PageHeading title={t('office.users.title')} lead={t('office.users.lead')} />
			{actionData?.notice ? (
				<Panel tone="success">
					<p role="status">{t(actionData.notice as 'office.users.invited')}</p>
				</Panel>
			) : null}

			{ROLES.map((role) => {
				const group = rows.filter((user) => user.role === role)
				return (
					<section key={role} aria-labelledby={`role-${role}`} className="space-y-3">
						<h2 id={`role-${role}`} className="text-2xl font-semibold">
							{t(`office.users.role.${role}`)} ({group.length.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB')})
						</h2>
						{group.length === 0 ? (
							<p>{t('office.users.none')}</p>
						) : (
							<ScrollRegion labelledBy={`role-${role}`}>
								<table className="w-full min-w-[40rem] border-collapse bg-white text-start text-sm">
									<thead>
										<tr className="border-b-2 border-slate-300">
											<th scope="col" className="p-2 text-start">{t('office.users.col.name')}</th>
											<th scope="col" className="p-2 text-start">{t('office.users.col.email')}</th>
											{role === 'reviewer' ? <th scope="col" className="p-2 text-start">{t('office.users.col.department')}</th> : null}
											<th scope="col" className="p-2 text-start">{t('office.users.col.state')}</th>
											<th scope="col" className="p-2 text-start">{t('office.users.col.actions')}</th>
										</tr>
									</thead>
									<tbody>
										{group.map((user) => (
											<tr key={user.id} className="border-b border-slate-200 align-top">
												<td className="p-2 font-medium">{user.name}</td>
												<td className="p-2" dir="ltr">{user.email}</td>
												{role === 'reviewer' ? (
													<td className="p-2">
														{user.department}
														{user.keywords ? <span className="block text-slate-600">{user.keywords}</span> : null}
													</td>
												) : null}
												<td className="p-2">{t(`office.users.state.${user.state}`)}</td>
												<td className="p-2">
													<div className="flex flex-wrap gap-2">
														{user.state === 'invited' ? (
															<Form method="post">
																<input type="hidden" name="userId" value={user.id} />
																<button type="submit" name="intent" value="resend" className="underline">
																	{t('office.users.resend')}
																	<span className="sr-only"> — {user.name}</span>
																</button>
															</Form>
														) : null}
														{user.isViewer ? (
															<span className="text-slate-600">{t('office.users.you')}</span>
														) : (
															<Form method="post">
																<input type="hidden" name="userId" value={user.id} />
																<button
																	type="submit"
																	name="intent"
																	value={user.state === 'disabled' ? 'enable' : 'disable'}
																	className="underline"
																>
																	{t(user.state === 'disabled' ? 'office.users.enable' : 'office.users.disable')}
																	<span className="sr-only"> — {user.name}</span>
																</button>
															</Form>
														)}
													</div>
												</td>
											</tr>
										))}
									</tbody>
								</table>
							</ScrollRegion>
						)}
					</section>
				)
			})}

			<section aria-labelledby="invite" className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-5">
				<h2 id="invite" className="text-2xl font-semibold">
					{t('office.users.invite.title')}
				</h2>
				<p className="text-slate-700">{t('office.users.invite.lead')}</p>
				<ValidatedForm
					form={form as never}
					formError={actionData?.errors.form}
					fieldOrder={['role', 'name', 'email', 'locale', 'department', 'keywords']}
					className="space-y-5"
				>
					<input type="hidden" name="intent" value="invite" />
					<SelectField label={t('office.users.invite.role')} defaultValue={typed.role ?? 'reviewer'} error={errors.role?.message} registration={form.register('role')}>
						<option value="reviewer">{t('office.users.invite.asReviewer')}</option>
						<option value="office">{t('office.users.invite.asOffice')}</option>
					</SelectField>
					<TextField label={t('auth.fields.name')} defaultValue={typed.name} error={errors.name?.message} registration={form.register('name')} />
					<TextField
						label={t('auth.fields.email')}
						type="email"
						dir="ltr"
						spellCheck={false}
						defaultValue={typed.email}
						error={errors.email?.message}
						registration={form.register('email')}
					/>
					<SelectField
						label={t('office.users.invite.locale')}
						hint={t('office.users.invite.localeHint')}
						defaultValue={typed.locale ?? 'en'}
						error={errors.locale?.message}
						registration={form.register('locale')}
					>
						<option value="en">English</option>
						<option value="fa" lang="fa">
							فارسی
						</option>
					</SelectField>
					<SelectField
						label={t('office.users.invite.department')}
						hint={t('office.users.invite.departmentHint')}
						defaultValue={typed.department ?? ''}
						error={errors.department?.message}
						registration={form.register('department')}
					>
						<option value="">{t('office.users.invite.chooseDepartment')}</option>
						<DepartmentOptions locale={locale} />
					</SelectField>
					<TextField
						label={t('office.users.invite.keywords')}
						hint={t('office.users.invite.keywordsHint')}
						defaultValue={typed.keywords}
						error={errors.keywords?.message}
						registration={form.register('keywords')}
					/>
					<SubmitButton>{t('office.users.invite.submit')}</SubmitButton>
				</ValidatedForm>
			</section>
		</div>
	)
}
