import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { asc } from 'drizzle-orm'
import { inviteStaff, resendInvitation, setReviewCap, setUserDisabled } from '#app/auth/accounts.server.ts'
import { requireUser } from '#app/auth/session.server.ts'
import { DepartmentOptions } from '#app/components/department-options.tsx'
import { SelectField, TextField } from '#app/components/forms/fields.tsx'
import { ErrorSummary, SubmitButton, useValidatedForm, ValidatedForm } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { openLoads } from '#app/domain/assignments.server.ts'
import { departmentLabel, isDepartmentCode } from '#app/domain/schools.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatDay, formatNumber } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { ScrollRegion } from '#app/components/scroll-region.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { InviteSchema, ReviewCapSchema } from '#app/schemas/auth.ts'
import { formValues, parseForm, type FormFailure } from '#app/schemas/parse.ts'
import { ROLES, users } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.users.title')

/**
 * What the action answers. The review cap's problems stay out of `errors`, which belong to the invitation form:
 * `cap` is shown beside that reviewer's field, `problem` at the top of the page.
 */
type UsersActionData = FormFailure & {
	notice?: MessageKey
	problem?: MessageKey
	cap?: { userId: number; error: string; value: string }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
	const viewer = await requireUser(request, context, { can: 'users:read' })
	const locale = await getLocale(request)
	const rows = context.db.select().from(users).orderBy(asc(users.role), asc(users.name)).all()
	const loads = openLoads(context.db)
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
			reviewCap: user.reviewCap,
			openLoad: loads.get(user.id) ?? 0,
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
		if (!parsed.success) return data<UsersActionData>({ errors: parsed.errors, values: parsed.values }, 400)
		if (parsed.data.role === 'reviewer' && !isDepartmentCode(parsed.data.department ?? '')) {
			return data<UsersActionData>(
				{ errors: { department: 'errors.department.required' }, values: formValues(formData) },
				400,
			)
		}
		const result = inviteStaff(context, actor, parsed.data)
		if (!result.ok) {
			return data<UsersActionData>({ errors: { email: 'errors.email.taken' }, values: formValues(formData) }, 400)
		}
		return data<UsersActionData>({ errors: {}, values: {}, notice: 'office.users.invited' })
	}
	if (intent === 'cap') {
		const actor = await requireUser(request, context, { can: 'users:edit' })
		const parsed = parseForm(ReviewCapSchema, formData)
		const notReviewer = () => data<UsersActionData>({ errors: {}, values: {}, problem: 'office.users.cap.errors.notReviewer' }, 400)
		if (!parsed.success) {
			if (parsed.errors.userId || !parsed.errors.cap) return notReviewer()
			const cap = { userId: Number(parsed.values.userId), error: parsed.errors.cap, value: parsed.values.cap ?? '' }
			return data<UsersActionData>({ errors: {}, values: {}, cap }, 400)
		}
		if (!setReviewCap(context, actor, parsed.data.userId, parsed.data.cap).ok) return notReviewer()
		return data<UsersActionData>({ errors: {}, values: {}, notice: 'office.users.cap.saved' })
	}
	const userId = Number(formData.get('userId'))
	if (intent === 'resend') {
		const actor = await requireUser(request, context, { can: 'users:invite' })
		const ok = resendInvitation(context, actor, userId)
		return data<UsersActionData>({ errors: {}, values: {}, notice: ok ? 'office.users.resent' : undefined }, ok ? 200 : 400)
	}
	if (intent === 'disable' || intent === 'enable') {
		const actor = await requireUser(request, context, { can: 'users:disable' })
		const ok = setUserDisabled(context, actor, userId, intent === 'disable')
		return data<UsersActionData>(
			{ errors: {}, values: {}, notice: ok ? (intent === 'disable' ? 'office.users.disabled' : 'office.users.enabled') : undefined },
			ok ? 200 : 400,
		)
	}
	await requireUser(request, context, { can: 'users:read' })
	return data<UsersActionData>({ errors: { form: 'errors.unknownAction' }, values: {} }, 400)
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
					<p role="status">{t(actionData.notice)}</p>
				</Panel>
			) : null}
			{actionData?.cap || actionData?.problem ? (
				<ErrorSummary
					formError={actionData.problem}
					items={actionData.cap ? [{ name: `cap-${actionData.cap.userId}`, message: actionData.cap.error }] : []}
				/>
			) : null}

			{ROLES.map((role) => {
				const group = rows.filter((user) => user.role === role)
				return (
					<section key={role} aria-labelledby={`role-${role}`} className="space-y-3">
						<h2 id={`role-${role}`} className="text-2xl font-semibold">
							{t(`office.users.role.${role}`)} ({group.length.toLocaleString(locale === 'fa' ? 'fa-IR' : 'en-GB')})
						</h2>
						{role === 'reviewer' && group.length > 0 ? (
							<p id="cap-hint" className="max-w-3xl text-slate-700">
								{t('office.users.cap.hint')}
							</p>
						) : null}
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
											{role === 'reviewer' ? <th scope="col" className="p-2 text-start">{t('office.users.cap.column')}</th> : null}
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
												{role === 'reviewer' ? (
													<td className="p-2">
														<ReviewCapForm user={user} failure={actionData?.cap?.userId === user.id ? actionData.cap : undefined} />
													</td>
												) : null}
												<td className="p-2">{t(`office.users.state.${user.state}`)}</td>
												<td className="p-2">
													<div className="flex flex-wrap gap-2">
														<Link to={`/office/audit?user=${user.id}`}>
															{t('office.audit.userLink')}
															<span className="sr-only"> — {user.name}</span>
														</Link>
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

/** One reviewer's open reviews and the form that changes their cap; a plain form, so it works without JavaScript. */
function ReviewCapForm({
	user,
	failure,
}: {
	user: { id: number; name: string; reviewCap: number; openLoad: number }
	failure?: { error: string; value: string }
}) {
	const { t, locale } = useTranslate()
	const id = `field-cap-${user.id}`
	const errorId = `${id}-error`
	return (
		<div className={`space-y-1 ${failure ? 'border-s-4 border-red-700 ps-3' : ''}`}>
			<p>{t('office.users.cap.open', { open: user.openLoad })}</p>
			{failure ? (
				<p id={errorId} className="font-semibold text-red-800">
					{t(failure.error as MessageKey)}
				</p>
			) : null}
			<Form method="post" className="flex items-center gap-2 whitespace-nowrap">
				<input type="hidden" name="intent" value="cap" />
				<input type="hidden" name="userId" value={user.id} />
				<label htmlFor={id} className="font-semibold">
					<span aria-hidden="true">{t('office.users.cap.label')}</span>
					<span className="sr-only">{t('office.users.cap.labelFor', { name: user.name })}</span>
				</label>
				<input
					// A new key after a save shows the saved value; after a refusal the typed one stays.
					key={user.reviewCap}
					id={id}
					name="cap"
					type="text"
					inputMode="numeric"
					autoComplete="off"
					size={3}
					defaultValue={failure ? failure.value : formatNumber(user.reviewCap, locale, { useGrouping: false })}
					aria-invalid={failure ? true : undefined}
					aria-describedby={failure ? `${errorId} cap-hint` : 'cap-hint'}
					className="w-16 rounded-md border-2 border-slate-500 bg-white px-2 py-1 text-base text-slate-900 aria-invalid:border-red-700"
				/>
				<button type="submit" className="rounded-md border-2 border-brand-700 px-3 py-1 font-semibold text-brand-800 hover:bg-brand-50">
					<span aria-hidden="true">{t('office.users.cap.save')}</span>
					<span className="sr-only">{t('office.users.cap.saveFor', { name: user.name })}</span>
				</button>
			</Form>
		</div>
	)
}
