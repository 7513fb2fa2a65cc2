import { and, count, desc, eq, like } from 'drizzle-orm'
import { recordAudit } from '#app/domain/audit.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { cancelEmails } from '#app/email/queue.server.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	applications,
	calls,
	outbox,
	reviewAssignments,
	statusChanges,
	users,
	type Application,
	type ApplicationStatus,
	type Call,
	type StatusChange,
} from '#db/schema.ts'
import { ConflictError, TransitionError } from './errors.ts'
import { queueStatusEmails } from './notify.server.ts'
import type { VisitLetterProps } from '#emails/application-status.tsx'
import { recipientsFor, type LifecycleSettings, type Recipient } from './recipients.server.ts'
import { submissionProblems, type SubmissionOptions } from '#app/domain/submission.server.ts'
import { DECISION_STATUSES, findTransition, isDecision, type Guard, type Transition } from './transitions.ts'

/**
 * The one place an application's status is written (tests/unit/lifecycle-status-writes.test.ts fails if another
 * module writes it). Pages, the reviewers' assignment and scheduled jobs all call changeStatus, which checks the
 * move against the table in transitions.ts and makes it, with its status change row, audit row and emails, in one
 * transaction.
 */

/** A change made by the portal itself (a scheduled job): it may make the office's moves and has no user id. */
export const SYSTEM = 'system'
export type LifecycleActor = Actor | typeof SYSTEM

export type ChangeStatusInput = {
	applicationId: number
	to: ApplicationStatus
	actor: LifecycleActor
	/** The version the actor saw; a change made meanwhile makes this one fail with ConflictError. */
	expectedVersion: number
	/** The change request's message, a reason or a decision note, as the transition asks; optional otherwise. */
	note?: string | null
	/** Changes requested: the instant the applicant must reply by (e.g. the end of a day in the call's zone). */
	replyBy?: Date | null
	/** Approval: the instant the applicant must confirm the visit by. */
	confirmBy?: Date | null
	/** Decisions: the office's message for the applicant, in their decision email (the note stays the office's). */
	applicantMessage?: string | null
	/** Decisions: reviewers' comments meant for the applicant that the office chose to pass on, in its email. */
	reviewerComments?: readonly string[]
	/** Visit confirmed: the invitation letter and calendar data, attached to the applicant's email. */
	visitLetter?: VisitLetterProps | null
	now: Date
	settings: LifecycleSettings
}

export type ChangeStatusResult = {
	application: Application
	change: StatusChange
	recipients: Recipient[]
	/** Emails queued (recipients whose email was not already queued). */
	emailsQueued: number
}

/** Makes a status change in its own immediate transaction (better-sqlite3: synchronous, one writer at a time). */
export function changeStatus(db: Db, input: ChangeStatusInput): ChangeStatusResult {
	return db.transaction((tx) => changeStatusInTransaction(tx, input), { behavior: 'immediate' })
}

/**
 * The same inside a transaction the caller holds, for a change that must commit together with something else
 * (the first reviewer assignment moves submitted -> under_review). The caller's transaction should be IMMEDIATE:
 * in a deferred one, a concurrent writer makes the upgrade to a write lock fail with SQLITE_BUSY instead of the
 * clean ConflictError.
 */
export function changeStatusInTransaction(tx: Tx, input: ChangeStatusInput): ChangeStatusResult {
	const { to, actor, now } = input
	const application = tx.select().from(applications).where(eq(applications.id, input.applicationId)).get()
	if (!application) throw new TransitionError('not_found', null, to)
	// Checked first: a refusal computed from a state the actor never saw would only confuse.
	if (application.version !== input.expectedVersion) {
		throw new ConflictError(application.id, input.expectedVersion, application.version)
	}
	const from = application.status
	const rule = findTransition(from, to)
	if (!rule) throw new TransitionError('no_such_transition', from, to)
	authorize(rule, application, actor, to)
	const note = input.note?.trim() || null
	checkInputs(rule, application, input, note)
	const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()
	if (!call) throw new Error(`Application ${application.id} has no call ${application.callId}`)
	for (const guard of rule.guards) checkGuard(tx, guard, { application, call, actor, to, now, settings: input.settings })

	// A newer decision replaces an older one whose emails are still waiting out the grace period. An approval changed
	// to waitlisted or rejected is a correction (DOMAIN.md): if the applicant's approval email has already left, the
	// new email says that it corrects it. (A waitlisted application approved or rejected later is not a correction.)
	const correcting = from === 'approved' && isDecision(to) ? decisionEmailThatLeft(tx, application.id) : null
	if (isDecision(to)) cancelEmails(tx, { applicationId: application.id, kind: 'decision', now })
	const firstSubmission = to === 'submitted' && application.firstSubmittedAt === null
	// Read before the writes below: a withdrawal ends the assignments of the reviewers it must tell.
	const recipients = recipientsFor(tx, { application, from, to, firstSubmission, settings: input.settings, now })

	const updated = tx
		.update(applications)
		.set({
			status: to,
			version: application.version + 1,
			updatedAt: now,
			...fieldsFor(from, to, { application, note, now, replyBy: input.replyBy, confirmBy: input.confirmBy }),
		})
		.where(and(eq(applications.id, application.id), eq(applications.version, application.version)))
		.returning()
		.get()
	if (!updated) throw new ConflictError(application.id, input.expectedVersion, application.version + 1)

	const actorId = actor === SYSTEM ? null : actor.id
	const change = tx
		.insert(statusChanges)
		.values({ applicationId: application.id, fromStatus: from, toStatus: to, actorId, note, at: now })
		.returning()
		.get()

	if (to === 'withdrawn') {
		tx.update(reviewAssignments)
			.set({ status: 'ended', updatedAt: now })
			.where(and(eq(reviewAssignments.applicationId, application.id), eq(reviewAssignments.status, 'active')))
			.run()
	}

	recordAudit(tx, {
		actorId,
		action: 'application.status_changed',
		entity: 'application',
		entityId: application.id,
		applicationId: application.id,
		data: { from, to, statusChangeId: change.id, version: updated.version, ...(note ? { note } : {}) },
		at: now,
	})

	const applicant = tx.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
	const emailsQueued = queueStatusEmails(tx, {
		application: updated,
		call,
		applicantName: applicant?.name ?? '',
		change,
		recipients,
		visitLetter: to === 'visit_confirmed' ? (input.visitLetter ?? null) : null,
		decision: isDecision(to)
			? { applicantMessage: input.applicantMessage?.trim() || null, reviewerComments: input.reviewerComments ?? [], correcting }
			: undefined,
	})
	return { application: updated, change, recipients, emailsQueued }
}

/**
 * The decision the applicant was last told of by email, when that email has left (sent, or being sent): the decision a
 * new one corrects. Null when the latest decision email to the applicant is still pending (it will be cancelled),
 * failed or cancelled: then the applicant never heard of it.
 */
export function decisionEmailThatLeft(tx: Tx | Db, applicationId: number): ApplicationStatus | null {
	const latest = tx
		.select({ template: outbox.template, status: outbox.status })
		.from(outbox)
		.where(and(eq(outbox.applicationId, applicationId), eq(outbox.kind, 'decision'), like(outbox.template, 'status-%-applicant')))
		.orderBy(desc(outbox.id))
		.get()
	if (!latest || (latest.status !== 'sent' && latest.status !== 'sending')) return null
	const decision = DECISION_STATUSES.find((status) => latest.template.endsWith(`-${status}-applicant`))
	return decision ?? null
}

function authorize(rule: Transition, application: Application, actor: LifecycleActor, to: ApplicationStatus) {
	const from = application.status
	if (actor === SYSTEM) {
		if (!rule.roles.includes('office')) throw new TransitionError('role_not_allowed', from, to, { role: SYSTEM })
		return
	}
	if (actor.disabledAt) throw new TransitionError('actor_disabled', from, to)
	if (!rule.roles.includes(actor.role)) throw new TransitionError('role_not_allowed', from, to, { role: actor.role })
	if (actor.role === 'applicant' && application.applicantId !== actor.id) {
		throw new TransitionError('not_own_application', from, to)
	}
}

function checkInputs(rule: Transition, application: Application, input: ChangeStatusInput, note: string | null) {
	const { from, to } = { from: application.status, to: input.to }
	if (rule.note && !note) throw new TransitionError('note_required', from, to, { field: rule.note })
	if (rule.replyBy) {
		if (!input.replyBy) throw new TransitionError('reply_by_required', from, to, { field: 'replyBy' })
		if (input.replyBy <= input.now) throw new TransitionError('reply_by_not_in_future', from, to, { field: 'replyBy' })
	}
	if (rule.confirmBy) {
		if (!input.confirmBy) throw new TransitionError('confirm_by_required', from, to, { field: 'confirmBy' })
		if (input.confirmBy <= input.now) {
			throw new TransitionError('confirm_by_not_in_future', from, to, { field: 'confirmBy' })
		}
	}
}

type GuardContext = {
	application: Application
	call: Call
	actor: LifecycleActor
	to: ApplicationStatus
	now: Date
	settings: LifecycleSettings & SubmissionOptions
}

function checkGuard(tx: Tx, guard: Guard, { application, call, actor, to, now, settings }: GuardContext) {
	const from = application.status
	switch (guard) {
		case 'submittable':
			return assertSubmittable(tx, application, call, now, { hostEmailDomains: settings.hostEmailDomains })
		case 'reviewerAssigned': {
			const active =
				tx
					.select({ n: count() })
					.from(reviewAssignments)
					.where(and(eq(reviewAssignments.applicationId, application.id), eq(reviewAssignments.status, 'active')))
					.get()?.n ?? 0
			if (active === 0) throw new TransitionError('no_active_reviewer', from, to)
			return
		}
		case 'returnsToOrigin':
			if (application.returnsTo !== to) {
				throw new TransitionError('must_return_to_origin', from, to, { returnsTo: application.returnsTo })
			}
			return
		case 'beforeReplyBy':
			if (application.replyBy && now >= application.replyBy) {
				throw new TransitionError('reply_by_passed', from, to, { replyBy: application.replyBy.toISOString() })
			}
			return
		case 'replyByPassed':
			if (!application.replyBy || now < application.replyBy) {
				throw new TransitionError('reply_by_not_passed', from, to, { replyBy: application.replyBy?.toISOString() })
			}
			return
		case 'applicantBeforeConfirmBy':
			if (actor !== SYSTEM && actor.role === 'applicant' && application.confirmBy && now >= application.confirmBy) {
				throw new TransitionError('confirm_by_passed', from, to, { confirmBy: application.confirmBy.toISOString() })
			}
			return
	}
}

/** The instant a first submission must come before: the call's deadline, or the application's later extension. */
export function submissionDeadline(application: Pick<Application, 'deadlineExtendedTo'>, call: Pick<Call, 'closesAt'>) {
	const extended = application.deadlineExtendedTo
	return extended && extended > call.closesAt ? extended : call.closesAt
}

/**
 * May this application be submitted now? Throws TransitionError (`deadline_passed`, or `not_submittable` with the
 * problems to fix, by step) when not. The deadline applies to a first submission only (a resubmission answers a
 * change request and has its reply-by date, checked by its own guard); the content is checked for both: every step
 * schema, the CV, and the referees the call requires (app/domain/submission.server.ts).
 */
export function assertSubmittable(
	tx: Tx,
	application: Application,
	call: Call,
	now: Date,
	options: SubmissionOptions = {},
): void {
	if (application.status === 'draft' && now >= submissionDeadline(application, call)) {
		throw new TransitionError('deadline_passed', application.status, 'submitted', {
			deadline: submissionDeadline(application, call).toISOString(),
		})
	}
	const problems = submissionProblems(tx, application, call, options)
	if (problems.length > 0) {
		throw new TransitionError('not_submittable', application.status, 'submitted', { problems })
	}
}

/** What the change records on the application besides its status. */
function fieldsFor(
	from: ApplicationStatus,
	to: ApplicationStatus,
	{
		application,
		note,
		now,
		replyBy,
		confirmBy,
	}: { application: Application; note: string | null; now: Date; replyBy?: Date | null; confirmBy?: Date | null },
): Partial<typeof applications.$inferInsert> {
	switch (to) {
		case 'submitted':
			return { submittedAt: now, firstSubmittedAt: application.firstSubmittedAt ?? now, returnsTo: null }
		case 'under_review':
			return from === 'changes_requested' ? { submittedAt: now, returnsTo: null } : {}
		case 'changes_requested':
			return { returnsTo: from, replyBy: replyBy ?? null, changeRequestMessage: note }
		case 'approved':
			return { decidedAt: now, decisionNote: note, confirmBy: confirmBy ?? null }
		case 'waitlisted':
		case 'rejected':
			return { decidedAt: now, decisionNote: note }
		default:
			return {}
	}
}
