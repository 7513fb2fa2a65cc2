/**
 * Step 3 of the application: the proposed visit (DOMAIN.md, "The application's steps"). Its rules depend on the
 * call (the window in which visits may take place, the minimum and maximum length), so the schemas come from a
 * factory.
 *
 * Form fields:
 * - hostSchool, hostDepartment, hostName, hostEmail, hostLocale, teachingLanguage: single strings;
 * - activities: one checkbox per activity, all named 'activities', so the form posts the name once per ticked box
 *   (collect them with formData.getAll, or applicationFormInput in ./index.ts); a single string is taken as a
 *   list of one;
 * - startDate, endDate: 'YYYY-MM-DD' from a date input (Persian or Arabic digits accepted).
 *
 * Stored shape (z.output of the full schema; in a draft every key is optional and hostLocale has no default):
 *   {
 *     hostSchool: SchoolCode               // app/domain/schools.ts
 *     hostDepartment: DepartmentCode       // a department of hostSchool
 *     hostName: string                     // ≤ 200 characters
 *     hostEmail: string                    // lower case
 *     hostLocale: 'en' | 'fa'              // language of the host's emails; 'en' when left blank
 *     activities: Activity[]               // one or more, no duplicates, in the order of ACTIVITIES
 *     startDate: string                    // 'YYYY-MM-DD', inside the call's visit window
 *     endDate: string                      // 'YYYY-MM-DD', after startDate, inside the window
 *     teachingLanguage: 'en' | 'fa' | 'en_fa'
 *   }
 * The visit's length is counted in days including both ends (visitLengthDays) and must be within the call's
 * minimum and maximum; that error, and 'end not after start', are on 'endDate'.
 */

import { z } from 'zod'
import { findDepartment, isDepartmentCode, isSchoolCode } from '#app/domain/schools.ts'
import { LOCALES } from '#app/i18n/locales.ts'
import { type ApplicationErrorKey } from '#app/schemas/application/error-keys.ts'
import {
	ALWAYS,
	cleanToken,
	codeOf,
	emailAddress,
	isBlank,
	oneOf,
	optionalField,
	singleLine,
	stepShapes,
} from '#app/schemas/application/fields.ts'

export const ACTIVITIES = [
	'lectures',
	'workshop',
	'joint_research',
	'clinical_training',
	'student_supervision',
] as const
export type Activity = (typeof ACTIVITIES)[number]

/** The language the visitor would teach in: English, Persian, or both (e.g. lectures in one, seminars in the other). */
export const TEACHING_LANGUAGES = ['en', 'fa', 'en_fa'] as const
export type TeachingLanguage = (typeof TEACHING_LANGUAGES)[number]

export const HOST_NAME_MAX_CHARS = 200

/** The call's rules for visits, as in the calls table. */
export type VisitRules = {
	visitWindowStart: string
	visitWindowEnd: string
	minVisitDays: number
	maxVisitDays: number
}

/** Whether the value is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
	const [year, month, day] = value.split('-').map(Number) as [number, number, number]
	const date = new Date(Date.UTC(year, month - 1, day))
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** The number of days of a visit from `start` to `end`, both included: the same day is 1. */
export function visitLengthDays(start: string, end: string): number {
	return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1
}

/** Whether the email's domain is one of `domains` or a subdomain of one (e.g. med.example.ac.ir for example.ac.ir). */
export function isEmailInDomains(email: string, domains: readonly string[]): boolean {
	const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase()
	return domains.some((allowed) => {
		const base = allowed.trim().toLowerCase().replace(/^[@.]+/, '')
		return base !== '' && (domain === base || domain.endsWith(`.${base}`))
	})
}

/** A date inside the call's window, first and last days included. */
function visitDate(call: VisitRules, keys: { invalid: ApplicationErrorKey; outside: ApplicationErrorKey }) {
	return z
		.string(keys.invalid)
		.transform(cleanToken)
		.refine(isIsoDate, { message: keys.invalid, abort: true })
		.refine((date) => date >= call.visitWindowStart && date <= call.visitWindowEnd, keys.outside)
}

const activities = z.unknown().transform((value, ctx) => {
	const ticked = (Array.isArray(value) ? value : [value]).filter((entry) => !isBlank(entry))
	const chosen = new Set<unknown>(ticked.map((entry) => (typeof entry === 'string' ? entry.trim() : entry)))
	if ([...chosen].some((entry) => !(ACTIVITIES as readonly unknown[]).includes(entry))) {
		ctx.addIssue({ code: 'custom', message: 'errors.application.activities.invalid', input: value })
		return z.NEVER
	}
	return ACTIVITIES.filter((activity) => chosen.has(activity))
})

/**
 * The step's full and draft schemas for a call. `hostEmailDomains` (the HOST_EMAIL_DOMAINS setting), when given
 * and not empty, requires the host's email to be on one of those domains or a subdomain of one.
 */
export function proposedVisitSchema(call: VisitRules, hostEmailDomains?: readonly string[]) {
	const domains = hostEmailDomains?.filter((domain) => domain.trim() !== '') ?? []
	const hostEmail = emailAddress('errors.application.hostEmail.invalid').refine(
		(email) => domains.length === 0 || isEmailInDomains(email, domains),
		'errors.application.hostEmail.domain',
	)
	const hostLocale = oneOf(LOCALES, 'errors.application.hostLocale.invalid')

	const fields = {
		hostSchool: codeOf(isSchoolCode, 'errors.application.hostSchool.invalid'),
		hostDepartment: codeOf(isDepartmentCode, 'errors.application.hostDepartment.invalid'),
		hostName: singleLine(HOST_NAME_MAX_CHARS, 'errors.application.hostName.tooLong'),
		hostEmail,
		hostLocale,
		activities,
		startDate: visitDate(call, {
			invalid: 'errors.application.startDate.invalid',
			outside: 'errors.application.startDate.outsideWindow',
		}),
		endDate: visitDate(call, {
			invalid: 'errors.application.endDate.invalid',
			outside: 'errors.application.endDate.outsideWindow',
		}),
		teachingLanguage: oneOf(TEACHING_LANGUAGES, 'errors.application.teachingLanguage.invalid'),
	}

	const shapes = stepShapes(fields, {
		hostSchool: 'errors.application.hostSchool.required',
		hostDepartment: 'errors.application.hostDepartment.required',
		hostName: 'errors.application.hostName.required',
		hostEmail: 'errors.application.hostEmail.required',
		activities: 'errors.application.activities.required',
		startDate: 'errors.application.startDate.required',
		endDate: 'errors.application.endDate.required',
		teachingLanguage: 'errors.application.teachingLanguage.required',
	})

	/** Checks across fields, run on whatever parsed (a draft may lack either side). */
	function acrossFields(value: Record<string, unknown>, ctx: z.RefinementCtx) {
		const { hostSchool, hostDepartment, startDate, endDate } = value
		if (isSchoolCode(hostSchool) && isDepartmentCode(hostDepartment)) {
			if (findDepartment(hostDepartment)?.school.code !== hostSchool) {
				ctx.addIssue({ code: 'custom', message: 'errors.application.hostDepartment.notInSchool', path: ['hostDepartment'] })
			}
		}
		if (isIsoDate(startDate) && isIsoDate(endDate)) {
			const days = visitLengthDays(startDate, endDate)
			if (endDate <= startDate) {
				ctx.addIssue({ code: 'custom', message: 'errors.application.endDate.notAfterStart', path: ['endDate'] })
			} else if (days < call.minVisitDays) {
				ctx.addIssue({ code: 'custom', message: 'errors.application.endDate.visitTooShort', path: ['endDate'] })
			} else if (days > call.maxVisitDays) {
				ctx.addIssue({ code: 'custom', message: 'errors.application.endDate.visitTooLong', path: ['endDate'] })
			}
		}
	}

	const full = z
		.object({ ...shapes.full, hostLocale: optionalField(hostLocale).transform((locale) => locale ?? 'en') })
		.superRefine(acrossFields, ALWAYS)
	const draft = z.object(shapes.draft).superRefine(acrossFields, ALWAYS)
	return { full, draft }
}

export const PROPOSED_VISIT_FIELDS = [
	'hostSchool',
	'hostDepartment',
	'hostName',
	'hostEmail',
	'hostLocale',
	'activities',
	'startDate',
	'endDate',
	'teachingLanguage',
] as const

export type ProposedVisitSchemas = ReturnType<typeof proposedVisitSchema>
export type ProposedVisit = z.output<ProposedVisitSchemas['full']>
export type ProposedVisitDraft = z.output<ProposedVisitSchemas['draft']>
