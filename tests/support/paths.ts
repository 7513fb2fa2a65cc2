import path from 'node:path'

/**
 * The unit and integration tests' scratch folder (the e2e server keeps its own, tests/.tmp/e2e). TEST_TMP_DIR moves
 * it, so two runs in one checkout do not remove each other's files.
 */
export const TMP_DIR = path.resolve(process.env.TEST_TMP_DIR || 'tests/.tmp/vitest')
/** Migrated once per run by global-setup.ts; each test copies it instead of migrating again. */
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')
