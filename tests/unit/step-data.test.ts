import { describe, expect, it } from 'vitest'
import { stepText } from '#app/domain/step-data.ts'

const saved = { institution: ' University of Tehran ', empty: '', spaces: '   ', year: 2020 }

describe('stepText', () => {
	it('gives the saved text as saved, and "" for a missing step, a missing key or a value that is not text', () => {
		expect(stepText(saved, 'institution')).toBe(' University of Tehran ')
		expect(stepText(saved, 'spaces')).toBe('   ')
		expect(stepText(saved, 'empty')).toBe('')
		expect(stepText(saved, 'year')).toBe('')
		expect(stepText(saved, 'field')).toBe('')
		expect(stepText(undefined, 'institution')).toBe('')
	})

	it('gives null instead where asked, for "" too, and for only whitespace with blankIsMissing', () => {
		expect(stepText(saved, 'institution', null)).toBe(' University of Tehran ')
		expect(stepText(saved, 'empty', null)).toBeNull()
		expect(stepText(saved, 'year', null)).toBeNull()
		expect(stepText(undefined, 'institution', null)).toBeNull()
		expect(stepText(saved, 'spaces', null)).toBe('   ')
		expect(stepText(saved, 'spaces', null, { blankIsMissing: true })).toBeNull()
		expect(stepText(saved, 'institution', null, { blankIsMissing: true })).toBe(' University of Tehran ')
	})
})
