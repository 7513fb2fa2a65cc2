import path from 'node:path'
import autocannon, { type Request as CannonRequest } from 'autocannon'
import { and, count, eq, inArray } from 'drizzle-orm'
import { sessionCookie } from '#app/auth/session.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { configureEmail, dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { Db } from '#db/client.ts'
import { applications, outbox } from '#db/schema.ts'
import { BENCH_TMP_DIR, benchDatabase, formatNumber, type BenchCase, type BenchOutcome, type HttpFigures } from './bench.ts'
import { insertSession, SEED, seedPortal, type PortalSeed } from './portal-seed.ts'
import { MailSink, prepareBuild, sampleRss, startServer, type RunningServer } from './server.ts'

/**
 * The portal under load: the production server (a copy of build/) on 127.0.0.1 with a database of a busy call
 * (portal-seed.ts) and a local SMTP server, driven by autocannon for BENCH_DURATION seconds (default 5) per case,
 * signed in as the role each page is for. BENCH_PROFILE=1 runs the server with --cpu-prof (profiles in
 * tests/.tmp/bench/profiles); WEB_CONCURRENCY passes through to the server.
 */

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5)
const CONNECTIONS = 20
const TABLE_CONNECTIONS = 50
const P99_TARGET_MS = 100
const TABLE_RPS_TARGET = 500
const SUBMIT_RPS_TARGET = 200
const OUTBOX_RATE_TARGET = 100
const RSS_TARGET_BYTES = 300 * 1_048_576
const SMTP_DELAY_MS = 2_000
const SECRET = 'benchmark-session-secret-of-enough-length'
const DB_FILE = path.join(BENCH_TMP_DIR, 'portal.db')
/** What a browser sends, so compression and the bot check behave as they do for people. */
const BROWSER_HEADERS = {
	'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
	accept: 'text/html,application/xhtml+xml',
	'accept-encoding': 'gzip, deflate, br',
	'accept-language': 'en',
}

type Signed = { cookie: string; applicationId: number; version: number }

type State = {
	db: Db
	seed: PortalSeed
	server: RunningServer
	sink: MailSink
	cookies: { office: string; reviewer: string; wizard: string }
	wizardApplicationId: number
	/** Fresh drafts, one per submit request, each with its applicant's session. */
	drafts: Signed[]
	/** Applications under review whose applicants withdraw them in the status-change cases. */
	withdrawals: Signed[]
	/** The server's peak resident memory over every case so far. */
	peakRss: number
}

let state: Promise<State> | null = null
const prepared = () => (state ??= prepare())

async function prepare(): Promise<State> {
	prepareBuild()
	const db = benchDatabase('portal')
	const now = new Date()
	const seed = seedPortal(db, now)
	console.log(
		`  seeded 1 call, ${formatNumber(SEED.applications)} applications, ${formatNumber(SEED.documents)} documents, ${SEED.reviewers} reviewers, ${formatNumber(SEED.reviews)} reviews, ${formatNumber(SEED.outbox)} emails in ${formatNumber(seed.ms)} ms`,
	)
	const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: DB_FILE, SESSION_SECRET: SECRET, OFFICE_EMAIL: 'office@example.edu' })
	configureEmail(config)
	const cookie = async (id: string) => (await sessionCookie(config).serialize(id)).split(';')[0]!
	const [wizard, ...drafts] = seed.byStatus.draft
	const sessionIds = db.transaction((tx) => ({
		office: insertSession(tx, seed.officeId, now),
		reviewer: insertSession(tx, seed.openAssignment.reviewerId, now),
		wizard: insertSession(tx, wizard!.applicantId, now),
		drafts: drafts.map((draft) => insertSession(tx, draft.applicantId, now)),
		withdrawals: seed.byStatus.under_review.slice(0, 200).map((row) => insertSession(tx, row.applicantId, now)),
	}))
	const versions = new Map(
		db
			.select({ id: applications.id, version: applications.version })
			.from(applications)
			.where(inArray(applications.status, ['draft', 'under_review']))
			.all()
			.map((row) => [row.id, row.version]),
	)
	const signed = async (rows: { applicationId: number }[], ids: string[]) =>
		Promise.all(rows.map(async (row, index) => ({ cookie: await cookie(ids[index]!), applicationId: row.applicationId, version: versions.get(row.applicationId)! })))
	const sink = await MailSink.start()
	const server = await startServer(
		{
			DATABASE_PATH: DB_FILE,
			UPLOAD_DIR: path.join(BENCH_TMP_DIR, 'uploads'),
			MAIL_DIR: path.join(BENCH_TMP_DIR, 'mail'),
			SMTP_URL: sink.url,
			SEED_DEMO: 'false',
			SESSION_SECRET: SECRET,
			OFFICE_EMAIL: 'office@example.edu',
			// Every request comes from 127.0.0.1; the limits are tested in the integration suite.
			RATE_LIMIT_SIGNIN_IP: '0',
			RATE_LIMIT_SIGNIN_ACCOUNT: '0',
			RATE_LIMIT_REGISTER_IP: '0',
			RATE_LIMIT_RESET_IP: '0',
			RATE_LIMIT_VERIFY_IP: '0',
			...(process.env.WEB_CONCURRENCY ? { WEB_CONCURRENCY: process.env.WEB_CONCURRENCY } : {}),
		},
		{ profileDir: process.env.BENCH_PROFILE ? path.join(BENCH_TMP_DIR, 'profiles') : undefined },
	)
	console.log(`  server pid ${server.pid} at ${server.origin}`)
	return {
		db,
		seed,
		server,
		sink,
		cookies: { office: await cookie(sessionIds.office), reviewer: await cookie(sessionIds.reviewer), wizard: await cookie(sessionIds.wizard) },
		wizardApplicationId: wizard!.applicationId,
		drafts: await signed(drafts, sessionIds.drafts),
		withdrawals: await signed(seed.byStatus.under_review.slice(0, 200), sessionIds.withdrawals),
		peakRss: 0,
	}
}

type Load = {
	connections: number
	/** One request, or a function giving the next one (a new draft per submit). */
	request: CannonRequest | (() => CannonRequest)
	/** Whether an answer is the right one (status and redirect target). */
	expect: (status: number, headers: Record<string, string | string[] | undefined>) => boolean
	/** A fixed number of requests instead of the duration. */
	amount?: number
	/**
	 * Requests that can each be sent once (fresh drafts): the warm-up's rate sizes the run to about the duration,
	 * never more than `available()` requests.
	 */
	consumable?: { available: () => number }
	warmUp?: boolean
}

/** Runs autocannon against the server and returns its figures, with the server's peak memory meanwhile. */
async function load(data: State, { connections, request, expect, amount, consumable, warmUp = true }: Load): Promise<HttpFigures> {
	const next = typeof request === 'function' ? request : () => request
	let unexpected = 0
	const options = (overrides: Partial<autocannon.Options>): autocannon.Options => ({
		url: data.server.origin,
		connections,
		duration: DURATION_S,
		headers: BROWSER_HEADERS,
		requests: [
			{
				setupRequest: (req) => {
					const chosen = next()
					return { ...req, ...chosen, headers: { ...BROWSER_HEADERS, ...chosen.headers } }
				},
				onResponse: (status, _body, _context, headers) => {
					if (!expect(status, headers ?? {})) unexpected += 1
				},
			},
		],
		...overrides,
	})
	let count = amount
	if (warmUp || consumable) {
		// A second of the same requests first: compiled code, prepared statements, the page cache.
		const warm = await autocannon(options({ duration: 1, connections: consumable ? connections : Math.min(connections, 10) }))
		if (consumable) count = Math.min(consumable.available(), Math.max(connections, Math.ceil(warm.requests.total * DURATION_S)))
	}
	unexpected = 0
	const stopSampling = sampleRss(data.server)
	const cpuBefore = data.server.cpuMs()
	const result = await autocannon(options(count ? { amount: count } : {}))
	const cpuMs = data.server.cpuMs() - cpuBefore
	const peakRssBytes = stopSampling()
	data.peakRss = Math.max(data.peakRss, peakRssBytes)
	const seconds = Math.max(result.duration, 0.001)
	return {
		connections,
		// A fixed number of requests is judged on the time they took.
		requestsPerSecond: count ? result.requests.total / seconds : result.requests.average,
		p50: result.latency.p50,
		p99: result.latency.p99,
		errors: result.errors + result.timeouts,
		unexpected,
		peakRssBytes,
		cpuMsPerRequest: cpuMs / Math.max(1, result.requests.total),
	}
}

const redirectTo = (pattern: RegExp) => (status: number, headers: Record<string, string | string[] | undefined>) =>
	status === 302 && pattern.test(String(headers.location ?? ''))

/** Judges HTTP figures against the targets that apply to the case. */
function judge(figures: HttpFigures, { p99 = figures.connections === CONNECTIONS, minRps }: { p99?: boolean; minRps?: number }, extra: string[] = []): BenchOutcome {
	const problems: string[] = []
	if (p99 && figures.p99 >= P99_TARGET_MS) problems.push(`p99 ${figures.p99} ms ≥ ${P99_TARGET_MS}`)
	if (minRps && figures.requestsPerSecond < minRps) problems.push(`${Math.round(figures.requestsPerSecond)} req/s < ${minRps}`)
	if (figures.errors > 0 || figures.unexpected > 0) problems.push(`${figures.errors} errors, ${figures.unexpected} wrong answers`)
	if (figures.peakRssBytes >= RSS_TARGET_BYTES) problems.push(`RSS ${Math.round(figures.peakRssBytes / 1_048_576)} MB ≥ 300`)
	return {
		figure: minRps ? figures.requestsPerSecond : figures.p99,
		unit: minRps ? 'req/s' : 'ms p99',
		pass: problems.length === 0,
		detail: [...extra, ...problems].join('; '),
		http: figures,
	}
}

const targetText = ({ minRps, p99 = true }: { minRps?: number; p99?: boolean }) =>
	[p99 ? `p99 < ${P99_TARGET_MS} ms` : '', minRps ? `≥ ${minRps} req/s` : '', '0 errors, RSS < 300 MB'].filter(Boolean).join(', ')

/** A GET of a page as a signed-in (or anonymous) user; `status` is the right answer (200 unless said). */
function pageCase(
	name: string,
	pathOf: (data: State) => string,
	cookieOf: (data: State) => string | null,
	connections = CONNECTIONS,
	minRps?: number,
	status = 200,
): BenchCase {
	const p99 = connections === CONNECTIONS
	return {
		name: `${name} @${connections}`,
		target: targetText({ minRps, p99 }),
		run: async () => {
			const data = await prepared()
			const cookie = cookieOf(data)
			const figures = await load(data, {
				connections,
				request: { method: 'GET', path: pathOf(data), headers: cookie ? { cookie } : {} },
				expect: (answered) => answered === status,
			})
			return judge(figures, { p99, minRps }, [pathOf(data).replace(/^\/office\/calls\/\d+/, '…')])
		},
	}
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** Withdraws the next applications under review, `amount` of them, and returns the latency figures. */
async function withdraw(data: State, amount: number): Promise<HttpFigures> {
	const batch = data.withdrawals.splice(0, amount)
	let index = 0
	return load(data, {
		connections: 5,
		amount: batch.length,
		warmUp: false,
		request: () => {
			const row = batch[index++ % batch.length]!
			return {
				method: 'POST',
				path: `/applications/${row.applicationId}/withdraw`,
				headers: { cookie: row.cookie, 'content-type': 'application/x-www-form-urlencoded' },
				body: form({ reason: 'Benchmark', version: String(row.version) }),
			}
		},
		expect: redirectTo(/\?withdrawn=1$/),
	})
}

const pending = (db: Db) => db.select({ n: count() }).from(outbox).where(inArray(outbox.status, ['pending', 'sending'])).get()!.n

export const cases: BenchCase[] = [
	pageCase('healthz', () => '/healthz', () => null),
	// The framework's floor: a page with the layout and no data of its own (the not-found page). Every page costs at
	// least this; docs/performance.md reads the other rows against it.
	pageCase('smallest page (not found: the layout alone)', () => '/no-such-page', () => null, CONNECTIONS, undefined, 404),
	pageCase('landing page', () => '/', () => null),
	pageCase('applicant home', () => '/applications', (data) => data.cookies.wizard),
	pageCase('wizard step (personal) GET', (data) => `/applications/${data.wizardApplicationId}/personal`, (data) => data.cookies.wizard),
	{
		name: `wizard step (plan) save POST @${CONNECTIONS}`,
		target: targetText({}),
		run: async () => {
			const data = await prepared()
			const figures = await load(data, {
				connections: CONNECTIONS,
				request: {
					method: 'POST',
					path: `/applications/${data.wizardApplicationId}/plan`,
					headers: { cookie: data.cookies.wizard, 'content-type': 'application/x-www-form-urlencoded' },
					body: form({
						objectives: 'Teach cardiac imaging to residents and start a joint cohort study with the department.',
						weeklyPlan: 'Week 1: lectures and ward rounds. Week 2: a workshop with PhD students and joint research.',
						expectedOutcomes: 'A joint paper, a grant proposal and a short course the department can run again.',
						intent: 'save',
					}),
				},
				expect: redirectTo(/\/plan\?saved=1$/),
			})
			return judge(figures, {}, ['302 to the step is the expected answer'])
		},
	},
	pageCase('office table, page 1', (data) => `/office/calls/${data.seed.callId}`, (data) => data.cookies.office),
	pageCase('office table, page 1', (data) => `/office/calls/${data.seed.callId}`, (data) => data.cookies.office, TABLE_CONNECTIONS, TABLE_RPS_TARGET),
	pageCase(
		'office table, filtered and sorted',
		(data) => `/office/calls/${data.seed.callId}?status=under_review&school=medicine&sort=score&dir=desc`,
		(data) => data.cookies.office,
		TABLE_CONNECTIONS,
		TABLE_RPS_TARGET,
	),
	pageCase('office table, search', (data) => `/office/calls/${data.seed.callId}?q=schmidt`, (data) => data.cookies.office, TABLE_CONNECTIONS, TABLE_RPS_TARGET),
	pageCase('office application file', (data) => `/office/applications/${data.seed.openAssignment ? data.seed.byStatus.under_review[3]!.applicationId : 0}`, (data) => data.cookies.office),
	pageCase('reviewer home', () => '/reviewer', (data) => data.cookies.reviewer),
	pageCase('review form', (data) => `/reviewer/assignments/${data.seed.openAssignment.assignmentId}`, (data) => data.cookies.reviewer),
	{
		name: `submit fresh drafts @${CONNECTIONS}`,
		target: `≥ ${SUBMIT_RPS_TARGET}/s, 0 errors, RSS < 300 MB`,
		run: async () => {
			const data = await prepared()
			const drafts = data.drafts
			let index = 0
			const figures = await load(data, {
				connections: CONNECTIONS,
				consumable: { available: () => drafts.length - index },
				request: () => {
					const draft = drafts[index++]
					if (!draft) throw new Error('No fresh draft left to submit')
					return {
						method: 'POST',
						path: `/applications/${draft.applicationId}/submit`,
						headers: { cookie: draft.cookie, 'content-type': 'application/x-www-form-urlencoded' },
						body: form({ accuracy: 'yes', consent: 'yes', version: String(draft.version) }),
					}
				},
				expect: redirectTo(/\/submitted$/),
			})
			// Requests still in flight when the time ran out finish on the server meanwhile.
			await new Promise((resolve) => setTimeout(resolve, 1_000))
			const tried = drafts.slice(0, Math.min(index, drafts.length))
			data.drafts = drafts.slice(tried.length)
			const submitted = data.db
				.select({ n: count() })
				.from(applications)
				.where(and(eq(applications.status, 'submitted'), inArray(applications.id, tried.map((draft) => draft.applicationId))))
				.get()!.n
			const outcome = judge(figures, { p99: false, minRps: SUBMIT_RPS_TARGET }, [`${submitted} of ${tried.length} drafts sent submitted`, '302 to the confirmation is the expected answer'])
			return submitted === tried.length ? outcome : { ...outcome, pass: false, detail: `${outcome.detail}; WRONG: a draft sent was not submitted` }
		},
	},
	{
		name: 'outbox delivery to a local SMTP server',
		target: `≥ ${OUTBOX_RATE_TARGET} emails/s`,
		run: async () => {
			const data = await prepared()
			// A backlog: what the submissions queued, and 1,000 more.
			const now = new Date()
			data.db.transaction((tx) => {
				for (let index = 0; index < 1_000; index++) {
					queueEmail(tx, { to: `backlog${index}@example.org`, template: 'test', locale: index % 2 ? 'fa' : 'en', props: { name: `Reader ${index}` }, dedupeKey: dedupeKey('bench', index, 'test'), now })
				}
			})
			const backlog = pending(data.db)
			const stopSampling = sampleRss(data.server)
			// The worker polls every second: the window starts at the first delivery.
			const before = data.sink.received
			const deadline = Date.now() + 10_000
			while (data.sink.received === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
			const start = { at: performance.now(), received: data.sink.received }
			await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000))
			const rate = (data.sink.received - start.received) / ((performance.now() - start.at) / 1000)
			const peak = stopSampling()
			data.peakRss = Math.max(data.peakRss, peak)
			return {
				figure: rate,
				unit: 'emails/s',
				pass: rate >= OUTBOX_RATE_TARGET && peak < RSS_TARGET_BYTES,
				detail: `backlog ${formatNumber(backlog)} emails, ${formatNumber(pending(data.db))} left after ${DURATION_S} s; peak RSS ${Math.round(peak / 1_048_576)} MB`,
			}
		},
	},
	{
		name: `status change while SMTP answers after ${SMTP_DELAY_MS / 1000} s @5`,
		target: `p99 < ${P99_TARGET_MS} ms, not above the fast-SMTP p99`,
		run: async () => {
			const data = await prepared()
			data.sink.delayMs = 0
			const fast = await withdraw(data, 60)
			data.sink.delayMs = SMTP_DELAY_MS
			// Let the worker get stuck in slow sends first.
			await new Promise((resolve) => setTimeout(resolve, 1_500))
			const slow = await withdraw(data, 60)
			data.sink.delayMs = 0
			const grew = slow.p99 > Math.max(fast.p99 * 1.5, fast.p99 + 10)
			const outcome = judge(slow, { p99: true })
			return {
				...outcome,
				pass: outcome.pass && !grew,
				detail: [`fast SMTP: p50 ${fast.p50} ms, p99 ${fast.p99} ms`, outcome.detail, grew ? 'latency grew with the slow SMTP server' : ''].filter(Boolean).join('; '),
			}
		},
	},
	{
		name: 'peak server RSS over the run',
		target: '< 300 MB',
		run: async () => {
			const data = await prepared()
			const peak = Math.max(data.peakRss, data.server.rss())
			return { figure: Math.round(peak / 1_048_576), unit: 'MB', pass: peak < RSS_TARGET_BYTES, detail: `VmRSS of the server's processes, sampled every 100 ms` }
		},
	},
]

export async function teardown() {
	if (!state) return
	const data = await state
	await data.server.stop()
	await data.sink.close()
	data.db.$client.close()
}
