import type { Locale } from '#app/i18n/locales.ts'
import type { Translate } from '#app/i18n/translate.ts'

/**
 * The time left until a call's deadline, for applicants ("Closes in 12 days, 4 hours"). Computed on the server from
 * the portal's clock, so the page reads the same before and after JavaScript loads; it does not tick.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** Whole days, hours and minutes left, rounded down: a countdown never promises more time than there is. */
export type Countdown = { closed: true } | { closed: false; days: number; hours: number; minutes: number }

export function countdown(deadline: Date, now: Date): Countdown {
	const left = deadline.getTime() - now.getTime()
	if (left <= 0) return { closed: true }
	return {
		closed: false,
		days: Math.floor(left / DAY),
		hours: Math.floor((left % DAY) / HOUR),
		minutes: Math.floor((left % HOUR) / MINUTE),
	}
}

type Unit = 'days' | 'hours' | 'minutes'

/**
 * The countdown in words: the two largest units (days and hours, or hours and minutes), leaving out a second unit
 * that is zero; "Closed" once the deadline has passed.
 */
export function countdownText(deadline: Date, now: Date, t: Translate, locale: Locale): string {
	const left = countdown(deadline, now)
	if (left.closed) return t('call.countdown.closed')
	const plural = new Intl.PluralRules(locale)
	const amount = (unit: Unit, count: number) => t(`call.countdown.${unit}.${plural.select(count) === 'one' ? 'one' : 'other'}`, { count })
	const [first, second]: [Unit, Unit] = left.days > 0 ? ['days', 'hours'] : ['hours', 'minutes']
	if (left[first] === 0) return left.minutes === 0 ? t('call.countdown.soon') : t('call.countdown.closesIn', { time: amount('minutes', left.minutes) })
	const time = left[second] === 0 ? amount(first, left[first]) : t('call.countdown.pair', { first: amount(first, left[first]), second: amount(second, left[second]) })
	return t('call.countdown.closesIn', { time })
}
