import fc from 'fast-check'
import { PDFParse } from 'pdf-parse'
import { describe, expect, it } from 'vitest'
import {
	letterVisitorName,
	newVerificationCode,
	normaliseVerificationCode,
	renderInvitationLetter,
	type InvitationLetterData,
} from '#app/documents/invitation-letter.server.ts'

const LETTER: InvitationLetterData = {
	reference: 'VPP-2027-0042',
	visitorName: 'Łukasz Şahin Nguyễn',
	affiliation: 'Jagiellonian University, Kraków',
	hostSchool: 'School of Medicine',
	hostDepartment: 'Department of Cardiology',
	activities: ['Lectures and seminars', 'Joint research'],
	startDate: '2027-04-15',
	endDate: '2027-04-28',
	issuedAt: new Date('2027-03-01T08:00:00Z'),
	verificationCode: 'K7QX-9M2P-4TRD',
	verifyUrl: 'https://portal.example.edu/verify/K7QX-9M2P-4TRD',
}

async function pdfOf(bytes: Uint8Array) {
	// pdf.js takes the buffer over: give it a copy.
	const parser = new PDFParse({ data: bytes.slice() })
	try {
		const { text } = await parser.getText()
		const { info, total } = await parser.getInfo()
		// Lines joined and no-break spaces as spaces: what a reader of the page sees.
		return { text: text.replace(/\s+/g, ' '), info: info as Record<string, unknown>, pages: total }
	} finally {
		await parser.destroy()
	}
}

describe('the invitation letter', () => {
	it('names the visitor in any script and gives the reference, dates, code and where to check it', async () => {
		const { text, info, pages } = await pdfOf(await renderInvitationLetter(LETTER))
		expect(pages).toBe(1)
		for (const expected of [
			'International Relations Office',
			'Visiting Professor Program',
			'Łukasz Şahin Nguyễn',
			'Jagiellonian University, Kraków',
			'Department of Cardiology, School of Medicine',
			'Lectures and seminars',
			'Joint research',
			'VPP-2027-0042',
			'15 April 2027 to 28 April 2027',
			'1 March 2027',
			'Verification code: K7QX-9M2P-4TRD',
			'Check this letter at https://portal.example.edu/verify/K7QX-9M2P-4TRD',
		]) {
			expect(text).toContain(expected)
		}
		expect(info).toMatchObject({
			Title: 'Letter of invitation VPP-2027-0042',
			Author: 'International Relations Office',
			Creator: 'Visiting Professor Program portal',
			CreationDate: 'D:20270301080000Z',
		})
	})

	it('promises no funding unless told what the University provides', async () => {
		const plain = (await pdfOf(await renderInvitationLetter(LETTER))).text
		expect(plain).not.toMatch(/fund|cover|pay|allowance|stipend/i)
		const support = 'The University will provide accommodation on campus for the duration of the visit.'
		expect((await pdfOf(await renderInvitationLetter({ ...LETTER, support }))).text).toContain(support)
	})

	it('writes the issue date in the given time zone', async () => {
		const lateEvening = { ...LETTER, issuedAt: new Date('2027-03-01T21:00:00Z') }
		expect((await pdfOf(await renderInvitationLetter(lateEvening))).text).toContain('Date 2 March 2027')
		expect((await pdfOf(await renderInvitationLetter({ ...lateEvening, timeZone: 'UTC' }))).text).toContain('Date 1 March 2027')
	})

	it('gives the same bytes for the same data', async () => {
		const first = await renderInvitationLetter(LETTER)
		const second = await renderInvitationLetter(LETTER)
		expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true)
	})

	it('continues on a second page with the code on each, when the activities are many', async () => {
		const activities = Array.from({ length: 40 }, (_, index) => `Seminar ${index + 1} on a subject of shared interest`)
		const { text, pages } = await pdfOf(await renderInvitationLetter({ ...LETTER, activities }))
		expect(pages).toBe(2)
		expect(text).toContain('Seminar 40 on a subject of shared interest')
		expect(text).toContain('Page 2 of 2')
		expect(text.split('Verification code: K7QX-9M2P-4TRD')).toHaveLength(3)
	})

	it('wraps long names and addresses without losing them', async () => {
		const visitorName = 'Maria-Magdalena Alexandrescu-Wiśniewska von Hohenzollern-Sigmaringen '.repeat(3).trim()
		const verifyUrl = `https://a-very-long-host-name.portal.example.edu/${'deep/'.repeat(20)}verify/K7QX-9M2P-4TRD`
		const { text } = await pdfOf(await renderInvitationLetter({ ...LETTER, visitorName, verifyUrl }))
		expect(text).toContain('Wiśniewska')
		expect(text).toContain('verify/K7QX-9M2P-4TRD')
	})
})

const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

describe('verification codes', () => {
	it('are 12 Crockford base32 characters in three groups, and do not repeat', () => {
		const codes = Array.from({ length: 2000 }, newVerificationCode)
		for (const code of codes) expect(code).toMatch(CANONICAL)
		expect(new Set(codes).size).toBe(codes.length)
	})

	it('use every character of the alphabet', () => {
		const seen = new Set(Array.from({ length: 500 }, newVerificationCode).join('').replace(/-/g, ''))
		expect(seen.size).toBe(32)
	})

	it('normalise to themselves', () => {
		for (let i = 0; i < 200; i += 1) {
			const code = newVerificationCode()
			expect(normaliseVerificationCode(code)).toBe(code)
		}
	})

	it('survive the ways people type them: case, spaces, dashes, O for 0 and I or L for 1', () => {
		expect(normaliseVerificationCode(' k7qx 9m2p 4trd ')).toBe('K7QX-9M2P-4TRD')
		expect(normaliseVerificationCode('K7QX9M2P4TRD')).toBe('K7QX-9M2P-4TRD')
		expect(normaliseVerificationCode('K7QX–9M2P—4TRD')).toBe('K7QX-9M2P-4TRD')
		expect(normaliseVerificationCode('OOOO-IIII-llll')).toBe('0000-1111-1111')
		fc.assert(
			fc.property(
				fc.constantFrom(...Array.from({ length: 50 }, newVerificationCode)),
				fc.array(fc.constantFrom(' ', '-', '  '), { minLength: 12, maxLength: 12 }),
				fc.boolean(),
				(code, separators, lower) => {
					const compact = code.replace(/-/g, '')
					const typed = [...compact].map((character, index) => character + separators[index]).join('')
					expect(normaliseVerificationCode(lower ? typed.toLowerCase() : typed)).toBe(code)
				},
			),
		)
	})

	it('reject what cannot be a code', () => {
		for (const input of ['', '   ', 'K7QX-9M2P-4TR', 'K7QX-9M2P-4TRDX', 'K7QX-9M2P-4TRU', 'K7QX-9M2P-4TR!', '<script>', 'x'.repeat(1000)]) {
			expect(normaliseVerificationCode(input)).toBeNull()
		}
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), (input) => {
				const result = normaliseVerificationCode(input)
				expect(result === null || CANONICAL.test(result)).toBe(true)
			}),
		)
	})
})

describe('the name on the letter', () => {
	it('is the passport name, else the personal step’s names, else the account’s', () => {
		const account = { accountName: 'Account Name' }
		expect(letterVisitorName({ passportName: ' Łukasz Şahin Nguyễn ', givenNames: 'Luke', familyName: 'Sahin', ...account })).toBe(
			'Łukasz Şahin Nguyễn',
		)
		expect(letterVisitorName({ passportName: null, givenNames: 'Łukasz Şahin', familyName: 'Nguyễn', ...account })).toBe('Łukasz Şahin Nguyễn')
		expect(letterVisitorName({ passportName: '  ', givenNames: 7, familyName: undefined, ...account })).toBe('Account Name')
	})
})
