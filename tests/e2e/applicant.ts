import { expect, type Page } from '@playwright/test'
import { linkIn, waitForEmail } from './inbox.ts'

export const APPLICANT_PASSWORD = 'lantern orchard violet 42'

/** Registers a new applicant through the pages and the emailed link; leaves the page signed in on their home. */
export async function registerApplicant(page: Page, name = 'Dr Maryam Tehrani'): Promise<string> {
	const email = `researcher-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`
	await page.goto('/register?lang=en')
	await page.getByLabel('Full name').fill(name)
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Choose a password').fill(APPLICANT_PASSWORD)
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
	const mail = await waitForEmail(email, /confirm/i)
	await page.goto(linkIn(mail, '/verify-email'))
	await page.getByRole('button', { name: 'Confirm my email address' }).click()
	await expect(page.getByRole('heading', { name: 'Your applications' })).toBeVisible()
	return email
}

export async function signIn(page: Page, email: string, password = APPLICANT_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Sign in' }).click()
}
