import { and, eq } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import { isLocale, type Locale } from '#app/i18n/locales.ts'
import type { Tx } from '#db/client.ts'
import { outbox } from '#db/schema.ts'
import { isTemplateName, type TemplateName } from '#emails/registry.ts'
import { viewableSubject } from './render.server.ts'
import { deriveEmailKey, sealSecrets, SECRETS_PROP } from './secrets.server.ts'

export type { TemplateName } from '#emails/registry.ts'

/**
 * Queueing writes an outbox row inside the caller's transaction, so the email exists if and only if the change
 * that causes it commits. The worker (worker.server.ts) renders and sends it later.
 */

type EmailSettings = { key: Buffer; decisionGraceMs: number }

/**
 * Set once at start from the validated settings (main.ts; tests call it too). queueEmail reads it only for what
 * needs it: the key for `secrets`, the grace period for decision emails. See docs/decisions/003-email-outbox.md.
 */
// Kept on globalThis, not in a module variable: in production the server entry (build/server.js) and the Remix
// build (build/server/index.js) are separate bundles, each with its own copy of this module, and both must see
// the settings main.ts configured.
const SETTINGS = Symbol.for('vpp.emailSettings')
const holder = globalThis as typeof globalThis & { [SETTINGS]?: EmailSettings }

export function configureEmail(config: Pick<Config, 'sessionSecret' | 'email'>): void {
	holder[SETTINGS] = { key: deriveEmailKey(config.sessionSecret), decisionGraceMs: config.email.decisionGraceMs }
}

function configured(): EmailSettings {
	const settings = holder[SETTINGS]
	if (!settings) throw new Error('Email is not configured: call configureEmail(config) at start (main.ts does)')
	return settings
}

export type EmailKind = 'standard' | 'decision'

export type QueueEmailInput = {
	to: string
	toName?: string | null
	template: TemplateName
	locale: Locale
	/** JSON-serialisable template props. Keys may not start with `$`. */
	props: Record<string, unknown>
	/** Values that carry a token (e.g. `{ link }`): stored encrypted, merged into the props when the email is sent. */
	secrets?: Record<string, string>
	/** Unique per email: build it with `dedupeKey(cause, id, template, recipient)`. */
	dedupeKey: string
	/** `decision` emails wait DECISION_GRACE and can be cancelled by a newer decision. */
	kind?: EmailKind
	applicationId?: number | null
	now: Date
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/

/**
 * Adds an email to the outbox in the caller's transaction. Returns false when an email with the same dedupe key was
 * already queued (then nothing changes). Throws on a programming error (unknown template, bad address, reserved
 * prop name), which rolls the caller's transaction back.
 */
export function queueEmail(tx: Tx, email: QueueEmailInput): boolean {
	const to = email.to.trim()
	if (!ADDRESS.test(to)) throw new Error(`queueEmail: "${email.to}" is not an email address`)
	if (!isTemplateName(email.template)) throw new Error(`queueEmail: no template named "${email.template}"`)
	if (!isLocale(email.locale)) throw new Error(`queueEmail: unknown locale "${String(email.locale)}"`)
	if (!email.dedupeKey) throw new Error('queueEmail: a dedupe key is required')
	const reserved = Object.keys(email.props).filter((name) => name.startsWith('$') || name === 'locale')
	const clashing = Object.keys(email.secrets ?? {}).filter((name) => name in email.props)
	if (reserved.length || clashing.length) {
		throw new Error(`queueEmail: props may not be named ${[...reserved, ...clashing].join(', ')}`)
	}

	const kind = email.kind ?? 'standard'
	const props: Record<string, unknown> = { ...email.props }
	if (email.secrets && Object.keys(email.secrets).length > 0) {
		props[SECRETS_PROP] = sealSecrets(configured().key, email.secrets, email.dedupeKey)
	}
	const notBefore = kind === 'decision' ? new Date(email.now.getTime() + configured().decisionGraceMs) : email.now

	const result = tx
		.insert(outbox)
		.values({
			toAddress: to,
			toName: email.toName?.trim() || null,
			template: email.template,
			locale: email.locale,
			props,
			subject: viewableSubject(email.template, email.locale, props),
			dedupeKey: email.dedupeKey,
			kind,
			applicationId: email.applicationId ?? null,
			notBefore,
			createdAt: email.now,
			updatedAt: email.now,
		})
		.onConflictDoNothing({ target: outbox.dedupeKey })
		.run()
	return result.changes > 0
}

/** Cancels the application's emails of this kind that are still waiting (not those already being sent). */
export function cancelEmails(
	tx: Tx,
	{ applicationId, kind, now = new Date() }: { applicationId: number; kind: EmailKind; now?: Date },
): number {
	return tx
		.update(outbox)
		.set({ status: 'cancelled', updatedAt: now })
		.where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, kind), eq(outbox.status, 'pending')))
		.run().changes
}

/**
 * A dedupe key from its parts, e.g. `dedupeKey('status-change', 42, 'approved', 'a@b.org')`: the cause (a status
 * change or event id), the template and the recipient. Addresses are compared without case; `:` and `%` inside a
 * part are escaped so different parts never make the same key.
 */
export function dedupeKey(...parts: Array<string | number>): string {
	if (parts.length === 0) throw new Error('dedupeKey: give at least one part')
	return parts
		.map((part) => {
			const text = String(part).trim()
			if (!text) throw new Error('dedupeKey: a part is empty')
			return (text.includes('@') ? text.toLowerCase() : text).replace(/[%:]/g, (char) => encodeURIComponent(char))
		})
		.join(':')
}
