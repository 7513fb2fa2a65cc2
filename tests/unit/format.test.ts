import { describe, expect, it } from 'vitest'
import { zonedTimeToInstant, instantToZonedDate, addDays } from '#app/domain/time.ts'
import { daysUntil, formatDeadline, formatIsoDate, formatNumber } from '#app/i18n/format.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'

// 15 January 2027, 23:59 in Tehran (UTC+03:30) is 20:29 UTC.
const deadline = new Date('2027-01-15T20:29:00Z')

describe('formatDeadline', () => {
	it('gives English readers the Gregorian date and time in the call’s time zone, with its name', () => {
		const date = formatDeadline(deadline, 'en', 'Asia/Tehran')
		expect(date.text).toBe('15 January 2027 at 23:59 (Iran Standard Time)')
		expect(date.gregorian).toBeNull()
	})

	it('gives Persian readers the Solar Hijri date in Persian digits, with the Gregorian beside it', () => {
		const date = formatDeadline(deadline, 'fa', 'Asia/Tehran')
		expect(date.text).toContain('۲۵ دی ۱۴۰۵')
		expect(date.text).toContain('۲۳:۵۹')
		expect(date.gregorian).toBe('۱۵ ژانویهٔ ۲۰۲۷')
	})

	it('shows the same instant in another zone on that zone’s clock', () => {
		expect(formatDeadline(deadline, 'en', 'Europe/Berlin').text).toBe(
			'15 January 2027 at 21:29 (Central European Standard Time)',
		)
		// Near midnight the day itself differs between zones.
		expect(formatDeadline(deadline, 'en', 'Asia/Tokyo').text).toMatch(/^16 January 2027 at 05:29/)
	})
})

describe('formatIsoDate', () => {
	it('names a calendar day in both calendars without shifting it by a time zone', () => {
		expect(formatIsoDate('2027-03-21', 'en').text).toBe('21 March 2027')
		// 21 March 2027 is 1 Farvardin 1406, the Persian new year.
		expect(normaliseDigits(formatIsoDate('2027-03-21', 'fa').text)).toBe('1 فروردین 1406')
	})

	it('refuses what is not an ISO date', () => {
		expect(() => formatIsoDate('21/03/2027', 'en')).toThrow(RangeError)
	})
})

describe('formatNumber', () => {
	it('writes Persian digits for Persian readers', () => {
		expect(formatNumber(1234, 'fa')).toBe('۱٬۲۳۴')
		expect(formatNumber(1234, 'en')).toBe('1,234')
	})
})

describe('time zones', () => {
	it('converts a wall-clock time in Tehran to the instant', () => {
		expect(zonedTimeToInstant('2027-01-15', '23:59', 'Asia/Tehran').toISOString()).toBe('2027-01-15T20:29:00.000Z')
	})

	it('follows daylight saving time', () => {
		expect(zonedTimeToInstant('2027-07-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2027-07-01T10:00:00.000Z')
		expect(zonedTimeToInstant('2027-01-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2027-01-01T11:00:00.000Z')
	})

	it('finds the local calendar day of an instant', () => {
		expect(instantToZonedDate(new Date('2027-01-15T21:00:00Z'), 'Asia/Tehran')).toBe('2027-01-16')
		expect(instantToZonedDate(new Date('2027-01-15T21:00:00Z'), 'UTC')).toBe('2027-01-15')
	})

	it('adds days across months and leap years', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
		expect(addDays('2027-12-31', 1)).toBe('2028-01-01')
	})
})

describe('daysUntil', () => {
	it('counts a deadline later today as one day away, and a past one as none', () => {
		const now = new Date('2027-01-15T10:00:00Z')
		expect(daysUntil(deadline, now)).toBe(1)
		expect(daysUntil(new Date('2027-01-01T00:00:00Z'), now)).toBe(0)
	})
})
