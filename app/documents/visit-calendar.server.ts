import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import { makeTranslate } from '#app/i18n/translate.ts'
import type { EmailAttachment } from '#emails/template.ts'
import { visitCalendarFilename } from './visit-file-names.ts'

/**
 * The confirmed visit as an iCalendar file (RFC 5545) for the visitor's calendar: one all-day event from the first
 * day to the last. All-day dates are DATE values with no time and no time zone, so they never move with the reader's
 * zone (or the server's): the days are computed in UTC and ical-generator writes UTC days when no zone is set.
 */

export type VisitCalendarData = {
	/**
	 * Globally unique and stable per visit, e.g. `visit-42@portal.example.org`: a calendar file sent again (new dates)
	 * updates the event it sent before instead of adding a second one.
	 */
	uid: string
	reference: string
	visitorName: string
	hostSchool: string
	/** ISO day (YYYY-MM-DD): the first day of the visit. */
	startDate: string
	/** ISO day: the last day of the visit, inclusive. */
	endDate: string
	/** The application's page. */
	url: string
	organizerEmail: string
	/** The revision: raise it when the dates change, so calendars prefer the new file. 0 by default. */
	sequence?: number
	/** DTSTAMP, when the file was made; now by default. */
	stamp?: Date
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** Midnight UTC of an ISO day; throws on anything else, including days that do not exist (2027-02-30). */
function utcDay(iso: string, what: string): Date {
	const match = ISO_DAY.exec(iso)
	const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null
	if (!day || day.toISOString().slice(0, 10) !== iso) throw new Error(`visitCalendar: ${what} "${iso}" is not an ISO day (YYYY-MM-DD)`)
	return day
}

const DAY_MS = 24 * 60 * 60_000

export function visitCalendar(data: VisitCalendarData): string {
	const start = utcDay(data.startDate, 'startDate')
	const last = utcDay(data.endDate, 'endDate')
	if (last < start) throw new Error(`visitCalendar: the visit ends (${data.endDate}) before it starts (${data.startDate})`)
	const program = makeTranslate('en')('app.name')
	const calendar = ical({
		prodId: { company: 'VPP Portal', product: 'visits', language: 'EN' },
		// A file to add to one's calendar, not a meeting request that expects an answer.
		method: ICalCalendarMethod.PUBLISH,
	})
	calendar.createEvent({
		id: data.uid,
		sequence: data.sequence ?? 0,
		stamp: data.stamp ?? new Date(),
		allDay: true,
		start,
		// DTEND of an all-day event is exclusive: the day after the last day.
		end: new Date(last.getTime() + DAY_MS),
		summary: `${program}: visit ${data.reference}`,
		description: [`Visitor: ${data.visitorName}`, `Host school: ${data.hostSchool}`, data.url].join('\n'),
		location: data.hostSchool,
		url: data.url,
		organizer: { name: program, email: data.organizerEmail },
		status: ICalEventStatus.CONFIRMED,
	})
	return calendar.toString()
}

/** The calendar file as an email attachment, for a template's `attachments` builder. */
export function visitCalendarAttachment(data: VisitCalendarData): EmailAttachment {
	return {
		filename: visitCalendarFilename(data.reference),
		contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
		content: visitCalendar(data),
	}
}
