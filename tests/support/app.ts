import path from 'node:path'
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { startSession } from '#app/auth/session.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { createEmailWorker } from '#app/email/worker.server.ts'
import type { AppContext } from '#app/server/context.ts'
import type { Db } from '#db/client.ts'
import { freshDatabase } from './db.ts'
import { TMP_DIR } from './paths.ts'
import { SmtpSink } from './smtp.ts'

/**
 * A portal as a test needs it: its own database file, settings, a clock the test moves, a real SMTP server and
 * the real outbox worker. `deliver()` sends everything due, as the server's worker loop would.
 */
export async function startPortal(env: Record<string, string> = {}) {
	const { db, file } = freshDatabase()
	const sink = await SmtpSink.start()
	const config = loadConfig({
		NODE_ENV: 'test',
		PUBLIC_URL: 'http://portal.test',
		DATABASE_PATH: file,
		UPLOAD_DIR: path.join(TMP_DIR, 'uploads'),
		MAIL_DIR: path.join(TMP_DIR, 'mail'),
		SMTP_URL: sink.url,
		SESSION_SECRET: 'integration-test-secret-of-enough-length',
		...env,
	})
	configureEmail(config)
	let now = new Date('2026-11-28T10:00:00Z')
	const clock = {
		now: () => now,
		advance: (ms: number) => {
			now = new Date(now.getTime() + ms)
		},
	}
	const worker = createEmailWorker({ db, config, now: clock.now, pollMs: 10 })
	const context = (extra: Partial<AppContext> = {}): AppContext => ({
		db,
		config,
		now: clock.now,
		clientIp: '203.0.113.7',
		...extra,
	})
	return {
		db,
		config,
		sink,
		clock,
		context,
		deliver: () => worker.drainOnce(),
		async stop() {
			await worker.stop()
			await sink.stop()
			db.$client.close()
		},
	}
}

export type Portal = Awaited<ReturnType<typeof startPortal>>

/** A browser-like form POST to a route's action. */
export function formRequest(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
	return new Request(`http://portal.test${pathname}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(fields).toString(),
	})
}

/** Calls a loader or action as Remix would; thrown responses (redirects, 404, 429) are returned, not thrown. */
export async function call(
	handler: (args: LoaderFunctionArgs & ActionFunctionArgs) => unknown,
	request: Request,
	context: AppContext,
	params: Record<string, string> = {},
): Promise<unknown> {
	try {
		return await handler({ request, context, params } as LoaderFunctionArgs & ActionFunctionArgs)
	} catch (thrown) {
		return thrown
	}
}

export type { Db }

type DataWithInit = { type: 'DataWithResponseInit'; data: unknown; init: ResponseInit | null }

function isDataWithInit(value: unknown): value is DataWithInit {
	return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'DataWithResponseInit'
}

/** The HTTP status a route's answer becomes: a Response's, `data(…, { status })`'s, or 200 for plain data. */
export function statusOf(result: unknown): number {
	if (result instanceof Response) return result.status
	if (isDataWithInit(result)) return result.init?.status ?? 200
	return 200
}

/** The body of `data(…)` or plain data. */
export function dataOf<T = Record<string, unknown>>(result: unknown): T {
	return (isDataWithInit(result) ? result.data : result) as T
}

/** The session cookie a response sets, ready to send back as a Cookie header. */
export function cookieFrom(result: unknown): string {
	const header = result instanceof Response ? result.headers.get('Set-Cookie') : null
	if (!header) throw new Error('The response sets no cookie')
	return header.split(';')[0]!
}

/** A signed-in session for `userId`, as the Cookie header a browser would send. */
export async function sessionCookie(portal: Portal, userId: number): Promise<string> {
	return (await startSession(new Request('http://portal.test/'), portal.context(), userId)).split(';')[0]!
}
