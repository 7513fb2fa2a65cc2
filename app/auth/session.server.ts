import crypto from 'node:crypto'
import { createCookie, redirect, type Cookie } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { can, type Action } from '#app/domain/permissions.ts'
import type { AppContext } from '#app/server/context.ts'
import type { Config } from '#app/config.server.ts'
import type { Db, Tx } from '#db/client.ts'
import { sessions, users, type Role, type User } from '#db/schema.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

/** Staff sessions end after 2 idle hours, applicants' after 7 idle days; every session after 30 days. */
export const IDLE_LIMIT: Record<Role, number> = { office: 2 * 60 * MINUTE, reviewer: 2 * 60 * MINUTE, applicant: 7 * DAY }
export const ABSOLUTE_LIMIT = 30 * DAY

const cookies = new WeakMap<Config, Cookie>()

/** The session cookie: HttpOnly, SameSite=Lax, signed; `__Host-` and Secure when the portal is served over https. */
export function sessionCookie(config: Config): Cookie {
	let cookie = cookies.get(config)
	if (!cookie) {
		const secure = config.publicUrl.startsWith('https:')
		cookie = createCookie(secure ? '__Host-vpp_session' : 'vpp_session', {
			httpOnly: true,
			sameSite: 'lax',
			secure,
			path: '/',
			secrets: [config.sessionSecret],
			maxAge: ABSOLUTE_LIMIT / 1000,
		})
		cookies.set(config, cookie)
	}
	return cookie
}

const hashId = (id: string) => crypto.createHash('sha256').update(id).digest('hex')

async function sessionIdFrom(request: Request, config: Config): Promise<string | null> {
	const value: unknown = await sessionCookie(config).parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.length > 0 ? value : null
}

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'verifiedAt' | 'disabledAt'>

/**
 * Starts a session for a user who has just proved who they are, replacing the one the request came with
 * (a new id at every sign-in, so a planted id is worthless). Returns the Set-Cookie header.
 */
export async function startSession(
	request: Request,
	context: Pick<AppContext, 'db' | 'config' | 'now' | 'clientIp'>,
	userId: number,
): Promise<string> {
	usersByRequest.delete(request)
	const previous = await sessionIdFrom(request, context.config)
	const id = crypto.randomBytes(32).toString('base64url')
	const now = context.now()
	context.db.transaction(
		(tx) => {
			if (previous) tx.delete(sessions).where(eq(sessions.idHash, hashId(previous))).run()
			tx.insert(sessions)
				.values({
					idHash: hashId(id),
					userId,
					createdAt: now,
					lastSeenAt: now,
					expiresAt: new Date(now.getTime() + ABSOLUTE_LIMIT),
					ip: context.clientIp ?? null,
					userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
				})
				.run()
		},
		{ behavior: 'immediate' },
	)
	return sessionCookie(context.config).serialize(id)
}

/**
 * Each request's user, looked up once: Remix gives the root loader and the page's loader (and requireUser in either)
 * the same Request, and each asked again (a cookie parse, a join and perhaps a write). Starting or ending a session
 * forgets the request's entry.
 */
const usersByRequest = new WeakMap<Request, Promise<SessionUser | null>>()

/** The signed-in user, or null. Expired sessions and disabled users' sessions are removed on sight. */
export function getUser(request: Request, context: AppContext): Promise<SessionUser | null> {
	let user = usersByRequest.get(request)
	if (!user) {
		user = lookUpUser(request, context)
		usersByRequest.set(request, user)
	}
	return user
}

async function lookUpUser(request: Request, context: AppContext): Promise<SessionUser | null> {
	const id = await sessionIdFrom(request, context.config)
	if (!id) return null
	const idHash = hashId(id)
	const row = context.db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				name: users.name,
				role: users.role,
				locale: users.locale,
				verifiedAt: users.verifiedAt,
				disabledAt: users.disabledAt,
			},
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.idHash, idHash))
		.get()
	if (!row) return null
	const now = context.now().getTime()
	const idleUntil = row.session.lastSeenAt.getTime() + IDLE_LIMIT[row.user.role]
	if (row.user.disabledAt || now >= row.session.expiresAt.getTime() || now >= idleUntil) {
		context.db.delete(sessions).where(eq(sessions.idHash, idHash)).run()
		return null
	}
	// Record activity at most once a minute: enough for idle expiry, without a write per request.
	if (now - row.session.lastSeenAt.getTime() > MINUTE) {
		context.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.idHash, idHash)).run()
	}
	return row.user
}

/** Ends the request's session; returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request, context: AppContext): Promise<string> {
	usersByRequest.delete(request)
	const id = await sessionIdFrom(request, context.config)
	if (id) context.db.delete(sessions).where(eq(sessions.idHash, hashId(id))).run()
	return sessionCookie(context.config).serialize('', { maxAge: 0 })
}

/** Ends every session of a user (disabling, password reset). */
export function endAllSessions(tx: Tx | Db, userId: number): void {
	tx.delete(sessions).where(eq(sessions.userId, userId)).run()
}

export function homePath(role: Role): string {
	return role === 'office' ? '/office' : role === 'reviewer' ? '/reviewer' : '/applications'
}

function safeRedirectTarget(request: Request): string {
	const url = new URL(request.url)
	return `${url.pathname}${url.search}`
}

/**
 * The guard every protected loader and action starts with. Anonymous visitors are sent to sign in and brought
 * back; a signed-in user who may not do `can` gets 404, so the page's existence is not revealed.
 */
export async function requireUser(
	request: Request,
	context: AppContext,
	options: { can?: Action } = {},
): Promise<SessionUser> {
	const user = await getUser(request, context)
	if (!user) {
		throw redirect(`/login?${new URLSearchParams({ redirectTo: safeRedirectTarget(request) })}`)
	}
	if (options.can && !can(user, options.can)) throw new Response(null, { status: 404 })
	return user
}

/** Sign-in and registration pages send a signed-in user home instead. */
export async function requireAnonymous(request: Request, context: AppContext): Promise<void> {
	const user = await getUser(request, context)
	if (user) throw redirect(homePath(user.role))
}
