import { describe, expect, it } from 'vitest'
import { hashPassword, passwordProblem, verifyPassword } from '#app/auth/password.server.ts'

describe('password rules', () => {
	it('asks for 10 to 128 characters, counted as characters not bytes', () => {
		expect(passwordProblem('short pw')).toBe('tooShort')
		expect(passwordProblem('گذرواژهٔ من')).toBeNull()
		expect(passwordProblem('x'.repeat(128) + 'y')).toBe('tooLong')
		expect(passwordProblem('quiet otter lamp river')).toBeNull()
	})

	it('has no composition rules', () => {
		expect(passwordProblem('alllowercaseletters')).toBeNull()
	})

	it('refuses the most common passwords, whatever their case', () => {
		expect(passwordProblem('1234567890')).toBe('common')
		expect(passwordProblem('qwertyuiop')).toBe('common')
		expect(passwordProblem('1Q2W3E4R5T')).toBe('common')
	})
})

describe('password hashing', () => {
	it('verifies the right password and refuses others', async () => {
		const hash = await hashPassword('quiet otter lamp river')
		expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/)
		expect(await verifyPassword('quiet otter lamp river', hash)).toBe(true)
		expect(await verifyPassword('quiet otter lamp rivers', hash)).toBe(false)
		expect(await verifyPassword('anything', null)).toBe(false)
		expect(await verifyPassword('anything', 'not-a-hash')).toBe(false)
	})

	it('salts each hash', async () => {
		expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'))
	})
})
