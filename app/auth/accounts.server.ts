import { and, eq, isNull } from 'drizzle-orm'
import { recordAudit } from '#app/domain/audit.ts'
import { queueEmail } from '#app/email/queue.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { AppContext } from '#app/server/context.ts'
import type { Tx } from '#db/client.ts'
import { users, type Role, type User } from '#db/schema.ts'
import { decoyPasswordHash, hashPassword, verifyPassword } from './password.server.ts'
import { endAllSessions } from './session.server.ts'
import { consumeToken, hashToken, issueToken, type TokenCheck } from './tokens.server.ts'

/**
 * Account events: registration, verification, password reset, invitations, disabling. Each runs in one
 * synchronous transaction that also queues its email, so the email exists exactly when the change does.
 * Password hashing happens before the transaction (it is slow and asynchronous).
 */

type Ctx = Pick<AppContext, 'db' | 'config' | 'now'>

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

export function findUserByEmail(tx: Tx | Ctx['db'], email: string): User | undefined {
	return tx.select().from(users).where(eq(users.email, normaliseEmail(email))).get()
}

function link(context: Ctx, path: string, token: string): string {
	return `${context.config.publicUrl}${path}?${new URLSearchParams({ token })}`
}

/**
 * Registers an applicant, or, when the email already has an account, emails its owner instead. Either way the
 * caller shows the same page, so nobody learns who is registered.
 */
export async function registerApplicant(
	context: Ctx,
	input: { name: string; email: string; password: string; locale: Locale },
): Promise<void> {
	const passwordHash = await hashPassword(input.password)
	const now = context.now()
	const email = normaliseEmail(input.email)
	context.db.transaction(
		(tx) => {
			const existing = findUserByEmail(tx, email)
			if (existing) {
				queueEmail(tx, {
					to: existing.email,
					toName: existing.name,
					template: 'account-exists',
					locale: existing.locale,
					props: { name: existing.name, signInUrl: `${context.config.publicUrl}/login`, resetUrl: `${context.config.publicUrl}/forgot-password` },
					dedupeKey: `account-exists:${existing.id}:${now.getTime()}`,
					now,
				})
				return
			}
			const user = tx
				.insert(users)
				.values({ email, name: input.name, role: 'applicant', locale: input.locale, passwordHash, createdAt: now, updatedAt: now })
				.returning()
				.get()
			sendVerification(tx, context, user, now)
			recordAudit(tx, { actorId: user.id, action: 'user.registered', entity: 'user', entityId: user.id, at: now })
		},
		{ behavior: 'immediate' },
	)
}

function sendVerification(tx: Tx, context: Ctx, user: User, now: Date) {
	const token = issueToken(tx, { userId: user.id, purpose: 'verify', now })
	queueEmail(tx, {
		to: user.email,
		toName: user.name,
		template: 'verify-email',
		locale: user.locale,
		props: { name: user.name },
		secrets: { link: link(context, '/verify-email', token) },
		dedupeKey: `verify-email:${hashToken(token)}`,
		now,
	})
}

/** Sends a fresh verification link (the older ones stop working). */
export function resendVerification(context: Ctx, userId: number): void {
	const now = context.now()
	context.db.transaction(
		(tx) => {
			const user = tx.select().from(users).where(eq(users.id, userId)).get()
			if (!user || user.verifiedAt || user.disabledAt) return
			sendVerification(tx, context, user, now)
		},
		{ behavior: 'immediate' },
	)
}

/** Uses a verification link. Returns the verified user's id, or why the link does not work. */
export function verifyEmail(context: Ctx, token: string): TokenCheck {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const check = consumeToken(tx, { token, purpose: 'verify', now })
			if (!check.ok) return check
			tx.update(users)
				.set({ verifiedAt: now, updatedAt: now })
				.where(and(eq(users.id, check.userId), isNull(users.verifiedAt)))
				.run()
			recordAudit(tx, { actorId: check.userId, action: 'user.verified', entity: 'user', entityId: check.userId, at: now })
			return check
		},
		{ behavior: 'immediate' },
	)
}

export type SignInResult = { ok: true; user: User } | { ok: false }

/** Checks an email and password. Takes as long for an unknown email as for a wrong password. */
export async function checkCredentials(context: Ctx, email: string, password: string, ip: string | undefined): Promise<SignInResult> {
	const user = findUserByEmail(context.db, email)
	const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()))
	const now = context.now()
	const ok = Boolean(user && matches && !user.disabledAt && user.passwordHash)
	context.db.transaction((tx) =>
		recordAudit(tx, {
			actorId: user?.id ?? null,
			action: ok ? 'auth.signed_in' : 'auth.sign_in_failed',
			entity: 'user',
			entityId: user?.id ?? null,
			data: ok ? { ip: ip ?? null } : { ip: ip ?? null, email: normaliseEmail(email) },
			at: now,
		}),
	)
	return ok && user ? { ok: true, user } : { ok: false }
}

/** Emails a reset link when the address belongs to an active account; otherwise does nothing, silently. */
export function requestPasswordReset(context: Ctx, email: string): void {
	const now = context.now()
	context.db.transaction(
		(tx) => {
			const user = findUserByEmail(tx, email)
			if (!user || user.disabledAt) return
			const token = issueToken(tx, { userId: user.id, purpose: 'reset', now })
			queueEmail(tx, {
				to: user.email,
				toName: user.name,
				template: 'password-reset',
				locale: user.locale,
				props: { name: user.name },
				secrets: { link: link(context, '/reset-password', token) },
				dedupeKey: `password-reset:${hashToken(token)}`,
				now,
			})
		},
		{ behavior: 'immediate' },
	)
}

/**
 * Sets a new password through a reset or invitation link. The link proves the email address, so the account
 * counts as verified; every other session of the user ends.
 */
export async function setPasswordWithToken(
	context: Ctx,
	{ token, purpose, password }: { token: string; purpose: 'reset' | 'invite'; password: string },
): Promise<TokenCheck> {
	const passwordHash = await hashPassword(password)
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const check = consumeToken(tx, { token, purpose, now })
			if (!check.ok) return check
			const user = tx.select().from(users).where(eq(users.id, check.userId)).get()
			if (!user || user.disabledAt) return { ok: false, reason: 'invalid' } as const
			tx.update(users)
				.set({ passwordHash, verifiedAt: user.verifiedAt ?? now, updatedAt: now })
				.where(eq(users.id, user.id))
				.run()
			endAllSessions(tx, user.id)
			recordAudit(tx, {
				actorId: user.id,
				action: purpose === 'reset' ? 'auth.password_reset' : 'user.invitation_accepted',
				entity: 'user',
				entityId: user.id,
				at: now,
			})
			return check
		},
		{ behavior: 'immediate' },
	)
}

export type Invitation = {
	role: Exclude<Role, 'applicant'>
	name: string
	email: string
	locale: Locale
	department?: string | null
	keywords?: string | null
}

function sendInvitation(tx: Tx, context: Ctx, user: User, inviterName: string, now: Date): string {
	const token = issueToken(tx, { userId: user.id, purpose: 'invite', now })
	queueEmail(tx, {
		to: user.email,
		toName: user.name,
		template: 'staff-invitation',
		locale: user.locale,
		props: { name: user.name, role: user.role, inviterName },
		secrets: { link: link(context, '/invitation', token) },
		dedupeKey: `staff-invitation:${hashToken(token)}`,
		now,
	})
	return token
}

/**
 * An office user invites a reviewer or another office user, by email. Fails when the email already has an
 * account. With `deliver: 'link'` (the command line's first office user) no email is sent and the caller gets the
 * link's token to hand over.
 */
export function inviteStaff(
	context: Ctx,
	inviter: { id: number; name: string } | null,
	invitation: Invitation,
	{ deliver = 'email' }: { deliver?: 'email' | 'link' } = {},
): { ok: true; userId: number; token: string } | { ok: false; reason: 'exists' } {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			if (findUserByEmail(tx, invitation.email)) return { ok: false, reason: 'exists' } as const
			const user = tx
				.insert(users)
				.values({
					email: normaliseEmail(invitation.email),
					name: invitation.name,
					role: invitation.role,
					locale: invitation.locale,
					department: invitation.role === 'reviewer' ? (invitation.department ?? null) : null,
					keywords: invitation.role === 'reviewer' ? (invitation.keywords ?? '') : '',
					invitedBy: inviter?.id ?? null,
					createdAt: now,
					updatedAt: now,
				})
				.returning()
				.get()
			const token =
				deliver === 'email'
					? sendInvitation(tx, context, user, inviter?.name ?? 'VPP Portal', now)
					: issueToken(tx, { userId: user.id, purpose: 'invite', now })
			recordAudit(tx, {
				actorId: inviter?.id ?? null,
				action: 'user.invited',
				entity: 'user',
				entityId: user.id,
				data: { role: user.role, email: user.email },
				at: now,
			})
			return { ok: true, userId: user.id, token } as const
		},
		{ behavior: 'immediate' },
	)
}

/** A new invitation link for someone who has not yet set a password. */
export function resendInvitation(context: Ctx, inviter: { id: number; name: string }, userId: number): boolean {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const user = tx.select().from(users).where(eq(users.id, userId)).get()
			if (!user || user.role === 'applicant' || user.passwordHash || user.disabledAt) return false
			sendInvitation(tx, context, user, inviter.name, now)
			recordAudit(tx, { actorId: inviter.id, action: 'user.invitation_resent', entity: 'user', entityId: user.id, at: now })
			return true
		},
		{ behavior: 'immediate' },
	)
}

/** Disabling ends every session at once; enabling lets the user sign in again. */
export function setUserDisabled(context: Ctx, actor: { id: number }, userId: number, disabled: boolean): boolean {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const user = tx.select().from(users).where(eq(users.id, userId)).get()
			if (!user || user.id === actor.id) return false
			tx.update(users)
				.set({ disabledAt: disabled ? now : null, updatedAt: now })
				.where(eq(users.id, userId))
				.run()
			if (disabled) endAllSessions(tx, userId)
			recordAudit(tx, {
				actorId: actor.id,
				action: disabled ? 'user.disabled' : 'user.enabled',
				entity: 'user',
				entityId: userId,
				at: now,
			})
			return true
		},
		{ behavior: 'immediate' },
	)
}

export type ReviewCapResult = { ok: true; from: number; to: number } | { ok: false; reason: 'not_a_reviewer' }

/**
 * Sets the most reviews a reviewer may have open at once. Lowering it below their current load ends no
 * assignment; it only keeps them out of further suggestions. Saving the same value again writes nothing.
 */
export function setReviewCap(context: Ctx, actor: { id: number }, userId: number, cap: number): ReviewCapResult {
	const now = context.now()
	return context.db.transaction(
		(tx) => {
			const user = tx.select({ role: users.role, reviewCap: users.reviewCap }).from(users).where(eq(users.id, userId)).get()
			if (!user || user.role !== 'reviewer') return { ok: false, reason: 'not_a_reviewer' } as const
			if (user.reviewCap === cap) return { ok: true, from: cap, to: cap } as const
			tx.update(users).set({ reviewCap: cap, updatedAt: now }).where(eq(users.id, userId)).run()
			recordAudit(tx, {
				actorId: actor.id,
				action: 'user.review_cap_changed',
				entity: 'user',
				entityId: userId,
				data: { from: user.reviewCap, to: cap },
				at: now,
			})
			return { ok: true, from: user.reviewCap, to: cap } as const
		},
		{ behavior: 'immediate' },
	)
}

/** The language of a user's pages and emails. */
export function setUserLocale(context: Ctx, userId: number, locale: Locale): void {
	const now = context.now()
	context.db.update(users).set({ locale, updatedAt: now }).where(eq(users.id, userId)).run()
}
