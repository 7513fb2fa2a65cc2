import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { Tx } from '#db/client.ts'
import { activeReferees, hostEndorsementOf, issueLetterLink } from '#app/domain/letters.server.ts'
import { issueHostFeedbackLink } from '#app/domain/visit-report.server.ts'
import { calls, reviewAssignments, users, type Application, type ApplicationStatus } from '#db/schema.ts'
import { recipientKindsFor, type RecipientKind } from './notifications.ts'

/**
 * Who a status change tells: DOMAIN.md's "who is told" table (notifications.ts) names the kinds of recipient for
 * each change; the resolvers below turn each kind into people for one application. Everything a change tells goes
 * through `recipientsFor`, so adding a kind of recipient is one resolver here and its templates.
 */

/** The settings recipients need: the office's mailbox and the portal's address for links. */
export type LifecycleSettings = Pick<Config, 'publicUrl'> & { email: Pick<Config['email'], 'officeEmail'> }

export type Recipient = {
	kind: RecipientKind
	email: string
	/** Null for a shared mailbox (the greeting then addresses a team). */
	name: string | null
	locale: Locale
	/** The page this recipient uses for the application; never carries a token. */
	link: string
	/**
	 * Values that carry a token, e.g. a referee's private `link`: sealed in the outbox row (queueEmail's `secrets`),
	 * and used by the email in place of the props of the same name.
	 */
	secrets?: Record<string, string>
}

type Person = Omit<Recipient, 'kind' | 'link' | 'secrets'> & {
	/** Called only for someone who is emailed (after deduplication): e.g. issues their private link. */
	secrets?: () => Record<string, string>
}

type ResolveContext = {
	tx: Tx
	application: Application
	settings: LifecycleSettings
	/** True for the first submission: the change that asks referees and the host for their answers. */
	firstSubmission: boolean
	/** True when the visit is marked completed: the host is asked for feedback through a private link. */
	completing: boolean
	/** The change's moment, when the caller gives it (links issued for it count from then). */
	now: Date
}

/** The first submission's email to a referee or the host carries their private link (app/domain/letters.server.ts). */
function privateLink(context: ResolveContext, role: 'referee' | 'host', refereeId: number | null, locale: Locale, requestedAt: Date | null) {
	if (!context.firstSubmission) return undefined
	return () => {
		const call = context.tx.select().from(calls).where(eq(calls.id, context.application.callId)).get()!
		const now = requestedAt ?? new Date()
		return { link: issueLetterLink(context.tx, context.settings, { application: context.application, call, refereeId, role, locale, now }) }
	}
}

type Resolver = {
	people: (context: ResolveContext) => Person[]
	link: (context: ResolveContext) => string
}

export const RECIPIENT_RESOLVERS: Record<RecipientKind, Resolver> = {
	applicant: {
		// A disabled applicant is still told what happened to their application.
		people: ({ tx, application }) => {
			const user = tx
				.select({ email: users.email, name: users.name, locale: users.locale })
				.from(users)
				.where(eq(users.id, application.applicantId))
				.get()
			return user ? [user] : []
		},
		link: ({ application, settings }) => `${settings.publicUrl}/applications/${application.id}`,
	},
	office: {
		// The program office's mailbox (OFFICE_EMAIL); when it is unset, every active office user.
		people: ({ tx, settings }) => {
			if (settings.email.officeEmail) return [{ email: settings.email.officeEmail, name: null, locale: 'en' }]
			return tx
				.select({ email: users.email, name: users.name, locale: users.locale })
				.from(users)
				.where(and(eq(users.role, 'office'), isNull(users.disabledAt)))
				.orderBy(asc(users.id))
				.all()
		},
		link: ({ application, settings }) => `${settings.publicUrl}/office/applications/${application.id}`,
	},
	reviewer: {
		// Reviewers with an active assignment (read before a withdrawal ends them).
		people: ({ tx, application }) =>
			tx
				.select({ email: users.email, name: users.name, locale: users.locale })
				.from(reviewAssignments)
				.innerJoin(users, eq(users.id, reviewAssignments.reviewerId))
				.where(
					and(
						eq(reviewAssignments.applicationId, application.id),
						eq(reviewAssignments.status, 'active'),
						isNull(users.disabledAt),
					),
				)
				.orderBy(asc(reviewAssignments.id))
				.all(),
		link: ({ settings }) => `${settings.publicUrl}/reviewer`,
	},
	// Referees and the host: the rows the first submission creates from the steps (createLetterRequests), in the
	// language the applicant chose for them. They have no account, so their link is the portal's front page, and on
	// the first submission their private link (a secret) instead.
	referee: {
		people: (context) =>
			activeReferees(context.tx, context.application.id).map((referee) => ({
				email: referee.email,
				name: referee.name,
				locale: referee.locale,
				secrets: privateLink(context, 'referee', referee.id, referee.locale, referee.requestedAt),
			})),
		link: ({ settings }) => `${settings.publicUrl}/`,
	},
	host: {
		people: (context) => {
			const host = hostEndorsementOf(context.tx, context.application.id)
			if (!host) return []
			const feedback = context.completing ? () => issueHostFeedbackLink(context.tx, context.settings, { application: context.application, locale: host.locale, now: context.now }) : undefined
			return [{ email: host.email, name: host.name, locale: host.locale, secrets: privateLink(context, 'host', null, host.locale, host.requestedAt) ?? feedback }]
		},
		link: ({ settings }) => `${settings.publicUrl}/`,
	},
}

/**
 * Everyone `from -> to` tells, in the table's order of kinds, each address once (the first kind that names it
 * wins, so an office user who is also an assigned reviewer gets one email).
 */
export function recipientsFor(
	tx: Tx,
	{
		application,
		from,
		to,
		firstSubmission,
		settings,
		now = new Date(),
	}: {
		application: Application
		from: ApplicationStatus
		to: ApplicationStatus
		firstSubmission: boolean
		settings: LifecycleSettings
		now?: Date
	},
): Recipient[] {
	const context: ResolveContext = { tx, application, settings, firstSubmission: firstSubmission && to === 'submitted', completing: to === 'completed', now }
	const seen = new Set<string>()
	const recipients: Recipient[] = []
	for (const kind of recipientKindsFor(from, to, { firstSubmission })) {
		const resolver = RECIPIENT_RESOLVERS[kind]
		for (const person of resolver.people(context)) {
			const address = person.email.trim().toLowerCase()
			if (seen.has(address)) continue
			seen.add(address)
			const { secrets, ...rest } = person
			recipients.push({ ...rest, kind, link: resolver.link(context), ...(secrets ? { secrets: secrets() } : {}) })
		}
	}
	return recipients
}
