import js from '@eslint/js'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// One writer for every CSV, so none forgets to keep applicants' text from running as a spreadsheet formula.
const csvOnlyThroughItsWriter = {
	group: ['csv-stringify', 'csv-stringify/*'],
	message: 'Write CSV with csvStream or csvText from app/domain/csv.server.ts.',
}

export default tseslint.config(
	{ ignores: ['build/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'screenshots/', 'tests/.tmp/'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'no-console': 'off',
		},
	},
	{
		files: ['**/*.{ts,tsx,js,mjs}'],
		ignores: ['app/domain/csv.server.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [csvOnlyThroughItsWriter] }] },
	},
	{
		files: ['tests/e2e/**/*.ts'],
		ignores: ['tests/e2e/test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [csvOnlyThroughItsWriter],
					paths: [{ name: '@playwright/test', importNames: ['test'], message: "Import test from './test.ts', which checks every page's bytes." }],
				},
			],
		},
	},
	{
		files: ['app/**/*.tsx', 'emails/**/*.tsx'],
		plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
		rules: {
			...reactHooks.configs.recommended.rules,
			...jsxA11y.flatConfigs.recommended.rules,
		},
	},
)
