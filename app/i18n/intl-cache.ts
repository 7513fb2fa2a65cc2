/**
 * Intl formatters, made once per locale and options and then reused. Making one loads locale and time-zone data
 * (tens of microseconds); formatting with it is cheap, and a page or an email formats many dates and numbers.
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const numberFormats = new Map<string, Intl.NumberFormat>()

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale}|${JSON.stringify(options)}`
	let format = dateTimeFormats.get(key)
	if (!format) {
		format = new Intl.DateTimeFormat(locale, options)
		dateTimeFormats.set(key, format)
	}
	return format
}

export function numberFormat(locale: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${locale}|${JSON.stringify(options ?? {})}`
	let format = numberFormats.get(key)
	if (!format) {
		format = new Intl.NumberFormat(locale, options)
		numberFormats.set(key, format)
	}
	return format
}
