// Starts the production server for Playwright with a fresh database under tests/.tmp/e2e, and a real SMTP
// server (smtp-server) that the portal sends to: each message it receives is saved as an .eml file in
// tests/.tmp/e2e/inbox, where the tests read it (tests/e2e/inbox.ts).
import fs from 'node:fs'
import path from 'node:path'
import { SMTPServer } from 'smtp-server'

const dir = path.resolve('tests/.tmp/e2e')
const inbox = path.join(dir, 'inbox')
fs.rmSync(dir, { recursive: true, force: true })
fs.mkdirSync(inbox, { recursive: true })

let received = 0
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	onData(stream, _session, callback) {
		const chunks = []
		stream.on('data', (chunk) => chunks.push(chunk))
		stream.on('end', () => {
			received += 1
			fs.writeFileSync(path.join(inbox, `${String(received).padStart(5, '0')}.eml`), Buffer.concat(chunks))
			callback()
		})
	},
})
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve))
const smtpPort = smtp.server.address().port

process.env.DATABASE_PATH = path.join(dir, 'portal.db')
process.env.UPLOAD_DIR = path.join(dir, 'uploads')
process.env.MAIL_DIR = path.join(dir, 'mail')
process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`
process.env.SEED_DEMO = 'true'
// Decision emails wait a short grace period; the specs cannot wait the 5-minute default.
process.env.DECISION_GRACE = '2s'
// All e2e traffic comes from 127.0.0.1: the rate limits are tested in the integration suite instead.
for (const name of ['RATE_LIMIT_SIGNIN_IP', 'RATE_LIMIT_SIGNIN_ACCOUNT', 'RATE_LIMIT_REGISTER_IP', 'RATE_LIMIT_RESET_IP', 'RATE_LIMIT_VERIFY_IP']) {
	process.env[name] = '0'
}
await import(path.resolve('build/server.js'))
