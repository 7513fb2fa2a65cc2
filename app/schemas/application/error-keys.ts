/**
 * Every message the application's step schemas can give: catalogue keys, translated where they are shown.
 * docs/application-error-keys.md has the English and Persian text of each; a unit test keeps the two lists equal.
 */

export const APPLICATION_ERROR_KEYS = [
	// Input of the wrong type (a tampered request or malformed stored data), on any field.
	'errors.application.invalid',

	// Step 1: personal details
	'errors.application.title.required',
	'errors.application.title.invalid',
	'errors.application.givenNames.required',
	'errors.application.givenNames.tooLong',
	'errors.application.familyName.required',
	'errors.application.familyName.tooLong',
	'errors.application.nationality.required',
	'errors.application.nationality.invalid',
	'errors.application.residence.required',
	'errors.application.residence.invalid',
	'errors.application.email.required',
	'errors.application.email.invalid',
	'errors.application.phone.required',
	'errors.application.phone.international',
	'errors.application.phone.invalid',
	'errors.application.phone.extension',
	'errors.application.orcid.format',
	'errors.application.orcid.checksum',

	// Step 2: academic profile
	'errors.application.institution.required',
	'errors.application.institution.tooLong',
	'errors.application.position.required',
	'errors.application.position.invalid',
	'errors.application.field.required',
	'errors.application.field.invalid',
	'errors.application.hIndex.invalid',
	'errors.application.hIndex.range',
	'errors.application.profileLinks.invalid',
	'errors.application.profileLinks.https',
	'errors.application.profileLinks.tooMany',
	'errors.application.keyPublications.required',
	'errors.application.keyPublications.tooLong',
	'errors.application.keyPublications.tooMany',
	'errors.application.cv.required',

	// Step 3: proposed visit
	'errors.application.hostSchool.required',
	'errors.application.hostSchool.invalid',
	'errors.application.hostDepartment.required',
	'errors.application.hostDepartment.invalid',
	'errors.application.hostDepartment.notInSchool',
	'errors.application.hostName.required',
	'errors.application.hostName.tooLong',
	'errors.application.hostEmail.required',
	'errors.application.hostEmail.invalid',
	'errors.application.hostEmail.domain',
	'errors.application.hostLocale.invalid',
	'errors.application.activities.required',
	'errors.application.activities.invalid',
	'errors.application.startDate.required',
	'errors.application.startDate.invalid',
	'errors.application.startDate.outsideWindow',
	'errors.application.endDate.required',
	'errors.application.endDate.invalid',
	'errors.application.endDate.outsideWindow',
	'errors.application.endDate.notAfterStart',
	'errors.application.endDate.visitTooShort',
	'errors.application.endDate.visitTooLong',
	'errors.application.teachingLanguage.required',
	'errors.application.teachingLanguage.invalid',

	// Step 4: plan
	'errors.application.objectives.required',
	'errors.application.objectives.tooManyWords',
	'errors.application.objectives.tooLong',
	'errors.application.weeklyPlan.required',
	'errors.application.weeklyPlan.tooManyWords',
	'errors.application.weeklyPlan.tooLong',
	'errors.application.expectedOutcomes.required',
	'errors.application.expectedOutcomes.tooManyWords',
	'errors.application.expectedOutcomes.tooLong',
	'errors.application.earlierCollaboration.tooManyWords',
	'errors.application.earlierCollaboration.tooLong',
] as const

export type ApplicationErrorKey = (typeof APPLICATION_ERROR_KEYS)[number]
