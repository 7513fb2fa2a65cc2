import { describe, expect, it } from 'vitest'
import { normaliseDigits } from '#app/i18n/digits.ts'

describe('normaliseDigits', () => {
	it('turns Persian digits into ASCII digits', () => {
		expect(normaliseDigits('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789')
	})

	it('turns Arabic-Indic digits into ASCII digits', () => {
		expect(normaliseDigits('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789')
	})

	it('keeps everything else, including mixed text', () => {
		expect(normaliseDigits('+۹۸ 21 ٦٦٤٠')).toBe('+98 21 6640')
		expect(normaliseDigits('h-index: ۲۳، ORCID 0000')).toBe('h-index: 23، ORCID 0000')
	})

	it('normalises the Arabic decimal and thousands separators', () => {
		expect(normaliseDigits('۱٬۲۳۴٫۵')).toBe('1,234.5')
	})
})
