import { and, count, eq, inArray, isNull } from 'drizzle-orm'
import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	applicationSteps,
	applications,
	calls,
	conflictDeclarations,
	hostEndorsements,
	referees,
	reviewAssignments,
	users,
	type Application,
	type ApplicationStatus,
	type Call,
	type ReviewAssignment,
	type ReviewAssignmentStatus,
	type User,
} from '#db/schema.ts'
import type { TemplateName } from '#emails/registry.ts'
import { recordAudit } from './audit.ts'
import { changeStatusInTransaction } from './lifecycle/change-status.server.ts'
import type { LifecycleSettings } from './lifecycle/recipients.server.ts'
import type { Actor } from './permissions.ts'
import { scheduleReviewReminders } from './reviews.server.ts'
import { stepText } from './step-data.ts'

/**
 * The office's side of reviewing: assigning reviewers to an application (the first assignment moves it to
 * under_review through the lifecycle engine, in the same transaction), removing an assignment, changing its due
 * date, and the conflict-of-interest warnings shown beside each reviewer before the office picks them.
 */

/** Reviewers may be assigned while the application waits for review or is being reviewed. */
export const ASSIGNABLE_STATUSES: readonly ApplicationStatus[] = ['submitted', 'under_review']

export const DEFAULT_DUE_DAYS = 14

export type AssignmentRefusal =
	| 'not_found'
	| 'not_assignable'
	| 'no_reviewers'
	/** Not an active reviewer account. */
	| 'not_a_reviewer'
	/** Already assigned (active or done), or released after declaring a conflict. */
	| 'already_assigned'
	| 'due_not_in_future'
	/** Only an active assignment can be removed or get a new due date. */
	| 'not_active'

export class AssignmentError extends Error {
	override name = 'AssignmentError'
	constructor(
		readonly reason: AssignmentRefusal,
		readonly reviewerId?: number,
	) {
		super(`Assignment refused: ${reason}${reviewerId ? ` (reviewer ${reviewerId})` : ''}`)
	}
}

type Settings = LifecycleSettings

export const assignmentLink = (publicUrl: string, assignmentId: number) => `${publicUrl}/reviewer/assignments/${assignmentId}`

/** What the assignment emails say (emails/review-assigned.tsx). */
export type AssignmentEmailProps = {
	name: string
	reference: string
	applicantName: string
	callTitleEn: string
	callTitleFa: string
	timeZone: string
	/** ISO instant. */
	dueAt: string
	link: string
}

function queueAssignmentEmail(
	tx: Tx,
	settings: Settings,
	template: Extract<TemplateName, 'review-assigned' | 'review-assignment-removed' | 'review-due-date-changed'>,
	{ assignment, reviewer, application, call, now }: { assignment: ReviewAssignment; reviewer: User; application: Application; call: Call; now: Date },
) {
	const applicant = tx.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
	const props: AssignmentEmailProps = {
		name: reviewer.name,
		reference: application.reference,
		applicantName: applicant?.name ?? '',
		callTitleEn: call.titleEn,
		callTitleFa: call.titleFa,
		timeZone: call.timeZone,
		dueAt: assignment.dueAt.toISOString(),
		link: template === 'review-assignment-removed' ? `${settings.publicUrl}/reviewer` : assignmentLink(settings.publicUrl, assignment.id),
	}
	queueEmail(tx, {
		to: reviewer.email,
		toName: reviewer.name,
		template,
		locale: reviewer.locale,
		props,
		// The instant makes each event its own: an assignment removed and made again is told again.
		dedupeKey: dedupeKey('assignment', assignment.id, now.getTime(), template, reviewer.email),
		applicationId: application.id,
		now,
	})
}

function loadApplication(tx: Tx, applicationId: number): { application: Application; call: Call } {
	const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) throw new AssignmentError('not_found')
	const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
	return { application, call }
}

export type AssignInput = { applicationId: number; reviewerIds: readonly number[]; dueAt: Date; actor: Actor; now: Date }

/**
 * Assigns reviewers in one immediate transaction: their assignments, the move submitted -> under_review when the
 * application was waiting (the lifecycle's guard needs an active assignment, so the rows come first), an email to
 * each reviewer with the due date, their reminders and an audit row each. Everything or nothing.
 */
export function assignReviewers(db: Db, settings: Settings, input: AssignInput): { assignmentIds: number[]; movedToUnderReview: boolean } {
	checkAssignInput(input)
	return db.transaction((tx) => assignReviewersInTransaction(tx, settings, input), { behavior: 'immediate' })
}

function checkAssignInput({ reviewerIds, dueAt, now }: Pick<AssignInput, 'reviewerIds' | 'dueAt' | 'now'>) {
	if (reviewerIds.length === 0) throw new AssignmentError('no_reviewers')
	if (dueAt.getTime() <= now.getTime()) throw new AssignmentError('due_not_in_future')
}

/** assignReviewers inside a transaction the caller holds (the reviewer suggestions assign many applications in one). */
export function assignReviewersInTransaction(
	tx: Tx,
	settings: Settings,
	input: AssignInput,
): { assignmentIds: number[]; movedToUnderReview: boolean } {
	checkAssignInput(input)
	const { applicationId, dueAt, actor, now } = input
	const reviewerIds = [...new Set(input.reviewerIds)]
	const { application, call } = loadApplication(tx, applicationId)
	if (!ASSIGNABLE_STATUSES.includes(application.status)) throw new AssignmentError('not_assignable')
	const assigned: { assignment: ReviewAssignment; reviewer: User }[] = []
	for (const reviewerId of reviewerIds) {
		const reviewer = tx.select().from(users).where(eq(users.id, reviewerId)).get()
		if (!reviewer || reviewer.role !== 'reviewer' || reviewer.disabledAt) throw new AssignmentError('not_a_reviewer', reviewerId)
		const existing = tx
			.select()
			.from(reviewAssignments)
			.where(and(eq(reviewAssignments.applicationId, applicationId), eq(reviewAssignments.reviewerId, reviewerId)))
			.get()
		// One row per application and reviewer: an assignment the office ended may be made again; one the reviewer
		// left by declaring a conflict, or an active or finished one, may not.
		if (existing && existing.status !== 'ended') throw new AssignmentError('already_assigned', reviewerId)
		const values = { assignedBy: actor.id, dueAt, status: 'active' as const, updatedAt: now }
		const assignment = existing
			? tx.update(reviewAssignments).set(values).where(eq(reviewAssignments.id, existing.id)).returning().get()
			: tx
					.insert(reviewAssignments)
					.values({ ...values, applicationId, reviewerId, createdAt: now })
					.returning()
					.get()
		assigned.push({ assignment, reviewer })
	}

	const movedToUnderReview = application.status === 'submitted'
	if (movedToUnderReview) {
		changeStatusInTransaction(tx, {
			applicationId,
			to: 'under_review',
			actor,
			expectedVersion: application.version,
			now,
			settings,
		})
	}

	for (const { assignment, reviewer } of assigned) {
		queueAssignmentEmail(tx, settings, 'review-assigned', { assignment, reviewer, application, call, now })
		scheduleReviewReminders(tx, { assignmentId: assignment.id, dueAt, now })
		recordAudit(tx, {
			actorId: actor.id,
			action: 'assignment.created',
			entity: 'review_assignment',
			entityId: assignment.id,
			applicationId,
			data: { reviewerId: reviewer.id, dueAt: dueAt.toISOString() },
			at: now,
		})
	}
	return { assignmentIds: assigned.map(({ assignment }) => assignment.id), movedToUnderReview }
}

function loadActiveAssignment(tx: Tx, assignmentId: number) {
	const assignment = tx.select().from(reviewAssignments).where(eq(reviewAssignments.id, assignmentId)).get()
	if (!assignment) throw new AssignmentError('not_found')
	if (assignment.status !== 'active') throw new AssignmentError('not_active')
	const reviewer = tx.select().from(users).where(eq(users.id, assignment.reviewerId)).get()!
	return { assignment, reviewer, ...loadApplication(tx, assignment.applicationId) }
}

/**
 * Ends an active assignment (status `ended`; the reviewer's draft stays for the record) and tells the reviewer.
 * The application keeps its status: taking a reviewer off does not take it out of review. Pending reminders find
 * the assignment no longer active and send nothing.
 */
export function removeAssignment(db: Db, settings: Settings, { assignmentId, actor, now }: { assignmentId: number; actor: Actor; now: Date }): void {
	db.transaction(
		(tx) => {
			const { assignment, reviewer, application, call } = loadActiveAssignment(tx, assignmentId)
			const ended = tx
				.update(reviewAssignments)
				.set({ status: 'ended', updatedAt: now })
				.where(eq(reviewAssignments.id, assignment.id))
				.returning()
				.get()
			queueAssignmentEmail(tx, settings, 'review-assignment-removed', { assignment: ended, reviewer, application, call, now })
			recordAudit(tx, {
				actorId: actor.id,
				action: 'assignment.removed',
				entity: 'review_assignment',
				entityId: assignment.id,
				applicationId: application.id,
				data: { reviewerId: reviewer.id },
				at: now,
			})
		},
		{ behavior: 'immediate' },
	)
}

/** Moves an active assignment's due date, reschedules its reminders (the old ones then skip) and tells the reviewer. */
export function changeDueDate(
	db: Db,
	settings: Settings,
	{ assignmentId, dueAt, actor, now }: { assignmentId: number; dueAt: Date; actor: Actor; now: Date },
): void {
	if (dueAt.getTime() <= now.getTime()) throw new AssignmentError('due_not_in_future')
	db.transaction(
		(tx) => {
			const { assignment, reviewer, application, call } = loadActiveAssignment(tx, assignmentId)
			if (assignment.dueAt.getTime() === dueAt.getTime()) return
			const moved = tx
				.update(reviewAssignments)
				.set({ dueAt, updatedAt: now })
				.where(eq(reviewAssignments.id, assignment.id))
				.returning()
				.get()
			scheduleReviewReminders(tx, { assignmentId: assignment.id, dueAt, now })
			queueAssignmentEmail(tx, settings, 'review-due-date-changed', { assignment: moved, reviewer, application, call, now })
			recordAudit(tx, {
				actorId: actor.id,
				action: 'assignment.due_date_changed',
				entity: 'review_assignment',
				entityId: assignment.id,
				applicationId: application.id,
				data: { reviewerId: reviewer.id, from: assignment.dueAt.toISOString(), to: dueAt.toISOString() },
				at: now,
			})
		},
		{ behavior: 'immediate' },
	)
}

// ---------------------------------------------------------------------------------------------------------------
// Conflict-of-interest warnings: hints for the office, never a block (the reviewer's own declaration decides).

export type ConflictReason = 'same_institution' | 'same_email_domain' | 'named_referee' | 'named_host' | 'declared_conflict'

export type ConflictWarning = { reason: ConflictReason; detail: string | null }

/** What the rules compare a reviewer with: facts about one applicant and their application. */
export type ApplicantFacts = {
	/** The account's address and the one given on the personal step. */
	emails: readonly string[]
	/** The institution given on the academic step. */
	institution: string
	refereeEmails: readonly string[]
	hostEmails: readonly string[]
	/** Reviewers who declared a conflict with this applicant, on this or an earlier application. */
	declaredConflictReviewerIds: ReadonlySet<number>
}

/** Shared mail providers: an address there says nothing about where someone works. */
const PUBLIC_MAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'live.com', 'icloud.com', 'proton.me', 'protonmail.com', 'gmx.de', 'web.de', 'mail.ru', 'yandex.ru'])

/** Second-level labels under a country code that name a kind of organisation, not the organisation (`ac` in `tums.ac.ir`). */
const GENERIC_SECOND_LEVEL = new Set(['ac', 'co', 'com', 'edu', 'gov', 'net', 'org', 'med', 'sch', 'uni'])

export const emailDomain = (email: string) => email.trim().toLowerCase().split('@')[1] ?? ''

/**
 * The organisation part of a domain: the label before the public suffix (`charite` for `med.charite.de`, `tums` for
 * `tums.ac.ir`, `ox` for `ox.ac.uk`). A heuristic without a public-suffix list, good enough for a warning.
 */
export function organisationOf(domain: string): string | null {
	const labels = domain.toLowerCase().split('.').filter(Boolean)
	if (labels.length < 2) return null
	labels.pop()
	if (labels.length >= 2 && GENERIC_SECOND_LEVEL.has(labels.at(-1)!)) labels.pop()
	return labels.at(-1) ?? null
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The pattern of a whole word, built once per word (a call's suggestions compare thousands of pairs). */
const wordPatterns = new Map<string, RegExp>()
function wordPattern(word: string): RegExp {
	let pattern = wordPatterns.get(word)
	if (!pattern) {
		if (wordPatterns.size > 10_000) wordPatterns.clear()
		pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'iu')
		wordPatterns.set(word, pattern)
	}
	return pattern
}

/**
 * The warnings for one reviewer, each rule on its own:
 * - `same_email_domain`: the reviewer's email domain is the applicant's (shared mail providers excepted);
 * - `same_institution`: reviewers have no institution field, so their email domain stands for it: one of the
 *   applicant's domains lies inside it or it inside one of them (med.charite.de and charite.de), or its organisation
 *   part appears as a word in the institution the applicant gave, accents aside (reviewer@charite.de and "Charité –
 *   Universitätsmedizin Berlin"; organisation parts shorter than 3 letters are ignored);
 * - `named_referee` / `named_host`: the reviewer's address is one the applicant named;
 * - `declared_conflict`: the reviewer declared a conflict with this applicant before.
 */
export function conflictReasons(reviewer: { id: number; email: string }, facts: ApplicantFacts): ConflictWarning[] {
	return conflictCheck(facts)(reviewer)
}

type ReviewerSide = { email: string; domain: string; privateDomain: boolean; organisation: string | null }

/** The reviewer's half of the rules, worked out once per address (a call's suggestions compare thousands of pairs). */
const reviewerSides = new Map<string, ReviewerSide>()
function reviewerSide(address: string): ReviewerSide {
	let side = reviewerSides.get(address)
	if (!side) {
		const email = address.trim().toLowerCase()
		const domain = emailDomain(email)
		const privateDomain = domain !== '' && !PUBLIC_MAIL_DOMAINS.has(domain)
		side = { email, domain, privateDomain, organisation: privateDomain ? organisationOf(domain) : null }
		if (reviewerSides.size > 10_000) reviewerSides.clear()
		reviewerSides.set(address, side)
	}
	return side
}

/** conflictReasons with the applicant's half worked out once: the returned function checks one reviewer. */
export function conflictCheck(facts: ApplicantFacts): (reviewer: { id: number; email: string }) => ConflictWarning[] {
	const applicantDomains = [...new Set(facts.emails.map(emailDomain).filter(Boolean))]
	const institution = facts.institution.normalize('NFD').replace(/\p{M}/gu, '')
	const refereeEmails = new Set(facts.refereeEmails.map((email) => email.trim().toLowerCase()))
	const hostEmails = new Set(facts.hostEmails.map((email) => email.trim().toLowerCase()))
	return (reviewer) => {
		const warnings: ConflictWarning[] = []
		const { email, domain, privateDomain, organisation } = reviewerSide(reviewer.email)
		if (privateDomain && applicantDomains.includes(domain)) warnings.push({ reason: 'same_email_domain', detail: domain })
		if (organisation && organisation.length >= 3) {
			// One domain inside the other (med.charite.de, charite.de); the same name under another suffix (example.edu,
			// example.org) is too often someone else.
			const sameOrganisation = applicantDomains.some((other) => other !== domain && (other.endsWith(`.${domain}`) || domain.endsWith(`.${other}`)))
			if (sameOrganisation || wordPattern(organisation).test(institution)) {
				warnings.push({ reason: 'same_institution', detail: facts.institution || organisation })
			}
		}
		if (refereeEmails.has(email)) warnings.push({ reason: 'named_referee', detail: null })
		if (hostEmails.has(email)) warnings.push({ reason: 'named_host', detail: null })
		if (facts.declaredConflictReviewerIds.has(reviewer.id)) warnings.push({ reason: 'declared_conflict', detail: null })
		return warnings
	}
}

/** SQLite binds at most 32,766 variables per statement; stay far below. */
const CHUNK = 500

function inChunks<T>(ids: readonly number[], query: (chunk: number[]) => T[]): T[] {
	const rows: T[] = []
	for (let start = 0; start < ids.length; start += CHUNK) rows.push(...query(ids.slice(start, start + CHUNK)))
	return rows
}

export type StepData = Record<string, Record<string, unknown> | undefined>

/**
 * The facts the conflict rules compare with, for many applications at once (a fixed number of queries, whatever the
 * count), with each application's saved steps for callers that need more of them.
 */
export function applicantFactsFor(db: Db | Tx, list: readonly Application[]): Map<number, { facts: ApplicantFacts; steps: StepData }> {
	const ids = list.map((application) => application.id)
	const applicantIds = [...new Set(list.map((application) => application.applicantId))]
	const steps = new Map<number, StepData>(ids.map((id) => [id, {}]))
	for (const row of inChunks(ids, (chunk) => db.select().from(applicationSteps).where(inArray(applicationSteps.applicationId, chunk)).all())) {
		steps.get(row.applicationId)![row.step] = row.data
	}
	const accountEmails = new Map(
		inChunks(applicantIds, (chunk) => db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, chunk)).all()).map((row) => [row.id, row.email]),
	)
	const refereeEmails = new Map<number, string[]>()
	for (const row of inChunks(ids, (chunk) =>
		db.select({ applicationId: referees.applicationId, email: referees.email }).from(referees).where(inArray(referees.applicationId, chunk)).all(),
	)) {
		refereeEmails.set(row.applicationId, [...(refereeEmails.get(row.applicationId) ?? []), row.email])
	}
	const hostEmails = new Map(
		inChunks(ids, (chunk) =>
			db
				.select({ applicationId: hostEndorsements.applicationId, email: hostEndorsements.email })
				.from(hostEndorsements)
				.where(inArray(hostEndorsements.applicationId, chunk))
				.all(),
		).map((row) => [row.applicationId, row.email]),
	)
	const declared = new Map<number, Set<number>>()
	for (const row of inChunks(applicantIds, (chunk) =>
		db
			.select({ applicantId: conflictDeclarations.applicantId, reviewerId: conflictDeclarations.reviewerId })
			.from(conflictDeclarations)
			.where(and(inArray(conflictDeclarations.applicantId, chunk), eq(conflictDeclarations.hasConflict, true)))
			.all(),
	)) {
		declared.set(row.applicantId, (declared.get(row.applicantId) ?? new Set()).add(row.reviewerId))
	}
	return new Map(
		list.map((application) => {
			const data = steps.get(application.id)!
			const namedReferees = Array.isArray(data.referees?.referees) ? (data.referees.referees as Record<string, unknown>[]) : []
			const facts: ApplicantFacts = {
				emails: [accountEmails.get(application.applicantId) ?? '', stepText(data.personal, 'email')].filter(Boolean),
				institution: stepText(data.academic, 'institution'),
				refereeEmails: [...(refereeEmails.get(application.id) ?? []), ...namedReferees.map((referee) => stepText(referee, 'email'))].filter(Boolean),
				hostEmails: [hostEmails.get(application.id) ?? '', stepText(data.visit, 'hostEmail')].filter(Boolean),
				declaredConflictReviewerIds: declared.get(application.applicantId) ?? new Set(),
			}
			return [application.id, { facts, steps: data }]
		}),
	)
}

/** The facts about an application's applicant that the conflict rules compare with. */
export function applicantFacts(db: Db | Tx, application: Application): ApplicantFacts {
	return applicantFactsFor(db, [application]).get(application.id)!.facts
}

/**
 * Every active reviewer's warnings for this application, by reviewer id (an empty list: nothing to say). A caller that
 * has just read the active reviewers passes them in.
 */
export function conflictWarnings(
	db: Db | Tx,
	applicationId: number,
	reviewers: ReturnType<typeof activeReviewers> = activeReviewers(db),
): Map<number, ConflictWarning[]> {
	const application = db.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) return new Map()
	const facts = applicantFacts(db, application)
	return new Map(reviewers.map((reviewer) => [reviewer.id, conflictReasons(reviewer, facts)]))
}

export function activeReviewers(db: Db | Tx) {
	return db
		.select({ id: users.id, email: users.email, name: users.name, department: users.department, keywords: users.keywords, reviewCap: users.reviewCap })
		.from(users)
		.where(and(eq(users.role, 'reviewer'), isNull(users.disabledAt)))
		.orderBy(users.name, users.id)
		.all()
}

/** Open (active) reviews per reviewer id; a reviewer without any is absent. */
export function openLoads(db: Db | Tx): Map<number, number> {
	return new Map(
		db
			.select({ reviewerId: reviewAssignments.reviewerId, n: count() })
			.from(reviewAssignments)
			.where(eq(reviewAssignments.status, 'active'))
			.groupBy(reviewAssignments.reviewerId)
			.all()
			.map((row) => [row.reviewerId, row.n]),
	)
}

export type ReviewerOption = {
	id: number
	name: string
	email: string
	department: string | null
	keywords: string
	/** Active assignments across every application. */
	openLoad: number
	reviewCap: number
	/** This reviewer's assignment on this application, if any. */
	assignment: ReviewAssignmentStatus | null
	/** Whether the office may pick them now (not already assigned, nor released after a conflict). */
	assignable: boolean
	warnings: ConflictWarning[]
}

/** Each reviewer's assignment on the application, by reviewer id. */
function assignmentsOn(db: Db, applicationId: number): Map<number, ReviewAssignmentStatus> {
	return new Map(
		db
			.select({ reviewerId: reviewAssignments.reviewerId, status: reviewAssignments.status })
			.from(reviewAssignments)
			.where(eq(reviewAssignments.applicationId, applicationId))
			.all()
			.map((row) => [row.reviewerId, row.status]),
	)
}

/** The office may pick a reviewer not assigned to the application yet, or one whose assignment it ended. */
const pickable = (assignment: ReviewAssignmentStatus | null) => assignment === null || assignment === 'ended'

/** The assign form's list: every active reviewer with department, keywords, open load and warnings. */
export function reviewerOptions(db: Db, applicationId: number): ReviewerOption[] {
	const reviewers = activeReviewers(db)
	if (reviewers.length === 0) return []
	const loads = openLoads(db)
	const here = assignmentsOn(db, applicationId)
	const warnings = conflictWarnings(db, applicationId, reviewers)
	return reviewers.map((reviewer) => {
		const assignment = here.get(reviewer.id) ?? null
		return {
			...reviewer,
			openLoad: loads.get(reviewer.id) ?? 0,
			assignment,
			assignable: pickable(assignment),
			warnings: warnings.get(reviewer.id) ?? [],
		}
	})
}

/** How many reviewers the assign form lists as ones to pick, without their loads and warnings (the file's summary). */
export function assignableReviewerCount(db: Db, applicationId: number): number {
	const here = assignmentsOn(db, applicationId)
	return activeReviewers(db).filter((reviewer) => pickable(here.get(reviewer.id) ?? null)).length
}
