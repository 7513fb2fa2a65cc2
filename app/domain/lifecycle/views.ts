import type { ApplicationStatus, EmailStatus, Role } from '#db/schema.ts'
import type { EmailChange } from './notifications.ts'

/**
 * The view models of the lifecycle's components (app/components/timeline.tsx, application-emails.tsx), built by
 * timeline.server.ts and application-emails.server.ts. Plain data with ISO dates, as loaders send it.
 */

export type TimelineEntry = {
	id: number
	from: ApplicationStatus
	to: ApplicationStatus
	/** What happened, in the words the emails use (a return from a change request is `resubmitted`). */
	event: EmailChange
	/** ISO instant. */
	at: string
	/** Office only: who made the change (null: the portal itself), and their note. */
	actor?: { name: string; role: Role } | null
	note?: string | null
}

export type TimelineView = {
	/** The call's time zone, in which times are shown. */
	timeZone: string
	/** ISO instant at which the application was started. */
	startedAt: string
	entries: TimelineEntry[]
}

export type ApplicationEmailItem = {
	id: number
	subject: string | null
	to: string
	toName: string | null
	status: EmailStatus
	/** ISO instants: when it was sent, else when it was queued; and when a waiting decision email may go. */
	at: string
	notBefore: string
	/** The mail server's last answer, for the office only. */
	lastError: string | null
}
