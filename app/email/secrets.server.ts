import crypto from 'node:crypto'

/**
 * Token links in outbox props are sealed with AES-256-GCM under a key derived by HKDF-SHA256 from SESSION_SECRET.
 * The names of the sealed values stay readable so the outbox view can show `[link hidden]` in their place without
 * the key. The row's dedupe key is the additional authenticated data: a sealed value moved to another row fails.
 */

/** Where sealed secrets live inside a row's props; template props may not start with `$`. */
export const SECRETS_PROP = '$secrets'

export type SealedSecrets = { names: string[]; sealed: string }

const FORMAT = 'v1'

export function deriveEmailKey(sessionSecret: string): Buffer {
	return Buffer.from(crypto.hkdfSync('sha256', sessionSecret, 'vpp-portal', 'outbox secrets v1', 32))
}

export function sealSecrets(key: Buffer, secrets: Record<string, string>, aad: string): SealedSecrets {
	const iv = crypto.randomBytes(12)
	const cipher = crypto.createCipheriv('aes-256-gcm', key, iv)
	cipher.setAAD(Buffer.from(aad, 'utf8'))
	const ciphertext = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()])
	const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))
	return { names: Object.keys(secrets).sort(), sealed: [FORMAT, ...parts].join('.') }
}

export class SecretsUnreadableError extends Error {
	override name = 'SecretsUnreadableError'
}

export function openSecrets(key: Buffer, secrets: SealedSecrets, aad: string): Record<string, string> {
	const [format, iv, ciphertext, tag] = secrets.sealed.split('.')
	if (format !== FORMAT || !iv || !ciphertext || !tag) throw new SecretsUnreadableError('Sealed secrets in an unknown format')
	try {
		const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
		decipher.setAAD(Buffer.from(aad, 'utf8'))
		decipher.setAuthTag(Buffer.from(tag, 'base64url'))
		const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()])
		return JSON.parse(plain.toString('utf8')) as Record<string, string>
	} catch {
		throw new SecretsUnreadableError('Cannot decrypt the link in this email (was SESSION_SECRET changed since it was queued?)')
	}
}

/** The placeholder the outbox view shows instead of a secret value. */
export function hiddenPlaceholder(name: string): string {
	return `[${name} hidden]`
}

function split(stored: Record<string, unknown>): { props: Record<string, unknown>; secrets: SealedSecrets | null } {
	const { [SECRETS_PROP]: secrets, ...props } = stored
	return { props, secrets: (secrets as SealedSecrets | undefined) ?? null }
}

/** Props to send: the stored props with the secrets decrypted and merged in. */
export function propsForSending(stored: Record<string, unknown>, key: Buffer, aad: string): Record<string, unknown> {
	const { props, secrets } = split(stored)
	return secrets ? { ...props, ...openSecrets(key, secrets, aad) } : props
}

/** Props to show: every secret replaced by its placeholder. Needs no key, so a view can never leak a token. */
export function propsForViewing(stored: Record<string, unknown>): Record<string, unknown> {
	const { props, secrets } = split(stored)
	const hidden = Object.fromEntries((secrets?.names ?? []).map((name) => [name, hiddenPlaceholder(name)]))
	return { ...props, ...hidden }
}
