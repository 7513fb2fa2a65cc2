import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '#db/client.ts'
import { applications, calls, reviewAssignments, users, type Application, type ReviewAssignmentStatus } from '#db/schema.ts'
import {
	ASSIGNABLE_STATUSES,
	AssignmentError,
	activeReviewers,
	applicantFactsFor,
	assignReviewersInTransaction,
	conflictCheck,
	conflictReasons,
	openLoads,
	type AssignmentRefusal,
	type ConflictReason,
	type StepData,
} from './assignments.server.ts'
import { recordAudit } from './audit.ts'
import { fieldLabel, isFieldCode, type FieldCode } from './fields.ts'
import type { LifecycleSettings } from './lifecycle/recipients.server.ts'
import type { Actor } from './permissions.ts'
import { findDepartment, isDepartmentCode, isSchoolCode, type DepartmentCode, type SchoolCode } from './schools.ts'
import { stepText } from './step-data.ts'
import { PREFERENCE_MAX, suggestReviewers } from './suggest-reviewers.ts'

/**
 * Reviewer suggestions for a call (or one application of it): the office asks, the portal proposes N reviewers per
 * application that still needs them (app/domain/suggest-reviewers.ts does the choosing), the office edits the
 * proposal and confirms it; confirming assigns every row in one transaction.
 */

export const MAX_REVIEWERS_PER_APPLICATION = 6

/** Which applications to propose for: a whole call, one school's, or one application. */
export type SuggestionScope = { callId: number; applicationId?: number; school?: SchoolCode }

export type SuggestionWarning = { reason: ConflictReason | 'over_cap'; detail: string | null }

/** Why an application gets fewer reviewers than it needs. */
export type Shortfall =
	/** Fewer reviewers than it needs have no conflict warning and are not already on it. */
	| { reason: 'too_few_eligible'; eligible: number }
	/** Enough are eligible, but their caps are reached. */
	| { reason: 'caps_reached'; eligible: number }

export type ProposalRow = {
	applicationId: number
	reference: string
	applicantName: string
	field: FieldCode | null
	hostSchool: SchoolCode | null
	hostDepartment: DepartmentCode | null
	/** Reviewers already on it who count towards N (active or done). */
	current: { reviewerId: number; name: string; status: ReviewAssignmentStatus }[]
	need: number
	/** Proposed reviewer ids, best fit first (at most `need`). */
	reviewerIds: number[]
	shortfall: Shortfall | null
}

export type ProposalReviewer = {
	id: number
	name: string
	email: string
	department: string | null
	keywords: string
	openLoad: number
	reviewCap: number
	/** Open reviews once the proposal is confirmed. */
	proposedLoad: number
}

export type Proposal = {
	perApplication: number
	rows: ProposalRow[]
	reviewers: ProposalReviewer[]
	/** Warnings per application id and reviewer id (only pairs in the proposal; none for a fresh suggestion). */
	warnings: Map<number, Map<number, SuggestionWarning[]>>
}

// ---------------------------------------------------------------------------------------------------------------
// How well a reviewer fits an application.

const normalise = (text: string) =>
	` ${text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()} `

/** What a reviewer's fit is judged on: the host school and department, and the application's words. */
export type FitProfile = { hostSchool: string | null; hostDepartment: string | null; text: string }

export function fitProfile(steps: StepData): FitProfile {
	const field = steps.academic?.field
	const fieldWords = isFieldCode(field) ? `${fieldLabel(field, 'en')} ${fieldLabel(field, 'fa')}` : ''
	const hostSchool = stepText(steps.visit, 'hostSchool')
	const hostDepartment = stepText(steps.visit, 'hostDepartment')
	return {
		hostSchool: isSchoolCode(hostSchool) ? hostSchool : null,
		hostDepartment: isDepartmentCode(hostDepartment) ? hostDepartment : null,
		text: normalise([fieldWords, stepText(steps.plan, 'objectives'), stepText(steps.plan, 'weeklyPlan'), stepText(steps.plan, 'expectedOutcomes')].join(' ')),
	}
}

/** A reviewer's side of the fit, worked out once: department, its school, keyword phrases as the text is normalised. */
export type ReviewerFit = { department: string | null; school: string | null; phrases: string[] }

export function reviewerFit(reviewer: { department: string | null; keywords: string }): ReviewerFit {
	const phrases = reviewer.keywords
		.split(/[,،;\n]/)
		.map((phrase) => normalise(phrase))
		.filter((phrase) => phrase.trim().length >= 3)
	return {
		department: reviewer.department,
		school: reviewer.department ? (findDepartment(reviewer.department)?.school.code ?? null) : null,
		phrases: [...new Set(phrases)],
	}
}

/**
 * 0 to PREFERENCE_MAX: 3 for the host department itself, 2 for another department of the host school; plus one for
 * each of the reviewer's keywords (comma-separated phrases) found as whole words in the field and the plan, up to 3.
 */
export function preferenceOf(fit: ReviewerFit, profile: FitProfile): number {
	let score = 0
	if (fit.department && fit.department === profile.hostDepartment) score += 3
	else if (fit.school && fit.school === profile.hostSchool) score += 2
	let matched = 0
	for (const phrase of fit.phrases) if (profile.text.includes(phrase)) matched += 1
	return Math.min(PREFERENCE_MAX, score + Math.min(3, matched))
}

// ---------------------------------------------------------------------------------------------------------------
// Proposing.

export function reviewersPerApplication(db: Db, callId: number): number | null {
	return db.select({ n: calls.reviewersPerApplication }).from(calls).where(eq(calls.id, callId)).get()?.n ?? null
}

function scopeApplications(db: Db, scope: SuggestionScope): Application[] {
	const conditions = [eq(applications.callId, scope.callId), inArray(applications.status, [...ASSIGNABLE_STATUSES])]
	if (scope.applicationId !== undefined) conditions.push(eq(applications.id, scope.applicationId))
	return db
		.select()
		.from(applications)
		.where(and(...conditions))
		.orderBy(asc(applications.id))
		.all()
}

/**
 * The proposal for the scope: every assignable application with fewer than N reviewers (active or done), the
 * reviewers the flow gives it, and why an application falls short. Deterministic for the same data. With `edited`
 * (the office's own choices per application id), those replace the suggestion and carry their warnings.
 */
export function proposeReviewers(db: Db, scope: SuggestionScope, edited?: ReadonlyMap<number, readonly number[]>): Proposal | null {
	const perApplication = reviewersPerApplication(db, scope.callId)
	if (perApplication === null) return null
	const candidates = scopeApplications(db, scope)
	const content = applicantFactsFor(db, candidates)
	const inScope = candidates.filter((application) => !scope.school || fitProfile(content.get(application.id)!.steps).hostSchool === scope.school)
	const ids = inScope.map((application) => application.id)

	const existing = new Map<number, { reviewerId: number; status: ReviewAssignmentStatus }[]>()
	for (let start = 0; start < ids.length; start += 500) {
		for (const row of db
			.select({ applicationId: reviewAssignments.applicationId, reviewerId: reviewAssignments.reviewerId, status: reviewAssignments.status })
			.from(reviewAssignments)
			.where(inArray(reviewAssignments.applicationId, ids.slice(start, start + 500)))
			.all()) {
			existing.set(row.applicationId, [...(existing.get(row.applicationId) ?? []), row])
		}
	}
	const applicantNames = new Map(
		inScope.length === 0
			? []
			: db
					.select({ id: users.id, name: users.name })
					.from(users)
					.where(inArray(users.id, [...new Set(inScope.map((application) => application.applicantId))]))
					.all()
					.map((row) => [row.id, row.name]),
	)

	const reviewers = activeReviewers(db)
	const loads = openLoads(db)
	const reviewerNames = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer.name]))

	const needing = inScope
		.map((application) => {
			const rows = existing.get(application.id) ?? []
			const counted = rows.filter((row) => row.status === 'active' || row.status === 'done')
			return { application, rows, counted, need: Math.max(0, perApplication - counted.length) }
		})
		.filter(({ need }) => need > 0)

	const { facts: factsOf, profileOf } = {
		facts: (id: number) => content.get(id)!.facts,
		profileOf: new Map(needing.map(({ application }) => [application.id, fitProfile(content.get(application.id)!.steps)])),
	}
	const fits = reviewers.map((reviewer) => reviewerFit(reviewer))
	const problems = needing.map(({ application, rows, need }) => {
		const taken = new Set(rows.map((row) => row.reviewerId))
		const conflicts = conflictCheck(factsOf(application.id))
		const profile = profileOf.get(application.id)!
		const eligible: { reviewerId: number; preference: number }[] = []
		reviewers.forEach((reviewer, index) => {
			if (taken.has(reviewer.id) || conflicts(reviewer).length > 0) return
			eligible.push({ reviewerId: reviewer.id, preference: preferenceOf(fits[index]!, profile) })
		})
		return { id: application.id, need, candidates: eligible }
	})
	const result = suggestReviewers(
		problems,
		reviewers.map((reviewer) => ({ id: reviewer.id, load: loads.get(reviewer.id) ?? 0, cap: reviewer.reviewCap })),
	)

	const rows: ProposalRow[] = needing.map(({ application, counted, need }, index) => {
		const profile = profileOf.get(application.id)!
		const steps = content.get(application.id)!.steps
		const field = steps.academic?.field
		const suggested = result.assignments.get(application.id) ?? []
		const eligible = problems[index]!.candidates.length
		const chosen = edited?.has(application.id) ? [...edited.get(application.id)!] : suggested
		return {
			applicationId: application.id,
			reference: application.reference,
			applicantName: applicantNames.get(application.applicantId) ?? '',
			field: isFieldCode(field) ? field : null,
			hostSchool: isSchoolCode(profile.hostSchool) ? profile.hostSchool : null,
			hostDepartment: isDepartmentCode(profile.hostDepartment) ? profile.hostDepartment : null,
			current: counted.map((row) => ({ reviewerId: row.reviewerId, name: reviewerNames.get(row.reviewerId) ?? '', status: row.status })),
			need,
			reviewerIds: chosen,
			shortfall: suggested.length >= need ? null : { reason: eligible < need ? 'too_few_eligible' : 'caps_reached', eligible },
		}
	})

	const proposedLoads = new Map(reviewers.map((reviewer) => [reviewer.id, loads.get(reviewer.id) ?? 0]))
	for (const row of rows) for (const id of row.reviewerIds) if (proposedLoads.has(id)) proposedLoads.set(id, proposedLoads.get(id)! + 1)
	const byId = new Map(reviewers.map((reviewer) => [reviewer.id, reviewer]))
	const warnings = new Map<number, Map<number, SuggestionWarning[]>>()
	for (const row of rows) {
		const perReviewer = new Map<number, SuggestionWarning[]>()
		for (const id of row.reviewerIds) {
			const reviewer = byId.get(id)
			if (!reviewer) continue
			const list: SuggestionWarning[] = conflictReasons(reviewer, factsOf(row.applicationId))
			const load = proposedLoads.get(id)!
			if (load > reviewer.reviewCap) list.push({ reason: 'over_cap', detail: `${load}/${reviewer.reviewCap}` })
			if (list.length > 0) perReviewer.set(id, list)
		}
		if (perReviewer.size > 0) warnings.set(row.applicationId, perReviewer)
	}

	return {
		perApplication,
		rows,
		reviewers: reviewers.map((reviewer) => ({
			id: reviewer.id,
			name: reviewer.name,
			email: reviewer.email,
			department: reviewer.department,
			keywords: reviewer.keywords,
			openLoad: loads.get(reviewer.id) ?? 0,
			reviewCap: reviewer.reviewCap,
			proposedLoad: proposedLoads.get(reviewer.id)!,
		})),
		warnings,
	}
}

// ---------------------------------------------------------------------------------------------------------------
// Confirming.

export class ProposalError extends Error {
	override name = 'ProposalError'
	constructor(
		readonly applicationId: number,
		readonly reason: AssignmentRefusal,
		readonly reviewerId?: number,
	) {
		super(`Proposal refused for application ${applicationId}: ${reason}`)
	}
}

/**
 * Assigns every row of a confirmed proposal in one immediate transaction (each row as the assign form would: moves
 * to under_review, emails, reminders, audit). One refusal (an application withdrawn meanwhile, a reviewer assigned
 * by someone else) undoes all of it and names the row.
 */
export function confirmProposal(
	db: Db,
	settings: LifecycleSettings,
	{ rows, dueAt, actor, now }: { rows: readonly { applicationId: number; reviewerIds: readonly number[] }[]; dueAt: Date; actor: Actor; now: Date },
): { applications: number; assignments: number } {
	const filled = rows.filter((row) => row.reviewerIds.length > 0)
	return db.transaction(
		(tx) => {
			let assignments = 0
			for (const row of filled) {
				try {
					assignments += assignReviewersInTransaction(tx, settings, { applicationId: row.applicationId, reviewerIds: row.reviewerIds, dueAt, actor, now }).assignmentIds.length
				} catch (error) {
					if (error instanceof AssignmentError) throw new ProposalError(row.applicationId, error.reason, error.reviewerId)
					throw error
				}
			}
			return { applications: filled.length, assignments }
		},
		{ behavior: 'immediate' },
	)
}

/** Sets how many reviewers each application of the call should have. */
export function setReviewersPerApplication(db: Db, { callId, count, actor, now }: { callId: number; count: number; actor: Actor; now: Date }): void {
	db.transaction(
		(tx) => {
			const before = tx.select({ n: calls.reviewersPerApplication }).from(calls).where(eq(calls.id, callId)).get()
			if (!before || before.n === count) return
			tx.update(calls).set({ reviewersPerApplication: count, updatedAt: now }).where(eq(calls.id, callId)).run()
			recordAudit(tx, { actorId: actor.id, action: 'call.reviewers_per_application', entity: 'call', entityId: callId, data: { from: before.n, to: count }, at: now })
		},
		{ behavior: 'immediate' },
	)
}
