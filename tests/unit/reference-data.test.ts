import { describe, expect, it } from 'vitest'
import { COUNTRY_CODES, countryName, countryOptions, isCountryCode } from '#app/domain/countries.ts'
import { FIELDS, fieldLabel, isFieldCode } from '#app/domain/fields.ts'
import {
	SCHOOLS,
	departmentLabel,
	departmentsOf,
	findDepartment,
	findSchool,
	isDepartmentCode,
	isSchoolCode,
	schoolLabel,
} from '#app/domain/schools.ts'

const arabicScript = /[\u0600-\u06ff]/
const kebab = /^[a-z]+(?:-[a-z]+)*$/

function expectBilingual(name: { en: string; fa: string }) {
	expect(name.en.trim().length).toBeGreaterThan(0)
	expect(name.en).not.toMatch(arabicScript)
	expect(name.fa).toMatch(arabicScript)
	expect(name.fa).toBe(name.fa.trim())
}

function expectUnique(values: readonly string[]) {
	expect(new Set(values).size).toBe(values.length)
}

describe('schools and departments', () => {
	const departments = SCHOOLS.flatMap((school) => school.departments)

	it('has 8–10 schools, each with 3 or more departments', () => {
		expect(SCHOOLS.length).toBeGreaterThanOrEqual(8)
		expect(SCHOOLS.length).toBeLessThanOrEqual(10)
		for (const school of SCHOOLS) expect(school.departments.length).toBeGreaterThanOrEqual(3)
	})

	it('has unique kebab-case codes; a department code is its school code, a dot and a kebab-case part', () => {
		expectUnique(SCHOOLS.map((school) => school.code))
		expectUnique(departments.map((department) => department.code))
		for (const school of SCHOOLS) {
			expect(school.code).toMatch(kebab)
			for (const department of school.departments) {
				const [prefix, rest, ...extra] = department.code.split('.')
				expect(prefix).toBe(school.code)
				expect(rest).toMatch(kebab)
				expect(extra).toEqual([])
			}
		}
	})

	it('names every school and department in English and Persian, in Iranian style', () => {
		for (const school of SCHOOLS) {
			expectBilingual(school.name)
			expect(school.name.en).toMatch(/^School of /)
			expect(school.name.fa).toMatch(/^دانشکده /)
			expectUnique(school.departments.map((department) => department.name.en))
			expectUnique(school.departments.map((department) => department.name.fa))
			for (const department of school.departments) {
				expectBilingual(department.name)
				expect(department.name.fa).toMatch(/^گروه /)
			}
		}
	})

	it('finds schools and departments by code', () => {
		expect(findSchool('medicine')?.name).toEqual({ en: 'School of Medicine', fa: 'دانشکده پزشکی' })
		expect(findSchool('nope')).toBeUndefined()
		const found = findDepartment('medicine.cardiology')
		expect(found?.school.code).toBe('medicine')
		expect(found?.department.name).toEqual({ en: 'Cardiology', fa: 'گروه قلب و عروق' })
		expect(findDepartment('cardiology')).toBeUndefined()
		expect(findDepartment('medicine')).toBeUndefined()
		for (const department of departments) expect(findDepartment(department.code)?.department).toBe(department)
	})

	it('lists the departments of a school', () => {
		expect(departmentsOf('medicine').map((department) => department.code)).toContain('medicine.cardiology')
		expect(departmentsOf('dentistry').every((department) => department.code.startsWith('dentistry.'))).toBe(true)
		expect(departmentsOf('nope')).toEqual([])
	})

	it('guards school and department codes', () => {
		expect(isSchoolCode('public-health')).toBe(true)
		expect(isSchoolCode('public-health.nutrition')).toBe(false)
		expect(isSchoolCode('Medicine')).toBe(false)
		expect(isSchoolCode(undefined)).toBe(false)
		expect(isDepartmentCode('public-health.nutrition')).toBe(true)
		expect(isDepartmentCode('public-health')).toBe(false)
		expect(isDepartmentCode(42)).toBe(false)
		expect(isDepartmentCode('constructor')).toBe(false)
	})

	it('labels schools and departments in both languages', () => {
		expect(schoolLabel('pharmacy', 'en')).toBe('School of Pharmacy')
		expect(schoolLabel('pharmacy', 'fa')).toBe('دانشکده داروسازی')
		expect(departmentLabel('medicine.cardiology', 'en')).toBe('Cardiology, School of Medicine')
		expect(departmentLabel('medicine.cardiology', 'fa')).toBe('گروه قلب و عروق، دانشکده پزشکی')
		expect(departmentLabel('advanced-technologies.medical-physics', 'en')).toBe(
			'Medical Physics, School of Advanced Technologies in Medicine',
		)
	})
})

describe('fields', () => {
	it('has 30–45 fields with unique kebab-case codes and names in both languages', () => {
		expect(FIELDS.length).toBeGreaterThanOrEqual(30)
		expect(FIELDS.length).toBeLessThanOrEqual(45)
		expectUnique(FIELDS.map((field) => field.code))
		expectUnique(FIELDS.map((field) => field.name.en))
		expectUnique(FIELDS.map((field) => field.name.fa))
		for (const field of FIELDS) {
			expect(field.code).toMatch(kebab)
			expectBilingual(field.name)
		}
	})

	it('is in English alphabetical order', () => {
		const names = FIELDS.map((field) => field.name.en)
		expect(names).toEqual([...names].sort(new Intl.Collator('en').compare))
	})

	it('guards and labels field codes', () => {
		expect(isFieldCode('cardiology')).toBe(true)
		expect(isFieldCode('Cardiology')).toBe(false)
		expect(isFieldCode('astrology')).toBe(false)
		expect(isFieldCode(null)).toBe(false)
		expect(fieldLabel('cardiology', 'en')).toBe('Cardiology')
		expect(fieldLabel('cardiology', 'fa')).toBe('قلب و عروق')
		expect(fieldLabel('medical-education', 'en')).toBe('Medical Education')
		expect(fieldLabel('medical-education', 'fa')).toBe('آموزش پزشکی')
	})
})

describe('countries', () => {
	it('lists the 249 officially assigned ISO 3166-1 alpha-2 codes', () => {
		expect(COUNTRY_CODES).toHaveLength(249)
		expectUnique(COUNTRY_CODES)
		for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/)
		expect([...COUNTRY_CODES]).toEqual([...COUNTRY_CODES].sort())
		for (const code of ['DE', 'IR', 'US', 'GB', 'PS', 'SS', 'BQ', 'AX']) expect(COUNTRY_CODES).toContain(code)
		for (const code of ['EU', 'UN', 'XK', 'UK', 'AN', 'YU', 'ZZ']) expect(COUNTRY_CODES).not.toContain(code)
	})

	it('guards country codes', () => {
		expect(isCountryCode('IR')).toBe(true)
		expect(isCountryCode('ir')).toBe(false)
		expect(isCountryCode('IRN')).toBe(false)
		expect(isCountryCode('EU')).toBe(false)
		expect(isCountryCode(undefined)).toBe(false)
	})

	it('names countries in English and Persian', () => {
		expect(countryName('DE', 'en')).toBe('Germany')
		expect(countryName('DE', 'fa')).toBe('آلمان')
		// i18n-iso-countries gives each country's official English name first.
		expect(countryName('IR', 'en')).toBe('Islamic Republic of Iran')
		expect(countryName('IR', 'fa')).toBe('ایران')
		expect(countryName('GB', 'en')).toBe('United Kingdom')
		expect(countryName('US', 'fa')).toBe('ایالات متحده')
	})

	it('gives every code a real name in both languages, not the code echoed back', () => {
		for (const code of COUNTRY_CODES) {
			const en = countryName(code, 'en')
			const fa = countryName(code, 'fa')
			expect(en, code).not.toBe(code)
			expect(en.length, code).toBeGreaterThan(2)
			expect(fa, code).toMatch(arabicScript)
		}
		expectUnique(COUNTRY_CODES.map((code) => countryName(code, 'en')))
		expectUnique(COUNTRY_CODES.map((code) => countryName(code, 'fa')))
	})

	it('offers every country once, sorted by name in the locale', () => {
		for (const locale of ['en', 'fa'] as const) {
			const options = countryOptions(locale)
			expect(options).toHaveLength(COUNTRY_CODES.length)
			expect(new Set(options.map((option) => option.code))).toEqual(new Set(COUNTRY_CODES))
			const collator = new Intl.Collator(locale)
			for (let i = 1; i < options.length; i++) {
				expect(collator.compare(options[i - 1]!.name, options[i]!.name)).toBeLessThanOrEqual(0)
			}
			for (const option of options) expect(option.name).toBe(countryName(option.code, locale))
			expect(countryOptions(locale)).toBe(options)
		}
		expect(countryOptions('en')[0]?.name).toBe('Afghanistan')
		expect(countryOptions('fa')[0]?.name).toMatch(/^[آا]/)
	})
})
