import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Db, Tx } from '#db/client.ts'
import {
	applicationListing,
	applicationSteps,
	applications,
	callCriteria,
	calls,
	listingDirty,
	referees,
	reviewAssignments,
	reviews,
	users,
	type ApplicationListingRow,
} from '#db/schema.ts'
import { applicationScore } from './scoring.ts'
import { stepText } from './step-data.ts'

/**
 * The office's applications table reads application_listing: one row per application, computed here from the
 * sources (applicant, steps, assignments, submitted reviews, referees, the call). Triggers (migration 0007) put the id
 * of every application whose sources change into listing_dirty, inside the writer's transaction; `freshenListing`
 * recomputes the dirty rows before a read. So no writer needs to know about the listing, and a reader never sees a
 * row older than the data it summarises.
 */

const CHUNK = 500

/** Letters that carry no combining mark, so the FTS tokenizer's own folding leaves them (Ł stays Ł without this). */
const LETTER_FOLDS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ı: 'i', þ: 'th', ð: 'd', ħ: 'h' }

/**
 * Text as it is indexed and searched: accents off (Şahin -> Sahin, Nguyễn -> Nguyen) and the few Latin letters that
 * have no accent to drop folded too; Arabic-script letters unified (ي -> ی, ك -> ک), so a Persian name is found
 * whichever keyboard typed it.
 */
export function foldForSearch(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[łŁøØđĐßæÆœŒıþðħ]/g, (letter) => LETTER_FOLDS[letter] ?? letter)
		.replace(/ي/g, 'ی')
		.replace(/ك/g, 'ک')
}

/** The listing rows of these applications, computed from the sources with a fixed number of queries per chunk. */
export function computeListingRows(db: Db | Tx, ids: readonly number[]): ApplicationListingRow[] {
	const rows: ApplicationListingRow[] = []
	const criteriaByCall = new Map<number, { key: string; weight: number }[]>()
	for (let start = 0; start < ids.length; start += CHUNK) {
		const chunk = ids.slice(start, start + CHUNK)
		const base = db
			.select({ application: applications, name: users.name, email: users.email, refereesRequired: calls.refereesRequired })
			.from(applications)
			.innerJoin(users, eq(users.id, applications.applicantId))
			.innerJoin(calls, eq(calls.id, applications.callId))
			.where(inArray(applications.id, chunk))
			.all()
		const steps = new Map<number, Record<string, Record<string, unknown>>>()
		for (const row of db
			.select()
			.from(applicationSteps)
			.where(and(inArray(applicationSteps.applicationId, chunk), inArray(applicationSteps.step, ['personal', 'academic', 'visit'])))
			.all()) {
			steps.set(row.applicationId, { ...steps.get(row.applicationId), [row.step]: row.data })
		}
		const assigned = new Map(
			db
				.select({ applicationId: reviewAssignments.applicationId, n: sql<number>`count(*)` })
				.from(reviewAssignments)
				.where(and(inArray(reviewAssignments.applicationId, chunk), inArray(reviewAssignments.status, ['active', 'done'])))
				.groupBy(reviewAssignments.applicationId)
				.all()
				.map((row) => [row.applicationId, row.n]),
		)
		const submitted = new Map<number, { scores: Record<string, number | undefined> }[]>()
		for (const row of db
			.select({ applicationId: reviews.applicationId, scores: reviews.scores })
			.from(reviews)
			.where(and(inArray(reviews.applicationId, chunk), eq(reviews.status, 'submitted')))
			.all()) {
			submitted.set(row.applicationId, [...(submitted.get(row.applicationId) ?? []), { scores: row.scores }])
		}
		const letters = new Map(
			db
				.select({ applicationId: referees.applicationId, n: sql<number>`count(${referees.receivedAt})` })
				.from(referees)
				.where(and(inArray(referees.applicationId, chunk), isNull(referees.replacedAt)))
				.groupBy(referees.applicationId)
				.all()
				.map((row) => [row.applicationId, row.n]),
		)
		const callIds = [...new Set(base.map((row) => row.application.callId))].filter((id) => !criteriaByCall.has(id))
		if (callIds.length > 0) {
			for (const id of callIds) criteriaByCall.set(id, [])
			for (const row of db
				.select({ callId: callCriteria.callId, key: callCriteria.key, weight: callCriteria.weight })
				.from(callCriteria)
				.where(inArray(callCriteria.callId, callIds))
				.all()) {
				criteriaByCall.get(row.callId)!.push({ key: row.key, weight: row.weight })
			}
		}
		for (const { application, name, email, refereesRequired } of base) {
			const data = steps.get(application.id) ?? {}
			const own = submitted.get(application.id) ?? []
			const score = applicationScore(criteriaByCall.get(application.callId) ?? [], own)
			rows.push({
				applicationId: application.id,
				callId: application.callId,
				reference: application.reference,
				status: application.status,
				applicantName: name,
				applicantEmail: email,
				country: stepText(data.personal, 'residence', null, { blankIsMissing: true }),
				institution: stepText(data.academic, 'institution', null, { blankIsMissing: true }),
				field: stepText(data.academic, 'field', null, { blankIsMissing: true }),
				hostSchool: stepText(data.visit, 'hostSchool', null, { blankIsMissing: true }),
				hostDepartment: stepText(data.visit, 'hostDepartment', null, { blankIsMissing: true }),
				reviewsAssigned: assigned.get(application.id) ?? 0,
				reviewsDone: own.length,
				score: score.score,
				disagree: score.disagree,
				lettersReceived: letters.get(application.id) ?? 0,
				lettersRequired: refereesRequired,
				submittedAt: application.submittedAt,
				updatedAt: application.updatedAt,
			})
		}
	}
	return rows
}

function writeRows(tx: Tx, rows: readonly ApplicationListingRow[]) {
	for (let start = 0; start < rows.length; start += 100) {
		const chunk = rows.slice(start, start + 100)
		tx.insert(applicationListing)
			.values(chunk)
			.onConflictDoUpdate({
				target: applicationListing.applicationId,
				set: Object.fromEntries(
					Object.keys(chunk[0]!)
						.filter((key) => key !== 'applicationId')
						.map((key) => {
							const column = applicationListing[key as keyof ApplicationListingRow]
							return [key, sql.raw(`excluded.${column.name}`)]
						}),
				),
			})
			.run()
	}
	for (const row of rows) {
		tx.run(sql`DELETE FROM application_search WHERE rowid = ${row.applicationId}`)
		tx.run(
			sql`INSERT INTO application_search (rowid, reference, name, email, institution) VALUES (${row.applicationId}, ${row.reference}, ${foldForSearch(row.applicantName)}, ${row.applicantEmail}, ${foldForSearch(row.institution ?? '')})`,
		)
	}
}

/**
 * Recomputes the rows of every dirty application, in one immediate transaction (so no write can slip between
 * reading the dirty ids and clearing them). Returns how many rows it refreshed; 0 costs one indexed read.
 */
export function freshenListing(db: Db): number {
	const pending = db.select({ id: listingDirty.applicationId }).from(listingDirty).limit(1).get()
	if (!pending) return 0
	return db.transaction(
		(tx) => {
			const ids = tx
				.select({ id: listingDirty.applicationId })
				.from(listingDirty)
				.all()
				.map((row) => row.id)
			if (ids.length === 0) return 0
			const rows = computeListingRows(tx, ids)
			writeRows(tx, rows)
			// Ids with no application (deleted since) simply go.
			for (let start = 0; start < ids.length; start += CHUNK) tx.delete(listingDirty).where(inArray(listingDirty.applicationId, ids.slice(start, start + CHUNK))).run()
			return rows.length
		},
		{ behavior: 'immediate' },
	)
}
