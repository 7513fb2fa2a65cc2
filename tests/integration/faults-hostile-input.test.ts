import fs from 'node:fs'
import path from 'node:path'
import type { ActionFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { readableFormAction } from '#app/server/readable-forms.ts'
import { users as usersTable, type User } from '#db/schema.ts'
import { call, sessionCookie, startPortal, type Portal } from '#tests/support/app.ts'
import { FAULTS_SEED, scaled } from '#tests/support/faults.ts'
import {
	describeBody,
	formVocabulary,
	hostileBody,
	hostileRequest,
	hostileString,
	leakIn,
	middlewareAnswer,
	seenByBrowser,
	wellFormed,
	type HostileBody,
} from '#tests/support/hostile.ts'
import { actorOf, assignReviewerRow, insertCall, insertUser, placeApplication } from '#tests/support/lifecycle.ts'

/**
 * Hostile input against every action of the portal, found from the route modules themselves (a new action is
 * covered without editing this test): fast-check builds form bodies from the names and values each route reads,
 * mixed with very long strings, odd Unicode, NUL, RTL overrides, numbers, missing, repeated and huge fields and the
 * wrong content types, and sends them as a visitor (with no cookie or a forged one), the applicant who owns the
 * draft, a reviewer and the office, through the server's own request-safety middleware and action wrapper. Whatever
 * comes in, the answer is 2xx, 3xx or 4xx and shows no stack trace, SQL or server path. A step saved with hostile
 * text reads back exactly as acknowledged.
 */

const BODIES = scaled(100, 1000)
const ROUTES_DIR = path.resolve('app/routes')

type Handler = (args: ActionFunctionArgs) => unknown
type RouteModule = { action?: Handler }
type Role = 'visitor' | 'stranger' | 'applicant' | 'reviewer' | 'office'

const routeFiles = fs
	.readdirSync(ROUTES_DIR)
	.filter((file) => /\.tsx?$/.test(file) && /export (?:async function|const) action\b/.test(fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8')))
	.sort()

/** A route's source and the app/ modules it imports (one level), where the form fields it reads are named. */
function sourcesOf(file: string): string[] {
	const source = fs.readFileSync(path.join(ROUTES_DIR, file), 'utf8')
	const imported = [...source.matchAll(/from '#app\/([^']+)'/g)]
		.map((match) => path.resolve('app', match[1]!))
		.filter((module) => !module.includes('/components/') && !module.includes('/i18n/') && fs.existsSync(module))
	return [source, ...imported.map((module) => fs.readFileSync(module, 'utf8'))]
}

let portal: Portal
const cookies: Partial<Record<Role, string>> = {}
let users: Partial<Record<Role, User>> = {}
let ids: { call: string; otherCall: string; draft: string; approved: string; submitted: string; assignment: string; outbox: string }

beforeAll(async () => {
	portal = await startPortal({ OFFICE_EMAIL: 'office@portal.test' })
	const { db } = portal
	const now = portal.clock.now()
	const callId = insertCall(db, { now })
	const otherCallId = insertCall(db, { now })
	const applicant = insertUser(db, { role: 'applicant' })
	const other = insertUser(db, { role: 'applicant' })
	const reviewer = insertUser(db, { role: 'reviewer' })
	const office = insertUser(db, { role: 'office' })
	const draft = placeApplication(db, { callId, applicantId: applicant.id, now })
	const approved = placeApplication(db, {
		callId: otherCallId,
		applicantId: applicant.id,
		now,
		status: 'approved',
		firstSubmittedAt: now,
		confirmBy: new Date(now.getTime() + 14 * 86_400_000),
	})
	const submitted = placeApplication(db, { callId, applicantId: other.id, now })
	changeStatus(db, { applicationId: submitted.id, to: 'submitted', actor: actorOf(other), expectedVersion: submitted.version, now, settings: portal.config })
	assignReviewerRow(db, submitted.id, reviewer.id, now)
	const assignment = db.$client.prepare('select id from review_assignments where application_id = ?').get(submitted.id) as { id: number }
	const email = db.$client.prepare('select id from outbox order by id limit 1').get() as { id: number }
	ids = {
		call: String(callId),
		otherCall: String(otherCallId),
		draft: String(draft.id),
		approved: String(approved.id),
		submitted: String(submitted.id),
		assignment: String(assignment.id),
		outbox: String(email.id),
	}
	users = { applicant, reviewer, office }
	await signIn()
})

/**
 * Fresh sessions for the roles, before each route: a hostile body may sign its sender out (logout) or disable an
 * account (the office's users page), which must not leave the next route facing a visitor only.
 */
async function signIn() {
	for (const [role, user] of Object.entries(users)) {
		portal.db.update(usersTable).set({ disabledAt: null }).where(eq(usersTable.id, user.id)).run()
		cookies[role as Role] = await sessionCookie(portal, user.id)
	}
	// A cookie that is not the portal's: garbage, or a session id that was never issued.
	cookies.stranger = 'vpp_session=eyJub3QiOiJvdXJzIn0%3D.AAAA; other=\u00ff'
}

afterAll(async () => {
	await portal.stop()
})

/** Who may plausibly post to a route: the role it is for, the others it must turn away, and a visitor. */
function rolesFor(file: string): Role[] {
	if (file.startsWith('office.')) return ['office', 'office', 'office', 'visitor', 'applicant']
	if (file.startsWith('reviewer.')) return ['reviewer', 'reviewer', 'reviewer', 'visitor', 'office']
	if (file.startsWith('applications.') || file.startsWith('calls.')) return ['applicant', 'applicant', 'applicant', 'visitor', 'reviewer', 'stranger']
	return ['visitor', 'visitor', 'stranger', 'applicant', 'office']
}

/** The values a route's `$param` may take: the fixture's own records, and hostile ones. */
function paramValues(file: string, param: string): string[] {
	if (param === 'step') return ['personal', 'academic', 'visit', 'plan']
	if (param === 'callId') return [ids.call, ids.otherCall]
	if (file.startsWith('applications.')) return [ids.draft, ids.draft, ids.approved, ids.submitted]
	if (file.startsWith('office.applications.')) return [ids.submitted, ids.approved]
	if (file.startsWith('office.outbox.')) return [ids.outbox]
	if (file.startsWith('reviewer.')) return [ids.assignment]
	return [ids.call]
}

function paramNames(file: string): string[] {
	return [...file.matchAll(/\$(\w+)/g)].map((match) => match[1]!)
}

function pathFor(file: string, params: Record<string, string>): string {
	const name = file.replace(/\.tsx?$/, '')
	return `/${name
		.replace(/\[\.\]/g, '<dot>')
		.split('.')
		.filter((part) => part !== '_index')
		.map((part) => (part.startsWith('$') ? encodeURIComponent(params[part.slice(1)] ?? '') : part))
		.join('/')
		.replace(/<dot>/g, '.')}`
}

type Outcome = { status: number; text: string }

/** Sends one body to a route's action as the given role, as the server would hand it over. */
async function post(action: Handler, file: string, body: HostileBody, role: Role, params: Record<string, string>): Promise<Outcome> {
	const request = hostileRequest(`http://portal.test${pathFor(file, params)}`, body, cookies[role] ?? null)
	const byteLength = request.body ? (await request.clone().arrayBuffer()).byteLength : 0
	const refused = middlewareAnswer(request, byteLength, portal.config.publicUrl)
	if (refused) return refused
	try {
		// The action as the server hands it over (app/server/app.ts wraps every action so).
		return await seenByBrowser(await readableFormAction(action)({ request, context: portal.context(), params }), false)
	} catch (thrown) {
		return await seenByBrowser(thrown, true)
	}
}

const totals = { requests: 0, serverErrors: 0, byStatus: new Map<number, number>() }

describe('hostile input to every action', () => {
	it('finds the actions', () => {
		expect(routeFiles.length).toBeGreaterThanOrEqual(25)
	})

	describe.each(routeFiles)('%s', (file) => {
		it(`answers ${BODIES} hostile bodies with 2xx, 3xx or 4xx and never shows its insides`, { timeout: scaled(60_000, 600_000) }, async () => {
			const { action } = (await import(path.join(ROUTES_DIR, file))) as RouteModule
			await signIn()
			const vocabulary = formVocabulary(sourcesOf(file))
			const params = paramNames(file)
			const hostileParam = fc.oneof(hostileString(), fc.constantFrom('0', '-1', '1.5', '99999999', 'abc'))
			const sample = fc.sample(
				fc.record({
					body: hostileBody(vocabulary.names, [...vocabulary.values, ...Object.values(ids), '1', '2', 'yes', 'on'], vocabulary.queryNames),
					role: fc.constantFrom(...rolesFor(file)),
					params: fc.tuple(...params.map((param) => fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...paramValues(file, param)) }, { weight: 1, arbitrary: hostileParam }))),
				}),
				{ numRuns: BODIES, seed: FAULTS_SEED + routeFiles.indexOf(file) },
			)
			const failures: string[] = []
			for (const { body, role, params: values } of sample) {
				// An address carries no lone surrogates: the browser sends U+FFFD.
				const routeParams = Object.fromEntries(params.map((param, index) => [param, wellFormed(values[index]!)]))
				const { status, text } = await post(action!, file, body, role, routeParams)
				totals.requests += 1
				totals.byStatus.set(status, (totals.byStatus.get(status) ?? 0) + 1)
				const leak = leakIn(text)
				if (status >= 500 || status < 200 || leak) {
					if (status >= 500) totals.serverErrors += 1
					failures.push(`${status} as ${role} ${JSON.stringify(routeParams)} ${describeBody(body)}${leak ? `\n    shows ${leak}` : `\n    ${text.slice(0, 300)}`}`)
				}
			}
			expect(failures, `seed ${FAULTS_SEED} (FAULTS_SEED=${FAULTS_SEED} replays it)\n${failures.slice(0, 5).join('\n')}`).toEqual([])
		})
	})

	afterAll(() => {
		const statuses = [...totals.byStatus].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`)
		console.log(
			`Hostile input: ${routeFiles.length} actions, ${BODIES} bodies each, ${totals.requests} requests in all; ` +
				`${totals.serverErrors} answered 5xx. Statuses: ${statuses.join(' ')}.`,
		)
	})
})

/** What the step schemas promise to keep of a text (app/schemas/application/fields.ts). */
const KEEPS = {
	singleLine: (text: string) => text.trim().replace(/\s+/gu, ' '),
	multiLine: (text: string) => text.replace(/\r\n?/g, '\n').trim(),
}
const TEXT_FIELDS = {
	personal: { givenNames: KEEPS.singleLine, familyName: KEEPS.singleLine },
	plan: { objectives: KEEPS.multiLine, weeklyPlan: KEEPS.multiLine, expectedOutcomes: KEEPS.multiLine, earlierCollaboration: KEEPS.multiLine },
} as const

describe('a wizard step saved with hostile text', () => {
	it(`reads back exactly what was acknowledged, ${BODIES} saves`, { timeout: scaled(60_000, 600_000) }, async () => {
		const route = (await import(path.join(ROUTES_DIR, 'applications.$id.$step.tsx'))) as { action: Handler; loader: Handler }
		const applicant = insertUser(portal.db, { role: 'applicant' })
		const now = portal.clock.now()
		const draft = placeApplication(portal.db, { callId: insertCall(portal.db, { now }), applicantId: applicant.id, now })
		const cookie = await sessionCookie(portal, applicant.id)
		const text = fc.oneof(hostileString(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }))
		const sample = fc.sample(
			fc.oneof(
				fc.record({ step: fc.constant('personal' as const), values: fc.record({ givenNames: text, familyName: text }) }),
				fc.record({
					step: fc.constant('plan' as const),
					values: fc.record({ objectives: text, weeklyPlan: text, expectedOutcomes: text, earlierCollaboration: text }),
				}),
			),
			{ numRuns: BODIES, seed: FAULTS_SEED },
		)
		const mismatches: string[] = []
		let acknowledged = 0
		for (const { step, values } of sample) {
			const params = { id: String(draft.id), step }
			const request = hostileRequest(
				`http://portal.test/applications/${draft.id}/${step}`,
				{ encoding: 'urlencoded', fields: [...Object.entries(values), ['intent', 'save']], file: null, query: [] },
				cookie,
			)
			const answer = await seenByBrowser(await call(readableFormAction(route.action), request, portal.context(), params), false)
			expect(answer.status, `${step} ${JSON.stringify(values).slice(0, 200)}`).toBeOneOf([302, 400])
			const errors = answer.status === 400 ? (JSON.parse(answer.text) as { errors: Record<string, string> }).errors : {}
			const page = (await route.loader({
				request: new Request(`http://portal.test/applications/${draft.id}/${step}`, { headers: { Cookie: cookie } }),
				context: portal.context(),
				params,
			})) as { saved: Record<string, unknown> }
			for (const [field, keep] of Object.entries(TEXT_FIELDS[step])) {
				const posted = (values as Record<string, string>)[field]!
				const expected = field in errors ? undefined : keep(wellFormed(posted)) || undefined
				if (expected !== undefined) acknowledged += 1
				if (page.saved[field] !== expected) {
					mismatches.push(`${step}.${field}: posted ${JSON.stringify(posted.slice(0, 80))}, page shows ${JSON.stringify(String(page.saved[field]).slice(0, 80))}`)
				}
			}
		}
		console.log(`Hostile text: ${sample.length} step saves, ${acknowledged} answers acknowledged and read back, ${mismatches.length} differ.`)
		expect(mismatches, `seed ${FAULTS_SEED}`).toEqual([])
		expect(acknowledged).toBeGreaterThan(sample.length / 2)
	})
})

describe("the office's call form saved with hostile text", () => {
	it(`reads back exactly what was acknowledged and keeps the call as it was when refused, ${BODIES} saves`, { timeout: scaled(60_000, 600_000) }, async () => {
		const route = (await import(path.join(ROUTES_DIR, 'office.calls.$id.edit.tsx'))) as { action: Handler; loader: Handler }
		await signIn()
		const params = { id: ids.call }
		const page = async () =>
			(
				(await route.loader({
					request: new Request(`http://portal.test/office/calls/${ids.call}/edit`, { headers: { Cookie: cookies.office! } }),
					context: portal.context(),
					params,
				})) as { values: Record<string, string> }
			).values
		const keep = (text: string) => wellFormed(text).replace(/\r\n?/g, '\n').trim()
		const text = fc.oneof(hostileString(), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }))
		const sample = fc.sample(fc.record({ titleEn: text, titleFa: text, descriptionEn: text, descriptionFa: text }), {
			numRuns: BODIES,
			seed: FAULTS_SEED + 1,
		})
		const mismatches: string[] = []
		let acknowledged = 0
		let before = await page()
		for (const texts of sample) {
			const request = hostileRequest(
				`http://portal.test/office/calls/${ids.call}/edit`,
				{ encoding: 'urlencoded', fields: Object.entries({ ...before, ...texts }), file: null, query: [] },
				cookies.office!,
			)
			const answer = await seenByBrowser(await call(readableFormAction(route.action), request, portal.context(), params), false)
			expect(answer.status, JSON.stringify(texts).slice(0, 200)).toBeOneOf([302, 400])
			const after = await page()
			if (answer.status === 302) acknowledged += 1
			for (const [field, posted] of Object.entries(texts)) {
				const expected = answer.status === 302 ? keep(posted) : before[field]
				if (after[field] !== expected) {
					mismatches.push(`${answer.status} ${field}: posted ${JSON.stringify(posted.slice(0, 80))}, page shows ${JSON.stringify(after[field]?.slice(0, 80))}`)
				}
			}
			before = after
		}
		console.log(`Hostile call form: ${sample.length} saves, ${acknowledged} acknowledged and read back, ${mismatches.length} differ.`)
		expect(mismatches, `seed ${FAULTS_SEED}`).toEqual([])
		expect(acknowledged).toBeGreaterThan(sample.length / 4)
	})
})
