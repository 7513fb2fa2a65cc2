import crypto from 'node:crypto'
import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import { z } from 'zod'
import type { Config } from '#app/config.server.ts'
import { recordAudit } from '#app/domain/audit.ts'
import { stepText } from '#app/domain/step-data.ts'
import { dedupeKey, queueEmail } from '#app/email/queue.server.ts'
import type { JobHandler } from '#app/jobs/scheduler.server.ts'
import { schedule } from '#app/jobs/scheduler.server.ts'
import type { LetterFactsView } from '#app/components/letter-page.tsx'
import { formatDeadline } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { refereesSchemas, type RefereeInput } from '#app/schemas/application/referees.ts'
import type { FieldErrors } from '#app/schemas/parse.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	accessTokens,
	applications,
	applicationSteps,
	calls,
	documents,
	hostEndorsements,
	outbox,
	referees,
	users,
	type Application,
	type ApplicationStatus,
	type Call,
	type HostEndorsement,
	type Referee,
} from '#db/schema.ts'
import type { LetterEmailProps, LetterTemplateName } from '#emails/letters.tsx'

/**
 * Referees' letters and the host's endorsement (DOMAIN.md, "People" and "Things"). The first submission creates the
 * referees and the host endorsement (createLetterRequests, in the submission's transaction) and the lifecycle's
 * recipient registry emails each of them a private link (recipients.server.ts, through issueLetterLink). A link is
 * an access token: random, stored as its SHA-256 only, for one referee slot or the host, expiring at the call's
 * letter deadline, used once. The applicant sees only the state of each (letterStatuses), never a letter or a
 * statement; they may resend a request or replace a referee until the decision or the letter deadline.
 */

const DAY = 86_400_000
export const REMINDER_BEFORE_DEADLINE = 7 * DAY
/** A referee reminded (by the scheduled job or the office) is not reminded again sooner than this. */
export const REMINDER_INTERVAL = 3 * DAY
const remindedRecently = (remindedAt: Date | null, now: Date) => remindedAt !== null && now.getTime() - remindedAt.getTime() < REMINDER_INTERVAL
export const LETTER_REMINDER_JOB = 'letter-reminder'

/** While the applicant may still chase letters: after submission, before any decision. */
const CHASING_STATUSES: readonly ApplicationStatus[] = ['submitted', 'under_review', 'changes_requested']

export type LetterRole = 'referee' | 'host'
type Purpose = (typeof accessTokens.$inferSelect)['purpose']
const PURPOSE: Record<LetterRole, Purpose> = { referee: 'referee_letter', host: 'host_endorsement' }

export function hashAccessToken(token: string): string {
	return crypto.createHash('sha256').update(token).digest('hex')
}

/** The page a referee or host answers on, in their language; the token makes it a secret. */
export function letterLink(publicUrl: string, role: LetterRole, token: string, locale: Locale): string {
	return `${publicUrl}/letters/${role}?token=${encodeURIComponent(token)}&lang=${locale}`
}

/**
 * A new private link for one referee (or the host, `refereeId` null). With `revokeOlder`, earlier unused links of
 * the same person stop working (a resend); a reminder keeps them.
 */
export function issueAccessToken(
	tx: Tx,
	{
		applicationId,
		refereeId,
		role,
		expiresAt,
		now,
		revokeOlder = true,
	}: { applicationId: number; refereeId: number | null; role: LetterRole; expiresAt: Date; now: Date; revokeOlder?: boolean },
): string {
	if (revokeOlder) {
		tx.delete(accessTokens)
			.where(
				and(
					eq(accessTokens.applicationId, applicationId),
					eq(accessTokens.purpose, PURPOSE[role]),
					refereeId === null ? isNull(accessTokens.refereeId) : eq(accessTokens.refereeId, refereeId),
					isNull(accessTokens.usedAt),
				),
			)
			.run()
	}
	return createAccessToken(tx, { purpose: PURPOSE[role], applicationId, refereeId, expiresAt, now })
}

/** Stores a new single-purpose link's hash; the token itself is only in the email that carries it. */
export function createAccessToken(
	tx: Tx,
	{ purpose, applicationId, refereeId = null, expiresAt, now }: { purpose: Purpose; applicationId: number; refereeId?: number | null; expiresAt: Date; now: Date },
): string {
	const token = crypto.randomBytes(32).toString('base64url')
	tx.insert(accessTokens).values({ hash: hashAccessToken(token), purpose, applicationId, refereeId, expiresAt, createdAt: now }).run()
	return token
}

/** A link for the lifecycle's status email on the first submission (app/domain/lifecycle/recipients.server.ts). */
export function issueLetterLink(
	tx: Tx,
	settings: Pick<Config, 'publicUrl'>,
	{ application, call, refereeId, role, locale, now }: { application: Application; call: Call; refereeId: number | null; role: LetterRole; locale: Locale; now: Date },
): string {
	const token = issueAccessToken(tx, { applicationId: application.id, refereeId, role, expiresAt: call.letterDeadline, now })
	return letterLink(settings.publicUrl, role, token, locale)
}

const StoredReferees = z.object({
	referees: z
		.array(
			z.object({
				name: z.string(),
				email: z.string(),
				institution: z.string().default(''),
				relationship: z.string().default(''),
				locale: z.enum(['en', 'fa']).catch('en'),
			}),
		)
		.default([]),
})

const StoredHost = z.object({
	hostName: z.string(),
	hostEmail: z.string(),
	hostSchool: z.string().default(''),
	hostDepartment: z.string().default(''),
	hostLocale: z.enum(['en', 'fa']).catch('en'),
})

function stepData(tx: Tx | Db, applicationId: number, step: 'referees' | 'visit' | 'personal' | 'academic'): Record<string, unknown> | undefined {
	return tx
		.select({ data: applicationSteps.data })
		.from(applicationSteps)
		.where(and(eq(applicationSteps.applicationId, applicationId), eq(applicationSteps.step, step)))
		.get()?.data
}

export const reminderJobKey = (applicationId: number) => `letter-reminder:application:${applicationId}`

/**
 * On the first submission, inside its transaction: the referees (slots 1…n, from the referees step) and the host
 * endorsement (from the visit step), requested now, and the reminder 7 days before the letter deadline. Sends
 * nothing itself: the status change that follows tells them (and issues their links). Safe to call twice.
 */
export function createLetterRequests(tx: Tx, { application, call, now }: { application: Application; call: Call; now: Date }): void {
	const existing = tx.select({ id: referees.id }).from(referees).where(eq(referees.applicationId, application.id)).get()
	if (!existing) {
		const stored = StoredReferees.safeParse(stepData(tx, application.id, 'referees'))
		const list = stored.success ? stored.data.referees : []
		list.forEach((referee, index) => {
			tx.insert(referees)
				.values({
					applicationId: application.id,
					slot: index + 1,
					name: referee.name.trim(),
					email: referee.email.trim().toLowerCase(),
					institution: referee.institution,
					relationship: referee.relationship,
					locale: referee.locale,
					requestedAt: now,
					createdAt: now,
				})
				.run()
		})
	}
	const host = StoredHost.safeParse(stepData(tx, application.id, 'visit'))
	if (host.success) {
		tx.insert(hostEndorsements)
			.values({
				applicationId: application.id,
				name: host.data.hostName.trim(),
				email: host.data.hostEmail.trim().toLowerCase(),
				school: host.data.hostSchool,
				department: host.data.hostDepartment,
				locale: host.data.hostLocale,
				requestedAt: now,
				createdAt: now,
			})
			.onConflictDoNothing({ target: hostEndorsements.applicationId })
			.run()
	}
	const runAt = new Date(call.letterDeadline.getTime() - REMINDER_BEFORE_DEADLINE)
	// A deadline less than a week away leaves no time for a reminder to help.
	if (runAt > now) {
		schedule(tx, { key: reminderJobKey(application.id), runAt, job: LETTER_REMINDER_JOB, data: { applicationId: application.id }, now })
	}
}

/** Referees who count (not replaced), by slot. */
export function activeReferees(tx: Tx | Db, applicationId: number): Referee[] {
	return tx
		.select()
		.from(referees)
		.where(and(eq(referees.applicationId, applicationId), isNull(referees.replacedAt)))
		.orderBy(asc(referees.slot))
		.all()
}

export function hostEndorsementOf(tx: Tx | Db, applicationId: number): HostEndorsement | undefined {
	return tx.select().from(hostEndorsements).where(eq(hostEndorsements.applicationId, applicationId)).get()
}

// ---------------------------------------------------------------------------------------------------------------
// The pages behind the links.

export type LinkProblem = 'invalid' | 'expired' | 'used'

/** The HTTP status of a link that does not work: unknown 404; used or expired 410. */
export const LINK_PROBLEM_STATUS: Record<LinkProblem, number> = { invalid: 404, expired: 410, used: 410 }

export type LetterAccess = {
	tokenId: number
	role: LetterRole
	application: Application
	call: Call
	applicantName: string
	applicantEmail: string
	/** From the academic step, when given. */
	applicantInstitution: string | null
	referee: Referee | null
	host: HostEndorsement | null
}

/** What a link gives access to, or why it does not work. Reads only. */
export function findLetterAccess(
	tx: Tx | Db,
	{ token, role, now }: { token: string; role: LetterRole; now: Date },
): { ok: true; access: LetterAccess } | { ok: false; problem: LinkProblem } {
	if (!token) return { ok: false, problem: 'invalid' }
	const row = tx
		.select()
		.from(accessTokens)
		.where(and(eq(accessTokens.hash, hashAccessToken(token)), eq(accessTokens.purpose, PURPOSE[role])))
		.get()
	if (!row) return { ok: false, problem: 'invalid' }
	const application = tx.select().from(applications).where(eq(applications.id, row.applicationId)).get()
	const call = application ? tx.select().from(calls).where(eq(calls.id, application.callId)).get() : undefined
	const applicant = application
		? tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, application.applicantId)).get()
		: undefined
	if (!application || !call || !applicant) return { ok: false, problem: 'invalid' }
	const referee = role === 'referee' && row.refereeId ? (tx.select().from(referees).where(eq(referees.id, row.refereeId)).get() ?? null) : null
	const host = role === 'host' ? (hostEndorsementOf(tx, application.id) ?? null) : null
	if (role === 'referee' && (!referee || referee.replacedAt)) return { ok: false, problem: 'invalid' }
	if (role === 'host' && !host) return { ok: false, problem: 'invalid' }
	if (row.usedAt || referee?.receivedAt || referee?.declinedAt || host?.answeredAt) return { ok: false, problem: 'used' }
	if (now >= row.expiresAt || now >= call.letterDeadline || !CHASING_STATUSES.includes(application.status)) {
		return { ok: false, problem: 'expired' }
	}
	const academic = stepData(tx, application.id, 'academic')
	return {
		ok: true,
		access: {
			tokenId: row.id,
			role,
			application,
			call,
			applicantName: applicant.name,
			applicantEmail: applicant.email,
			applicantInstitution: stepText(academic, 'institution', null),
			referee,
			host,
		},
	}
}

/** What the page behind a link tells its reader, in their language. */
export function letterFacts(access: LetterAccess, locale: Locale): LetterFactsView {
	const deadline = formatDeadline(access.call.letterDeadline, locale, access.call.timeZone)
	return {
		applicantName: access.applicantName,
		reference: access.application.reference,
		callTitle: locale === 'fa' ? access.call.titleFa : access.call.titleEn,
		institution: access.applicantInstitution,
		deadline: deadline.gregorian ? `${deadline.text} (${deadline.gregorian})` : deadline.text,
	}
}

/** Uses the link inside the transaction that records the answer; a second use (two tabs) gets `used`. */
function useLink(tx: Tx, args: { token: string; role: LetterRole; now: Date }) {
	const found = findLetterAccess(tx, args)
	if (!found.ok) return found
	const used = tx
		.update(accessTokens)
		.set({ usedAt: args.now })
		.where(and(eq(accessTokens.id, found.access.tokenId), isNull(accessTokens.usedAt)))
		.run()
	return used.changes === 1 ? found : ({ ok: false, problem: 'used' } as const)
}

type Answer = { ok: true } | { ok: false; problem: LinkProblem }

/** A referee's letter, already stored on disk by the caller; on a problem the caller removes the file. */
export function receiveLetter(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{ token, file, now }: { token: string; file: { storedName: string; size: number; sha256: string; originalName: string }; now: Date },
): Answer {
	return db.transaction(
		(tx) => {
			const found = useLink(tx, { token, role: 'referee', now })
			if (!found.ok) return found
			const { application, referee } = found.access
			const document = tx
				.insert(documents)
				.values({
					applicationId: application.id,
					kind: 'reference_letter',
					originalName: file.originalName,
					storedName: file.storedName,
					size: file.size,
					sha256: file.sha256,
					uploadedBy: null,
					createdAt: now,
				})
				.returning({ id: documents.id })
				.get()
			tx.update(referees).set({ receivedAt: now, letterDocumentId: document.id }).where(eq(referees.id, referee!.id)).run()
			recordAudit(tx, {
				actorId: null,
				action: 'letter.received',
				entity: 'referee',
				entityId: referee!.id,
				applicationId: application.id,
				data: { slot: referee!.slot, documentId: document.id },
				at: now,
			})
			tellApplicant(tx, config, found.access, 'letter-received', referee!.name, `referee:${referee!.id}`, now)
			return { ok: true } as const
		},
		{ behavior: 'immediate' },
	)
}

export function declineLetter(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{ token, reason, now }: { token: string; reason: string | null; now: Date },
): Answer {
	return db.transaction(
		(tx) => {
			const found = useLink(tx, { token, role: 'referee', now })
			if (!found.ok) return found
			const { application, referee } = found.access
			tx.update(referees)
				.set({ declinedAt: now, declineReason: reason?.trim().slice(0, 2000) || null })
				.where(eq(referees.id, referee!.id))
				.run()
			recordAudit(tx, {
				actorId: null,
				action: 'letter.declined',
				entity: 'referee',
				entityId: referee!.id,
				applicationId: application.id,
				data: { slot: referee!.slot },
				at: now,
			})
			tellApplicant(tx, config, found.access, 'letter-declined', referee!.name, `referee:${referee!.id}`, now)
			return { ok: true } as const
		},
		{ behavior: 'immediate' },
	)
}

export type HostAnswer = {
	decision: 'endorsed' | 'declined'
	statement: string
	knowsApplicant: boolean
	howKnown: string | null
}

export function answerAsHost(db: Db, config: Pick<Config, 'publicUrl'>, { token, answer, now }: { token: string; answer: HostAnswer; now: Date }): Answer {
	return db.transaction(
		(tx) => {
			const found = useLink(tx, { token, role: 'host', now })
			if (!found.ok) return found
			const { application, host } = found.access
			tx.update(hostEndorsements)
				.set({
					answeredAt: now,
					decision: answer.decision,
					statement: answer.statement,
					knowsApplicant: answer.knowsApplicant,
					howKnown: answer.knowsApplicant ? answer.howKnown : null,
				})
				.where(eq(hostEndorsements.applicationId, application.id))
				.run()
			recordAudit(tx, {
				actorId: null,
				action: 'host.answered',
				entity: 'host_endorsement',
				entityId: application.id,
				applicationId: application.id,
				data: { decision: answer.decision, knowsApplicant: answer.knowsApplicant },
				at: now,
			})
			const template = answer.decision === 'endorsed' ? 'host-endorsed' : 'host-declined'
			tellApplicant(tx, config, found.access, template, host!.name, 'host', now)
			return { ok: true } as const
		},
		{ behavior: 'immediate' },
	)
}

function letterProps(
	call: Call,
	application: Application,
	{ recipientName, applicantName, personName, link }: { recipientName: string; applicantName: string; personName: string; link: string },
): LetterEmailProps {
	return {
		reference: application.reference,
		recipientName,
		applicantName,
		personName,
		callTitleEn: call.titleEn,
		callTitleFa: call.titleFa,
		timeZone: call.timeZone,
		letterDeadline: call.letterDeadline.toISOString(),
		link,
	}
}

/** The applicant learns that an answer arrived, never what it says. */
function tellApplicant(
	tx: Tx,
	config: Pick<Config, 'publicUrl'>,
	access: LetterAccess,
	template: LetterTemplateName,
	personName: string,
	cause: string,
	now: Date,
) {
	const { application, call } = access
	const applicant = tx.select().from(users).where(eq(users.id, application.applicantId)).get()
	if (!applicant) return
	queueEmail(tx, {
		to: applicant.email,
		toName: applicant.name,
		template,
		locale: applicant.locale,
		props: letterProps(call, application, {
			recipientName: applicant.name,
			applicantName: applicant.name,
			personName,
			link: `${config.publicUrl}/applications/${application.id}`,
		}),
		dedupeKey: dedupeKey('letter-answer', application.id, cause, template, applicant.email),
		applicationId: application.id,
		now,
	})
}

/** A request or reminder to one referee or the host, with a private link as a secret. */
function queueLetterRequest(
	tx: Tx,
	config: Pick<Config, 'publicUrl'>,
	{
		application,
		call,
		applicantName,
		person,
		role,
		refereeId,
		kind,
		officeReminder = false,
		now,
	}: {
		application: Application
		call: Call
		applicantName: string
		person: { name: string; email: string; locale: Locale }
		role: LetterRole
		refereeId: number | null
		kind: 'request' | 'reminder'
		/** A reminder the office sends: its own dedupe key, so it neither blocks nor is blocked by the scheduled one. */
		officeReminder?: boolean
		now: Date
	},
): boolean {
	const token = issueAccessToken(tx, {
		applicationId: application.id,
		refereeId,
		role,
		expiresAt: call.letterDeadline,
		now,
		revokeOlder: kind === 'request',
	})
	const template: LetterTemplateName = `letter-${kind}-${role}`
	const { link: _hidden, ...props } = letterProps(call, application, {
		recipientName: person.name,
		applicantName,
		personName: person.name,
		link: '',
	})
	return queueEmail(tx, {
		to: person.email,
		toName: person.name,
		template,
		locale: person.locale,
		props,
		secrets: { link: letterLink(config.publicUrl, role, token, person.locale) },
		// A request is new each time (its token is); the scheduled reminder goes once per person, the office's once per
		// person and instant.
		dedupeKey:
			kind === 'request'
				? dedupeKey('letter-request', hashAccessToken(token).slice(0, 16), template, person.email)
				: officeReminder
					? dedupeKey('letter-reminder', refereeId ?? `host-${application.id}`, 'office', now.getTime(), template, person.email)
					: dedupeKey('letter-reminder', refereeId ?? `host-${application.id}`, template, person.email),
		applicationId: application.id,
		now,
	})
}

// ---------------------------------------------------------------------------------------------------------------
// What the applicant sees and may do.

export type LetterState = 'requested' | 'received' | 'declined' | 'undeliverable'

export type LetterStatus = {
	role: LetterRole
	/** Null for the host. */
	refereeId: number | null
	slot: number | null
	name: string
	email: string
	state: LetterState
	canResend: boolean
	canReplace: boolean
}

/** Until the decision or the letter deadline, whichever comes first. */
function stillChasing(application: Application, call: Call, now: Date): boolean {
	return CHASING_STATUSES.includes(application.status) && application.decidedAt === null && now < call.letterDeadline
}

/** Whether the latest email to `address` about this application failed for good. */
function lastEmailFailed(db: Db | Tx, applicationId: number, address: string): boolean {
	const latest = db
		.select({ status: outbox.status })
		.from(outbox)
		.where(and(eq(outbox.applicationId, applicationId), eq(outbox.toAddress, address)))
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.get()
	return latest?.status === 'failed'
}

/**
 * Each referee who counts and the host, with the state the applicant may see (never the letter or the statement)
 * and what they may still do.
 */
export function letterStatuses(db: Db | Tx, applicationId: number, now: Date = new Date()): LetterStatus[] {
	const application = db.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application) return []
	const call = db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const chasing = stillChasing(application, call, now)
	const stateOf = (answered: 'received' | 'declined' | null, email: string): LetterState =>
		answered ?? (lastEmailFailed(db, applicationId, email) ? 'undeliverable' : 'requested')
	const list: LetterStatus[] = activeReferees(db, applicationId).map((referee) => {
		const state = stateOf(referee.receivedAt ? 'received' : referee.declinedAt ? 'declined' : null, referee.email)
		return {
			role: 'referee',
			refereeId: referee.id,
			slot: referee.slot,
			name: referee.name,
			email: referee.email,
			state,
			canResend: chasing && (state === 'requested' || state === 'undeliverable'),
			canReplace: chasing && state !== 'received',
		}
	})
	const host = hostEndorsementOf(db, applicationId)
	if (host) {
		const state = stateOf(host.decision === 'endorsed' ? 'received' : host.decision === 'declined' ? 'declined' : null, host.email)
		list.push({
			role: 'host',
			refereeId: null,
			slot: null,
			name: host.name,
			email: host.email,
			state,
			canResend: chasing && (state === 'requested' || state === 'undeliverable'),
			canReplace: false,
		})
	}
	return list
}

export class LetterActionError extends Error {
	constructor(readonly code: 'not_found' | 'not_allowed') {
		super(`Letter action refused: ${code}`)
		this.name = 'LetterActionError'
	}
}

function ownApplication(tx: Tx, applicationId: number, actorId: number) {
	const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
	if (!application || application.applicantId !== actorId) throw new LetterActionError('not_found')
	const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const applicant = tx.select().from(users).where(eq(users.id, application.applicantId)).get()!
	return { application, call, applicant }
}

/** A new link to one referee (by id) or the host: the older links stop working, and a new email goes out. */
export function resendLetterRequest(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{ applicationId, refereeId, actorId, now }: { applicationId: number; refereeId: number | 'host'; actorId: number; now: Date },
): void {
	db.transaction(
		(tx) => {
			const { application, call, applicant } = ownApplication(tx, applicationId, actorId)
			const status = letterStatuses(tx, applicationId, now).find((entry) =>
				refereeId === 'host' ? entry.role === 'host' : entry.refereeId === refereeId,
			)
			if (!status) throw new LetterActionError('not_found')
			if (!status.canResend) throw new LetterActionError('not_allowed')
			const role: LetterRole = refereeId === 'host' ? 'host' : 'referee'
			const person =
				role === 'host'
					? hostEndorsementOf(tx, applicationId)!
					: tx.select().from(referees).where(eq(referees.id, refereeId as number)).get()!
			queueLetterRequest(tx, config, {
				application,
				call,
				applicantName: applicant.name,
				person,
				role,
				refereeId: role === 'host' ? null : (refereeId as number),
				kind: 'request',
				now,
			})
			if (role === 'host') tx.update(hostEndorsements).set({ requestedAt: now }).where(eq(hostEndorsements.applicationId, applicationId)).run()
			else tx.update(referees).set({ requestedAt: now }).where(eq(referees.id, refereeId as number)).run()
			recordAudit(tx, {
				actorId,
				action: 'letter.request_resent',
				entity: role === 'host' ? 'host_endorsement' : 'referee',
				entityId: role === 'host' ? applicationId : refereeId,
				applicationId,
				at: now,
			})
		},
		{ behavior: 'immediate' },
	)
}

export type ReplaceRefereeResult = { ok: true; refereeId: number } | { ok: false; errors: FieldErrors }

/**
 * Another referee in the slot of `refereeId`, checked as the referees step checks them (not the applicant, not
 * twice, not the host). The old referee stays on record with replaced_at; their links stop working; the new one
 * gets a request at once. Field errors are keyed by the field's name (`email`, `name`, …).
 */
export function replaceReferee(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{
		applicationId,
		refereeId,
		referee,
		actorId,
		now,
	}: { applicationId: number; refereeId: number; referee: Partial<RefereeInput>; actorId: number; now: Date },
): ReplaceRefereeResult {
	return db.transaction(
		(tx) => {
			const { application, call, applicant } = ownApplication(tx, applicationId, actorId)
			const status = letterStatuses(tx, applicationId, now).find((entry) => entry.refereeId === refereeId)
			if (!status) throw new LetterActionError('not_found')
			if (!status.canReplace) throw new LetterActionError('not_allowed')

			const others = activeReferees(tx, applicationId).filter((entry) => entry.id !== refereeId)
			const personal = stepData(tx, applicationId, 'personal')
			const host = hostEndorsementOf(tx, applicationId)
			const { full } = refereesSchemas({
				required: others.length + 1,
				applicantEmails: [applicant.email, stepText(personal, 'email')],
				hostEmail: host?.email ?? null,
			})
			const index = others.length
			const parsed = full.safeParse({ referees: [...others, { locale: 'en', ...referee }] })
			if (!parsed.success) {
				const errors: FieldErrors = {}
				for (const issue of parsed.error.issues) {
					const [list, at, field] = issue.path
					if (list === 'referees' && at === index && typeof field === 'string') errors[field] ??= issue.message
				}
				if (Object.keys(errors).length > 0) return { ok: false, errors } as const
			}
			const chosen = parsed.success ? parsed.data.referees[index]! : (referee as RefereeInput)

			const old = tx.select().from(referees).where(eq(referees.id, refereeId)).get()!
			tx.update(referees).set({ replacedAt: now }).where(eq(referees.id, refereeId)).run()
			tx.delete(accessTokens).where(and(eq(accessTokens.refereeId, refereeId), isNull(accessTokens.usedAt))).run()
			const created = tx
				.insert(referees)
				.values({
					applicationId,
					slot: old.slot,
					name: chosen.name,
					email: chosen.email,
					institution: chosen.institution,
					relationship: chosen.relationship,
					locale: chosen.locale,
					requestedAt: now,
					createdAt: now,
				})
				.returning()
				.get()
			queueLetterRequest(tx, config, {
				application,
				call,
				applicantName: applicant.name,
				person: created,
				role: 'referee',
				refereeId: created.id,
				kind: 'request',
				now,
			})
			recordAudit(tx, {
				actorId,
				action: 'referee.replaced',
				entity: 'referee',
				entityId: created.id,
				applicationId,
				data: { slot: old.slot, replaced: old.id },
				at: now,
			})
			return { ok: true, refereeId: created.id } as const
		},
		{ behavior: 'immediate' },
	)
}

// ---------------------------------------------------------------------------------------------------------------
// The reminder (app/jobs/registry.server.ts).

const ReminderData = z.object({ applicationId: z.number().int().positive() })

/**
 * 7 days before the letter deadline: one reminder to each referee (who counts) and the host who has not answered.
 * Safe to repeat: reminded_at and the dedupe keys make it once per person.
 */
export const sendLetterReminders: JobHandler = (data, { db, config, now }) => {
	const { applicationId } = ReminderData.parse(data)
	const at = now()
	db.transaction(
		(tx) => {
			const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
			if (!application) return
			const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
			if (!stillChasing(application, call, at)) return
			const applicant = tx.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
			const common = { application, call, applicantName: applicant?.name ?? '', kind: 'reminder' as const, now: at }
			for (const referee of activeReferees(tx, applicationId)) {
				if (referee.receivedAt || referee.declinedAt || remindedRecently(referee.remindedAt, at)) continue
				queueLetterRequest(tx, config, { ...common, person: referee, role: 'referee', refereeId: referee.id })
				tx.update(referees).set({ remindedAt: at }).where(eq(referees.id, referee.id)).run()
			}
			const host = hostEndorsementOf(tx, applicationId)
			if (host && !host.answeredAt && !host.remindedAt) {
				queueLetterRequest(tx, config, { ...common, person: host, role: 'host', refereeId: null })
				tx.update(hostEndorsements).set({ remindedAt: at }).where(eq(hostEndorsements.applicationId, applicationId)).run()
			}
		},
		{ behavior: 'immediate' },
	)
}

export type ReminderRefusal =
	| 'not_found'
	/** The letter deadline has passed. */
	| 'letter_deadline_passed'
	/** Decided, or in a status where letters no longer matter (stillChasing). */
	| 'not_chasing'
	/** Every referee who counts has sent the letter or declined. */
	| 'nobody_to_remind'
	/** Those who have not answered were reminded less than REMINDER_INTERVAL ago. */
	| 'reminded_recently'

export class ReminderError extends Error {
	override name = 'ReminderError'
	constructor(readonly reason: ReminderRefusal) {
		super(`Reminder refused: ${reason}`)
	}
}

/**
 * The office reminds, now, each referee who counts (not replaced) and has neither sent the letter nor declined: the
 * scheduled reminder's email and link (the earlier links keep working), an audit row per referee, in one immediate
 * transaction. The office's counterpart of the applicant's resendLetterRequest. Returns how many were reminded.
 */
export function remindRefereesForOffice(
	db: Db,
	config: Pick<Config, 'publicUrl'>,
	{ applicationId, actorId, now }: { applicationId: number; actorId: number; now: Date },
): number {
	return db.transaction(
		(tx) => {
			const application = tx.select().from(applications).where(eq(applications.id, applicationId)).get()
			if (!application) throw new ReminderError('not_found')
			const call = tx.select().from(calls).where(eq(calls.id, application.callId)).get()!
			if (now >= call.letterDeadline) throw new ReminderError('letter_deadline_passed')
			if (!stillChasing(application, call, now)) throw new ReminderError('not_chasing')
			const waiting = activeReferees(tx, applicationId).filter((referee) => !referee.receivedAt && !referee.declinedAt)
			if (waiting.length === 0) throw new ReminderError('nobody_to_remind')
			const due = waiting.filter((referee) => !remindedRecently(referee.remindedAt, now))
			if (due.length === 0) throw new ReminderError('reminded_recently')
			const applicant = tx.select({ name: users.name }).from(users).where(eq(users.id, application.applicantId)).get()
			for (const referee of due) {
				queueLetterRequest(tx, config, {
					application,
					call,
					applicantName: applicant?.name ?? '',
					person: referee,
					role: 'referee',
					refereeId: referee.id,
					kind: 'reminder',
					officeReminder: true,
					now,
				})
				tx.update(referees).set({ remindedAt: now }).where(eq(referees.id, referee.id)).run()
				recordAudit(tx, {
					actorId,
					action: 'letter.reminded',
					entity: 'referee',
					entityId: referee.id,
					applicationId,
					data: { slot: referee.slot },
					at: now,
				})
			}
			return due.length
		},
		{ behavior: 'immediate' },
	)
}
