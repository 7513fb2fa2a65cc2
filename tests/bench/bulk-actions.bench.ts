import path from 'node:path'
import { and, count, eq, inArray } from 'drizzle-orm'
import { startSession } from '#app/auth/session.server.ts'
import { loadConfig } from '#app/config.server.ts'
import { freshenListing } from '#app/domain/application-listing.server.ts'
import { holdDecisionsInBulk, requestChangesInBulk, type BulkResult } from '#app/domain/bulk-actions.server.ts'
import { formatReference } from '#app/domain/lifecycle/applications.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import { action } from '#app/routes/office.calls.$id._index.tsx'
import type { AppContext } from '#app/server/context.ts'
import type { Db } from '#db/client.ts'
import { applications, outbox, pendingDecisions, users, type ApplicationStatus } from '#db/schema.ts'
import { actorOf, insertCall } from '#tests/support/lifecycle.ts'
import { BENCH_TMP_DIR, benchDatabase, formatNumber, median, timed, type BenchCase } from './bench.ts'

/**
 * Bulk actions over a page's worth of a large call: 500 applications under review get a held decision, 500 submitted
 * ones a request for changes, each application in its own transaction (synchronous = FULL, so a commit each), as the
 * office's table does in one request. The figure is the wall time of one call of the bulk function (held decisions:
 * the median of 3, each replacing the held decisions of the run before), and of the whole route action once.
 */

const COUNT = 500
const TARGET_MS = 5_000
const DAY = 86_400_000
const NOW = new Date('2027-03-01T08:00:00Z')

type Seeded = { db: Db; context: AppContext; callId: number; office: ReturnType<typeof actorOf>; ids: Record<'under_review' | 'submitted', number[]>; seedMs: number }

function seed(): Seeded {
	const db = benchDatabase('bulk-actions')
	const config = loadConfig({
		NODE_ENV: 'test',
		PUBLIC_URL: 'http://portal.test',
		DATABASE_PATH: path.join(BENCH_TMP_DIR, 'bulk-actions.db'),
		SESSION_SECRET: 'benchmark-secret-of-enough-length',
		OFFICE_EMAIL: 'office@portal.test',
	})
	configureEmail(config)
	const start = performance.now()
	const callId = insertCall(db, { year: 2027, now: NOW })
	const stamps = { createdAt: NOW, updatedAt: NOW }
	const ids: Seeded['ids'] = { under_review: [], submitted: [] }
	// One transaction: with synchronous = FULL, a commit per row would measure the seed's disk writes.
	const office = db.transaction((tx) => {
		const officeUser = tx
			.insert(users)
			.values({ email: 'office@example.org', name: 'Office User', role: 'office', verifiedAt: NOW, ...stamps })
			.returning()
			.get()
		const statuses: ApplicationStatus[] = Array.from({ length: 2 * COUNT }, (_, index) => (index % 2 === 0 ? 'under_review' : 'submitted'))
		for (let start = 0; start < statuses.length; start += 250) {
			const slice = statuses.slice(start, start + 250)
			const applicants = tx
				.insert(users)
				.values(
					slice.map((_, offset) => ({
						email: `applicant${start + offset + 1}@example.org`,
						name: `Applicant ${start + offset + 1}`,
						role: 'applicant' as const,
						...stamps,
					})),
				)
				.returning({ id: users.id })
				.all()
			const rows = tx
				.insert(applications)
				.values(
					applicants.map((applicant, offset) => ({
						reference: formatReference(2027, start + offset + 1),
						callId,
						applicantId: applicant.id,
						status: slice[offset]!,
						submittedAt: new Date(NOW.getTime() - DAY),
						firstSubmittedAt: new Date(NOW.getTime() - DAY),
						...stamps,
					})),
				)
				.returning({ id: applications.id, status: applications.status })
				.all()
			for (const row of rows) ids[row.status as 'under_review' | 'submitted'].push(row.id)
		}
		return officeUser
	})
	// The table page was read before the office acted: its listing is fresh.
	freshenListing(db)
	return { db, context: { db, config, now: () => NOW, clientIp: '203.0.113.7' }, callId, office: actorOf(office), ids, seedMs: performance.now() - start }
}

let seeded: Seeded | undefined
function seededOnce(): Seeded {
	if (!seeded) {
		seeded = seed()
		console.log(`  seeded 1 call, ${formatNumber(2 * COUNT)} applications (${COUNT} under review, ${COUNT} submitted) in ${formatNumber(seeded.seedMs)} ms`)
	}
	return seeded
}

const held = (data: Seeded) =>
	data.db
		.select({ n: count() })
		.from(pendingDecisions)
		.where(and(eq(pendingDecisions.callId, data.callId), inArray(pendingDecisions.applicationId, data.ids.under_review)))
		.get()!.n

function judge(ms: number, result: BulkResult, problems: string[], detail: string[]) {
	if (result.succeeded !== COUNT) problems.push(`${result.succeeded} succeeded, not ${COUNT}`)
	if (result.failed.length > 0) problems.push(`${result.failed.length} failed, e.g. ${result.failed[0]!.reason}`)
	return {
		figure: ms,
		unit: 'ms',
		pass: ms < TARGET_MS && problems.length === 0,
		detail: [...detail, `${formatNumber(ms / COUNT)} ms per application`, ...(problems.length > 0 ? [`WRONG: ${problems.join('; ')}`] : [])].join('; '),
	}
}

export const cases: BenchCase[] = [
	{
		name: `bulk held decisions over ${COUNT} applications`,
		target: `< ${formatNumber(TARGET_MS)} ms`,
		run: async () => {
			const data = seededOnce()
			const runs: number[] = []
			let result: BulkResult = { succeeded: 0, failed: [] }
			for (const decision of ['approved', 'waitlisted', 'rejected'] as const) {
				const { ms, value } = await timed(() =>
					holdDecisionsInBulk(data.db, {
						applicationIds: data.ids.under_review,
						decision,
						decisionNote: `Bulk ${decision}: the panel's ranking.`,
						applicantMessage: 'Thank you for applying.',
						confirmBy: new Date(NOW.getTime() + 21 * DAY),
						actor: data.office,
						now: NOW,
					}),
				)
				runs.push(ms)
				result = value
			}
			const problems = held(data) === COUNT ? [] : [`${held(data)} held decisions, not ${COUNT}`]
			return judge(median(runs), result, problems, [`runs ${runs.map((ms) => formatNumber(ms)).join(', ')} ms`, `seed ${formatNumber(data.seedMs)} ms`])
		},
	},
	{
		name: `bulk held decisions over ${COUNT} applications, one request to the table's action`,
		target: `< ${formatNumber(TARGET_MS)} ms`,
		run: async () => {
			const data = seededOnce()
			const cookie = (await startSession(new Request('http://portal.test/'), data.context, data.office.id)).split(';')[0]!
			const body = new URLSearchParams([
				['view', 'status=under_review'],
				['scope', 'all'],
				['bulkAction', 'hold-decision'],
				['decision', 'approved'],
				['decisionNote', 'Approved by the panel.'],
				['applicantMessage', ''],
				['confirmBy', '2027-03-22'],
			])
			const request = new Request(`http://portal.test/office/calls/${data.callId}?index`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
				body: body.toString(),
			})
			const { ms, value } = await timed(() =>
				action({ request, context: data.context, params: { id: String(data.callId) } } as Parameters<typeof action>[0]).catch((thrown: unknown) => thrown),
			)
			const problems: string[] = []
			const location = value instanceof Response ? value.headers.get('Location') : null
			if (!location?.includes('bulk=')) problems.push(`answered ${value instanceof Response ? value.status : JSON.stringify(value).slice(0, 200)}`)
			const approved = data.db
				.select({ n: count() })
				.from(pendingDecisions)
				.where(and(eq(pendingDecisions.callId, data.callId), eq(pendingDecisions.decision, 'approved')))
				.get()!.n
			return judge(ms, { succeeded: approved, failed: [] }, problems, [`redirect ${location ?? '—'}`])
		},
	},
	{
		name: `bulk request changes over ${COUNT} submitted applications`,
		target: `< ${formatNumber(TARGET_MS)} ms`,
		run: async () => {
			const data = seededOnce()
			const { ms, value } = await timed(() =>
				requestChangesInBulk(data.db, data.context.config, {
					applicationIds: data.ids.submitted,
					message: 'Please upload your publication list as one PDF.',
					replyBy: new Date(NOW.getTime() + 14 * DAY),
					actor: data.office,
					now: NOW,
				}),
			)
			const emails = data.db.select({ n: count() }).from(outbox).where(inArray(outbox.applicationId, data.ids.submitted)).get()!.n
			const problems = emails === COUNT ? [] : [`${emails} emails queued, not ${COUNT}`]
			return judge(ms, value, problems, [`${formatNumber(emails)} emails queued`])
		},
	},
]
