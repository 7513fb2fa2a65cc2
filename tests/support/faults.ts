/**
 * Sizes of the fault battery (tests/integration/faults-*.test.ts): small in `npm test`, the full figures in
 * `npm run faults` (FAULTS=full). Each test picks its count with `scaled(small, full)`.
 */
export const FULL_FAULTS = process.env.FAULTS === 'full'

export function scaled<T>(small: T, full: T): T {
	return FULL_FAULTS ? full : small
}

/** A seed per run, printed with every failure so it can be replayed (FAULTS_SEED=…). */
export const FAULTS_SEED = Number(process.env.FAULTS_SEED ?? Date.now() % 2 ** 31)
