import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.{ts,tsx}'],
					environment: 'node',
					// Password hashing (scrypt, 128 MiB) takes about a second a hash on a busy 2-core machine.
					testTimeout: 30_000,
				},
			},
			{
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.{ts,tsx}'],
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 30_000,
				},
			},
		],
	},
})
