/** Conversions between instants (UTC) and wall-clock times in a named time zone. */

import { dateTimeFormat } from '#app/i18n/intl-cache.ts'

function offsetMs(at: number, timeZone: string): number {
	const parts = dateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(at))
	const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value)
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'))
	return asUtc - Math.floor(at / 1000) * 1000
}

/** The instant at which the clocks of `timeZone` show `isoDate` (YYYY-MM-DD) at `time` (HH:mm). */
export function zonedTimeToInstant(isoDate: string, time: string, timeZone: string): Date {
	const [year, month, day] = isoDate.split('-').map(Number)
	const [hour, minute] = time.split(':').map(Number)
	if ([year, month, day, hour, minute].some((part) => part === undefined || Number.isNaN(part))) {
		throw new RangeError(`Not a date and time: ${isoDate} ${time}`)
	}
	const wallClock = Date.UTC(year!, month! - 1, day!, hour!, minute!)
	// Two passes settle the offset across a daylight-saving change.
	let instant = wallClock - offsetMs(wallClock, timeZone)
	instant = wallClock - offsetMs(instant, timeZone)
	return new Date(instant)
}

/** The calendar date (YYYY-MM-DD) that `timeZone`'s clocks show at `at`. */
export function instantToZonedDate(at: Date, timeZone: string): string {
	return dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

/** Adds whole days to an ISO date, in the calendar (no time zone involved). */
export function addDays(isoDate: string, days: number): string {
	const [year, month, day] = isoDate.split('-').map(Number)
	return new Date(Date.UTC(year!, month! - 1, day! + days)).toISOString().slice(0, 10)
}

export function isValidTimeZone(timeZone: string): boolean {
	try {
		new Intl.DateTimeFormat('en-US', { timeZone })
		return true
	} catch {
		return false
	}
}
