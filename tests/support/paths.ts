import path from 'node:path'

export const TMP_DIR = path.resolve('tests/.tmp')
/** Migrated once per run by global-setup.ts; each test copies it instead of migrating again. */
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')
