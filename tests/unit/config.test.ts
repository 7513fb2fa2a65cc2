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
		})
	})

	it('reads the settings it is given', () => {
		const config = loadConfig({
			PORT: '8080',
			HOST: '0.0.0.0',
			PUBLIC_URL: 'https://vpp.example.ac.ir/',
			DATABASE_PATH: '/data/portal.db',
			SEED_DEMO: 'false',
			TRUST_PROXY: 'yes',
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
