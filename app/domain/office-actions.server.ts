import { and, desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { recordAudit, type AuditAction } from '#app/domain/audit.ts'
import { changeStatus, submissionDeadline } from '#app/domain/lifecycle/change-status.server.ts'
import { ConflictError, isConflictError, isTransitionError, type TransitionRefusal } from '#app/domain/lifecycle/errors.ts'
import type { LifecycleSettings } from '#app/domain/lifecycle/recipients.server.ts'
import { TRANSITIONS, findTransition, nextStatuses, type Guard } from '#app/domain/lifecycle/transitions.ts'
import type { Actor } from '#app/domain/permissions.ts'
import { instantToZonedDate, zonedTimeToInstant } from '#app/domain/time.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formValues, parseForm, type FieldErrors } from '#app/schemas/parse.ts'
import type { Db } from '#db/client.ts'
import { applications, auditLog, calls, users, type Application, type ApplicationStatus, type Call, type Role } from '#db/schema.ts'

/**
 * The office's actions on one application (its page, /office/applications/:id): asking the applicant for changes,
 * rejecting with a reason (at screening, or an unanswered change request once its reply-by date has passed), and
 * extending the applicant's submission deadline or reply-by date. Which of them a status allows comes from the
 * lifecycle's table (transitions.ts); status changes go through changeStatus, extensions are written here with their
 * audit row. Decisions after review (approve, waitlist, reject with a decision note) are not among them.
 */

export const OFFICE_INTENTS = ['request-changes', 'reject', 'extend-deadline', 'extend-reply-by'] as const
export type OfficeIntent = (typeof OFFICE_INTENTS)[number]

export const isOfficeIntent = (intent: unknown): intent is OfficeIntent => OFFICE_INTENTS.includes(intent as OfficeIntent)

/** A reply-by date the office picks is this many days ahead unless it chooses another. */
export const DEFAULT_REPLY_DAYS = 14
/** An extension's suggested length, from the later of now and the date it extends. */
export const DEFAULT_EXTENSION_DAYS = 7

const DAY = 86_400_000

/** The end of a calendar day (YYYY-MM-DD) in a time zone, as deadlines are kept; null when it is not a date. */
export function endOfDay(day: string, timeZone: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null
	try {
		const instant = zonedTimeToInstant(day, '23:59', timeZone)
		// 2027-02-31 is rolled over by Date.UTC: refuse it rather than move to March.
		return instantToZonedDate(instant, timeZone) === day ? instant : null
	} catch {
		return null
	}
}

/** Does a move away from `status` depend on this guard (so its date matters and may be extended)? */
const dependsOn = (status: ApplicationStatus, guard: Guard) => TRANSITIONS.some((row) => row.from.includes(status) && row.guards.includes(guard))

/** The dates the office may extend, and what they extend. */
const EXTENSIONS = {
	deadline: {
		guard: 'beforeDeadline',
		audit: 'application.deadline_extended',
		current: (application: Application, call: Call): Date | null => submissionDeadline(application, call),
		fields: (until: Date) => ({ deadlineExtendedTo: until }),
	},
	replyBy: {
		guard: 'beforeReplyBy',
		audit: 'application.reply_by_extended',
		current: (application: Application): Date | null => application.replyBy,
		fields: (until: Date) => ({ replyBy: until }),
	},
} as const satisfies Record<string, { guard: Guard; audit: AuditAction; current: (application: Application, call: Call) => Date | null; fields: (until: Date) => Partial<Application> }>

export type ExtensionKind = keyof typeof EXTENSIONS

/** What the office may do to the application now, by the transition table and the application's dates. */
export type OfficeOptions = {
	version: number
	/** Ask for changes: a message to the applicant and a reply-by date. */
	requestChanges: boolean
	/**
	 * Reject with a reason (not a decision note: decisions after review are made elsewhere). `availableFrom` is when
	 * the table's guard lets it happen: an unanswered change request only after its reply-by date.
	 */
	reject: { afterReplyBy: boolean; availableFrom: Date | null; available: boolean } | null
	/** A date whose passing ends what the applicant may do, with its current value; null when none matters now. */
	extend: { kind: ExtensionKind; current: Date | null } | null
}

export function officeOptions(application: Application, call: Call, now: Date): OfficeOptions {
	const moves = nextStatuses(application.status, 'office')
	const rejection = moves.includes('rejected') ? findTransition(application.status, 'rejected') : null
	const afterReplyBy = rejection?.guards.includes('replyByPassed') ?? false
	const availableFrom = afterReplyBy ? application.replyBy : null
	const kind = (Object.keys(EXTENSIONS) as ExtensionKind[]).find((name) => dependsOn(application.status, EXTENSIONS[name].guard))
	return {
		version: application.version,
		requestChanges: moves.includes('changes_requested'),
		reject:
			rejection?.note === 'reason'
				? { afterReplyBy, availableFrom, available: !afterReplyBy || (availableFrom !== null && now >= availableFrom) }
				: null,
		extend: kind ? { kind, current: EXTENSIONS[kind].current(application, call) } : null,
	}
}

/** The suggested and earliest days of the date inputs, in the call's time zone. */
export function officeDateDefaults(options: OfficeOptions, call: Call, now: Date) {
	const day = (at: Date) => instantToZonedDate(at, call.timeZone)
	const from = options.extend?.current && options.extend.current > now ? options.extend.current : now
	return {
		today: day(now),
		replyBy: day(new Date(now.getTime() + DEFAULT_REPLY_DAYS * DAY)),
		extendFrom: day(from),
		extendTo: day(new Date(from.getTime() + DEFAULT_EXTENSION_DAYS * DAY)),
	}
}

export type ExtensionRefusal = 'not_found' | 'not_applicable' | 'not_later'

export class ExtensionError extends Error {
	override name = 'ExtensionError'
	constructor(readonly reason: ExtensionRefusal) {
		super(`Extension refused: ${reason}`)
	}
}

export type ExtendInput = {
	applicationId: number
	kind: ExtensionKind
	until: Date
	reason: string
	actor: Actor
	/** The version the office saw; a change made meanwhile refuses this one (ConflictError). */
	expectedVersion: number
	now: Date
}

/**
 * Extends the applicant's submission deadline (a draft) or reply-by date (changes requested), to a later instant
 * than the current one and than now, with the reason in the audit row, in one immediate transaction. The
 * application's version goes up like any other change, so a page still showing the old date cannot act on it.
 */
export function extendDate(db: Db, input: ExtendInput): Application {
	const { kind, until, actor, now } = input
	const reason = input.reason.trim()
	return db.transaction(
		(tx) => {
			const application = tx.select().from(applications).where(eq(applications.id, input.applicationId)).get()
			if (!application) throw new ExtensionError('not_found')
			if (application.version !== input.expectedVersion) {
				throw new ConflictError(application.id, input.expectedVersion, application.version)
			}
			const extension = EXTENSIONS[kind]
			if (!dependsOn(application.status, extension.guard)) throw new ExtensionError('not_applicable')
			const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
			const current = extension.current(application, call)
			if (until <= now || (current && until <= current)) throw new ExtensionError('not_later')
			const updated = tx
				.update(applications)
				.set({ ...extension.fields(until), version: application.version + 1, updatedAt: now })
				.where(and(eq(applications.id, application.id), eq(applications.version, application.version)))
				.returning()
				.get()
			if (!updated) throw new ConflictError(application.id, input.expectedVersion, application.version + 1)
			recordAudit(tx, {
				actorId: actor.id,
				action: extension.audit,
				entity: 'application',
				entityId: application.id,
				applicationId: application.id,
				data: { from: current?.toISOString() ?? null, to: until.toISOString(), reason, version: updated.version },
				at: now,
			})
			return updated
		},
		{ behavior: 'immediate' },
	)
}

// ---------------------------------------------------------------------------------------------------------------
// The forms: one per intent, parsed again on the server; messages are catalogue keys.

const text = (required: MessageKey) =>
	z.string({ error: required }).trim().min(1, required).max(5000, 'office.actions.errors.tooLong')
const calendarDay = z.string({ error: 'office.actions.errors.date' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'office.actions.errors.date')

export const RequestChangesSchema = z.object({ message: text('office.actions.errors.message'), replyBy: calendarDay })
export const RejectSchema = z.object({ reason: text('office.actions.errors.reason') })
export const ExtendSchema = z.object({ until: calendarDay, reason: text('office.actions.errors.reason') })

export type OfficeNotice = 'changes_requested' | 'rejected' | 'deadline_extended' | 'reply_by_extended'

export type OfficeActionResult =
	| { ok: true; notice: OfficeNotice }
	| { ok: false; status: 400 | 409; errors: FieldErrors; values: Record<string, string> }

/** Refusals of the lifecycle that concern a field the office typed (400); the others concern the state (409). */
const FIELD_REFUSALS: Partial<Record<TransitionRefusal, [string, MessageKey]>> = {
	reply_by_required: ['replyBy', 'office.actions.errors.date'],
	reply_by_not_in_future: ['replyBy', 'office.actions.errors.future'],
}

const STATE_REFUSALS: Partial<Record<TransitionRefusal | ExtensionRefusal, MessageKey>> = {
	reply_by_not_passed: 'office.actions.errors.replyByNotPassed',
}

/**
 * Makes one of the office's actions from its form: 400 with field errors when a field is missing or wrong (nothing
 * changes), 409 when the application changed meanwhile or its status does not allow the action.
 */
export function officeAction(
	db: Db,
	settings: LifecycleSettings,
	{ application, call, intent, formData, actor, now }: { application: Application; call: Call; intent: OfficeIntent; formData: FormData; actor: Actor; now: Date },
): OfficeActionResult {
	const refused = (status: 400 | 409, errors: FieldErrors, values: Record<string, string> = {}): OfficeActionResult => ({ ok: false, status, errors, values })
	const expectedVersion = Number(formData.get('version'))
	const options = officeOptions(application, call, now)
	const offered =
		intent === 'request-changes'
			? options.requestChanges
			: intent === 'reject'
				? options.reject !== null
				: options.extend?.kind === (intent === 'extend-deadline' ? 'deadline' : 'replyBy')
	// A page older than the application is told so before anything about its status.
	if (expectedVersion !== application.version) return refused(409, { form: 'office.actions.errors.changed' })
	if (!offered) return refused(409, { form: 'office.actions.errors.notAllowed' })

	const values = formValues(formData)
	const futureDay = (field: string, value: string): Date | FieldErrors => {
		const at = endOfDay(value, call.timeZone)
		if (!at) return { [field]: 'office.actions.errors.date' }
		return at > now ? at : { [field]: 'office.actions.errors.future' }
	}
	const move = { applicationId: application.id, actor, expectedVersion, now, settings }

	try {
		switch (intent) {
			case 'request-changes': {
				const parsed = parseForm(RequestChangesSchema, formData)
				if (!parsed.success) return refused(400, parsed.errors, parsed.values)
				const replyBy = futureDay('replyBy', parsed.data.replyBy)
				if (!(replyBy instanceof Date)) return refused(400, replyBy, values)
				changeStatus(db, { ...move, to: 'changes_requested', note: parsed.data.message, replyBy })
				return { ok: true, notice: 'changes_requested' }
			}
			case 'reject': {
				const parsed = parseForm(RejectSchema, formData)
				if (!parsed.success) return refused(400, parsed.errors, parsed.values)
				changeStatus(db, { ...move, to: 'rejected', note: parsed.data.reason })
				return { ok: true, notice: 'rejected' }
			}
			case 'extend-deadline':
			case 'extend-reply-by': {
				const parsed = parseForm(ExtendSchema, formData)
				if (!parsed.success) return refused(400, parsed.errors, parsed.values)
				const until = futureDay('until', parsed.data.until)
				if (!(until instanceof Date)) return refused(400, until, values)
				const kind = intent === 'extend-deadline' ? 'deadline' : 'replyBy'
				extendDate(db, { applicationId: application.id, kind, until, reason: parsed.data.reason, actor, expectedVersion, now })
				return { ok: true, notice: kind === 'deadline' ? 'deadline_extended' : 'reply_by_extended' }
			}
		}
	} catch (error) {
		if (isConflictError(error)) return refused(409, { form: 'office.actions.errors.changed' })
		if (error instanceof ExtensionError && error.reason === 'not_later') return refused(400, { until: 'office.actions.errors.later' }, values)
		if (isTransitionError(error) && FIELD_REFUSALS[error.reason]) {
			const [field, message] = FIELD_REFUSALS[error.reason]!
			return refused(400, { [field]: message }, values)
		}
		if (isTransitionError(error) || error instanceof ExtensionError) {
			return refused(409, { form: STATE_REFUSALS[error.reason] ?? 'office.actions.errors.notAllowed' })
		}
		throw error
	}
}

// ---------------------------------------------------------------------------------------------------------------
// What the audit log shows on the page: downloads of each document, and the extensions with their reasons.

export type DownloadEntry = { at: Date; name: string | null; role: Role | null }
export type ExtensionEntry = { kind: ExtensionKind; at: Date; name: string | null; to: Date | null; reason: string }

const SHOWN_ACTIONS = ['document.downloaded', 'application.deadline_extended', 'application.reply_by_extended'] as const satisfies readonly AuditAction[]

/** One query for the whole page, newest first: downloads by document id, and the extensions. */
export function applicationAuditView(db: Db, applicationId: number): { downloads: Map<number, DownloadEntry[]>; extensions: ExtensionEntry[] } {
	const rows = db
		.select({ action: auditLog.action, entityId: auditLog.entityId, data: auditLog.data, at: auditLog.at, name: users.name, role: users.role })
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(eq(auditLog.applicationId, applicationId), inArray(auditLog.action, [...SHOWN_ACTIONS])))
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.all()
	const downloads = new Map<number, DownloadEntry[]>()
	const extensions: ExtensionEntry[] = []
	for (const row of rows) {
		if (row.action === 'document.downloaded') {
			const documentId = Number(row.entityId)
			const list = downloads.get(documentId) ?? []
			list.push({ at: row.at, name: row.name, role: row.role })
			downloads.set(documentId, list)
		} else {
			const to = typeof row.data?.to === 'string' ? new Date(row.data.to) : null
			const kind = row.action === 'application.deadline_extended' ? 'deadline' : 'replyBy'
			extensions.push({ kind, at: row.at, name: row.name, to, reason: typeof row.data?.reason === 'string' ? row.data.reason : '' })
		}
	}
	return { downloads, extensions }
}
