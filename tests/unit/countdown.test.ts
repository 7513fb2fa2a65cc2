import { describe, expect, it } from 'vitest'
import { countdown, countdownText } from '#app/domain/countdown.ts'
import { makeTranslate } from '#app/i18n/translate.ts'

const deadline = new Date('2027-01-15T20:29:00Z')
const before = (ms: number) => new Date(deadline.getTime() - ms)
const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const en = (now: Date) => countdownText(deadline, now, makeTranslate('en'), 'en')
const fa = (now: Date) => countdownText(deadline, now, makeTranslate('fa'), 'fa')

describe('countdown', () => {
	it('splits the time left into whole days, hours and minutes, rounded down', () => {
		expect(countdown(deadline, before(12 * DAY + 4 * HOUR + 59 * MINUTE + 59_000))).toEqual({ closed: false, days: 12, hours: 4, minutes: 59 })
		expect(countdown(deadline, before(30_000))).toEqual({ closed: false, days: 0, hours: 0, minutes: 0 })
	})

	it('is closed at the deadline and after it', () => {
		expect(countdown(deadline, deadline)).toEqual({ closed: true })
		expect(countdown(deadline, new Date(deadline.getTime() + DAY))).toEqual({ closed: true })
	})
})

describe('countdownText', () => {
	it('gives days and hours while a day or more is left', () => {
		expect(en(before(12 * DAY + 4 * HOUR + 30 * MINUTE))).toBe('Closes in 12 days, 4 hours')
		expect(en(before(DAY + HOUR))).toBe('Closes in 1 day, 1 hour')
		expect(en(before(3 * DAY + 20 * MINUTE))).toBe('Closes in 3 days')
	})

	it('gives hours and minutes on the last day, and minutes in the last hour', () => {
		expect(en(before(3 * HOUR + 20 * MINUTE + 10_000))).toBe('Closes in 3 hours, 20 minutes')
		expect(en(before(HOUR + MINUTE))).toBe('Closes in 1 hour, 1 minute')
		expect(en(before(2 * HOUR))).toBe('Closes in 2 hours')
		expect(en(before(45 * MINUTE))).toBe('Closes in 45 minutes')
		expect(en(before(59_000))).toBe('Closes in less than a minute')
	})

	it('says Closed once the deadline has passed', () => {
		expect(en(deadline)).toBe('Closed')
		expect(en(new Date(deadline.getTime() + HOUR))).toBe('Closed')
	})

	it('speaks Persian with Persian digits', () => {
		expect(fa(before(12 * DAY + 4 * HOUR))).toBe('۱۲ روز و ۴ ساعت تا پایان مهلت')
		expect(fa(before(3 * HOUR + 20 * MINUTE))).toBe('۳ ساعت و ۲۰ دقیقه تا پایان مهلت')
		expect(fa(deadline)).toBe('مهلت به پایان رسیده')
	})
})
