import { and, eq, inArray, ne } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '#app/config.server.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formValues, parseForm, type FieldErrors } from '#app/schemas/parse.ts'
import type { Db } from '#db/client.ts'
import { applications, auditLog, APPLICATION_STATUSES, HELD_DECISIONS, type ApplicationStatus, type Call, type HeldDecision } from '#db/schema.ts'
import { recordAudit } from './audit.ts'
import { DecisionError, DEFAULT_CONFIRM_DAYS, holdDecision, MAX_NOTE_LENGTH } from './decisions.server.ts'
import { ReminderError, remindRefereesForOffice } from './letters.server.ts'
import { changeStatus } from './lifecycle/change-status.server.ts'
import { ConflictError, TransitionError } from './lifecycle/errors.ts'
import type { LifecycleSettings } from './lifecycle/recipients.server.ts'
import { DEFAULT_REPLY_DAYS, endOfDay, RequestChangesSchema } from './office-actions.server.ts'
import { tableQueryFrom, tableRows } from './office-table.server.ts'
import type { Actor } from './permissions.ts'
import { instantToZonedDate } from './time.ts'

/**
 * Bulk actions on rows of the office's applications table (/office/calls/:id): record held decisions, remind the
 * referees who have not answered, request changes with one message. Each application goes through the same function
 * as a single one would (holdDecision, remindRefereesForOffice, changeStatus), in its own transaction, so one that
 * cannot take the action is reported with the reason and the others go through. The outcome of a run is kept in its
 * audit row, which the page reads back after the redirect to list what was not done.
 */

/** The most applications one run acts on: a request stays well under the 5 s the office waits for. */
export const BULK_LIMIT = 5_000
/** How long the page shows a run's outcome after it (its audit row stays). */
export const REPORT_TTL = 30 * 60_000

const DAY = 86_400_000

export const BULK_ACTIONS = ['hold-decision', 'remind-referees', 'request-changes'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]

/** Why an application did not take the action, for the page to say in words (`office.bulk.reason.<reason>`). */
export const BULK_REASONS = [
	'not_found',
	/** The lifecycle does not allow the action from the application's status. */
	'status_not_allowed',
	/** The application changed between the start of the run and its turn. */
	'changed_meanwhile',
	/** A date that was ahead when the form was checked had passed by the application's turn. */
	'date_not_in_future',
	'letter_deadline_passed',
	/** Decided, or in a status where letters are no longer chased. */
	'not_chasing',
	'nobody_to_remind',
	'reminded_recently',
	/** Any other refusal of the program's rules. */
	'refused',
	/** Not a refusal: an error (logged); the application was left as it was. */
	'unexpected',
] as const
export type BulkReason = (typeof BULK_REASONS)[number]

export type BulkFailure = { applicationId: number; reference: string; reason: BulkReason; status: ApplicationStatus | null }

export type BulkResult = { succeeded: number; failed: BulkFailure[] }

type Target = { id: number; reference: string; status: ApplicationStatus; version: number }

function reasonOf(error: unknown): BulkReason {
	if (error instanceof ConflictError) return 'changed_meanwhile'
	if (error instanceof ReminderError) return error.reason
	const code = error instanceof DecisionError || error instanceof TransitionError ? error.reason : null
	switch (code) {
		case null:
			console.error('Bulk action: an application failed unexpectedly', error)
			return 'unexpected'
		case 'not_found':
			return 'not_found'
		case 'not_allowed':
		case 'no_such_transition':
		case 'role_not_allowed':
			return 'status_not_allowed'
		case 'confirm_by_not_in_future':
		case 'reply_by_not_in_future':
			return 'date_not_in_future'
		default:
			return 'refused'
	}
}

/**
 * Runs `work` for each application on its own: the applications are read once (reference, status and version as
 * the run starts), each one's work commits or fails alone, and a failure is reported with the status it has then.
 */
function eachOnItsOwn(db: Db, applicationIds: readonly number[], work: (target: Target) => void): BulkResult {
	const ids = [...new Set(applicationIds)]
	const targets = new Map<number, Target>()
	for (let start = 0; start < ids.length; start += 500) {
		const rows = db
			.select({ id: applications.id, reference: applications.reference, status: applications.status, version: applications.version })
			.from(applications)
			.where(inArray(applications.id, ids.slice(start, start + 500)))
			.all()
		for (const row of rows) targets.set(row.id, row)
	}
	const result: BulkResult = { succeeded: 0, failed: [] }
	for (const id of ids) {
		const target = targets.get(id)
		if (!target) {
			result.failed.push({ applicationId: id, reference: '', reason: 'not_found', status: null })
			continue
		}
		try {
			work(target)
			result.succeeded += 1
		} catch (error) {
			const status = db.select({ status: applications.status }).from(applications).where(eq(applications.id, id)).get()?.status ?? null
			result.failed.push({ applicationId: id, reference: target.reference, reason: reasonOf(error), status })
		}
	}
	return result
}

export type HoldDecisionsInput = {
	applicationIds: readonly number[]
	decision: HeldDecision
	decisionNote: string
	applicantMessage?: string | null
	/** Approvals only: the instant the applicant must confirm the visit by. */
	confirmBy?: Date | null
	actor: Actor
	now: Date
}

/** A held decision for each application (holdDecision): nothing is sent and no status changes until release. */
export function holdDecisionsInBulk(db: Db, { applicationIds, decision, decisionNote, applicantMessage, confirmBy, actor, now }: HoldDecisionsInput): BulkResult {
	return eachOnItsOwn(db, applicationIds, (target) => {
		holdDecision(db, {
			applicationId: target.id,
			decision,
			decisionNote,
			applicantMessage,
			confirmBy: decision === 'approved' ? confirmBy : null,
			actor,
			now,
		})
	})
}

/**
 * A reminder now to each referee of each application who has not answered (remindRefereesForOffice): the scheduled
 * reminder's email and link. `reminded` counts the referees.
 */
export function remindRefereesInBulk(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{ applicationIds, actor, now }: { applicationIds: readonly number[]; actor: Actor; now: Date },
): BulkResult & { reminded: number } {
	let reminded = 0
	const result = eachOnItsOwn(db, applicationIds, (target) => {
		reminded += remindRefereesForOffice(db, config, { applicationId: target.id, actorId: actor.id, now })
	})
	return { ...result, reminded }
}

/** The same request for changes to each application, through changeStatus (message and reply-by date by email). */
export function requestChangesInBulk(
	db: Db,
	settings: LifecycleSettings,
	{ applicationIds, message, replyBy, actor, now }: { applicationIds: readonly number[]; message: string; replyBy: Date; actor: Actor; now: Date },
): BulkResult {
	return eachOnItsOwn(db, applicationIds, (target) => {
		changeStatus(db, {
			applicationId: target.id,
			to: 'changes_requested',
			actor,
			expectedVersion: target.version,
			note: message,
			replyBy,
			now,
			settings,
		})
	})
}

// ---------------------------------------------------------------------------------------------------------------
// Which applications: the rows ticked, or every row the table's filters match.

export type BulkSelection = { scope: 'selected'; ids: readonly number[] } | { scope: 'all'; view: URLSearchParams }

/**
 * The ids a run applies to, in the table's order for `all`: ticked ids that are listed applications of this call
 * (others are dropped), or every application the view's filters match. `too_many` past BULK_LIMIT.
 */
export function resolveSelection(db: Db, callId: number, selection: BulkSelection): number[] | 'too_many' {
	if (selection.scope === 'all') {
		const ids: number[] = []
		for (const chunk of tableRows(db, tableQueryFrom(callId, selection.view))) {
			ids.push(...chunk.map((row) => row.applicationId))
			if (ids.length > BULK_LIMIT) return 'too_many'
		}
		return ids
	}
	const wanted = [...new Set(selection.ids)]
	if (wanted.length > BULK_LIMIT) return 'too_many'
	if (wanted.length === 0) return []
	const listed = new Set(
		db
			.select({ id: applications.id })
			.from(applications)
			.where(and(inArray(applications.id, wanted), eq(applications.callId, callId), ne(applications.status, 'draft')))
			.all()
			.map((row) => row.id),
	)
	return wanted.filter((id) => listed.has(id))
}

// ---------------------------------------------------------------------------------------------------------------
// The form under the table: checked again here; messages are catalogue keys.

const longText = z.string().trim().max(MAX_NOTE_LENGTH, 'office.bulk.errors.tooLong')

export const HoldDecisionsSchema = z.object({
	decision: z.enum(HELD_DECISIONS, { error: 'office.bulk.errors.decision' }),
	decisionNote: z
		.string({ error: 'office.bulk.errors.decisionNote' })
		.trim()
		.min(1, 'office.bulk.errors.decisionNote')
		.max(MAX_NOTE_LENGTH, 'office.bulk.errors.tooLong'),
	applicantMessage: longText.optional(),
	confirmBy: z.string().trim().optional(),
})

/** The form's dates to start from (YYYY-MM-DD in the call's time zone): today, a confirm-by and a reply-by day. */
export function bulkDateDefaults(call: Pick<Call, 'timeZone'>, now: Date) {
	const day = (days: number) => instantToZonedDate(new Date(now.getTime() + days * DAY), call.timeZone)
	return { today: day(0), confirmBy: day(DEFAULT_CONFIRM_DAYS), replyBy: day(DEFAULT_REPLY_DAYS) }
}

export type BulkFormResult = { ok: true; reportId: number } | { ok: false; errors: FieldErrors; values: Record<string, string>; ids: number[] }

/**
 * Runs the bulk action the form asks for: 400-worthy field errors (nothing done) when the selection, the action or
 * its fields are missing or wrong; otherwise the run, whose outcome is recorded in an audit row (`reportId`).
 */
export function bulkActionFromForm(
	db: Db,
	settings: LifecycleSettings,
	{ call, formData, actor, now }: { call: Call; formData: FormData; actor: Actor; now: Date },
): BulkFormResult {
	const values = formValues(formData)
	const ticked = formData
		.getAll('ids')
		.map((value) => Number(value))
		.filter((id) => Number.isSafeInteger(id) && id > 0)
	const errors: FieldErrors = {}
	const scope = values.scope === 'all' ? 'all' : 'selected'
	const resolved = resolveSelection(db, call.id, scope === 'all' ? { scope, view: new URLSearchParams(values.view ?? '') } : { scope, ids: ticked })
	if (resolved === 'too_many') errors.selection = 'office.bulk.errors.tooMany'
	else if (resolved.length === 0) errors.selection = 'office.bulk.errors.selection'
	const applicationIds = resolved === 'too_many' ? [] : resolved

	const action = BULK_ACTIONS.find((name) => name === values.bulkAction)
	if (!action) errors.bulkAction = 'office.bulk.errors.action'
	const futureDay = (field: string, day: string | undefined): Date | null => {
		const at = day ? endOfDay(day.trim(), call.timeZone) : null
		if (!at) errors[field] = 'office.actions.errors.date'
		else if (at <= now) errors[field] = 'office.actions.errors.future'
		return at && at > now ? at : null
	}

	let run: (() => BulkResult & { reminded?: number }) | null = null
	switch (action) {
		case 'hold-decision': {
			const parsed = parseForm(HoldDecisionsSchema, formData)
			if (!parsed.success) Object.assign(errors, parsed.errors)
			const confirmBy = values.decision === 'approved' ? futureDay('confirmBy', values.confirmBy) : null
			if (parsed.success) {
				const { decision, decisionNote, applicantMessage } = parsed.data
				run = () => holdDecisionsInBulk(db, { applicationIds, decision, decisionNote, applicantMessage: applicantMessage || null, confirmBy, actor, now })
			}
			break
		}
		case 'request-changes': {
			const parsed = parseForm(RequestChangesSchema, formData)
			if (!parsed.success) Object.assign(errors, parsed.errors)
			const replyBy = errors.replyBy ? null : futureDay('replyBy', values.replyBy)
			if (parsed.success && replyBy) {
				const { message } = parsed.data
				run = () => requestChangesInBulk(db, settings, { applicationIds, message, replyBy, actor, now })
			}
			break
		}
		case 'remind-referees':
			run = () => remindRefereesInBulk(db, settings, { applicationIds, actor, now })
			break
	}

	if (Object.keys(errors).length > 0 || !run || !action) return { ok: false, errors, values, ids: ticked }
	const { succeeded, failed, reminded } = run()
	const reportId = db.transaction((tx) =>
		recordAudit(tx, {
			actorId: actor.id,
			action: 'call.bulk_action',
			entity: 'call',
			entityId: call.id,
			data: { action, scope, selected: applicationIds.length, succeeded, reminded: reminded ?? null, failed },
			at: now,
		}),
	)
	return { ok: true, reportId }
}

// ---------------------------------------------------------------------------------------------------------------
// The outcome of a run, read back by the page it redirects to.

const ReportData = z.object({
	action: z.enum(BULK_ACTIONS),
	selected: z.number(),
	succeeded: z.number(),
	reminded: z.number().nullable(),
	failed: z.array(z.object({ applicationId: z.number(), reference: z.string(), reason: z.enum(BULK_REASONS), status: z.enum(APPLICATION_STATUSES).nullable() })),
})

export type BulkReport = z.infer<typeof ReportData>

/** The outcome of the actor's own recent run on this call, or null (another's, another call's, older, unknown). */
export function bulkReport(db: Db, { reportId, callId, actorId, now }: { reportId: number; callId: number; actorId: number; now: Date }): BulkReport | null {
	if (!Number.isSafeInteger(reportId)) return null
	const row = db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.id, reportId), eq(auditLog.action, 'call.bulk_action'), eq(auditLog.entityId, String(callId)), eq(auditLog.actorId, actorId)))
		.get()
	if (!row || now.getTime() - row.at.getTime() > REPORT_TTL) return null
	const parsed = ReportData.safeParse(row.data)
	return parsed.success ? parsed.data : null
}

/** The catalogue key of a reason, for the page. */
export const reasonKey = (reason: BulkReason): MessageKey => `office.bulk.reason.${reason}`
