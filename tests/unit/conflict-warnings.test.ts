import { describe, expect, it } from 'vitest'
import { conflictReasons, organisationOf, type ApplicantFacts } from '#app/domain/assignments.server.ts'

/** An applicant with nothing in common with anyone: each test adds the one fact its rule is about. */
const facts = (extra: Partial<ApplicantFacts> = {}): ApplicantFacts => ({
	emails: ['maryam@uni-lisboa.pt'],
	institution: 'University of Lisbon',
	refereeEmails: ['ana.silva@ulisboa.pt', 'john.smith@ox.ac.uk'],
	hostEmails: ['reza.karimi@example.edu'],
	declaredConflictReviewerIds: new Set(),
	...extra,
})

const reviewer = (email: string, id = 7) => ({ id, email })
const reasons = (email: string, extra: Partial<ApplicantFacts> = {}, id = 7) => conflictReasons(reviewer(email, id), facts(extra)).map((warning) => warning.reason)

describe('conflict warnings', () => {
	it('says nothing about a reviewer with no link to the applicant', () => {
		expect(reasons('sara.ahmadi@tums.ac.ir')).toEqual([])
	})

	it('warns about the same email domain as the applicant', () => {
		expect(reasons('colleague@uni-lisboa.pt')).toContain('same_email_domain')
		// The address given on the personal step counts as much as the account's.
		expect(reasons('colleague@charite.de', { emails: ['maryam@gmail.com', 'maryam.tehrani@charite.de'] })).toContain('same_email_domain')
	})

	it('does not take a shared mail provider for an institution', () => {
		expect(reasons('someone@gmail.com', { emails: ['maryam@gmail.com'] })).toEqual([])
	})

	it('warns about the same institution: one domain inside the other', () => {
		expect(reasons('a.b@med.charite.de', { emails: ['maryam@charite.de'], institution: 'A hospital' })).toEqual(['same_institution'])
		expect(reasons('x@tums.ac.ir', { emails: ['maryam@sina.tums.ac.ir'], institution: '' })).toEqual(['same_institution'])
		// The same name under another suffix is not taken for the same institution.
		expect(reasons('reviewer1@example.edu', { emails: ['researcher@example.org'], institution: 'Charité – Universitätsmedizin Berlin' })).toEqual([])
	})

	it('warns about the same institution: the reviewer’s organisation named in the applicant’s institution, accents aside', () => {
		expect(reasons('reviewer@charite.de', { institution: 'Charité – Universitätsmedizin Berlin' })).toEqual(['same_institution'])
		// A whole word only: "ox" is not found inside "Oxford" (and parts under 3 letters are ignored anyway).
		expect(reasons('reviewer@ox.ac.uk', { institution: 'Oxford Brookes' })).toEqual([])
		expect(reasons('reviewer@ucl.ac.uk', { institution: 'Nuclear Medicine Institute' })).toEqual([])
		expect(reasons('reviewer@ucl.ac.uk', { institution: 'UCL Institute of Cardiovascular Science' })).toEqual(['same_institution'])
	})

	it('warns when the reviewer is named as a referee, whatever the case of the address', () => {
		expect(reasons('John.Smith@OX.ac.uk')).toEqual(['named_referee'])
	})

	it('warns when the reviewer is the proposed host', () => {
		expect(reasons('reza.karimi@example.edu')).toEqual(['named_host'])
	})

	it('warns when the reviewer declared a conflict with this applicant before', () => {
		expect(reasons('sara.ahmadi@tums.ac.ir', { declaredConflictReviewerIds: new Set([7]) })).toEqual(['declared_conflict'])
		expect(reasons('sara.ahmadi@tums.ac.ir', { declaredConflictReviewerIds: new Set([8]) })).toEqual([])
	})

	it('gives every reason that applies', () => {
		expect(
			reasons('reza.karimi@example.edu', {
				emails: ['maryam@example.edu'],
				refereeEmails: ['reza.karimi@example.edu'],
				declaredConflictReviewerIds: new Set([7]),
			}),
		).toEqual(['same_email_domain', 'named_referee', 'named_host', 'declared_conflict'])
	})

	it('finds the organisation part of a domain', () => {
		expect(organisationOf('med.charite.de')).toBe('charite')
		expect(organisationOf('tums.ac.ir')).toBe('tums')
		expect(organisationOf('ox.ac.uk')).toBe('ox')
		expect(organisationOf('example.edu')).toBe('example')
		expect(organisationOf('localhost')).toBeNull()
	})
})
