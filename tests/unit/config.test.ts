import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '#app/config.server.ts'

describe('loadConfig', () => {
	it('has a working default for every setting', () => {
		const config = loadConfig({})
		expect(config).toMatchObject({
			port: 3000,
			host: '127.0.0.1',
			publicUrl: 'http://localhost:3000',
			databasePath: path.resolve('data/portal.db'),
			uploadDir: path.resolve('data/uploads'),
			seedDemo: true,
			trustProxy: false,
			compression: true,
			renderSlots: 4,
			renderQueue: { limit: 200, waitMs: 10_000 },
		})
	})

	it('reads the serving settings: compression off, the render queue', () => {
		expect(loadConfig({ COMPRESSION: 'off', RENDER_QUEUE: '50', RENDER_WAIT: '3s' })).toMatchObject({
			compression: false,
			renderQueue: { limit: 50, waitMs: 3_000 },
		})
		expect(() => loadConfig({ COMPRESSION: 'brotli' })).toThrow('COMPRESSION must be true or false (got "brotli")')
	})

	it('reads the settings it is given', () => {
		const config = loadConfig({
			PORT: '8080',
			HOST: '0.0.0.0',
			PUBLIC_URL: 'https://vpp.example.ac.ir/',
			DATABASE_PATH: '/data/portal.db',
			SEED_DEMO: 'false',
			TRUST_PROXY: 'yes',
			// An https site must set it (see "SESSION_SECRET" below).
			SESSION_SECRET: 'x'.repeat(32),
		})
		expect(config).toMatchObject({
			port: 8080,
			host: '0.0.0.0',
			publicUrl: 'https://vpp.example.ac.ir',
			databasePath: '/data/portal.db',
			seedDemo: false,
			trustProxy: true,
		})
	})

	it('derives the public address from PORT when PUBLIC_URL is unset', () => {
		expect(loadConfig({ PORT: '4000' }).publicUrl).toBe('http://localhost:4000')
	})

	it.each([
		[{ PORT: 'abc' }, 'PORT must be a whole number from 1 to 65535 (got "abc")'],
		[{ PORT: '70000' }, 'PORT must be a whole number from 1 to 65535 (got "70000")'],
		[{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false (got "maybe")'],
		[{ TRUST_PROXY: '2' }, 'TRUST_PROXY must be true or false (got "2")'],
		[{ PUBLIC_URL: 'vpp.example.org' }, 'PUBLIC_URL must be a full http:// or https:// address'],
		[{ PUBLIC_URL: 'ftp://vpp.example.org' }, 'PUBLIC_URL must start with http:// or https://'],
	])('refuses %o with a sentence saying what to set', (env, message) => {
		expect(() => loadConfig(env)).toThrow(ConfigError)
		expect(() => loadConfig(env)).toThrow(message)
	})

	it('names every bad setting at once', () => {
		expect(() => loadConfig({ PORT: 'x', SEED_DEMO: 'y' })).toThrow(/PORT must .*SEED_DEMO must/)
	})
})

describe('email settings', () => {
	const memory = { DATABASE_PATH: ':memory:' }

	it('default to .eml files under ./data/mail, a five-minute decision grace and a 30 s retry base', () => {
		expect(loadConfig(memory).email).toEqual({
			smtpUrl: null,
			mailDir: path.resolve('data/mail'),
			from: '"Visiting Professor Program" <vpp@localhost>',
			officeEmail: null,
			decisionGraceMs: 5 * 60_000,
			retryBaseMs: 30_000,
		})
	})

	it('read SMTP, addresses and durations', () => {
		const config = loadConfig({
			...memory,
			SMTP_URL: 'smtps://vpp:pa%40ss@mail.example.ac.ir:465',
			MAIL_DIR: '/var/mail/vpp',
			MAIL_FROM: '"VPP" <vpp@example.ac.ir>',
			OFFICE_EMAIL: 'office@example.ac.ir',
			DECISION_GRACE: '90s',
			EMAIL_RETRY_BASE: '250ms',
		})
		expect(config.email).toEqual({
			smtpUrl: 'smtps://vpp:pa%40ss@mail.example.ac.ir:465',
			mailDir: '/var/mail/vpp',
			from: '"VPP" <vpp@example.ac.ir>',
			officeEmail: 'office@example.ac.ir',
			decisionGraceMs: 90_000,
			retryBaseMs: 250,
		})
	})

	it.each([
		['300', 300_000],
		['5m', 300_000],
		['5min', 300_000],
		['1h', 3_600_000],
		['1.5s', 1500],
		['0', 0],
	])('read DECISION_GRACE=%s as %i ms', (value, ms) => {
		expect(loadConfig({ ...memory, DECISION_GRACE: value }).email.decisionGraceMs).toBe(ms)
	})

	it.each([
		[{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL must look like smtp://user:password@host:587'],
		[{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL must look like smtp://'],
		[{ MAIL_FROM: 'nobody' }, 'MAIL_FROM must be an address, optionally with a name'],
		[{ OFFICE_EMAIL: 'office' }, 'OFFICE_EMAIL must be an email address (got "office")'],
		[{ DECISION_GRACE: 'soon' }, 'DECISION_GRACE must be a duration such as 300 (seconds), 90s, 5m or 1h (got "soon")'],
		[{ EMAIL_RETRY_BASE: '0' }, 'EMAIL_RETRY_BASE must be a duration such as 300 (seconds), 90s, 5m or 1h, more than 0'],
		[{ SESSION_SECRET: 'short' }, 'SESSION_SECRET must be at least 32 characters'],
	])('refuse %o with a sentence saying what to set', (env, message) => {
		expect(() => loadConfig({ ...memory, ...env })).toThrow(ConfigError)
		expect(() => loadConfig({ ...memory, ...env })).toThrow(message)
	})
})

describe('SESSION_SECRET', () => {
	function tempDatabasePath() {
		return path.join(os.tmpdir(), `vpp-config-${crypto.randomUUID()}`, 'portal.db')
	}

	it('is used as given', () => {
		expect(loadConfig({ DATABASE_PATH: ':memory:', SESSION_SECRET: 's'.repeat(40) }).sessionSecret).toBe('s'.repeat(40))
	})

	it('when unset, is generated once beside the database file and reused', () => {
		const databasePath = tempDatabasePath()
		const first = loadConfig({ DATABASE_PATH: databasePath }).sessionSecret
		const file = path.join(path.dirname(databasePath), 'session-secret')
		expect(first.length).toBeGreaterThanOrEqual(32)
		expect(fs.readFileSync(file, 'utf8').trim()).toBe(first)
		expect(fs.statSync(file).mode & 0o077).toBe(0)
		expect(loadConfig({ DATABASE_PATH: databasePath }).sessionSecret).toBe(first)
		fs.rmSync(path.dirname(databasePath), { recursive: true, force: true })
	})

	it('is required when PUBLIC_URL is https, and named with the other problems', () => {
		expect(() => loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'https://vpp.example.ac.ir' })).toThrow(
			'SESSION_SECRET must be set when PUBLIC_URL is https',
		)
		expect(() => loadConfig({ DATABASE_PATH: ':memory:', PUBLIC_URL: 'https://vpp.example.ac.ir', PORT: 'x' })).toThrow(
			/PORT must .*SESSION_SECRET must be set/,
		)
		const databasePath = tempDatabasePath()
		expect(() => loadConfig({ DATABASE_PATH: databasePath, PUBLIC_URL: 'http://localhost:3000' })).not.toThrow()
		fs.rmSync(path.dirname(databasePath), { recursive: true, force: true })
	})
})

describe('application settings', () => {
	it('default to 10 MB uploads and the demo university domain', () => {
		const config = loadConfig({})
		expect(config.uploadMaxBytes).toBe(10 * 1024 * 1024)
		expect(config.hostEmailDomains).toEqual(['example.edu'])
	})

	it('read a list of host email domains and an upload limit', () => {
		const config = loadConfig({ HOST_EMAIL_DOMAINS: 'tums.ac.ir, @sina.tums.ac.ir', UPLOAD_MAX_MB: '2.5' })
		expect(config.hostEmailDomains).toEqual(['tums.ac.ir', 'sina.tums.ac.ir'])
		expect(config.uploadMaxBytes).toBe(2.5 * 1024 * 1024)
	})

	it.each([
		[{ UPLOAD_MAX_MB: 'lots' }, 'UPLOAD_MAX_MB must be a number of megabytes'],
		[{ HOST_EMAIL_DOMAINS: 'not a domain' }, 'HOST_EMAIL_DOMAINS must be a comma-separated list of domains'],
	])('refuses %o', (env, message) => {
		expect(() => loadConfig(env)).toThrow(message)
	})
})
