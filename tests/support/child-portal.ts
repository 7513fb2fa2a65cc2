import { loadConfig, type Config } from '#app/config.server.ts'

/**
 * The settings of a portal a test runs in a process of its own (the crash server, the body-limit server), from the
 * arguments the test gives it: <database file> <upload dir> <session secret>.
 */
export function childPortalConfig(script: string, extra: Record<string, string> = {}): Config {
	const [file, uploadDir, sessionSecret] = process.argv.slice(2)
	if (!file || !uploadDir || !sessionSecret) throw new Error(`Usage: ${script} <database> <upload dir> <session secret>`)
	return loadConfig({
		NODE_ENV: 'test',
		PUBLIC_URL: 'http://portal.test',
		DATABASE_PATH: file,
		UPLOAD_DIR: uploadDir,
		MAIL_DIR: `${uploadDir}-mail`,
		SESSION_SECRET: sessionSecret,
		...extra,
	})
}
