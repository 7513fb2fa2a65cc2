import { dateTimeFormat, numberFormat } from './intl-cache.ts'
import type { Locale } from './locales.ts'

/**
 * Dates and numbers for people. Persian uses the Solar Hijri calendar with Persian digits; where a date
 * matters (deadlines, visit dates) the Gregorian date is given beside it, because visas, flights and
 * employers abroad work in Gregorian dates.
 */

const intlLocale = (locale: Locale) => (locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB')
const gregorianLocale = (locale: Locale) => (locale === 'fa' ? 'fa-IR-u-ca-gregory' : 'en-GB')

export type DualDate = {
	/** In the reader's calendar: Solar Hijri for Persian, Gregorian for English. */
	text: string
	/** The Gregorian date, given only when `text` is in another calendar. */
	gregorian: string | null
}

function timeZoneName(at: Date, locale: Locale, timeZone: string): string {
	const parts = dateTimeFormat(intlLocale(locale), { timeZone, timeZoneName: 'long' }).formatToParts(at)
	return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone
}

/** An instant such as a deadline, in the given time zone, with the zone's name. */
export function formatDeadline(at: Date, locale: Locale, timeZone: string): DualDate {
	const dateTime = dateTimeFormat(intlLocale(locale), {
		dateStyle: 'long',
		timeStyle: 'short',
		timeZone,
	}).format(at)
	return {
		text: `${dateTime} (${timeZoneName(at, locale, timeZone)})`,
		gregorian:
			locale === 'fa'
				? dateTimeFormat(gregorianLocale(locale), { dateStyle: 'long', timeZone }).format(at)
				: null,
	}
}

/** The calendar day of an instant in a time zone, e.g. the day a visit starts. */
export function formatDay(at: Date, locale: Locale, timeZone = 'UTC'): DualDate {
	return {
		text: dateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(at),
		gregorian:
			locale === 'fa'
				? dateTimeFormat(gregorianLocale(locale), { dateStyle: 'long', timeZone }).format(at)
				: null,
	}
}

/** A calendar date stored as `YYYY-MM-DD` (no time zone: it names a day, not an instant). */
export function formatIsoDate(isoDate: string, locale: Locale): DualDate {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate)
	if (!match) throw new RangeError(`Not an ISO date: ${isoDate}`)
	const at = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
	return formatDay(at, locale, 'UTC')
}

export function formatNumber(value: number, locale: Locale, options?: Intl.NumberFormatOptions): string {
	return numberFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', options).format(value)
}

/** Whole days from `now` until `at`, rounded up (a deadline later today is "1 day" away, not 0). */
export function daysUntil(at: Date, now: Date): number {
	return Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 86_400_000))
}
