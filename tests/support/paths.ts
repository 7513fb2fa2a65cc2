import path from 'node:path'

/** The unit and integration tests' scratch folder (the e2e server keeps its own, tests/.tmp/e2e). */
export const TMP_DIR = path.resolve('tests/.tmp/vitest')
/** Migrated once per run by global-setup.ts; each test copies it instead of migrating again. */
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')
