import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { isConflictError, isTransitionError } from '#app/domain/lifecycle/errors.ts'
import type { LifecycleSettings } from '#app/domain/lifecycle/recipients.server.ts'
import { endOfDay } from '#app/domain/office-actions.server.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { instantToZonedDate } from '#app/domain/time.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formValues, parseForm, type FieldErrors } from '#app/schemas/parse.ts'
import type { Db } from '#db/client.ts'
import { HELD_DECISIONS, users, type Application, type Call, type HeldDecision } from '#db/schema.ts'
import {
	DEFAULT_CONFIRM_DAYS,
	DecisionError,
	MAX_NOTE_LENGTH,
	allowedDecisions,
	decideNow,
	discardHeldDecision,
	heldDecisionOf,
	holdDecision,
	shareableComments,
} from './decisions.server.ts'

/**
 * The decision form on the office's application page (app/components/office/decision-form.tsx): what it shows, and
 * its three intents. "hold" records the decision without sending anything, "decide" applies it now through the
 * lifecycle engine, "discard" drops a held one. The rules themselves are in decisions.server.ts.
 */

export const DECISION_INTENTS = ['hold', 'decide', 'discard'] as const
export type DecisionIntent = (typeof DECISION_INTENTS)[number]

export const isDecisionIntent = (intent: unknown): intent is DecisionIntent => DECISION_INTENTS.includes(intent as DecisionIntent)

const DAY = 86_400_000

/** Why a held decision could not be released, as a message for the office ({status}: the application's status now). */
const RELEASE_FAILURES: Record<string, MessageKey> = {
	not_allowed: 'office.release.reason.statusChanged',
	no_such_transition: 'office.release.reason.statusChanged',
	changed_meanwhile: 'office.release.reason.changedMeanwhile',
	confirm_by_required: 'office.release.reason.confirmBy',
	confirm_by_not_in_future: 'office.release.reason.confirmBy',
	unknown_review: 'office.release.reason.comments',
	note_required: 'office.release.reason.note',
	too_long: 'office.release.reason.note',
	not_found: 'office.release.reason.gone',
	role_not_allowed: 'office.release.reason.notPermitted',
	actor_disabled: 'office.release.reason.notPermitted',
}

export const releaseFailureKey = (reason: string): MessageKey => RELEASE_FAILURES[reason] ?? 'office.release.reason.other'

export type HeldDecisionSummary = {
	decision: HeldDecision
	decisionNote: string
	applicantMessage: string | null
	sharedReviewIds: number[]
	/** YYYY-MM-DD in the call's time zone. */
	confirmByDay: string | null
	confirmBy: string | null
	recordedBy: string | null
	recordedAt: string
	lastError: { key: MessageKey; reason: string } | null
}

export type DecisionView = {
	version: number
	status: Application['status']
	/** The decisions the lifecycle allows now; empty when none does (a held decision may still be shown). */
	allowed: HeldDecision[]
	/** An approval being corrected before the visit is confirmed. */
	correction: boolean
	timeZone: string
	comments: { reviewId: number; reviewerName: string; comment: string }[]
	/** The date input's earliest and suggested days, in the call's time zone. */
	dates: { today: string; confirmBy: string }
	held: HeldDecisionSummary | null
	releaseHref: string
}

/** The decision section of the application page, or null when there is nothing to decide and nothing held. */
export function decisionView(db: Db, application: Application, call: Call, now: Date, when: (at: Date) => string): DecisionView | null {
	const allowed = allowedDecisions(application.status)
	const held = heldDecisionOf(db, application.id)
	if (allowed.length === 0 && !held) return null
	const day = (at: Date) => instantToZonedDate(at, call.timeZone)
	const recordedBy = held?.recordedBy ? db.select({ name: users.name }).from(users).where(eq(users.id, held.recordedBy)).get() : undefined
	return {
		version: application.version,
		status: application.status,
		allowed,
		correction: application.status === 'approved',
		timeZone: call.timeZone,
		comments: shareableComments(db, application.id),
		dates: { today: day(now), confirmBy: day(new Date(now.getTime() + DEFAULT_CONFIRM_DAYS * DAY)) },
		held: held && {
			decision: held.decision,
			decisionNote: held.decisionNote,
			applicantMessage: held.applicantMessage,
			sharedReviewIds: held.sharedReviewIds,
			confirmByDay: held.confirmBy ? day(held.confirmBy) : null,
			confirmBy: held.confirmBy ? when(held.confirmBy) : null,
			recordedBy: recordedBy?.name ?? null,
			recordedAt: when(held.recordedAt),
			lastError: held.lastError ? { key: releaseFailureKey(held.lastError), reason: held.lastError } : null,
		},
		releaseHref: `/office/calls/${call.id}/decisions`,
	}
}

const note = (required: MessageKey) =>
	z.string({ error: required }).trim().min(1, required).max(MAX_NOTE_LENGTH, 'office.decision.errors.tooLong')

export const DecisionSchema = z.object({
	decision: z.enum(HELD_DECISIONS, { error: 'office.decision.errors.decision' }),
	decisionNote: note('office.decision.errors.note'),
	applicantMessage: z.string().trim().max(MAX_NOTE_LENGTH, 'office.decision.errors.tooLong').optional(),
})

export type DecisionNotice = 'held' | 'decided' | 'discarded'

export type DecisionActionResult =
	| { ok: true; notice: DecisionNotice }
	| { ok: false; status: 400 | 409; errors: FieldErrors; values: Record<string, string>; sharedReviewIds: number[] }

/** Refusals of the domain that concern a field the office typed (400); the others concern the state (409). */
const FIELD_REFUSALS: Record<string, [string, MessageKey]> = {
	note_required: ['decisionNote', 'office.decision.errors.note'],
	too_long: ['decisionNote', 'office.decision.errors.tooLong'],
	confirm_by_required: ['confirmBy', 'office.decision.errors.confirmBy'],
	confirm_by_not_in_future: ['confirmBy', 'office.decision.errors.confirmByFuture'],
	unknown_review: ['sharedReviewId', 'office.decision.errors.comments'],
}

/**
 * Holds, makes or discards a decision from the form: 400 with field errors (and everything typed) when a field is
 * missing or wrong, 409 when the application changed since the page was shown or its status allows no decision.
 */
export function decisionAction(
	db: Db,
	settings: LifecycleSettings,
	{ application, call, intent, formData, actor, now }: { application: Application; call: Call; intent: DecisionIntent; formData: FormData; actor: Actor; now: Date },
): DecisionActionResult {
	if (intent === 'discard') {
		discardHeldDecision(db, { applicationId: application.id, actor, now })
		return { ok: true, notice: 'discarded' }
	}
	const values = formValues(formData)
	const sharedReviewIds = formData.getAll('sharedReviewId').map(Number).filter(Number.isInteger)
	const refused = (status: 400 | 409, errors: FieldErrors): DecisionActionResult => ({ ok: false, status, errors, values, sharedReviewIds })
	// A page older than the application is told so before anything about its fields.
	if (Number(formData.get('version')) !== application.version) return refused(409, { form: 'office.decision.errors.changed' })
	const allowed = allowedDecisions(application.status)
	if (allowed.length === 0) return refused(409, { form: 'office.decision.errors.notAllowed' })

	const parsed = parseForm(DecisionSchema, formData)
	const errors: FieldErrors = parsed.success ? {} : { ...parsed.errors }
	if (parsed.success && !allowed.includes(parsed.data.decision)) errors.decision = 'office.decision.errors.decision'
	// The confirm-by date matters for an approval only; for the other decisions it is ignored.
	let confirmBy: Date | null = null
	if (values.decision === 'approved') {
		const at = endOfDay(normaliseDigits(values.confirmBy ?? '').trim(), call.timeZone)
		if (!at) errors.confirmBy = 'office.decision.errors.confirmBy'
		else if (at <= now) errors.confirmBy = 'office.decision.errors.confirmByFuture'
		else confirmBy = at
	}
	if (!parsed.success || Object.keys(errors).length > 0) return refused(400, errors)

	const input = {
		applicationId: application.id,
		decision: parsed.data.decision,
		decisionNote: parsed.data.decisionNote,
		applicantMessage: parsed.data.applicantMessage || null,
		sharedReviewIds,
		confirmBy,
		actor,
		now,
	}
	try {
		if (intent === 'hold') {
			holdDecision(db, input)
			return { ok: true, notice: 'held' }
		}
		decideNow(db, settings, { ...input, expectedVersion: application.version })
		return { ok: true, notice: 'decided' }
	} catch (error) {
		if (isConflictError(error)) return refused(409, { form: 'office.decision.errors.changed' })
		if (error instanceof DecisionError || isTransitionError(error)) {
			const field = FIELD_REFUSALS[error.reason]
			return field ? refused(400, { [field[0]]: field[1] }) : refused(409, { form: 'office.decision.errors.notAllowed' })
		}
		throw error
	}
}
