import { and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatDay, formatNumber } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { makeTranslate, type Translate, type TranslateParams } from '#app/i18n/translate.ts'
import { isIsoDate } from '#app/schemas/application/proposed-visit.ts'
import type { Db } from '#db/client.ts'
import {
	APPLICATION_STATUSES,
	applications,
	auditLog,
	calls,
	DOCUMENT_KINDS,
	documents,
	ROLES,
	users,
	type DocumentKind,
	type Role,
} from '#db/schema.ts'
import type { AuditAction } from './audit.ts'
import { DEFAULT_CALL_TIME_ZONE } from './call-editing.server.ts'
import { addDays, zonedTimeToInstant } from './time.ts'

/**
 * The office's audit trail: the audit log filtered (by actor, action or group of actions, days, application, user),
 * newest first, a page at a time, and each row told in a sentence in the reader's language. What reaches the page is
 * only those sentences and a few chosen details, never the stored `data` as it is.
 */

/** The office works in Tehran's time: the filter's days are Tehran's days and times are shown in Tehran's time. */
export const AUDIT_TIME_ZONE = DEFAULT_CALL_TIME_ZONE

export const AUDIT_PAGE_SIZE = 50
const MAX_PAGE_SIZE = 200

type GroupOf<A extends string> = A extends `${infer Group}.${string}` ? Group : never
/** The part of an action's name before the dot ('decision', 'assignment', …): what the action filter offers. */
export type AuditGroup = GroupOf<AuditAction>

/** The groups in the order the filter lists them; a Record, so a new group must be placed here to compile. */
const GROUPS: Record<AuditGroup, true> = {
	decision: true,
	application: true,
	assignment: true,
	review: true,
	document: true,
	letter: true,
	referee: true,
	host: true,
	call: true,
	rubric: true,
	user: true,
	auth: true,
	email: true,
	visit: true,
	demo: true,
}
export const AUDIT_GROUPS = Object.keys(GROUPS) as AuditGroup[]

export type AuditFilter = {
	actorId?: number
	/** Part of the acting person's email address (applicants are too many for a list). */
	actorEmail?: string
	actorRole?: Role
	/** An action ('decision.held') or a group of them ending with a dot ('decision.'). */
	action?: string
	/** Calendar days (YYYY-MM-DD) in AUDIT_TIME_ZONE, both included. */
	from?: string
	to?: string
	applicationId?: number
	/** Rows by this user, and rows about their account (entity 'user'). */
	userId?: number
	/** 1-based. */
	page?: number
	pageSize?: number
}

/** One row as the query reads it: the log's columns with the names it refers to. */
export type AuditRow = {
	id: number
	at: Date
	action: string
	entity: string
	entityId: string | null
	data: Record<string, unknown> | null
	actor: { id: number; name: string; role: Role } | null
	application: { id: number; reference: string } | null
	/** The person the action was about: the reviewer of an assignment, the user of an account action. */
	subjectName: string | null
	callTitle: { en: string; fa: string } | null
	/** The document's file name, while the document exists. */
	fileName: string | null
}

export type AuditPage = { rows: AuditRow[]; total: number; page: number; pageSize: number; pageCount: number }

/** Actions whose entity is a user's account: what "about the user" means for the user filter. */
const ACCOUNT_GROUPS: readonly AuditGroup[] = ['auth', 'user']

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}

/** The filter as SQL. Each condition can use one of the log's indexes (at, actor + at, application + at, action + at). */
function whereOf(db: Db, filter: AuditFilter): SQL | undefined {
	const conditions: SQL[] = []
	if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId))
	const email = filter.actorEmail?.trim()
	if (email) {
		const matching = db
			.select({ id: users.id })
			.from(users)
			.where(sql`${users.email} like ${`%${escapeLike(email)}%`} escape '\\'`)
		conditions.push(inArray(auditLog.actorId, matching))
	}
	if (filter.actorRole) {
		conditions.push(inArray(auditLog.actorId, db.select({ id: users.id }).from(users).where(eq(users.role, filter.actorRole))))
	}
	if (filter.action) {
		if (filter.action.endsWith('.')) {
			// A range rather than LIKE, so the action index serves it; '/' is the character after '.'.
			conditions.push(gte(auditLog.action, filter.action), lt(auditLog.action, `${filter.action.slice(0, -1)}/`))
		} else {
			conditions.push(eq(auditLog.action, filter.action))
		}
	}
	if (isIsoDate(filter.from)) conditions.push(gte(auditLog.at, zonedTimeToInstant(filter.from, '00:00', AUDIT_TIME_ZONE)))
	if (isIsoDate(filter.to)) conditions.push(lt(auditLog.at, zonedTimeToInstant(addDays(filter.to, 1), '00:00', AUDIT_TIME_ZONE)))
	if (filter.applicationId) conditions.push(eq(auditLog.applicationId, filter.applicationId))
	if (filter.userId) {
		const accountActions = AUDIT_ACTIONS.filter((action) => ACCOUNT_GROUPS.some((group) => action.startsWith(`${group}.`)))
		conditions.push(
			or(
				eq(auditLog.actorId, filter.userId),
				// The action list lets the action index find these rows: entity and entity_id have no index.
				and(inArray(auditLog.action, accountActions), eq(auditLog.entity, 'user'), eq(auditLog.entityId, String(filter.userId))),
			)!,
		)
	}
	return conditions.length ? and(...conditions) : undefined
}

const positiveId = (value: string | null) => (value && /^\d{1,15}$/.test(value) && Number(value) > 0 ? Number(value) : undefined)

/** The filter as the page's URL holds it (?actor=&email=&role=&action=&from=&to=&application=&user=&page=). */
export function auditFilterFromParams(params: URLSearchParams): AuditFilter {
	const role = params.get('role')
	const action = params.get('action')
	const day = (name: string) => {
		const value = params.get(name)
		return isIsoDate(value) ? value : undefined
	}
	return {
		actorId: positiveId(params.get('actor')),
		actorEmail: params.get('email')?.trim() || undefined,
		actorRole: (ROLES as readonly (string | null)[]).includes(role) ? (role as Role) : undefined,
		action: action && /^[a-z_]+\.([a-z_]+)?$/.test(action) ? action : undefined,
		from: day('from'),
		to: day('to'),
		applicationId: positiveId(params.get('application')),
		userId: positiveId(params.get('user')),
		page: positiveId(params.get('page')) ?? 1,
	}
}

const actor = alias(users, 'actor')
const subject = alias(users, 'subject')

/** One page of the log, newest first: one query for the rows and their names, one for the count. */
export function listAudit(db: Db, filter: AuditFilter = {}): AuditPage {
	const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? AUDIT_PAGE_SIZE)))
	const where = whereOf(db, filter)
	const total = db.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0
	const pageCount = Math.max(1, Math.ceil(total / pageSize))
	const page = Math.min(pageCount, Math.max(1, Math.floor(filter.page ?? 1)))
	const rows = db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			entity: auditLog.entity,
			entityId: auditLog.entityId,
			data: auditLog.data,
			actorId: actor.id,
			actorName: actor.name,
			actorRole: actor.role,
			applicationId: applications.id,
			reference: applications.reference,
			subjectName: subject.name,
			callTitleEn: calls.titleEn,
			callTitleFa: calls.titleFa,
			fileName: documents.originalName,
		})
		.from(auditLog)
		.leftJoin(actor, eq(actor.id, auditLog.actorId))
		.leftJoin(applications, eq(applications.id, auditLog.applicationId))
		.leftJoin(
			subject,
			sql`${subject.id} = coalesce(json_extract(${auditLog.data}, '$.reviewerId'), case when ${auditLog.entity} = 'user' then ${auditLog.entityId} end)`,
		)
		.leftJoin(calls, and(eq(auditLog.entity, 'call'), eq(calls.id, auditLog.entityId)))
		.leftJoin(documents, and(eq(auditLog.entity, 'document'), eq(documents.id, auditLog.entityId)))
		.where(where)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(pageSize)
		.offset((page - 1) * pageSize)
		.all()
	return {
		rows: rows.map((row) => ({
			id: row.id,
			at: row.at,
			action: row.action,
			entity: row.entity,
			entityId: row.entityId,
			data: row.data,
			actor: row.actorId != null && row.actorName != null && row.actorRole != null ? { id: row.actorId, name: row.actorName, role: row.actorRole } : null,
			application: row.applicationId != null && row.reference != null ? { id: row.applicationId, reference: row.reference } : null,
			subjectName: row.subjectName,
			callTitle: row.callTitleEn != null && row.callTitleFa != null ? { en: row.callTitleEn, fa: row.callTitleFa } : null,
			fileName: row.fileName,
		})),
		total,
		page,
		pageSize,
		pageCount,
	}
}

/** The people the actor filter lists: office staff and reviewers (applicants are found by email instead). */
export function auditActorChoices(db: Db): { id: number; name: string; role: 'office' | 'reviewer' }[] {
	return db
		.select({ id: users.id, name: users.name, role: users.role })
		.from(users)
		.where(inArray(users.role, ['office', 'reviewer']))
		.orderBy(asc(users.role), asc(users.name))
		.all() as { id: number; name: string; role: 'office' | 'reviewer' }[]
}

/** What the page says it is limited to, when it shows one application's or one user's trail. */
export function auditScope(db: Db, { applicationId, userId }: { applicationId?: number; userId?: number }) {
	const application = applicationId
		? (db.select({ id: applications.id, reference: applications.reference }).from(applications).where(eq(applications.id, applicationId)).get() ?? null)
		: null
	const user = userId ? (db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)).get() ?? null) : null
	return { application, user }
}

// ---------------------------------------------------------------------------------------------------------------
// Each row in words.

export type AuditDetail = { label: string; value: string }
export type AuditRowView = {
	id: number
	/** ISO instant, for <time dateTime>. */
	iso: string
	when: string
	actor: { id: number; name: string; role: string } | null
	application: { id: number; reference: string } | null
	summary: string
	details: AuditDetail[]
}

type Words = {
	t: Translate
	locale: Locale
	/** The person the action was about, or a stand-in. */
	person: string
	call: string
	file: string
	status: (value: unknown) => string
	day: (value: unknown) => string
	moment: (value: unknown) => string
}

type Told = { key: MessageKey; params?: TranslateParams; details?: [MessageKey, string | null | undefined][] }
type Describe = (row: AuditRow, words: Words) => Told

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null)
const numberText = (value: unknown, words: Words): string => (typeof value === 'number' ? formatNumber(value, words.locale) : '—')
const fromTo = (row: AuditRow, words: Words) => ({ from: numberText(row.data?.from, words), to: numberText(row.data?.to, words) })

/**
 * Every action the log records, told in a sentence. A Record over AuditAction: an action added to the union must be
 * told here, or the build fails. Only the fields named here are shown, so nothing stored for other reasons leaks.
 */
const DESCRIBE: Record<AuditAction, Describe> = {
	'call.created': (_row, words) => ({ key: 'office.audit.describe.call.created', params: { call: words.call } }),
	'call.updated': (row, words) => ({
		key: 'office.audit.describe.call.updated',
		params: { call: words.call },
		details: [['office.audit.detail.changed', changedCallFields(row.data?.after, words.t)]],
	}),
	'demo.seeded': (_row, words) => ({ key: 'office.audit.describe.demo.seeded', params: { call: words.call } }),
	'auth.signed_in': (row) => ({ key: 'office.audit.describe.auth.signed_in', details: [['office.audit.detail.ip', text(row.data?.ip)]] }),
	'auth.sign_in_failed': (row) => ({
		key: 'office.audit.describe.auth.sign_in_failed',
		params: { email: text(row.data?.email) ?? '—' },
		details: [['office.audit.detail.ip', text(row.data?.ip)]],
	}),
	'auth.signed_out': () => ({ key: 'office.audit.describe.auth.signed_out' }),
	'auth.password_reset': () => ({ key: 'office.audit.describe.auth.password_reset' }),
	'user.registered': () => ({ key: 'office.audit.describe.user.registered' }),
	'user.verified': () => ({ key: 'office.audit.describe.user.verified' }),
	'user.invited': (row, words) => ({
		key: 'office.audit.describe.user.invited',
		params: { person: words.person, role: roleName(row.data?.role, words.t) },
		details: [['office.audit.detail.email', text(row.data?.email)]],
	}),
	'user.invitation_resent': (_row, words) => ({ key: 'office.audit.describe.user.invitation_resent', params: { person: words.person } }),
	'user.invitation_accepted': () => ({ key: 'office.audit.describe.user.invitation_accepted' }),
	'user.disabled': (_row, words) => ({ key: 'office.audit.describe.user.disabled', params: { person: words.person } }),
	'user.enabled': (_row, words) => ({ key: 'office.audit.describe.user.enabled', params: { person: words.person } }),
	'user.role_changed': (_row, words) => ({ key: 'office.audit.describe.user.role_changed', params: { person: words.person } }),
	'user.locale_changed': (_row, words) => ({ key: 'office.audit.describe.user.locale_changed', params: { person: words.person } }),
	'user.review_cap_changed': (row, words) => ({
		key: 'office.audit.describe.user.review_cap_changed',
		params: { person: words.person, ...fromTo(row, words) },
	}),
	'email.retried': (row) => ({ key: 'office.audit.describe.email.retried', params: { email: row.entityId ?? '—' } }),
	'application.created': () => ({ key: 'office.audit.describe.application.created' }),
	'application.status_changed': (row, words) => ({
		key: 'office.audit.describe.application.status_changed',
		params: { from: words.status(row.data?.from), to: words.status(row.data?.to) },
		details: [['office.audit.detail.note', text(row.data?.note)]],
	}),
	'review.conflict_declared': (row) => ({
		key: row.data?.hasConflict === true ? 'office.audit.describe.review.conflict_declared' : 'office.audit.describe.review.no_conflict',
	}),
	'review.submitted': () => ({ key: 'office.audit.describe.review.submitted' }),
	'document.downloaded': (_row, words) => ({ key: 'office.audit.describe.document.downloaded', params: { file: words.file } }),
	'document.uploaded': (_row, words) => ({ key: 'office.audit.describe.document.uploaded', params: { file: words.file } }),
	'document.removed': () => ({ key: 'office.audit.describe.document.removed' }),
	'letter.received': (row, words) => ({ key: 'office.audit.describe.letter.received', params: { slot: numberText(row.data?.slot, words) } }),
	'letter.declined': (row, words) => ({ key: 'office.audit.describe.letter.declined', params: { slot: numberText(row.data?.slot, words) } }),
	'letter.request_resent': (row) => ({
		key: row.entity === 'host_endorsement' ? 'office.audit.describe.letter.request_resent_host' : 'office.audit.describe.letter.request_resent',
	}),
	'letter.reminded': (row, words) => ({ key: 'office.audit.describe.letter.reminded', params: { slot: numberText(row.data?.slot, words) } }),
	'referee.replaced': (row, words) => ({ key: 'office.audit.describe.referee.replaced', params: { slot: numberText(row.data?.slot, words) } }),
	'host.answered': (row, words) => ({
		key: row.data?.decision === 'endorsed' ? 'office.audit.describe.host.endorsed' : 'office.audit.describe.host.declined',
		details: [
			[
				'office.audit.detail.knowsApplicant',
				typeof row.data?.knowsApplicant === 'boolean' ? words.t(row.data.knowsApplicant ? 'office.audit.yes' : 'office.audit.no') : null,
			],
		],
	}),
	'assignment.created': (row, words) => ({
		key: 'office.audit.describe.assignment.created',
		params: { person: words.person, due: words.day(row.data?.dueAt) },
	}),
	'assignment.removed': (_row, words) => ({ key: 'office.audit.describe.assignment.removed', params: { person: words.person } }),
	'assignment.due_date_changed': (row, words) => ({
		key: 'office.audit.describe.assignment.due_date_changed',
		params: { person: words.person, from: words.day(row.data?.from), to: words.day(row.data?.to) },
	}),
	'rubric.updated': (row, words) => ({
		key: 'office.audit.describe.rubric.updated',
		params: { call: words.call },
		details: [
			['office.audit.detail.criteria', criteriaList(row.data?.criteria, words)],
			['office.audit.detail.removed', Array.isArray(row.data?.removed) ? row.data.removed.filter((key) => typeof key === 'string').join(', ') || null : null],
		],
	}),
	'call.reviewers_per_application': (row, words) => ({
		key: 'office.audit.describe.call.reviewers_per_application',
		params: { call: words.call, ...fromTo(row, words) },
	}),
	'call.exported': (row, words) => ({
		key: 'office.audit.describe.call.exported',
		params: { call: words.call, format: (text(row.data?.format) ?? '—').toUpperCase() },
		details: [['office.audit.detail.filter', text(row.data?.query)]],
	}),
	'call.bulk_action': (row, words) => ({
		key: 'office.audit.describe.call.bulk_action',
		params: {
			call: words.call,
			action: BULK_ACTION_KEYS[String(row.data?.action)] ? words.t(BULK_ACTION_KEYS[String(row.data?.action)]!) : '—',
			selected: numberText(row.data?.selected, words),
			succeeded: numberText(row.data?.succeeded, words),
		},
		details: [
			[
				'office.audit.detail.notDone',
				Array.isArray(row.data?.failed)
					? row.data.failed.flatMap((item: { reference?: unknown }) => (typeof item?.reference === 'string' ? [item.reference] : [])).join(', ') || null
					: null,
			],
		],
	}),
	'decision.held': (row, words) => ({ key: 'office.audit.describe.decision.held', params: { decision: words.status(row.data?.decision) } }),
	'decision.discarded': (row, words) => ({ key: 'office.audit.describe.decision.discarded', params: { decision: words.status(row.data?.decision) } }),
	'decision.released': (row, words) => ({ key: 'office.audit.describe.decision.released', params: { decision: words.status(row.data?.decision) } }),
	'application.deadline_extended': (row, words) => ({
		key: 'office.audit.describe.application.deadline_extended',
		params: { to: words.moment(row.data?.to) },
		details: extensionDetails(row, words),
	}),
	'application.reply_by_extended': (row, words) => ({
		key: 'office.audit.describe.application.reply_by_extended',
		params: { to: words.moment(row.data?.to) },
		details: extensionDetails(row, words),
	}),
	'visit.dates_proposed': (row) => ({
		key: 'office.audit.describe.visit.dates_proposed',
		params: { start: String(row.data?.start ?? ''), end: String(row.data?.end ?? '') },
	}),
	'visit.confirmed': (row) => ({
		key: 'office.audit.describe.visit.confirmed',
		params: { start: String(row.data?.start ?? ''), end: String(row.data?.end ?? '') },
	}),
	'visit.follow_up_saved': (row) => ({ key: row.data?.letterReissued ? 'office.audit.describe.visit.follow_up_saved_reissued' : 'office.audit.describe.visit.follow_up_saved', params: {} }),
	'visit.sensitive_purged': () => ({ key: 'office.audit.describe.visit.sensitive_purged' }),
	'visit.report_submitted': (row) => ({ key: row.data?.pdf ? 'office.audit.describe.visit.report_submitted_pdf' : 'office.audit.describe.visit.report_submitted' }),
	'visit.host_feedback_received': () => ({ key: 'office.audit.describe.visit.host_feedback_received' }),
}

/** Every action, in the order of the union's comments (for the filters and the user filter's account actions). */
export const AUDIT_ACTIONS = Object.keys(DESCRIBE) as AuditAction[]

const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(DESCRIBE, action)

/** The bulk actions of a call's applications table (app/domain/bulk-actions.server.ts), by the name its rows store. */
const BULK_ACTION_KEYS: Record<string, MessageKey> = {
	'hold-decision': 'office.audit.bulk.hold-decision',
	'remind-referees': 'office.audit.bulk.remind-referees',
	'request-changes': 'office.audit.bulk.request-changes',
}

function extensionDetails(row: AuditRow, words: Words): Told['details'] {
	return [
		['office.audit.detail.previous', row.data?.from ? words.moment(row.data.from) : null],
		['office.audit.detail.reason', text(row.data?.reason)],
	]
}

function roleName(value: unknown, t: Translate): string {
	return (ROLES as readonly unknown[]).includes(value) ? t(`office.audit.role.${value as Role}`) : '—'
}

/** The call form's names of the fields an edit changed (the audit row holds them by column name). */
function changedCallFields(after: unknown, t: Translate): string | null {
	if (!after || typeof after !== 'object') return null
	const formName: Record<string, string> = { opensAt: 'opens', closesAt: 'closes' }
	const labels = Object.keys(after).map((field) => {
		const key = `office.callForm.field.${formName[field] ?? field}`
		const label = t(key as MessageKey)
		return label === key ? field : label
	})
	return labels.join(', ') || null
}

function criteriaList(criteria: unknown, words: Words): string | null {
	if (!Array.isArray(criteria)) return null
	return criteria
		.filter((item): item is { key: string; weight: number } => typeof item?.key === 'string' && typeof item?.weight === 'number')
		.map((item) => words.t('office.audit.criterion', { key: item.key, weight: item.weight }))
		.join(', ')
}

/** Field names that may hold something secret; the fallback for unknown actions leaves them out. */
const SECRET_FIELD = /token|secret|password|hash|cookie|session|link|url|otp|code/i
/** A long run of letters and digits without spaces: a token, whatever its field is called. */
const TOKEN_LIKE = /^[A-Za-z0-9+/_=-]{24,}$/

/** An action this code does not know (renamed or removed since): its data, without anything that could be secret. */
function unknownDetails(data: Record<string, unknown> | null): AuditDetail[] {
	if (!data) return []
	return Object.entries(data)
		.filter(([field, value]) => !SECRET_FIELD.test(field) && (typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && !TOKEN_LIKE.test(value))))
		.map(([field, value]) => ({ label: field, value: String(value) }))
}

function whenFormat(locale: Locale) {
	return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: AUDIT_TIME_ZONE })
}

const asDate = (value: unknown): Date | null => {
	if (typeof value !== 'string' && !(value instanceof Date)) return null
	const date = new Date(value)
	return Number.isNaN(date.getTime()) ? null : date
}

/** A row in the reader's language: who, when, a sentence saying what they did, and the chosen details. */
export function describeAuditRow(row: AuditRow, locale: Locale, t: Translate = makeTranslate(locale)): AuditRowView {
	const when = whenFormat(locale)
	const kind = text(row.data?.kind)
	const words: Words = {
		t,
		locale,
		person: row.subjectName ?? t('office.audit.someone'),
		call: row.callTitle ? row.callTitle[locale] : t('office.audit.aCall'),
		file: row.fileName ?? ((DOCUMENT_KINDS as readonly string[]).includes(kind ?? '') ? t(`office.document.${kind as DocumentKind}`) : t('office.audit.aDocument')),
		status: (value) => ((APPLICATION_STATUSES as readonly unknown[]).includes(value) ? t(`status.${value as (typeof APPLICATION_STATUSES)[number]}`) : '—'),
		day: (value) => {
			const date = asDate(value)
			return date ? formatDay(date, locale, AUDIT_TIME_ZONE).text : '—'
		},
		moment: (value) => {
			const date = asDate(value)
			return date ? when.format(date) : '—'
		},
	}
	let summary: string
	let details: AuditDetail[]
	if (isAuditAction(row.action)) {
		const told = DESCRIBE[row.action](row, words)
		summary = t(told.key, told.params)
		details = (told.details ?? []).flatMap(([label, value]) => (value ? [{ label: t(label), value }] : []))
	} else {
		summary = row.action
		details = unknownDetails(row.data)
	}
	return {
		id: row.id,
		iso: row.at.toISOString(),
		when: when.format(row.at),
		actor: row.actor ? { id: row.actor.id, name: row.actor.name, role: t(`office.audit.role.${row.actor.role}`) } : null,
		application: row.application,
		summary,
		details,
	}
}
