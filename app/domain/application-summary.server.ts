import { countryName } from '#app/domain/countries.ts'
import { fieldLabel } from '#app/domain/fields.ts'
import { departmentLabel, isDepartmentCode, isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import type { MessageKey } from '#app/i18n/en.ts'
import { formatIsoDate } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import type { ApplicationStep } from '#db/schema.ts'

/**
 * An application's answers as "label: value" rows by step, in the reader's language: the applicant's "check your
 * answers", and the whole application as reviewers and the office read it.
 */
export type SummaryRow = { label: string; value: string; field: string }
export type SummarySection = { step: ApplicationStep; title: string; rows: SummaryRow[] }

/** Every answer as "label: value", in the reader's language, for "check your answers". */
export function summariseApplication(saved: Partial<Record<ApplicationStep, Record<string, unknown>>>, documents: { kind: string; originalName: string }[], locale: Locale): SummarySection[] {
	const t = makeTranslate(locale)
	const text = (value: unknown) => (value === undefined || value === null || value === '' ? '' : String(value))
	const date = (value: unknown) => {
		if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return text(value)
		const formatted = formatIsoDate(value, locale)
		return formatted.gregorian ? `${formatted.text} (${formatted.gregorian})` : formatted.text
	}
	const label = (key: string) => t(`wizard.field.${key}` as MessageKey)
	const p = saved.personal ?? {}
	const a = saved.academic ?? {}
	const v = saved.visit ?? {}
	const plan = saved.plan ?? {}
	const referees = (saved.referees?.referees as Record<string, string>[] | undefined) ?? []
	const cv = documents.find((document) => document.kind === 'cv')
	return [
		{
			step: 'personal',
			title: t('wizard.step.personal.title'),
			rows: [
				{ field: 'title', label: label('title'), value: p.title ? t(`wizard.title.${p.title}` as MessageKey) : '' },
				{ field: 'givenNames', label: label('givenNames'), value: text(p.givenNames) },
				{ field: 'familyName', label: label('familyName'), value: text(p.familyName) },
				{ field: 'nationality', label: label('nationality'), value: p.nationality ? countryName(String(p.nationality) as never, locale) : '' },
				{ field: 'residence', label: label('residence'), value: p.residence ? countryName(String(p.residence) as never, locale) : '' },
				{ field: 'email', label: label('email'), value: text(p.email) },
				{ field: 'phone', label: label('phone'), value: text(p.phone) },
				{ field: 'orcid', label: label('orcid'), value: text(p.orcid) },
			],
		},
		{
			step: 'academic',
			title: t('wizard.step.academic.title'),
			rows: [
				{ field: 'institution', label: label('institution'), value: text(a.institution) },
				{ field: 'position', label: label('position'), value: a.position ? t(`wizard.position.${a.position}` as MessageKey) : '' },
				{ field: 'field', label: label('field'), value: a.field ? fieldLabel(String(a.field) as never, locale) : '' },
				{ field: 'hIndex', label: label('hIndex'), value: text(a.hIndex) },
				{ field: 'profileLinks', label: label('profileLinks'), value: Array.isArray(a.profileLinks) ? a.profileLinks.join('\n') : '' },
				{ field: 'keyPublications.0', label: label('keyPublications'), value: Array.isArray(a.keyPublications) ? a.keyPublications.join('\n\n') : '' },
				{ field: 'file-cv', label: t('wizard.document.cv'), value: cv?.originalName ?? '' },
			],
		},
		{
			step: 'visit',
			title: t('wizard.step.visit.title'),
			rows: [
				{ field: 'hostSchool', label: label('hostSchool'), value: isSchoolCode(v.hostSchool) ? schoolLabel(v.hostSchool, locale) : '' },
				{ field: 'hostDepartment', label: label('hostDepartment'), value: isDepartmentCode(v.hostDepartment) ? departmentLabel(v.hostDepartment, locale) : '' },
				{ field: 'hostName', label: label('hostName'), value: text(v.hostName) },
				{ field: 'hostEmail', label: label('hostEmail'), value: text(v.hostEmail) },
				{ field: 'activities', label: label('activities'), value: Array.isArray(v.activities) ? v.activities.map((activity) => t(`wizard.activity.${activity}` as MessageKey)).join(', ') : '' },
				{ field: 'startDate', label: label('startDate'), value: date(v.startDate) },
				{ field: 'endDate', label: label('endDate'), value: date(v.endDate) },
				{ field: 'teachingLanguage', label: label('teachingLanguage'), value: v.teachingLanguage ? t(`wizard.teaching.${v.teachingLanguage}` as MessageKey) : '' },
			],
		},
		{
			step: 'plan',
			title: t('wizard.step.plan.title'),
			rows: (['objectives', 'weeklyPlan', 'expectedOutcomes', 'earlierCollaboration'] as const).map((field) => ({ field, label: label(field), value: text(plan[field]) })),
		},
		{
			step: 'referees',
			title: t('wizard.step.referees.title'),
			rows: referees.map((referee, index) => ({
				field: `referees.${index}.name`,
				label: t('wizard.referee.legend', { number: index + 1 }),
				value: [referee.name, referee.email, referee.institution, referee.relationship].filter(Boolean).join('\n'),
			})),
		},
	]
}

