// Starts the production server for Playwright with a fresh database and mail directory under tests/.tmp/e2e.
import fs from 'node:fs'
import path from 'node:path'

const dir = path.resolve('tests/.tmp/e2e')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(dir, { recursive: true })
process.env.DATABASE_PATH = path.join(dir, 'portal.db')
process.env.UPLOAD_DIR = path.join(dir, 'uploads')
process.env.SEED_DEMO = 'true'
await import(path.resolve('build/server.js'))
