import path from 'node:path'
import autocannon, { type Request as CannonRequest } from 'autocannon'
import { and, count, eq, inArray } from 'drizzle-orm'
import { sessionCookie } from '#app/auth/session.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { configureEmail, dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { Db } from '#db/client.ts'
import { applications, outbox } from '#db/schema.ts'
import {
	BENCH_TMP_DIR,
	benchDatabase,
	formatNumber,
	formatRatio,
	type BenchCase,
	type BenchOutcome,
	type BenchRow,
	type HttpFigures,
	type SampledBody,
} from './bench.ts'
import { startControl } from './control-app.ts'
import { measureDurableCommit, type DurableCommit } from './durable-commit.ts'
import { insertSession, SEED, seedPortal, type PortalSeed } from './portal-seed.ts'
import { MailSink, prepareBuild, sampleRss, startServer, type RunningServer } from './server.ts'

/**
 * The portal under load: the production server (a copy of build/) on 127.0.0.1 with a database of a busy call
 * (portal-seed.ts) and a local SMTP server, driven by autocannon for BENCH_DURATION seconds (default 5) per case,
 * signed in as the role each page is for. The cases run once per WEB_CONCURRENCY setting (1, then 2; WEB_CONCURRENCY=n
 * runs only n), each pass on a server of its own over the same database, and each pass first measures the control app
 * (control-app.ts) under the same headers and load: every row's CPU per request is read as a multiple of the
 * control's. BENCH_PROFILE=1 runs the portal with --cpu-prof (profiles in tests/.tmp/bench/profiles).
 */

const DURATION_S = Number(process.env.BENCH_DURATION ?? 5)
const PROCESS_COUNTS = process.env.WEB_CONCURRENCY ? [Number(process.env.WEB_CONCURRENCY)] : [1, 2]
if (!PROCESS_COUNTS.every((processes) => Number.isInteger(processes) && processes >= 1)) {
	throw new Error('WEB_CONCURRENCY must be a whole number of web processes (1 or more), or unset to run the passes with 1 and 2.')
}
const CONNECTIONS = 20
/** The p99 of the not-found page and the save (and of /healthz and a status change); every other page has PAGE_P99_MS. */
const FAST_P99_MS = 100
const PAGE_P99_MS = 250
/** CPU per request as a multiple of the control's, by kind of page (issue 23). */
const RATIO = { layoutOnly: 1.5, page: 2.5, office: 4 } as const
/** A page answer above this size must come compressed; smaller ones may go as they are. */
const COMPRESS_FROM_BYTES = 1024
/** Submissions must reach this share of the disk's bound (1 / a durable commit). */
const SUBMIT_SHARE_OF_BOUND = 0.6
const OUTBOX_RATE_TARGET = 100
const RSS_TARGET_BYTES = 300 * 1_048_576
const SMTP_DELAY_MS = 2_000
/** Withdrawals per batch of the status-change case, which sends two batches per pass. */
const WITHDRAWAL_BATCH = 60
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

/** What every pass shares: the database, the sessions, the SMTP server and the disk's durable commit. */
type Seeded = {
	db: Db
	seed: PortalSeed
	sink: MailSink
	durableCommit: DurableCommit
	cookies: { office: string; reviewer: string; wizard: string }
	wizardApplicationId: number
	/** Per pass: fresh drafts, one per submit request, each with its applicant's session. */
	drafts: Signed[][]
	/** Per pass: applications under review whose applicants withdraw them in the status-change case. */
	withdrawals: Signed[][]
}

/** One WEB_CONCURRENCY setting: its server, the control's figures measured alongside, and its peak memory. */
type Pass = { processes: number; index: number; server: RunningServer; control: Promise<HttpFigures> | null; peakRss: number }

let seeded: Promise<Seeded> | null = null
let running: { processes: number; pass: Promise<Pass> } | null = null
let controlServer: Promise<RunningServer> | null = null

async function seedOnce(): Promise<Seeded> {
	prepareBuild()
	// Before the seed writes hundreds of megabytes, so the disk is as quiet as it gets.
	const durableCommit = measureDurableCommit()
	console.log(`  a synchronous = FULL commit takes ${durableCommit.medianMs.toFixed(2)} ms here (median of ${durableCommit.commits})`)
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
	// From the end of the list: the office file and the review form show applications near its start, which earlier
	// passes' withdrawals must not change.
	const withdrawn = seed.byStatus.under_review.slice(-2 * WITHDRAWAL_BATCH * PROCESS_COUNTS.length)
	const sessionIds = db.transaction((tx) => ({
		office: insertSession(tx, seed.officeId, now),
		reviewer: insertSession(tx, seed.openAssignment.reviewerId, now),
		wizard: insertSession(tx, wizard!.applicantId, now),
		drafts: drafts.map((draft) => insertSession(tx, draft.applicantId, now)),
		withdrawals: withdrawn.map((row) => insertSession(tx, row.applicantId, now)),
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
	return {
		db,
		seed,
		sink: await MailSink.start(),
		durableCommit,
		cookies: { office: await cookie(sessionIds.office), reviewer: await cookie(sessionIds.reviewer), wizard: await cookie(sessionIds.wizard) },
		wizardApplicationId: wizard!.applicationId,
		drafts: shares(await signed(drafts, sessionIds.drafts), PROCESS_COUNTS.length),
		withdrawals: shares(await signed(withdrawn, sessionIds.withdrawals), PROCESS_COUNTS.length),
	}
}

/** `list` in `parts` consecutive, nearly equal slices. */
function shares<T>(list: readonly T[], parts: number): T[][] {
	return Array.from({ length: parts }, (_, part) => list.slice(Math.floor((part * list.length) / parts), Math.floor(((part + 1) * list.length) / parts)))
}

async function startPass(data: Seeded, processes: number): Promise<Pass> {
	const server = await startServer(
		{
			DATABASE_PATH: DB_FILE,
			UPLOAD_DIR: path.join(BENCH_TMP_DIR, 'uploads'),
			MAIL_DIR: path.join(BENCH_TMP_DIR, 'mail'),
			SMTP_URL: data.sink.url,
			SEED_DEMO: 'false',
			SESSION_SECRET: SECRET,
			OFFICE_EMAIL: 'office@example.edu',
			// Every request comes from 127.0.0.1; the limits are tested in the integration suite.
			RATE_LIMIT_SIGNIN_IP: '0',
			RATE_LIMIT_SIGNIN_ACCOUNT: '0',
			RATE_LIMIT_REGISTER_IP: '0',
			RATE_LIMIT_RESET_IP: '0',
			RATE_LIMIT_VERIFY_IP: '0',
			WEB_CONCURRENCY: String(processes),
		},
		{ profileDir: process.env.BENCH_PROFILE ? path.join(BENCH_TMP_DIR, 'profiles') : undefined },
	)
	console.log(`  portal with WEB_CONCURRENCY=${processes}: pid ${server.pid} at ${server.origin}`)
	return { processes, index: PROCESS_COUNTS.indexOf(processes), server, control: null, peakRss: 0 }
}

/**
 * Stops the pass's server. What its submissions and backlog left in the outbox is set aside (cancelled), so the next
 * pass's pages are not measured while its worker sends them.
 */
async function endPass(data: Seeded, pass: Pass): Promise<void> {
	await pass.server.stop()
	const setAside = data.db.update(outbox).set({ status: 'cancelled' }).where(inArray(outbox.status, ['pending', 'sending'])).run().changes
	if (setAside > 0) console.log(`  set aside ${formatNumber(setAside)} emails the WEB_CONCURRENCY=${pass.processes} pass left unsent`)
}

/** The shared data and the pass for `processes`, starting its server (and ending the previous pass) on first use. */
async function passFor(processes: number): Promise<{ data: Seeded; pass: Pass }> {
	const data = await (seeded ??= seedOnce())
	if (running?.processes !== processes) {
		// A pass whose server never started has nothing to end.
		const previous = await running?.pass.catch(() => null)
		if (previous) await endPass(data, previous)
		running = { processes, pass: startPass(data, processes) }
	}
	return { data, pass: await running.pass }
}

/** The control's figures in this pass: measured once, by the first row that needs them (normally the control's own). */
function controlFigures(pass: Pass): Promise<HttpFigures> {
	pass.control ??= (async () => {
		const control = await (controlServer ??= startControl())
		return load(control, { connections: CONNECTIONS, request: { method: 'GET', path: '/' }, expect: (status) => status === 200 })
	})()
	return pass.control
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

/** Runs autocannon against a server and returns its figures, with the server's CPU and peak memory meanwhile. */
async function load(server: RunningServer, { connections, request, expect, amount, consumable, warmUp = true }: Load): Promise<HttpFigures> {
	const next = typeof request === 'function' ? request : () => request
	let unexpected = 0
	const options = (overrides: Partial<autocannon.Options>): autocannon.Options => ({
		url: server.origin,
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
	const stopSampling = sampleRss(server)
	const cpuBefore = server.cpuMs()
	const result = await autocannon(options(count ? { amount: count } : {}))
	const cpuMs = server.cpuMs() - cpuBefore
	const peakRssBytes = stopSampling()
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

/** `load` against the pass's portal, read against the pass's control, counting into the pass's peak memory. */
async function loadPortal(pass: Pass, spec: Load): Promise<HttpFigures> {
	const control = await controlFigures(pass)
	const figures = await load(pass.server, spec)
	pass.peakRss = Math.max(pass.peakRss, figures.peakRssBytes)
	return { ...figures, cpuRatio: figures.cpuMsPerRequest / control.cpuMsPerRequest }
}

/** One answer as a browser gets it: its text, its size once decoded (fetch decodes gzip and brotli) and how it came encoded. */
async function samplePage(server: RunningServer, request: { path: string; cookie: string | null }): Promise<{ text: string; body: SampledBody }> {
	const response = await fetch(`${server.origin}${request.path}`, {
		headers: { ...BROWSER_HEADERS, ...(request.cookie ? { cookie: request.cookie } : {}) },
		redirect: 'manual',
	})
	const bytes = Buffer.from(await response.arrayBuffer())
	return { text: bytes.toString('utf8'), body: { bytes: bytes.length, encoding: response.headers.get('content-encoding') } }
}

/** The Remix future flags a page was rendered with (window.__remixContext), which the control must share with the portal. */
const futureFlags = (html: string) => /"future":(\{[^}]*\})/.exec(html)?.[1] ?? 'none found'

const compressed = ({ encoding }: SampledBody) => encoding !== null && encoding !== 'identity'
const describeBody = (body: SampledBody) => `${(body.bytes / 1024).toFixed(1)} KB ${compressed(body) ? body.encoding : 'uncompressed'}`

const redirectTo = (pattern: RegExp) => (status: number, headers: Record<string, string | string[] | undefined>) =>
	status === 302 && pattern.test(String(headers.location ?? ''))

type Targets = {
	p99Ms?: number
	/** The most CPU per request the row may take, as a multiple of the control's. */
	maxRatio?: number
	minRps?: number
}

/** Judges HTTP figures against the targets that apply to the case; the figure is the ratio, the rate or the p99. */
function judge(figures: HttpFigures, { p99Ms, maxRatio, minRps }: Targets, extra: string[] = []): BenchOutcome {
	const problems: string[] = []
	const ratio = figures.cpuRatio ?? NaN
	if (maxRatio !== undefined && !(ratio <= maxRatio)) problems.push(`CPU ${formatRatio(ratio)} control > ${maxRatio}×`)
	if (p99Ms !== undefined && figures.p99 >= p99Ms) problems.push(`p99 ${figures.p99} ms ≥ ${p99Ms}`)
	if (minRps !== undefined && figures.requestsPerSecond < minRps) problems.push(`${Math.round(figures.requestsPerSecond)} req/s < ${Math.round(minRps)}`)
	if (figures.body && figures.body.bytes > COMPRESS_FROM_BYTES && !compressed(figures.body)) problems.push('not compressed')
	if (figures.errors > 0 || figures.unexpected > 0) problems.push(`${figures.errors} errors, ${figures.unexpected} wrong answers`)
	if (figures.peakRssBytes >= RSS_TARGET_BYTES) problems.push(`RSS ${Math.round(figures.peakRssBytes / 1_048_576)} MB ≥ 300`)
	const figure =
		maxRatio !== undefined ? { figure: ratio, unit: '× control' } : minRps !== undefined ? { figure: figures.requestsPerSecond, unit: 'req/s' } : { figure: figures.p99, unit: 'ms p99' }
	return { ...figure, pass: problems.length === 0, detail: [...extra, ...problems].join('; '), http: figures }
}

const ALWAYS = '0 errors, RSS < 300 MB'
const targetText = ({ p99Ms, maxRatio }: Targets, page: boolean) =>
	[maxRatio !== undefined ? `≤ ${maxRatio}× control` : '', p99Ms !== undefined ? `p99 < ${p99Ms} ms` : '', page ? 'compressed' : '', ALWAYS].filter(Boolean).join(', ')

type Get = {
	path: (data: Seeded) => string
	cookie?: (data: Seeded) => string
	/** The right answer's status. */
	status?: number
	p99Ms?: number
	/**
	 * Pages have one: their CPU per request over the control's. A page's answer must also come compressed when it is
	 * over COMPRESS_FROM_BYTES.
	 */
	maxRatio?: number
}

/** A GET as a signed-in (or anonymous) user at 20 connections. */
function getCase(processes: number, name: string, { path, cookie, status = 200, p99Ms = PAGE_P99_MS, maxRatio }: Get): BenchCase {
	const page = maxRatio !== undefined
	return {
		name: `${name} @${CONNECTIONS}`,
		target: targetText({ p99Ms, maxRatio }, page),
		processes,
		run: async () => {
			const { data, pass } = await passFor(processes)
			const request = { path: path(data), cookie: cookie?.(data) ?? null }
			const body = page ? (await samplePage(pass.server, request)).body : undefined
			const figures = await loadPortal(pass, {
				connections: CONNECTIONS,
				request: { method: 'GET', path: request.path, headers: request.cookie ? { cookie: request.cookie } : {} },
				expect: (answered) => answered === status,
			})
			return judge({ ...figures, body }, { p99Ms, maxRatio }, [request.path.replace(/^\/office\/calls\/\d+/, '…'), ...(body ? [describeBody(body)] : [])])
		},
	}
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()

/** Withdraws the pass's next `amount` applications under review and returns the latency figures. */
async function withdraw(data: Seeded, pass: Pass, amount: number): Promise<HttpFigures> {
	const batch = data.withdrawals[pass.index]!.splice(0, amount)
	let index = 0
	return loadPortal(pass, {
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

/** Every case, run against the portal with WEB_CONCURRENCY=processes. */
function passCases(processes: number): BenchCase[] {
	const get = (name: string, spec: Get) => getCase(processes, name, spec)
	const office = (data: Seeded) => data.cookies.office
	const reviewer = (data: Seeded) => data.cookies.reviewer
	const wizard = (data: Seeded) => data.cookies.wizard
	return [
		{
			name: `control: minimal Remix route, one row @${CONNECTIONS}`,
			target: "0 errors, the portal's future flags (the ratios divide by its CPU)",
			processes,
			run: async () => {
				const { pass } = await passFor(processes)
				const figures = await controlFigures(pass)
				const [control, portal] = await Promise.all([samplePage(await controlServer!, { path: '/', cookie: null }), samplePage(pass.server, { path: '/no-such-page', cookie: null })])
				// tests/bench/control/vite.config.ts repeats the portal's flags; a difference would make the ratios compare two frameworks.
				const sameFlags = futureFlags(control.text) === futureFlags(portal.text)
				const problems = [
					...(figures.errors > 0 || figures.unexpected > 0 ? [`${figures.errors} errors, ${figures.unexpected} wrong answers`] : []),
					...(sameFlags ? [] : [`Remix future flags differ: control ${futureFlags(control.text)}, portal ${futureFlags(portal.text)}`]),
				]
				return {
					figure: figures.cpuMsPerRequest,
					unit: 'ms CPU/req',
					pass: problems.length === 0,
					detail: [`tests/bench/control: 1 process, no compression, no heap flags; ${describeBody(control.body)}`, ...problems].join('; '),
					http: { ...figures, body: control.body },
				}
			},
		},
		get('healthz', { path: () => '/healthz', p99Ms: FAST_P99_MS }),
		// The layout alone, no data of its own: what any page costs over the control.
		get('smallest page (not found: the layout alone)', { path: () => '/no-such-page', status: 404, p99Ms: FAST_P99_MS, maxRatio: RATIO.layoutOnly }),
		get('landing page', { path: () => '/', maxRatio: RATIO.page }),
		get('applicant home', { path: () => '/applications', cookie: wizard, maxRatio: RATIO.page }),
		get('wizard step (personal) GET', { path: (data) => `/applications/${data.wizardApplicationId}/personal`, cookie: wizard, maxRatio: RATIO.page }),
		{
			name: `wizard step (plan) save POST @${CONNECTIONS}`,
			target: targetText({ p99Ms: FAST_P99_MS }, false),
			processes,
			run: async () => {
				const { data, pass } = await passFor(processes)
				const figures = await loadPortal(pass, {
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
				return judge(figures, { p99Ms: FAST_P99_MS }, ['302 to the step is the expected answer'])
			},
		},
		get('office table, page 1', { path: (data) => `/office/calls/${data.seed.callId}`, cookie: office, maxRatio: RATIO.office }),
		get('office table, filtered and sorted', {
			path: (data) => `/office/calls/${data.seed.callId}?status=under_review&school=medicine&sort=score&dir=desc`,
			cookie: office,
			maxRatio: RATIO.office,
		}),
		get('office table, search', { path: (data) => `/office/calls/${data.seed.callId}?q=schmidt`, cookie: office, maxRatio: RATIO.office }),
		get('office application file', { path: (data) => `/office/applications/${data.seed.byStatus.under_review[3]!.applicationId}`, cookie: office, maxRatio: RATIO.office }),
		get('reviewer home', { path: () => '/reviewer', cookie: reviewer, maxRatio: RATIO.page }),
		get('review form', { path: (data) => `/reviewer/assignments/${data.seed.openAssignment.assignmentId}`, cookie: reviewer, maxRatio: RATIO.page }),
		{
			name: `submit fresh drafts @${CONNECTIONS}`,
			target: `≥ ${SUBMIT_SHARE_OF_BOUND} × the disk's bound, ${ALWAYS}`,
			processes,
			run: async () => {
				const { data, pass } = await passFor(processes)
				const drafts = data.drafts[pass.index]!
				let index = 0
				const figures = await loadPortal(pass, {
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
				data.drafts[pass.index] = drafts.slice(tried.length)
				const submitted = data.db
					.select({ n: count() })
					.from(applications)
					.where(and(eq(applications.status, 'submitted'), inArray(applications.id, tried.map((draft) => draft.applicationId))))
					.get()!.n
				const { medianMs, commits } = data.durableCommit
				const bound = 1000 / medianMs
				const outcome = judge(figures, { minRps: SUBMIT_SHARE_OF_BOUND * bound }, [
					`disk's bound ${formatNumber(bound)}/s (1 / ${medianMs.toFixed(2)} ms, the median synchronous = FULL commit of ${commits})`,
					`${submitted} of ${tried.length} drafts sent submitted`,
					'302 to the confirmation is the expected answer',
				])
				return submitted === tried.length ? outcome : { ...outcome, pass: false, detail: `${outcome.detail}; WRONG: a draft sent was not submitted` }
			},
		},
		{
			name: 'outbox delivery to a local SMTP server',
			target: `≥ ${OUTBOX_RATE_TARGET} emails/s`,
			processes,
			run: async () => {
				const { data, pass } = await passFor(processes)
				// A backlog: what the submissions queued, and 1,000 more.
				const now = new Date()
				data.db.transaction((tx) => {
					for (let index = 0; index < 1_000; index++) {
						queueEmail(tx, {
							to: `backlog${index}@example.org`,
							template: 'test',
							locale: index % 2 ? 'fa' : 'en',
							props: { name: `Reader ${index}` },
							dedupeKey: dedupeKey('bench', `pass-${processes}`, index, 'test'),
							now,
						})
					}
				})
				const backlog = pending(data.db)
				const stopSampling = sampleRss(pass.server)
				// The worker polls every second: the window starts at the first delivery.
				const before = data.sink.received
				const deadline = Date.now() + 10_000
				while (data.sink.received === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
				const start = { at: performance.now(), received: data.sink.received }
				await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000))
				const rate = (data.sink.received - start.received) / ((performance.now() - start.at) / 1000)
				const peak = stopSampling()
				pass.peakRss = Math.max(pass.peakRss, peak)
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
			target: `p99 < ${FAST_P99_MS} ms, not above the fast-SMTP p99`,
			processes,
			run: async () => {
				const { data, pass } = await passFor(processes)
				data.sink.delayMs = 0
				const fast = await withdraw(data, pass, WITHDRAWAL_BATCH)
				data.sink.delayMs = SMTP_DELAY_MS
				// Let the worker get stuck in slow sends first.
				await new Promise((resolve) => setTimeout(resolve, 1_500))
				const slow = await withdraw(data, pass, WITHDRAWAL_BATCH)
				data.sink.delayMs = 0
				const grew = slow.p99 > Math.max(fast.p99 * 1.5, fast.p99 + 10)
				const outcome = judge(slow, { p99Ms: FAST_P99_MS })
				return {
					...outcome,
					pass: outcome.pass && !grew,
					detail: [`fast SMTP: p50 ${fast.p50} ms, p99 ${fast.p99} ms`, outcome.detail, grew ? 'latency grew with the slow SMTP server' : ''].filter(Boolean).join('; '),
				}
			},
		},
		{
			name: 'peak server RSS over the pass',
			target: '< 300 MB',
			processes,
			run: async () => {
				const { pass } = await passFor(processes)
				const peak = Math.max(pass.peakRss, pass.server.rss())
				return {
					figure: Math.round(peak / 1_048_576),
					unit: 'MB',
					pass: peak < RSS_TARGET_BYTES,
					detail: `VmRSS summed over the portal's processes (${processes === 1 ? 'one' : `a primary and ${processes} web processes`}), sampled every 100 ms`,
				}
			},
		},
	]
}

export const cases: BenchCase[] = PROCESS_COUNTS.flatMap(passCases)

/** Which WEB_CONCURRENCY setting passes every row (the default stays 1 unless 2 does). */
export function summary(rows: readonly BenchRow[]): string[] {
	const settings = PROCESS_COUNTS.map((processes) => {
		const own = rows.filter((row) => row.processes === processes)
		return { processes, rows: own.length, failed: own.filter((row) => !row.pass).length }
	}).filter((setting) => setting.rows > 0)
	const counts = settings.map(({ processes, rows: total, failed }) => `WEB_CONCURRENCY=${processes}: ${total - failed} of ${total} HTTP rows pass`)
	const passing = settings.filter((setting) => setting.failed === 0).map((setting) => `WEB_CONCURRENCY=${setting.processes}`)
	return [`${counts.join('; ')}.`, passing.length > 0 ? `${passing.join(' and ')} passes every HTTP row.` : 'No WEB_CONCURRENCY setting passes every HTTP row.']
}

export async function teardown() {
	// A server that failed to start has nothing to stop; the others still stop.
	await Promise.allSettled([running?.pass.then((pass) => pass.server.stop()), controlServer?.then((server) => server.stop())])
	if (!seeded) return
	const data = await seeded
	await data.sink.close()
	data.db.$client.close()
}
