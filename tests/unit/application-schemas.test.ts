import { readFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { type z } from 'zod'
import {
	ACADEMIC_PROFILE_REQUIRED_DOCUMENTS,
	AcademicProfileDraftSchema,
	AcademicProfileSchema,
	CV_REQUIRED_KEY,
	H_INDEX_MAX,
	KEY_PUBLICATION_MAX_CHARS,
} from '#app/schemas/application/academic-profile.ts'
import { APPLICATION_ERROR_KEYS } from '#app/schemas/application/error-keys.ts'
import {
	STEPS,
	STEP_IDS,
	applicationFormInput,
	findStep,
	isStepId,
	parseDraft,
	stepState,
	type VisitRules,
} from '#app/schemas/application/index.ts'
import {
	PersonalDetailsDraftSchema,
	PersonalDetailsSchema,
	orcidCheckCharacter,
	orcidUrl,
} from '#app/schemas/application/personal-details.ts'
import { PLAN_WORD_LIMITS, PlanDraftSchema, PlanSchema } from '#app/schemas/application/plan.ts'
import {
	isEmailInDomains,
	isIsoDate,
	proposedVisitSchema,
	visitLengthDays,
} from '#app/schemas/application/proposed-visit.ts'
import { countWords } from '#app/schemas/words.ts'

/** A call whose visits may take place from 1 March to 31 August 2027, for 7 to 90 days. */
const call: VisitRules = {
	visitWindowStart: '2027-03-01',
	visitWindowEnd: '2027-08-31',
	minVisitDays: 7,
	maxVisitDays: 90,
}

const seenMessages = new Set<string>()

function issues(schema: z.ZodType, input: unknown): [string, string][] {
	const result = schema.safeParse(input)
	if (result.success) return []
	const found = result.error.issues.map((issue) => [issue.path.join('.'), issue.message] as [string, string])
	for (const [, message] of found) seenMessages.add(message)
	return found
}

/** The only problem of `input`: its field path and message. */
function onlyIssue(schema: z.ZodType, input: unknown): [string, string] | undefined {
	const found = issues(schema, input)
	expect(found, JSON.stringify(found)).toHaveLength(1)
	return found[0]
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
	const result = schema.safeParse(input)
	expect(result.error?.issues ?? []).toEqual([])
	return result.data as z.output<S>
}

const words = (count: number, word = 'word') => Array.from({ length: count }, () => word).join(' ')

describe('countWords', () => {
	it('counts words between white space, whatever the white space', () => {
		expect(countWords('')).toBe(0)
		expect(countWords('  \n\t ')).toBe(0)
		expect(countWords('one two  three')).toBe(3)
		expect(countWords(' leading and trailing ')).toBe(3)
		expect(countWords('lines\nand\ttabs\r\nhere')).toBe(4)
		// no-break space, thin space, ideographic space, zero-width space
		expect(countWords('a\u00a0b\u2009c\u3000d\u200be')).toBe(5)
	})

	it('counts Persian words, keeping the zero-width non-joiner inside its word', () => {
		expect(countWords('من می‌خواهم در دانشگاه تدریس کنم.')).toBe(6)
		expect(countWords('کتاب‌ها و مقاله‌های پژوهشی')).toBe(4)
		expect(countWords('می\u200cخواهم')).toBe(1)
		expect(countWords('English و فارسی together')).toBe(4)
	})

	it('ignores tokens that are only punctuation, and counts numbers and hyphenated words once', () => {
		expect(countWords('well-known — results , ... ، ؛ ؟ - 2027')).toBe(3)
		expect(countWords('۱۴۰۶ سال')).toBe(2)
		expect(countWords('\u200c')).toBe(0)
	})
})

describe('step 1: personal details', () => {
	const form = {
		title: 'dr',
		givenNames: '  Maryam   Sadat ',
		familyName: 'Karimi',
		nationality: 'ir',
		residence: 'DE',
		email: 'M.Karimi@Example.org',
		phone: '+49 30 901820',
		orcid: 'https://orcid.org/0000-0002-1825-0097',
	}

	const stored = {
		title: 'dr',
		givenNames: 'Maryam Sadat',
		familyName: 'Karimi',
		nationality: 'IR',
		residence: 'DE',
		email: 'm.karimi@example.org',
		phone: '+4930901820',
		orcid: '0000-0002-1825-0097',
	}

	it('parses a valid form into the stored shape, and the stored shape again unchanged', () => {
		expect(parsed(PersonalDetailsSchema, form)).toEqual(stored)
		expect(parsed(PersonalDetailsSchema, stored)).toEqual(stored)
		expect(parsed(PersonalDetailsDraftSchema, stored)).toEqual(stored)
	})

	it('lets the ORCID iD be left out', () => {
		expect(parsed(PersonalDetailsSchema, { ...form, orcid: '' }).orcid).toBeUndefined()
		const { orcid: _orcid, ...withoutOrcid } = form
		expect(parsed(PersonalDetailsSchema, withoutOrcid)).not.toHaveProperty('orcid')
	})

	it.each([
		['title', 'title.required'],
		['givenNames', 'givenNames.required'],
		['familyName', 'familyName.required'],
		['nationality', 'nationality.required'],
		['residence', 'residence.required'],
		['email', 'email.required'],
		['phone', 'phone.required'],
	])('requires %s', (field, key) => {
		expect(onlyIssue(PersonalDetailsSchema, { ...form, [field]: '  ' })).toEqual([field, `errors.application.${key}`])
	})

	it.each([
		['title', 'king', 'title.invalid'],
		['givenNames', 'x'.repeat(201), 'givenNames.tooLong'],
		['familyName', 'x'.repeat(201), 'familyName.tooLong'],
		['nationality', 'XX', 'nationality.invalid'],
		['nationality', 'IRN', 'nationality.invalid'],
		['residence', 'EU', 'residence.invalid'],
		['residence', 'XK', 'residence.invalid'],
		['email', 'not-an-email', 'email.invalid'],
		['email', 'a@b', 'email.invalid'],
		['phone', '09123456789', 'phone.international'],
		['phone', '+1 202 555 01', 'phone.invalid'],
		['phone', '+999 123456', 'phone.invalid'],
		['phone', '+98 912 345 6789 ext. 12', 'phone.extension'],
		['orcid', '0000-0002-1825-009', 'orcid.format'],
		['orcid', 'https://example.org/0000-0002-1825-0097', 'orcid.format'],
		['orcid', '0000-0002-1825-0098', 'orcid.checksum'],
		['email', 42, 'invalid'],
	])('refuses %s %j', (field, value, key) => {
		expect(onlyIssue(PersonalDetailsSchema, { ...form, [field]: value })).toEqual([field, `errors.application.${key}`])
	})

	it('keeps names up to 200 characters', () => {
		expect(parsed(PersonalDetailsSchema, { ...form, familyName: 'x'.repeat(200) }).familyName).toHaveLength(200)
	})

	it('checks the ORCID iD with ISO 7064 11,2 and keeps it bare', () => {
		expect(orcidCheckCharacter('000000021825009')).toBe('7')
		expect(orcidCheckCharacter('000000029079593')).toBe('X')
		const orcidOf = (orcid: string) => parsed(PersonalDetailsSchema, { ...form, orcid }).orcid
		expect(orcidOf('0000-0002-1825-0097')).toBe('0000-0002-1825-0097')
		expect(orcidOf('0000-0002-9079-593X')).toBe('0000-0002-9079-593X')
		expect(orcidOf('0000-0002-9079-593x')).toBe('0000-0002-9079-593X')
		expect(orcidOf('http://orcid.org/0000000218250097')).toBe('0000-0002-1825-0097')
		expect(orcidOf('orcid.org/0000-0002-1825-0097')).toBe('0000-0002-1825-0097')
		expect(orcidOf('۰۰۰۰-۰۰۰۲-۱۸۲۵-۰۰۹۷')).toBe('0000-0002-1825-0097')
		expect(onlyIssue(PersonalDetailsSchema, { ...form, orcid: '0000-0002-9079-5930' })).toEqual([
			'orcid',
			'errors.application.orcid.checksum',
		])
		expect(orcidUrl('0000-0002-1825-0097')).toBe('https://orcid.org/0000-0002-1825-0097')
	})

	it('takes phone numbers in Persian or Arabic digits, with 00 or +, and keeps E.164', () => {
		const phoneOf = (phone: string) => parsed(PersonalDetailsSchema, { ...form, phone }).phone
		expect(phoneOf('+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹')).toBe('+989123456789')
		expect(phoneOf('+٤٩ ٣٠ ٩٠١٨٢٠')).toBe('+4930901820')
		expect(phoneOf('۰۰۹۸ ۲۱ ۶۱۱۱ ۲۳۴۵')).toBe('+982161112345')
		expect(phoneOf('+98 (912) 345-6789')).toBe('+989123456789')
		expect(phoneOf('\u200e+1 202 555 0143')).toBe('+12025550143')
	})

	it('takes a draft with anything left out, but checks what is filled', () => {
		expect(parsed(PersonalDetailsDraftSchema, {})).toEqual({})
		expect(parsed(PersonalDetailsDraftSchema, { title: '', phone: ' ', orcid: '' })).toEqual({
			title: undefined,
			phone: undefined,
			orcid: undefined,
		})
		expect(parsed(PersonalDetailsDraftSchema, { familyName: 'Karimi' })).toEqual({ familyName: 'Karimi' })
		expect(onlyIssue(PersonalDetailsDraftSchema, { familyName: 'Karimi', phone: '0912' })).toEqual([
			'phone',
			'errors.application.phone.international',
		])
		expect(onlyIssue(PersonalDetailsDraftSchema, { orcid: '0000-0002-1825-0098' })).toEqual([
			'orcid',
			'errors.application.orcid.checksum',
		])
	})
})

describe('step 2: academic profile', () => {
	const form = {
		institution: ' Karolinska Institutet ',
		position: 'associate_professor',
		field: 'cardiology',
		hIndex: '۲۳',
		profileLinks: 'https://scholar.google.com/citations?user=abc\n\n  www.ki.se/people/karimi \r\nhttps://scholar.google.com/citations?user=abc',
		'keyPublications.0': 'Karimi M, et al. Heart failure outcomes. Lancet. 2024.',
		'keyPublications.1': '',
		'keyPublications.2': 'Karimi M. Cardiac imaging.\r\nEur Heart J. 2022.',
		'keyPublications.3': '',
		'keyPublications.4': '',
	}

	const stored = {
		institution: 'Karolinska Institutet',
		position: 'associate_professor',
		field: 'cardiology',
		hIndex: 23,
		profileLinks: ['https://scholar.google.com/citations?user=abc', 'https://www.ki.se/people/karimi'],
		keyPublications: ['Karimi M, et al. Heart failure outcomes. Lancet. 2024.', 'Karimi M. Cardiac imaging.\nEur Heart J. 2022.'],
	}

	it('parses a valid form into the stored shape, and the stored shape again unchanged', () => {
		expect(parsed(AcademicProfileSchema, form)).toEqual(stored)
		expect(parsed(AcademicProfileSchema, stored)).toEqual(stored)
		expect(parsed(AcademicProfileDraftSchema, stored)).toEqual(stored)
	})

	it('takes the publications as the list the browser sends', () => {
		const { keyPublications } = parsed(AcademicProfileSchema, { ...stored, keyPublications: ['One', ' ', 'Two'] })
		expect(keyPublications).toEqual(['One', 'Two'])
		expect(parsed(AcademicProfileSchema, { ...stored, keyPublications: 'Only one' }).keyPublications).toEqual([
			'Only one',
		])
	})

	it.each([
		['institution', 'institution.required'],
		['position', 'position.required'],
		['field', 'field.required'],
		['keyPublications', 'keyPublications.required'],
	])('requires %s', (field, key) => {
		expect(onlyIssue(AcademicProfileSchema, { ...stored, [field]: '' })).toEqual([field, `errors.application.${key}`])
	})

	it('requires a key publication even when the form sends five empty boxes', () => {
		const empty = { 'keyPublications.0': '', 'keyPublications.1': ' ', 'keyPublications.4': '' }
		const { keyPublications: _keyPublications, ...rest } = stored
		expect(onlyIssue(AcademicProfileSchema, { ...rest, ...empty })).toEqual([
			'keyPublications',
			'errors.application.keyPublications.required',
		])
	})

	it.each([
		['institution', 'x'.repeat(301), 'institution', 'institution.tooLong'],
		['position', 'dean', 'position', 'position.invalid'],
		['field', 'astrology', 'field', 'field.invalid'],
		['field', 'Cardiology', 'field', 'field.invalid'],
		['hIndex', 'twelve', 'hIndex', 'hIndex.invalid'],
		['hIndex', '12.5', 'hIndex', 'hIndex.invalid'],
		['hIndex', '301', 'hIndex', 'hIndex.range'],
		['hIndex', '-1', 'hIndex', 'hIndex.range'],
		['hIndex', 23.5, 'hIndex', 'hIndex.invalid'],
		['profileLinks', 'http://example.org/me', 'profileLinks', 'profileLinks.https'],
		['profileLinks', 'https://example.org/me\nnot a link', 'profileLinks', 'profileLinks.invalid'],
		['profileLinks', 'ftp://example.org/me', 'profileLinks', 'profileLinks.invalid'],
		['profileLinks', 'https://localhost/me', 'profileLinks', 'profileLinks.invalid'],
		['profileLinks', 'https://user:secret@example.org/', 'profileLinks', 'profileLinks.invalid'],
		['profileLinks', ['https://a.org', 'https://b.org', 'https://c.org', 'https://d.org', 'https://e.org', 'https://f.org'], 'profileLinks', 'profileLinks.tooMany'],
		['keyPublications', ['One', 'Two', 'Three', 'Four', 'Five', 'Six'], 'keyPublications', 'keyPublications.tooMany'],
		['keyPublications', ['One', 'x'.repeat(501)], 'keyPublications.1', 'keyPublications.tooLong'],
	])('refuses %s %j', (field, value, path, key) => {
		expect(onlyIssue(AcademicProfileSchema, { ...stored, [field]: value })).toEqual([path, `errors.application.${key}`])
	})

	it('reports a publication at the index of its form field', () => {
		const { keyPublications: _keyPublications, ...rest } = stored
		const input = { ...rest, 'keyPublications.0': 'One', 'keyPublications.3': 'x'.repeat(KEY_PUBLICATION_MAX_CHARS + 1) }
		expect(onlyIssue(AcademicProfileSchema, input)).toEqual(['keyPublications.3', 'errors.application.keyPublications.tooLong'])
		const atLimit = { ...input, 'keyPublications.3': 'x'.repeat(KEY_PUBLICATION_MAX_CHARS) }
		expect(parsed(AcademicProfileSchema, atLimit).keyPublications).toHaveLength(2)
	})

	it('takes the h-index in Persian or Arabic digits, from 0 to 300, and leaves it optional', () => {
		const hIndexOf = (hIndex: unknown) => parsed(AcademicProfileSchema, { ...stored, hIndex }).hIndex
		expect(hIndexOf('۰')).toBe(0)
		expect(hIndexOf(' ٣٠٠ ')).toBe(H_INDEX_MAX)
		expect(hIndexOf(42)).toBe(42)
		expect(hIndexOf('')).toBeUndefined()
	})

	it('takes up to five profile links, one per line, and none at all', () => {
		const five = ['a.org', 'b.org', 'c.org', 'd.org', 'e.org'].join('\n')
		expect(parsed(AcademicProfileSchema, { ...stored, profileLinks: five }).profileLinks).toHaveLength(5)
		expect(parsed(AcademicProfileSchema, { ...stored, profileLinks: '\n \n' }).profileLinks).toBeUndefined()
		expect(parsed(AcademicProfileSchema, { ...stored, profileLinks: [] }).profileLinks).toBeUndefined()
	})

	it('says the CV is required at submission', () => {
		expect(ACADEMIC_PROFILE_REQUIRED_DOCUMENTS).toEqual(['cv'])
		expect(CV_REQUIRED_KEY).toBe('errors.application.cv.required')
		seenMessages.add(CV_REQUIRED_KEY)
	})

	it('takes a draft with anything left out, but checks what is filled', () => {
		expect(parsed(AcademicProfileDraftSchema, {})).toEqual({})
		expect(parsed(AcademicProfileDraftSchema, { 'keyPublications.0': '', institution: '' })).toEqual({
			institution: undefined,
			keyPublications: undefined,
		})
		expect(onlyIssue(AcademicProfileDraftSchema, { hIndex: '۳۰۱' })).toEqual(['hIndex', 'errors.application.hIndex.range'])
		expect(onlyIssue(AcademicProfileDraftSchema, { 'keyPublications.1': 'x'.repeat(501) })).toEqual([
			'keyPublications.1',
			'errors.application.keyPublications.tooLong',
		])
	})
})

describe('step 3: proposed visit', () => {
	const { full, draft } = proposedVisitSchema(call)

	const form = {
		hostSchool: 'medicine',
		hostDepartment: 'medicine.cardiology',
		hostName: 'Dr Ali Rezaei',
		hostEmail: 'A.Rezaei@Example.ac.ir',
		hostLocale: 'fa',
		activities: ['joint_research', 'lectures', 'lectures'],
		startDate: '2027-04-01',
		endDate: '2027-04-30',
		teachingLanguage: 'en_fa',
	}

	const stored = {
		hostSchool: 'medicine',
		hostDepartment: 'medicine.cardiology',
		hostName: 'Dr Ali Rezaei',
		hostEmail: 'a.rezaei@example.ac.ir',
		hostLocale: 'fa',
		activities: ['lectures', 'joint_research'],
		startDate: '2027-04-01',
		endDate: '2027-04-30',
		teachingLanguage: 'en_fa',
	}

	it('parses a valid form into the stored shape, and the stored shape again unchanged', () => {
		expect(parsed(full, form)).toEqual(stored)
		expect(parsed(full, stored)).toEqual(stored)
		expect(parsed(draft, stored)).toEqual(stored)
	})

	it("writes to the host in English unless told otherwise", () => {
		expect(parsed(full, { ...form, hostLocale: '' }).hostLocale).toBe('en')
		const { hostLocale: _hostLocale, ...withoutLocale } = form
		expect(parsed(full, withoutLocale).hostLocale).toBe('en')
		expect(parsed(draft, { hostLocale: '' })).toEqual({ hostLocale: undefined })
	})

	it('takes one ticked activity as a single value', () => {
		expect(parsed(full, { ...form, activities: 'workshop' }).activities).toEqual(['workshop'])
	})

	it.each([
		['hostSchool', 'hostSchool.required'],
		['hostDepartment', 'hostDepartment.required'],
		['hostName', 'hostName.required'],
		['hostEmail', 'hostEmail.required'],
		['activities', 'activities.required'],
		['startDate', 'startDate.required'],
		['endDate', 'endDate.required'],
		['teachingLanguage', 'teachingLanguage.required'],
	])('requires %s', (field, key) => {
		expect(onlyIssue(full, { ...form, [field]: '' })).toEqual([field, `errors.application.${key}`])
	})

	it('requires an activity when none is ticked', () => {
		expect(onlyIssue(full, { ...form, activities: [] })).toEqual(['activities', 'errors.application.activities.required'])
	})

	it.each([
		['hostSchool', 'nursing', 'hostSchool.invalid'],
		['hostDepartment', 'medicine.astrology', 'hostDepartment.invalid'],
		['hostDepartment', 'dentistry.orthodontics', 'hostDepartment.notInSchool'],
		['hostName', 'x'.repeat(201), 'hostName.tooLong'],
		['hostEmail', 'rezaei@', 'hostEmail.invalid'],
		['hostLocale', 'de', 'hostLocale.invalid'],
		['activities', ['lectures', 'dancing'], 'activities.invalid'],
		['startDate', '2027-02-30', 'startDate.invalid'],
		['startDate', '1 April 2027', 'startDate.invalid'],
		['startDate', '2027-02-28', 'startDate.outsideWindow'],
		['endDate', '2027-13-01', 'endDate.invalid'],
		['teachingLanguage', 'fr', 'teachingLanguage.invalid'],
	])('refuses %s %j', (field, value, key) => {
		expect(onlyIssue(full, { ...form, [field]: value })).toEqual([field, `errors.application.${key}`])
	})

	it('keeps the dates inside the window: its first and last days are in', () => {
		expect(parsed(full, { ...form, startDate: '2027-03-01', endDate: '2027-03-20' }).startDate).toBe('2027-03-01')
		expect(parsed(full, { ...form, startDate: '2027-08-10', endDate: '2027-08-31' }).endDate).toBe('2027-08-31')
		expect(onlyIssue(full, { ...form, startDate: '2027-02-28', endDate: '2027-03-20' })).toEqual([
			'startDate',
			'errors.application.startDate.outsideWindow',
		])
		expect(onlyIssue(full, { ...form, startDate: '2027-08-10', endDate: '2027-09-01' })).toEqual([
			'endDate',
			'errors.application.endDate.outsideWindow',
		])
	})

	it('wants the end after the start', () => {
		expect(onlyIssue(full, { ...form, endDate: form.startDate })).toEqual(['endDate', 'errors.application.endDate.notAfterStart'])
		expect(onlyIssue(full, { ...form, endDate: '2027-03-25' })).toEqual(['endDate', 'errors.application.endDate.notAfterStart'])
	})

	it('keeps the length, both days included, within the minimum and maximum', () => {
		expect(visitLengthDays('2027-03-01', '2027-03-07')).toBe(7)
		expect(visitLengthDays('2027-03-01', '2027-05-29')).toBe(90)
		expect(parsed(full, { ...form, startDate: '2027-03-01', endDate: '2027-03-07' }).endDate).toBe('2027-03-07')
		expect(onlyIssue(full, { ...form, startDate: '2027-03-01', endDate: '2027-03-06' })).toEqual([
			'endDate',
			'errors.application.endDate.visitTooShort',
		])
		expect(parsed(full, { ...form, startDate: '2027-03-01', endDate: '2027-05-29' }).endDate).toBe('2027-05-29')
		expect(onlyIssue(full, { ...form, startDate: '2027-03-01', endDate: '2027-05-30' })).toEqual([
			'endDate',
			'errors.application.endDate.visitTooLong',
		])
	})

	it('takes dates in Persian or Arabic digits', () => {
		const dates = parsed(full, { ...form, startDate: '۲۰۲۷-۰۳-۰۱', endDate: '٢٠٢٧-٠٣-١٠' })
		expect([dates.startDate, dates.endDate]).toEqual(['2027-03-01', '2027-03-10'])
	})

	it('shows a problem across fields along with the others', () => {
		const found = issues(full, { ...form, hostEmail: 'nope', hostDepartment: 'dentistry.orthodontics', endDate: '2027-04-03' })
		expect(found).toEqual([
			['hostEmail', 'errors.application.hostEmail.invalid'],
			['hostDepartment', 'errors.application.hostDepartment.notInSchool'],
			['endDate', 'errors.application.endDate.visitTooShort'],
		])
	})

	it('knows a real calendar date', () => {
		expect(isIsoDate('2028-02-29')).toBe(true)
		expect(isIsoDate('2027-02-29')).toBe(false)
		expect(isIsoDate('2027-4-01')).toBe(false)
		expect(isIsoDate(20270401)).toBe(false)
	})

	it("may require the host's email to be on the university's domains or their subdomains", () => {
		const domains = ['example.ac.ir', '@tums.ac.ir']
		const withDomains = proposedVisitSchema(call, domains)
		const hostEmail = (email: string) => issues(withDomains.full, { ...form, hostEmail: email })
		expect(hostEmail('host@example.ac.ir')).toEqual([])
		expect(hostEmail('host@med.Example.ac.ir')).toEqual([])
		expect(hostEmail('host@tums.ac.ir')).toEqual([])
		for (const email of ['host@notexample.ac.ir', 'host@example.ac.ir.evil.com', 'host@gmail.com']) {
			expect(hostEmail(email)).toEqual([['hostEmail', 'errors.application.hostEmail.domain']])
		}
		expect(issues(withDomains.draft, { hostEmail: 'host@gmail.com' })).toEqual([
			['hostEmail', 'errors.application.hostEmail.domain'],
		])
		expect(issues(proposedVisitSchema(call, []).full, { ...form, hostEmail: 'host@gmail.com' })).toEqual([])
		expect(issues(proposedVisitSchema(call).full, { ...form, hostEmail: 'host@gmail.com' })).toEqual([])
		expect(isEmailInDomains('a@b.example.org', ['example.org'])).toBe(true)
		expect(isEmailInDomains('a@badexample.org', ['example.org'])).toBe(false)
	})

	it('takes a draft with anything left out, but checks what is filled', () => {
		expect(parsed(draft, {})).toEqual({})
		expect(parsed(draft, { endDate: '2027-04-30', activities: [] })).toEqual({ endDate: '2027-04-30', activities: undefined })
		expect(onlyIssue(draft, { endDate: '2027-09-30' })).toEqual(['endDate', 'errors.application.endDate.outsideWindow'])
		expect(onlyIssue(draft, { startDate: '2027-04-10', endDate: '2027-04-01' })).toEqual([
			'endDate',
			'errors.application.endDate.notAfterStart',
		])
		expect(onlyIssue(draft, { hostSchool: 'pharmacy', hostDepartment: 'medicine.surgery' })).toEqual([
			'hostDepartment',
			'errors.application.hostDepartment.notInSchool',
		])
		expect(parsed(draft, { hostDepartment: 'medicine.surgery' })).toEqual({ hostDepartment: 'medicine.surgery' })
	})
})

describe('step 4: plan', () => {
	const form = {
		objectives: 'To start a joint cohort study.',
		weeklyPlan: 'Week 1: lectures.\r\nWeek 2: workshop.',
		expectedOutcomes: 'یک مقالهٔ مشترک و یک طرح پژوهشی.',
		earlierCollaboration: '',
	}

	it('parses a valid form into the stored shape, and the stored shape again unchanged', () => {
		const stored = {
			objectives: 'To start a joint cohort study.',
			weeklyPlan: 'Week 1: lectures.\nWeek 2: workshop.',
			expectedOutcomes: 'یک مقالهٔ مشترک و یک طرح پژوهشی.',
			earlierCollaboration: undefined,
		}
		expect(parsed(PlanSchema, form)).toEqual(stored)
		expect(parsed(PlanSchema, stored)).toEqual(stored)
	})

	it.each([['objectives'], ['weeklyPlan'], ['expectedOutcomes']])('requires %s', (field) => {
		expect(onlyIssue(PlanSchema, { ...form, [field]: '\n' })).toEqual([field, `errors.application.${field}.required`])
	})

	it('has the word limits the UI shows', () => {
		expect(PLAN_WORD_LIMITS).toEqual({ objectives: 300, weeklyPlan: 600, expectedOutcomes: 300, earlierCollaboration: 200 })
	})

	it.each(Object.entries(PLAN_WORD_LIMITS))('takes exactly %s words of %s and refuses one more', (field, limit) => {
		expect(parsed(PlanSchema, { ...form, [field]: words(limit) })).toHaveProperty(field)
		expect(parsed(PlanDraftSchema, { [field]: words(limit, 'واژه‌ها،') })).toHaveProperty(field)
		expect(onlyIssue(PlanSchema, { ...form, [field]: words(limit + 1) })).toEqual([
			field,
			`errors.application.${field}.tooManyWords`,
		])
		expect(onlyIssue(PlanDraftSchema, { [field]: `${words(limit, 'می‌خواهم')} —  آخر` })).toEqual([
			field,
			`errors.application.${field}.tooManyWords`,
		])
	})

	it.each(Object.entries(PLAN_WORD_LIMITS))('bounds the characters of %s too (20 per word of its limit of %s)', (field, limit) => {
		expect(parsed(PlanDraftSchema, { [field]: 'x'.repeat(limit * 20) })).toHaveProperty(field)
		expect(onlyIssue(PlanDraftSchema, { [field]: 'x'.repeat(limit * 20 + 1) })).toEqual([field, `errors.application.${field}.tooLong`])
	})

	it('takes a draft with anything left out, but checks what is filled', () => {
		expect(parsed(PlanDraftSchema, {})).toEqual({})
		expect(parsed(PlanDraftSchema, { objectives: ' ', weeklyPlan: 'Week 1' })).toEqual({
			objectives: undefined,
			weeklyPlan: 'Week 1',
		})
		expect(onlyIssue(PlanDraftSchema, { weeklyPlan: words(601) })).toEqual(['weeklyPlan', 'errors.application.weeklyPlan.tooManyWords'])
	})
})

describe('the steps together', () => {
	const personal = {
		title: 'prof',
		givenNames: 'Maryam',
		familyName: 'Karimi',
		nationality: 'IR',
		residence: 'SE',
		email: 'maryam@example.se',
		phone: '+46 8 524 800 00',
	}
	const academic = {
		institution: 'Karolinska Institutet',
		position: 'professor',
		field: 'cardiology',
		keyPublications: ['A paper'],
	}
	const visit = {
		hostSchool: 'medicine',
		hostDepartment: 'medicine.cardiology',
		hostName: 'Dr Ali Rezaei',
		hostEmail: 'rezaei@example.ac.ir',
		activities: ['lectures'],
		startDate: '2027-04-01',
		endDate: '2027-04-14',
		teachingLanguage: 'en',
	}
	const plan = { objectives: 'Teach.', weeklyPlan: 'Week 1: teach.', expectedOutcomes: 'Taught.' }

	it('lists the four steps in order, each with its field names and schemas', () => {
		expect(STEPS.map((step) => step.id)).toEqual(['personal', 'academic', 'visit', 'plan'])
		expect(STEP_IDS).toEqual(['personal', 'academic', 'visit', 'plan'])
		expect(findStep('visit').fields).toContain('activities')
		expect(findStep('academic').fields).toContain('keyPublications')
		expect(findStep('academic').requiredDocuments).toEqual(['cv'])
		expect(isStepId('plan')).toBe(true)
		expect(isStepId('referees')).toBe(false)
		for (const step of STEPS) {
			const { full, draft } = step.schemas(call)
			expect(draft.safeParse({}).success).toBe(true)
			expect(full.safeParse({}).success).toBe(false)
		}
		expect(findStep('visit').schemas(call, { hostEmailDomains: ['tums.ac.ir'] }).full.safeParse(visit).success).toBe(false)
	})

	it("names each step's fields as its schemas know them", () => {
		for (const step of STEPS) {
			const blank = Object.fromEntries(step.fields.map((field) => [field, '']))
			expect(Object.keys(parsed(step.schemas(call).draft, blank)).sort(), step.id).toEqual([...step.fields].sort())
		}
	})

	it('gives react-hook-form schemas that take and give objects', () => {
		const visitSchemas = proposedVisitSchema(call)
		const schemas: z.ZodType<Record<string, unknown>, Record<string, unknown>>[] = [
			PersonalDetailsSchema,
			PersonalDetailsDraftSchema,
			AcademicProfileSchema,
			AcademicProfileDraftSchema,
			visitSchemas.full,
			visitSchemas.draft,
			PlanSchema,
			PlanDraftSchema,
		]
		expect(schemas.every((schema) => !schema.safeParse('not an object').success)).toBe(true)
	})

	it('tells the state of each step', () => {
		const cases = [
			['personal', undefined, 'not_started'],
			['personal', {}, 'not_started'],
			['personal', { title: '', givenNames: '  ' }, 'not_started'],
			['personal', { givenNames: 'Maryam' }, 'in_progress'],
			['personal', personal, 'completed'],
			['personal', { ...personal, phone: '0912' }, 'has_errors'],
			['academic', { institution: 'KI' }, 'in_progress'],
			['academic', academic, 'completed'],
			['academic', { ...academic, hIndex: 999 }, 'has_errors'],
			['visit', { activities: ['lectures'] }, 'in_progress'],
			['visit', visit, 'completed'],
			['visit', { ...visit, endDate: '2027-04-03' }, 'has_errors'],
			['plan', { objectives: 'Teach.' }, 'in_progress'],
			['plan', plan, 'completed'],
			['plan', { ...plan, objectives: words(301) }, 'has_errors'],
		] as const
		for (const [step, data, state] of cases) expect(stepState(step, data, call), `${step} ${JSON.stringify(data)}`).toBe(state)
	})

	it("finds errors in saved dates when the call's window has moved", () => {
		const moved = { ...call, visitWindowStart: '2027-05-01' }
		expect(stepState('visit', visit, moved)).toBe('has_errors')
	})

	it('counts the host email domains and the required documents when given', () => {
		expect(stepState('visit', visit, call, { hostEmailDomains: ['tums.ac.ir'] })).toBe('has_errors')
		expect(stepState('academic', academic, call, { documentKinds: [] })).toBe('in_progress')
		expect(stepState('academic', academic, call, { documentKinds: ['publication_list'] })).toBe('in_progress')
		expect(stepState('academic', academic, call, { documentKinds: ['cv'] })).toBe('completed')
		expect(stepState('academic', {}, call, { documentKinds: ['cv'] })).toBe('in_progress')
		expect(stepState('academic', {}, call, { documentKinds: ['host_letter'] })).toBe('not_started')
	})

	it('saves the valid part of a draft and reports the rest', () => {
		expect(parseDraft('personal', { givenNames: 'Maryam', phone: '0912', orcid: '0000-0002-1825-0098' }, call)).toEqual({
			data: { givenNames: 'Maryam' },
			errors: { phone: 'errors.application.phone.international', orcid: 'errors.application.orcid.checksum' },
		})
		expect(parseDraft('plan', plan, call)).toEqual({ data: plan, errors: {} })
		const visitResult = parseDraft('visit', { ...visit, hostEmail: 'x', startDate: '2027-04-10', endDate: '2027-04-01' }, call)
		expect(visitResult.errors).toEqual({
			hostEmail: 'errors.application.hostEmail.invalid',
			endDate: 'errors.application.endDate.notAfterStart',
		})
		expect(visitResult.data).toMatchObject({ hostName: 'Dr Ali Rezaei', startDate: '2027-04-10' })
		expect(visitResult.data).not.toHaveProperty('endDate')
		expect(visitResult.data).not.toHaveProperty('hostEmail')
		const academicResult = parseDraft(
			'academic',
			{ institution: 'KI', 'keyPublications.0': 'One', 'keyPublications.1': 'x'.repeat(501) },
			call,
		)
		expect(academicResult).toEqual({
			data: { institution: 'KI' },
			errors: { 'keyPublications.1': 'errors.application.keyPublications.tooLong' },
		})
	})

	it('reads a form, with repeated names as lists', () => {
		const formData = new FormData()
		formData.append('hostName', 'Dr Ali Rezaei')
		formData.append('activities', 'lectures')
		formData.append('activities', 'workshop')
		formData.append('startDate', '۲۰۲۷-۰۴-۰۱')
		formData.append('cv', new Blob(['%PDF-']), 'cv.pdf')
		expect(applicationFormInput(formData)).toEqual({
			hostName: 'Dr Ali Rezaei',
			activities: ['lectures', 'workshop'],
			startDate: '۲۰۲۷-۰۴-۰۱',
		})
	})
})

describe('the error keys', () => {
	const doc = readFileSync(new URL('../../docs/application-error-keys.md', import.meta.url), 'utf8')
	const rows = doc
		.split('\n')
		.map((line) => /^\| `(errors\.application\.[\w.]+)` \| (.+?) \| (.+?) \|$/.exec(line))
		.filter((match) => match !== null)

	it('are all in docs/application-error-keys.md, each with an English and a Persian text', () => {
		expect(rows.map((row) => row[1])).toEqual([...APPLICATION_ERROR_KEYS])
		for (const [, key, english, persian] of rows) {
			expect(english, key).toMatch(/^[A-Z].*[^\u0600-\u06ff]$/)
			expect(persian, key).toMatch(/[\u0600-\u06ff]/)
		}
	})

	afterAll(() => {
		// Every message the schemas gave in these tests is a documented key, and every key was given by some test.
		const known = new Set<string>(APPLICATION_ERROR_KEYS)
		expect([...seenMessages].filter((message) => !known.has(message))).toEqual([])
		expect(APPLICATION_ERROR_KEYS.filter((key) => !seenMessages.has(key))).toEqual([])
	})
})
