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

const EnvSchema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).catch('production'),
	PORT: portSetting,
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
})

export type Config = {
	nodeEnv: 'development' | 'production' | 'test'
	port: number
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
	}
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
		},
	}
}
