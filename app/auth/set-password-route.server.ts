import { data, redirect } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import type { AppContext } from '#app/server/context.ts'
import { SetPasswordSchema } from '#app/schemas/auth.ts'
import { parseForm, type FormFailure } from '#app/schemas/parse.ts'
import { users } from '#db/schema.ts'
import { setPasswordWithToken } from './accounts.server.ts'
import { passwordProblem } from './password.server.ts'
import { homePath, startSession } from './session.server.ts'
import { checkToken } from './tokens.server.ts'

/** Loader and action shared by the reset-password and invitation pages, which differ only in the token's purpose. */
export function setPasswordLoader(request: Request, context: AppContext, purpose: 'reset' | 'invite') {
	const token = new URL(request.url).searchParams.get('token') ?? ''
	const check = context.db.transaction((tx) => checkToken(tx, { token, purpose, now: context.now() }))
	if (!check.ok) return { token, problem: check.reason, name: null }
	const user = context.db.select({ name: users.name }).from(users).where(eq(users.id, check.userId)).get()
	return { token, problem: null, name: user?.name ?? null }
}

export async function setPasswordAction(request: Request, context: AppContext, purpose: 'reset' | 'invite') {
	const parsed = parseForm(SetPasswordSchema, await request.formData())
	if (!parsed.success) return data<FormFailure>({ errors: parsed.errors, values: parsed.values }, 400)
	const problem = passwordProblem(parsed.data.password)
	if (problem) return data<FormFailure>({ errors: { password: `errors.password.${problem}` }, values: {} }, 400)
	const result = await setPasswordWithToken(context, { token: parsed.data.token, purpose, password: parsed.data.password })
	if (!result.ok) return data({ problem: result.reason }, 400)
	const user = context.db.select({ role: users.role }).from(users).where(eq(users.id, result.userId)).get()
	const cookie = await startSession(request, context, result.userId)
	return redirect(homePath(user?.role ?? 'applicant'), { headers: { 'Set-Cookie': cookie } })
}
