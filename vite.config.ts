import { vitePlugin as remix } from '@remix-run/dev'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

// `npm run bench` builds once more into a folder of its own with (hidden) source maps, to attribute the bundles' bytes
// to the packages they come from (tests/bench/client-weight.bench.ts). The real build has no source maps.
const analysisDirectory = process.env.BUNDLE_ANALYSIS_DIR

/** Remix's future flags, also the bench's control app's (tests/bench/control/vite.config.ts), so both run the same Remix. */
export const REMIX_FUTURE = {
	v3_fetcherPersist: true,
	v3_relativeSplatPath: true,
	v3_throwAbortReason: true,
	v3_lazyRouteDiscovery: true,
	v3_singleFetch: true,
} as const

export default defineConfig({
	server: { port: 3000 },
	build: { cssMinify: true, ...(analysisDirectory ? { sourcemap: 'hidden' as const } : {}) },
	plugins: [
		tailwindcss(),
		remix({
			...(analysisDirectory ? { buildDirectory: analysisDirectory } : {}),
			ignoredRouteFiles: ['**/*.test.*', '**/.*'],
			serverModuleFormat: 'esm',
			future: REMIX_FUTURE,
		}),
	],
})
