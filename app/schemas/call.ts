import { z } from 'zod'
import type { MessageKey } from '#app/i18n/en.ts'
import { isValidTimeZone, zonedTimeToInstant } from '#app/domain/time.ts'
import { ALWAYS, cleanToken } from '#app/schemas/application/fields.ts'
import { isIsoDate, visitLengthDays } from '#app/schemas/application/proposed-visit.ts'

/**
 * The office's form for a call (app/routes/office.calls.new.tsx, office.calls.$id.edit.tsx): every field of a call
 * but its rubric and the reviewers per application, which have pages of their own. Instants are entered as a date
 * and a time in the call's time zone and come out as instants; calendar dates stay `YYYY-MM-DD`. Persian and Arabic
 * digits are accepted in numbers, dates and times (and kept as typed in the texts). Messages are catalogue keys.
 *
 * The rules that depend on the database (a unique English title per year, what may change once applications have
 * been submitted) are in app/domain/call-editing.server.ts.
 */

export const CALL_FORM_FIELDS = [
	'year',
	'titleEn',
	'titleFa',
	'descriptionEn',
	'descriptionFa',
	'timeZone',
	'opensDate',
	'opensTime',
	'closesDate',
	'closesTime',
	'letterDeadlineDate',
	'letterDeadlineTime',
	'visitWindowStart',
	'visitWindowEnd',
	'minVisitDays',
	'maxVisitDays',
	'refereesRequired',
	'fundedVisits',
] as const
export type CallFormField = (typeof CALL_FORM_FIELDS)[number]
/** The form as typed: what a page shows again after a refusal. */
export type CallFormValues = Record<CallFormField, string>

export const CALL_LIMITS = {
	year: { min: 2000, max: 2100 },
	visitDays: { min: 1, max: 365 },
	referees: { min: 1, max: 5 },
	fundedVisits: { min: 1, max: 1000 },
} as const

export const CALL_TITLE_MAX = 200
export const CALL_DESCRIPTION_MAX = 5000

/** Zones offered in the form's list; any other valid IANA zone a call already has is offered too. */
export const CALL_TIME_ZONES = [
	'Asia/Tehran',
	'UTC',
	'Europe/London',
	'Europe/Paris',
	'Europe/Berlin',
	'Europe/Istanbul',
	'Europe/Moscow',
	'Asia/Dubai',
	'Asia/Kabul',
	'Asia/Karachi',
	'Asia/Kolkata',
	'Asia/Shanghai',
	'Asia/Tokyo',
	'Australia/Sydney',
	'America/New_York',
	'America/Chicago',
	'America/Los_Angeles',
	'America/Toronto',
] as const

type ErrorName = MessageKey extends infer K ? (K extends `office.callForm.errors.${infer N}` ? N : never) : never
export type CallErrorKey = `office.callForm.errors.${ErrorName}`
const message = (name: ErrorName): CallErrorKey => `office.callForm.errors.${name}`

const text = (max: number, { required }: { required: boolean }) =>
	z
		.string(message('required'))
		.transform((value) => value.replace(/\r\n?/g, '\n').trim())
		.pipe(z.string().min(required ? 1 : 0, message('required')).max(max, message('tooLong')))

const wholeNumber = ({ min, max }: { min: number; max: number }, key: ErrorName) =>
	z
		.string(message(key))
		.transform(cleanToken)
		.pipe(z.string().regex(/^\d{1,5}$/, message(key)))
		.transform(Number)
		.pipe(z.number().int().min(min, message(key)).max(max, message(key)))

const date = z.string(message('date')).transform(cleanToken).refine(isIsoDate, message('date'))

/** A time from the browser's time input (`HH:mm`, with seconds on some browsers), kept to the minute. */
const time = z
	.string(message('time'))
	.transform(cleanToken)
	.refine((value) => /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value), message('time'))
	.transform((value) => value.slice(0, 5))

/** An IANA zone name that the runtime knows (so deadlines can be computed in it). */
const timeZone = z
	.string(message('timeZone'))
	.transform((value) => value.trim())
	.refine((value) => /^[A-Za-z][\w+-]*(\/[\w+-]+)*$/.test(value) && isValidTimeZone(value), message('timeZone'))

const fields = z.object({
	year: wholeNumber(CALL_LIMITS.year, 'year'),
	titleEn: text(CALL_TITLE_MAX, { required: true }),
	titleFa: text(CALL_TITLE_MAX, { required: true }),
	descriptionEn: text(CALL_DESCRIPTION_MAX, { required: false }),
	descriptionFa: text(CALL_DESCRIPTION_MAX, { required: false }),
	timeZone,
	opensDate: date,
	opensTime: time,
	closesDate: date,
	closesTime: time,
	letterDeadlineDate: date,
	letterDeadlineTime: time,
	visitWindowStart: date,
	visitWindowEnd: date,
	minVisitDays: wholeNumber(CALL_LIMITS.visitDays, 'visitDays'),
	maxVisitDays: wholeNumber(CALL_LIMITS.visitDays, 'visitDays'),
	refereesRequired: wholeNumber(CALL_LIMITS.referees, 'referees'),
	fundedVisits: wholeNumber(CALL_LIMITS.fundedVisits, 'fundedVisits'),
})

type Parsed = Partial<z.output<typeof fields>>

const isTime = (value: unknown): value is string => typeof value === 'string' && /^\d{2}:\d{2}$/.test(value)
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

/** The instant of a date and time in the zone, when all three parsed. */
function instant(value: Parsed, dateField: CallFormField, timeField: CallFormField): number | null {
	const day = value[dateField as keyof Parsed]
	const clock = value[timeField as keyof Parsed]
	if (!isIsoDate(day) || !isTime(clock) || typeof value.timeZone !== 'string' || !isValidTimeZone(value.timeZone)) return null
	return zonedTimeToInstant(day, clock, value.timeZone).getTime()
}

/** Checks across fields, run on whatever parsed so a page shows every problem at once (each value is tested). */
function acrossFields(value: Parsed, ctx: z.RefinementCtx) {
	const opens = instant(value, 'opensDate', 'opensTime')
	const closes = instant(value, 'closesDate', 'closesTime')
	const letters = instant(value, 'letterDeadlineDate', 'letterDeadlineTime')
	if (opens !== null && closes !== null && closes <= opens) {
		ctx.addIssue({ code: 'custom', path: ['closesDate'], message: message('closesBeforeOpens') })
	}
	if (closes !== null && letters !== null && letters < closes) {
		ctx.addIssue({ code: 'custom', path: ['letterDeadlineDate'], message: message('lettersBeforeCloses') })
	}
	const { visitWindowStart: start, visitWindowEnd: end, minVisitDays: min, maxVisitDays: max } = value
	if (isNumber(min) && isNumber(max) && max < min) {
		ctx.addIssue({ code: 'custom', path: ['maxVisitDays'], message: message('maxBelowMin') })
	}
	if (isIsoDate(start) && isIsoDate(end)) {
		if (end < start) ctx.addIssue({ code: 'custom', path: ['visitWindowEnd'], message: message('windowEndBeforeStart') })
		// The shortest visit allowed must fit in the window, or nobody could apply.
		else if (isNumber(min) && visitLengthDays(start, end) < min) {
			ctx.addIssue({ code: 'custom', path: ['visitWindowEnd'], message: message('windowShorterThanVisit') })
		}
	}
}

export const CallFormSchema = fields
	.superRefine(acrossFields, ALWAYS)
	.transform(({ opensDate, opensTime, closesDate, closesTime, letterDeadlineDate, letterDeadlineTime, ...rest }) => ({
		...rest,
		opensAt: zonedTimeToInstant(opensDate, opensTime, rest.timeZone),
		closesAt: zonedTimeToInstant(closesDate, closesTime, rest.timeZone),
		letterDeadline: zonedTimeToInstant(letterDeadlineDate, letterDeadlineTime, rest.timeZone),
	}))

/** A call's fields as saved: what the office edits (the calls table minus ids, rubric and reviewers per application). */
export type CallInput = z.output<typeof CallFormSchema>
