import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * Every setting the portal reads, validated once at boot. Each has a default that works on a laptop;
 * a bad value stops the start with one sentence per problem saying what to set.
 */

const booleanSetting = (name: string, fallback: boolean) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return fallback
			const normalised = value.trim().toLowerCase()
			if (['true', '1', 'yes', 'on'].includes(normalised)) return true
			if (['false', '0', 'no', 'off'].includes(normalised)) return false
			ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${value}")` })
			return z.NEVER
		})

const portSetting = z
	.string()
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value.trim() === '') return 3000
		const port = Number(value)
		if (!Number.isInteger(port) || port < 1 || port > 65535) {
			ctx.addIssue({
				code: 'custom',
				message: `PORT must be a whole number from 1 to 65535 (got "${value}")`,
			})
			return z.NEVER
		}
		return port
	})

const urlSetting = (name: string) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return undefined
			let url: URL
			try {
				url = new URL(value)
			} catch {
				ctx.addIssue({
					code: 'custom',
					message: `${name} must be a full http:// or https:// address (got "${value}")`,
				})
				return z.NEVER
			}
			if (url.protocol !== 'http:' && url.protocol !== 'https:') {
				ctx.addIssue({
					code: 'custom',
					message: `${name} must start with http:// or https:// (got "${value}")`,
				})
				return z.NEVER
			}
			return url.origin + url.pathname.replace(/\/+$/, '')
		})

const countSetting = (name: string, fallback: number) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return fallback
			const count = Number(value)
			if (!Number.isInteger(count) || count < 0) {
				ctx.addIssue({ code: 'custom', message: `${name} must be a whole number, 0 or more (got "${value}")` })
				return z.NEVER
			}
			return count
		})

const pathSetting = (fallback: string) =>
	z
		.string()
		.optional()
		.transform((value) => path.resolve(value?.trim() ? value : fallback))

// Email and secrets (app/email/, docs/decisions/003-email-outbox.md).

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }

/** A duration such as `300` (seconds), `90s`, `5m`, `5min`, `1h` or `250ms`, in milliseconds. */
const durationSetting = (name: string, fallbackMs: number, { allowZero }: { allowZero: boolean }) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return fallbackMs
			const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/i.exec(value.trim())
			const ms = match ? Math.round(Number(match[1]) * DURATION_UNITS_MS[(match[2] ?? 's').toLowerCase()]!) : NaN
			if (!Number.isFinite(ms) || (!allowZero && ms <= 0)) {
				ctx.addIssue({
					code: 'custom',
					message: `${name} must be a duration such as 300 (seconds), 90s, 5m or 1h${allowZero ? '' : ', more than 0'} (got "${value}")`,
				})
				return z.NEVER
			}
			return ms
		})

const smtpUrlSetting = z
	.string()
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value.trim() === '') return null
		let url: URL | null = null
		try {
			url = new URL(value.trim())
		} catch {
			// reported below
		}
		if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
			ctx.addIssue({
				code: 'custom',
				message: 'SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465',
			})
			return z.NEVER
		}
		return value.trim()
	})

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+$/

const mailFromSetting = z
	.string()
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value.trim() === '') return '"Visiting Professor Program" <vpp@localhost>'
		const address = /<([^<>]+)>\s*$/.exec(value.trim())?.[1] ?? value.trim()
		if (!ADDRESS.test(address)) {
			ctx.addIssue({
				code: 'custom',
				message: `MAIL_FROM must be an address, optionally with a name: "Program name" <vpp@example.org> (got "${value}")`,
			})
			return z.NEVER
		}
		return value.trim()
	})

const emailAddressSetting = (name: string) =>
	z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return null
			if (!ADDRESS.test(value.trim())) {
				ctx.addIssue({ code: 'custom', message: `${name} must be an email address (got "${value}")` })
				return z.NEVER
			}
			return value.trim()
		})

const sessionSecretSetting = z
	.string()
	.optional()
	.transform((value, ctx) => {
		if (value === undefined || value.trim() === '') return null
		if (value.trim().length < 32) {
			ctx.addIssue({
				code: 'custom',
				message: 'SESSION_SECRET must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)',
			})
			return z.NEVER
		}
		return value.trim()
	})

/**
 * SESSION_SECRET when it is unset: generated once into `session-secret` beside the database file and reused, so
 * a laptop needs no setting and a restart keeps queued emails readable. An in-memory database gets a throw-away one.
 */
function generatedSessionSecret(databasePath: string): string {
	if (path.basename(databasePath) === ':memory:') return crypto.randomBytes(32).toString('base64url')
	const file = path.join(path.dirname(databasePath), 'session-secret')
	try {
		fs.mkdirSync(path.dirname(file), { recursive: true })
		try {
			fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 })
		} catch (error) {
			// Another process (or an earlier start) wrote it first: use that one.
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
		}
		const secret = fs.readFileSync(file, 'utf8').trim()
		if (secret.length < 32) throw new Error(`${file} holds fewer than 32 characters`)
		return secret
	} catch (error) {
		throw new ConfigError(
			`Cannot start: SESSION_SECRET is unset and ${file} cannot be used (${(error as Error).message}); set SESSION_SECRET or make that folder writable.`,
		)
	}
}

const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).catch('production'),
	PORT: portSetting,
	WEB_CONCURRENCY: countSetting('WEB_CONCURRENCY', 1),
	RENDER_SLOTS: countSetting('RENDER_SLOTS', 4),
	RENDER_QUEUE: countSetting('RENDER_QUEUE', 200),
	RENDER_WAIT: durationSetting('RENDER_WAIT', 10_000, { allowZero: false }),
	COMPRESSION: booleanSetting('COMPRESSION', true),
	HOST: z
		.string()
		.optional()
		.transform((value) => (value?.trim() ? value.trim() : '127.0.0.1')),
	PUBLIC_URL: urlSetting('PUBLIC_URL'),
	DATABASE_PATH: pathSetting('./data/portal.db'),
	UPLOAD_DIR: pathSetting('./data/uploads'),
	SEED_DEMO: booleanSetting('SEED_DEMO', true),
	TRUST_PROXY: booleanSetting('TRUST_PROXY', false),
	// Rate limits: attempts allowed per window; 0 turns a limit off.
	RATE_LIMIT_SIGNIN_IP: countSetting('RATE_LIMIT_SIGNIN_IP', 10),
	RATE_LIMIT_SIGNIN_ACCOUNT: countSetting('RATE_LIMIT_SIGNIN_ACCOUNT', 5),
	RATE_LIMIT_REGISTER_IP: countSetting('RATE_LIMIT_REGISTER_IP', 5),
	RATE_LIMIT_RESET_IP: countSetting('RATE_LIMIT_RESET_IP', 5),
	RATE_LIMIT_VERIFY_IP: countSetting('RATE_LIMIT_VERIFY_IP', 30),
	// Email: SMTP when SMTP_URL is set, otherwise .eml files in MAIL_DIR.
	SMTP_URL: smtpUrlSetting,
	MAIL_DIR: pathSetting('./data/mail'),
	MAIL_FROM: mailFromSetting,
	OFFICE_EMAIL: emailAddressSetting('OFFICE_EMAIL'),
	DECISION_GRACE: durationSetting('DECISION_GRACE', 5 * 60_000, { allowZero: true }),
	EMAIL_RETRY_BASE: durationSetting('EMAIL_RETRY_BASE', 30_000, { allowZero: false }),
	SESSION_SECRET: sessionSecretSetting,
	// Applications (app/documents/, the wizard).
	UPLOAD_MAX_MB: z
		.string()
		.optional()
		.transform((value, ctx) => {
			if (value === undefined || value.trim() === '') return 10
			const mb = Number(value)
			if (!Number.isFinite(mb) || mb <= 0 || mb > 100) {
				ctx.addIssue({ code: 'custom', message: `UPLOAD_MAX_MB must be a number of megabytes from 0 to 100 (got "${value}")` })
				return z.NEVER
			}
			return mb
		}),
	HOST_EMAIL_DOMAINS: z
		.string()
		.optional()
		.transform((value, ctx) => {
			const domains = (value?.trim() ? value : 'example.edu')
				.split(',')
				.map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
				.filter(Boolean)
			if (domains.length === 0 || domains.some((domain) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))) {
				ctx.addIssue({
					code: 'custom',
					message: `HOST_EMAIL_DOMAINS must be a comma-separated list of domains such as university.ac.ir (got "${value}")`,
				})
				return z.NEVER
			}
			return domains
		}),
}).superRefine(
	(settings, ctx) => {
		// A generated secret is fine on a laptop; a public https site must have one set where its backups are.
		if (!settings.SESSION_SECRET && typeof settings.PUBLIC_URL === 'string' && settings.PUBLIC_URL.startsWith('https:')) {
			ctx.addIssue({
				code: 'custom',
				message: 'SESSION_SECRET must be set when PUBLIC_URL is https (e.g. the output of `openssl rand -base64 32`)',
			})
		}
	},
	// Run even when another setting is bad, so every problem is named at once.
	{ when: () => true },
)

export type Config = {
	nodeEnv: 'development' | 'production' | 'test'
	port: number
	/** Processes serving pages (node:cluster); with more than one, a primary process runs the email worker and the scheduler. */
	webConcurrency: number
	/** Page requests (GET, HEAD) a process renders at once; the others wait their turn (0: no limit). */
	renderSlots: number
	/** Page requests that may wait for a slot, and for how long (ms); past either they are answered 503. */
	renderQueue: { limit: number; waitMs: number }
	/** Whether the server compresses its answers (off where the reverse proxy does). */
	compression: boolean
	host: string
	publicUrl: string
	databasePath: string
	uploadDir: string
	seedDemo: boolean
	trustProxy: boolean
	rateLimits: {
		/** Sign-in attempts per minute from one address. */
		signInPerIp: number
		/** Sign-in attempts per minute for one account. */
		signInPerAccount: number
		/** Registrations per hour from one address. */
		registerPerIp: number
		/** Password-reset requests per hour from one address. */
		resetPerIp: number
		/** Invitation-letter checks (/verify/<code>) per 10 minutes from one address. */
		verifyPerIp: number
	}
	email: {
		/** smtp:// or smtps:// address of the mail server, with credentials; null writes .eml files to mailDir. */
		smtpUrl: string | null
		mailDir: string
		/** The From header, e.g. `"Visiting Professor Program" <vpp@example.org>`. */
		from: string
		/** Where office notifications go; null until the office sets it. */
		officeEmail: string | null
		/** How long a decision email waits, so a newer decision can cancel it. */
		decisionGraceMs: number
		/** First retry delay after a temporary failure; it doubles per attempt, capped at 10 minutes. */
		retryBaseMs: number
	}
	/** Largest accepted upload, in bytes. */
	uploadMaxBytes: number
	/** The university's email domains: a proposed host's address must be on one of them (or a subdomain). */
	hostEmailDomains: string[]
	/** Input keying material for HKDF (encrypted token links in the outbox; other features may derive their own keys). */
	sessionSecret: string
}

export class ConfigError extends Error {
	override name = 'ConfigError'
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = EnvSchema.safeParse(env)
	if (!parsed.success) {
		const sentences = parsed.error.issues.map((issue) => `${issue.message}.`)
		throw new ConfigError(`Cannot start: ${sentences.join(' ')}`)
	}
	const settings = parsed.data
	return {
		nodeEnv: settings.NODE_ENV,
		port: settings.PORT,
		webConcurrency: Math.max(1, settings.WEB_CONCURRENCY),
		renderSlots: settings.RENDER_SLOTS,
		renderQueue: { limit: settings.RENDER_QUEUE, waitMs: settings.RENDER_WAIT },
		compression: settings.COMPRESSION,
		host: settings.HOST,
		publicUrl: settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`,
		databasePath: settings.DATABASE_PATH,
		uploadDir: settings.UPLOAD_DIR,
		seedDemo: settings.SEED_DEMO,
		trustProxy: settings.TRUST_PROXY,
		rateLimits: {
			signInPerIp: settings.RATE_LIMIT_SIGNIN_IP,
			signInPerAccount: settings.RATE_LIMIT_SIGNIN_ACCOUNT,
			registerPerIp: settings.RATE_LIMIT_REGISTER_IP,
			resetPerIp: settings.RATE_LIMIT_RESET_IP,
			verifyPerIp: settings.RATE_LIMIT_VERIFY_IP,
		},
		email: {
			smtpUrl: settings.SMTP_URL,
			mailDir: settings.MAIL_DIR,
			from: settings.MAIL_FROM,
			officeEmail: settings.OFFICE_EMAIL,
			decisionGraceMs: settings.DECISION_GRACE,
			retryBaseMs: settings.EMAIL_RETRY_BASE,
		},
		uploadMaxBytes: Math.round(settings.UPLOAD_MAX_MB * 1024 * 1024),
		hostEmailDomains: settings.HOST_EMAIL_DOMAINS,
		sessionSecret: settings.SESSION_SECRET ?? generatedSessionSecret(settings.DATABASE_PATH),
	}
}
