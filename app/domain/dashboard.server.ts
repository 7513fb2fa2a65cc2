import { and, count, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { applicationListing, applications, calls, reviewAssignments, statusChanges, type Call } from '#db/schema.ts'
import { freshenListing } from './application-listing.server.ts'
import { addDays, instantToZonedDate } from './time.ts'

/**
 * The figures of a call's dashboard (app/routes/office.calls.$id.dashboard.tsx) and of the year report: each a
 * small aggregate query, so the page stays fast however many applications there are. Pure data; the charts
 * (app/components/charts/*) draw it.
 */

export const FUNNEL_STAGES = ['started', 'submitted', 'under_review', 'decided', 'approved'] as const
export type FunnelStage = (typeof FUNNEL_STAGES)[number]

/** Statuses that mean the application has been approved (and possibly visited since). */
const APPROVED = ['approved', 'visit_confirmed', 'completed'] as const
const DECIDED = ['approved', 'waitlisted', 'rejected', 'visit_confirmed', 'completed'] as const

export type Count<K extends string = string> = { key: K; value: number }

/**
 * How far applications got: every one started; submitted at least once; reviewed (moved under review at some
 * point); decided (approved, waitlisted or rejected after review, or later); approved now (or visited since).
 */
export function funnel(db: Db, callId: number): Count<FunnelStage>[] {
	const inCall = eq(applications.callId, callId)
	const started = db.select({ n: count() }).from(applications).where(inCall).get()!.n
	const submitted = db.select({ n: count() }).from(applications).where(and(inCall, isNotNull(applications.firstSubmittedAt))).get()!.n
	const underReview = db
		.select({ n: sql<number>`count(distinct ${statusChanges.applicationId})` })
		.from(statusChanges)
		.innerJoin(applications, eq(applications.id, statusChanges.applicationId))
		.where(and(inCall, eq(statusChanges.toStatus, 'under_review')))
		.get()!.n
	const decided = db
		.select({ n: count() })
		.from(applications)
		.where(and(inCall, inArray(applications.status, [...DECIDED]), isNotNull(applications.decidedAt)))
		.get()!.n
	const approved = db.select({ n: count() }).from(applications).where(and(inCall, inArray(applications.status, [...APPROVED]))).get()!.n
	return [
		{ key: 'started', value: started },
		{ key: 'submitted', value: submitted },
		{ key: 'under_review', value: underReview },
		{ key: 'decided', value: decided },
		{ key: 'approved', value: approved },
	]
}

/** Submitted applications (not drafts) by one listing column, largest first; beyond `top`, one 'other' bar. */
function countsBy(db: Db, callId: number, column: typeof applicationListing.country | typeof applicationListing.hostSchool, top: number): Count[] {
	freshenListing(db)
	const rows = db
		.select({ key: column, value: count() })
		.from(applicationListing)
		.where(and(eq(applicationListing.callId, callId), ne(applicationListing.status, 'draft')))
		.groupBy(column)
		.all()
		.map((row) => ({ key: row.key ?? 'unknown', value: row.value }))
		.sort((a, b) => b.value - a.value || a.key.localeCompare(b.key))
	if (rows.length <= top) return rows
	const rest = rows.slice(top).reduce((sum, row) => sum + row.value, 0)
	return [...rows.slice(0, top), { key: 'other', value: rest }]
}

export const byCountry = (db: Db, callId: number, top = 15) => countsBy(db, callId, applicationListing.country, top)
export const bySchool = (db: Db, callId: number) => countsBy(db, callId, applicationListing.hostSchool, 100)

/**
 * First submissions per calendar day in the call's time zone, from the opening day to the deadline's day (or to
 * today, if earlier): every day present, zero where nobody submitted.
 */
export function submissionsPerDay(db: Db, call: Call, now: Date): Count[] {
	const submitted = db
		.select({ at: applications.firstSubmittedAt })
		.from(applications)
		.where(and(eq(applications.callId, call.id), isNotNull(applications.firstSubmittedAt)))
		.all()
	const perDay = new Map<string, number>()
	for (const { at } of submitted) {
		const day = instantToZonedDate(at!, call.timeZone)
		perDay.set(day, (perDay.get(day) ?? 0) + 1)
	}
	const first = instantToZonedDate(call.opensAt, call.timeZone)
	const end = instantToZonedDate(now < call.closesAt ? now : call.closesAt, call.timeZone)
	const last = [...perDay.keys(), end].sort().at(-1)!
	const days: Count[] = []
	for (let day = first; day <= last && days.length < 400; day = addDays(day, 1)) days.push({ key: day, value: perDay.get(day) ?? 0 })
	return days
}

export type ReviewProgress = { done: number; onTime: number; overdue: number }

/** Reviews of the call's applications: submitted, still open before their due date, and open past it. */
export function reviewProgress(db: Db, callId: number, now: Date): ReviewProgress {
	const base = db
		.select({ status: reviewAssignments.status, n: count() })
		.from(reviewAssignments)
		.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
		.where(and(eq(applications.callId, callId), inArray(reviewAssignments.status, ['active', 'done'])))
		.groupBy(reviewAssignments.status)
		.all()
	const overdue = db
		.select({ n: count() })
		.from(reviewAssignments)
		.innerJoin(applications, eq(applications.id, reviewAssignments.applicationId))
		.where(and(eq(applications.callId, callId), eq(reviewAssignments.status, 'active'), lt(reviewAssignments.dueAt, now)))
		.get()!.n
	const active = base.find((row) => row.status === 'active')?.n ?? 0
	return { done: base.find((row) => row.status === 'done')?.n ?? 0, onTime: active - overdue, overdue }
}

/** Scored applications by score, in ten bins of 10 points (0–10, …, 90–100; 100 falls in the last). */
export function scoreHistogram(db: Db, callId: number): Count[] {
	freshenListing(db)
	const bins = Array.from({ length: 10 }, (_, index) => ({ key: `${index * 10}–${index * 10 + 10}`, value: 0 }))
	for (const { score } of db
		.select({ score: applicationListing.score })
		.from(applicationListing)
		.where(and(eq(applicationListing.callId, callId), isNotNull(applicationListing.score)))
		.all()) {
		bins[Math.min(9, Math.floor(score! / 10))]!.value += 1
	}
	return bins
}

export type LetterFigures = { received: number; required: number; complete: number; missing: number }

/**
 * Referees' letters of submitted applications: letters received against letters required (each application counts
 * up to the call's number), and how many applications have all of theirs.
 */
export function letterFigures(db: Db, callId: number): LetterFigures {
	freshenListing(db)
	const rows = db
		.select({ received: applicationListing.lettersReceived, required: applicationListing.lettersRequired })
		.from(applicationListing)
		.where(and(eq(applicationListing.callId, callId), ne(applicationListing.status, 'draft')))
		.all()
	let received = 0
	let required = 0
	let complete = 0
	for (const row of rows) {
		received += Math.min(row.received, row.required)
		required += row.required
		if (row.received >= row.required) complete += 1
	}
	return { received, required, complete, missing: rows.length - complete }
}

export type CallDashboard = {
	funnel: Count<FunnelStage>[]
	countries: Count[]
	schools: Count[]
	perDay: Count[]
	reviews: ReviewProgress
	scores: Count[]
	letters: LetterFigures
}

export function callDashboard(db: Db, call: Call, now: Date): CallDashboard {
	return {
		funnel: funnel(db, call.id),
		countries: byCountry(db, call.id),
		schools: bySchool(db, call.id),
		perDay: submissionsPerDay(db, call, now),
		reviews: reviewProgress(db, call.id, now),
		scores: scoreHistogram(db, call.id),
		letters: letterFigures(db, call.id),
	}
}

export type YearRow = {
	call: Call
	funnel: Record<FunnelStage, number>
	statuses: Record<string, number>
	countries: number
	topCountry: string | null
	reviews: ReviewProgress
	meanScore: number | null
	letters: LetterFigures
}

/** The same figures for every call of a year, one row per call (the year report). */
export function yearReport(db: Db, year: number, now: Date): YearRow[] {
	freshenListing(db)
	return db
		.select()
		.from(calls)
		.where(eq(calls.year, year))
		.orderBy(calls.opensAt, calls.id)
		.all()
		.map((call) => {
			const statuses = Object.fromEntries(
				db
					.select({ status: applications.status, n: count() })
					.from(applications)
					.where(eq(applications.callId, call.id))
					.groupBy(applications.status)
					.all()
					.map((row) => [row.status, row.n]),
			)
			const countries = byCountry(db, call.id, 1000).filter((row) => row.key !== 'unknown')
			const mean = db
				.select({ mean: sql<number | null>`avg(${applicationListing.score})` })
				.from(applicationListing)
				.where(eq(applicationListing.callId, call.id))
				.get()?.mean
			return {
				call,
				funnel: Object.fromEntries(funnel(db, call.id).map((row) => [row.key, row.value])) as Record<FunnelStage, number>,
				statuses,
				countries: countries.length,
				topCountry: countries[0]?.key ?? null,
				reviews: reviewProgress(db, call.id, now),
				meanScore: mean ?? null,
				letters: letterFigures(db, call.id),
			}
		})
}

/** The years that have calls, newest first. */
export function reportYears(db: Db): number[] {
	return db
		.selectDistinct({ year: calls.year })
		.from(calls)
		.all()
		.map((row) => row.year)
		.sort((a, b) => b - a)
}

