/**
 * The follow-up form an approved applicant fills in before the visit (issue 13): passport details, travel dates and
 * practical needs. Form fields are single strings; digits typed on a Persian keyboard are accepted. Messages are
 * i18n keys under `followUp.errors.`.
 */

import { z } from 'zod'
import { isCountryCode, type CountryCode } from '#app/domain/countries.ts'
import { normaliseDigits } from '#app/i18n/digits.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar day (YYYY-MM-DD): 2027-02-30 is refused. */
export function isRealDay(value: string): boolean {
	if (!DAY.test(value)) return false
	const date = new Date(`${value}T00:00:00Z`)
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

const text = (max: number) =>
	z
		.string()
		.transform((value) => value.trim().replace(/[^\S\n]+/g, ' '))
		.pipe(z.string().max(max, 'followUp.errors.tooLong'))

const day = (required: string) =>
	z
		.string()
		.transform((value) => normaliseDigits(value.trim()))
		.pipe(z.string().min(1, required).refine(isRealDay, 'followUp.errors.date'))

const yesNo = z.enum(['yes', 'no'], { error: 'followUp.errors.yesNo' }).transform((value) => value === 'yes')

const FollowUpObject = z.object({
	passportName: text(200).pipe(z.string().min(1, 'followUp.errors.passportName')),
	passportNumber: z
		.string()
		.transform((value) => normaliseDigits(value).replace(/[\s-]/g, '').toUpperCase())
		.pipe(z.string().regex(/^[A-Z0-9]{5,20}$/, 'followUp.errors.passportNumber')),
	nationality: z
		.string()
		.transform((value) => value.trim().toUpperCase())
		.refine((value): value is CountryCode => isCountryCode(value), 'followUp.errors.nationality'),
	dateOfBirth: day('followUp.errors.dateOfBirth'),
	arrivalDate: day('followUp.errors.arrivalDate'),
	departureDate: day('followUp.errors.departureDate'),
	accompanyingPersons: text(1000),
	needs: text(2000),
	accommodationNeeded: yesNo,
	visaSupportNeeded: yesNo,
	publicListing: z
		.string()
		.optional()
		.transform((value) => value === 'yes'),
})

/** Departure not before arrival; checked even when other fields have problems, so every error shows at once. */
const bothDays = (value: unknown): value is { arrivalDate: string; departureDate: string } => {
	const days = value as { arrivalDate?: unknown; departureDate?: unknown } | undefined
	return typeof days?.arrivalDate === 'string' && typeof days.departureDate === 'string' && isRealDay(days.arrivalDate) && isRealDay(days.departureDate)
}
const departureNotBeforeArrival = (value: unknown) => !bothDays(value) || value.departureDate >= value.arrivalDate
const departureCheck = () => ({
	path: ['departureDate'],
	message: 'followUp.errors.departureBeforeArrival',
	when: (payload: z.core.ParsePayload) => bothDays(payload.value),
})

export const FollowUpSchema = FollowUpObject.refine(departureNotBeforeArrival, departureCheck())

/** After the purge: passport number and date of birth are not asked for again. */
export const FollowUpAfterPurgeSchema = FollowUpObject.extend({
	passportNumber: z
		.string()
		.optional()
		.transform(() => null),
	dateOfBirth: z
		.string()
		.optional()
		.transform(() => null),
}).refine(departureNotBeforeArrival, departureCheck())

export type FollowUp = z.output<typeof FollowUpSchema>

export const FOLLOW_UP_FIELDS = [
	'passportName',
	'passportNumber',
	'nationality',
	'dateOfBirth',
	'arrivalDate',
	'departureDate',
	'accompanyingPersons',
	'needs',
	'accommodationNeeded',
	'visaSupportNeeded',
	'publicListing',
] as const
