import { defineConfig } from 'vitest/config'

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.{ts,tsx}'],
					environment: 'node',
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
