import crypto from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import type { Tx } from '#db/client.ts'
import { tokens, type TokenPurpose } from '#db/schema.ts'

const HOUR = 3_600_000

/** How long each kind of link works. */
export const TOKEN_LIFETIME: Record<TokenPurpose, number> = {
	verify: 24 * HOUR,
	reset: 1 * HOUR,
	invite: 7 * 24 * HOUR,
}

export function hashToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex')
}

/**
 * Creates a single-use token for a link and returns it; only its hash is stored. Earlier unused tokens of the
 * same purpose for the user stop working, so only the newest link is valid.
 */
export function issueToken(tx: Tx, { userId, purpose, now }: { userId: number; purpose: TokenPurpose; now: Date }): string {
	const token = crypto.randomBytes(32).toString('base64url')
	tx.update(tokens)
		.set({ usedAt: now })
		.where(and(eq(tokens.userId, userId), eq(tokens.purpose, purpose), isNull(tokens.usedAt)))
		.run()
	tx.insert(tokens)
		.values({
			hash: hashToken(token),
			purpose,
			userId,
			expiresAt: new Date(now.getTime() + TOKEN_LIFETIME[purpose]),
			createdAt: now,
		})
		.run()
	return token
}

export type TokenCheck = { ok: true; userId: number } | { ok: false; reason: 'invalid' | 'expired' | 'used' }

/** Looks a token up without using it (to show the form a link leads to). */
export function checkToken(tx: Tx, { token, purpose, now }: { token: string; purpose: TokenPurpose; now: Date }): TokenCheck {
	const row = tx
		.select()
		.from(tokens)
		.where(and(eq(tokens.hash, hashToken(token)), eq(tokens.purpose, purpose)))
		.get()
	if (!row) return { ok: false, reason: 'invalid' }
	if (row.usedAt) return { ok: false, reason: 'used' }
	if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' }
	return { ok: true, userId: row.userId }
}

/** Uses a token: valid once, before it expires. Call inside the transaction that does what the link is for. */
export function consumeToken(tx: Tx, args: { token: string; purpose: TokenPurpose; now: Date }): TokenCheck {
	const check = checkToken(tx, args)
	if (!check.ok) return check
	const used = tx
		.update(tokens)
		.set({ usedAt: args.now })
		.where(and(eq(tokens.hash, hashToken(args.token)), isNull(tokens.usedAt)))
		.run()
	return used.changes === 1 ? check : { ok: false, reason: 'used' }
}
