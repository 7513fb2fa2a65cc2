import path from 'node:path'
import type { Page } from '@playwright/test'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { registerApplicant, signIn } from './applicant.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

async function startApplication(page: Page) {
	await page.goto('/applications')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await expect(page.getByRole('heading', { name: 'Your application' })).toBeVisible()
}

/** The window the demo call allows, read from the page's hint: the first week of it. */
async function visitDates(page: Page) {
	const min = await page.getByLabel('Preferred start date').getAttribute('min')
	const start = new Date(`${min}T00:00:00Z`)
	const end = new Date(start.getTime() + 13 * 86_400_000)
	return { start: min!, end: end.toISOString().slice(0, 10) }
}

test('an applicant fills the four steps with a CV, leaves, signs in again and finds everything', async ({ page }) => {
	test.setTimeout(90_000)
	const email = await registerApplicant(page)
	await startApplication(page)
	await expectNoSeriousAxeViolations(page)
	await page.getByRole('link', { name: /Personal details/ }).click()

	// Step 1
	await expectNoSeriousAxeViolations(page)
	await page.getByLabel('Title').selectOption('dr')
	await page.getByLabel('Given names').fill('Maryam')
	await page.getByLabel('Family name').fill('Tehrani')
	await page.getByLabel('Nationality').selectOption('DE')
	await page.getByLabel('Country of residence').selectOption('DE')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Phone number').fill('+49 30 12345678')
	await page.getByLabel('ORCID iD (optional)').fill('0000-0002-1825-0097')
	await page.getByRole('button', { name: 'Save and continue' }).click()

	// Step 2, with the CV
	await expect(page.getByRole('heading', { name: 'Academic profile' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	await page.getByLabel('Institution').fill('Charité – Universitätsmedizin Berlin')
	await page.getByLabel('Position').selectOption('professor')
	await page.getByLabel('Field', { exact: true }).selectOption({ index: 3 })
	await page.getByLabel('h-index (optional)').fill('۲۳')
	await page.getByLabel('Publication 1').fill('Tehrani M, et al. Cardiac imaging in practice. Lancet. 2024.')
	await page.getByRole('button', { name: 'Save draft' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'saved' })).toBeVisible()
	await page.locator('#file-cv').setInputFiles(CV)
	await page.getByRole('button', { name: 'Upload — CV' }).click()
	await expect(page.getByRole('link', { name: 'cv.pdf' })).toBeVisible()
	await expect(page.getByLabel('Institution')).toHaveValue('Charité – Universitätsmedizin Berlin')
	await page.getByRole('button', { name: 'Save and continue' }).click()

	// Step 3
	await expect(page.getByRole('heading', { name: 'Proposed visit' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	await page.getByLabel('Host school').selectOption('medicine')
	await page.getByLabel('Host department').selectOption('medicine.cardiology')
	await page.getByLabel('Proposed host’s name').fill('Dr Reza Karimi')
	await page.getByLabel('Proposed host’s email address').fill('reza.karimi@example.edu')
	await page.getByLabel('Lectures').check()
	await page.getByLabel('Joint research').check()
	const dates = await visitDates(page)
	await page.getByLabel('Preferred start date').fill(dates.start)
	await page.getByLabel('Preferred end date').fill(dates.end)
	await page.getByLabel('Language of teaching').selectOption('en')
	await page.getByRole('button', { name: 'Save and continue' }).click()

	// Step 4
	await expect(page.getByRole('heading', { name: 'Plan', exact: true })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	await page.getByLabel('Objectives').fill('Teach cardiac imaging and start a joint cohort study.')
	await expect(page.getByText('You have 291 words left (limit 300)').first()).toBeVisible()
	await page.getByLabel('Planned activities, week by week').fill('Week 1: lectures. Week 2: joint research and a workshop.')
	await page.getByLabel('Expected outcomes').fill('A joint paper and a grant application.')
	await page.getByRole('button', { name: 'Save and continue' }).click()

	await expect(page.getByRole('heading', { name: 'Your application' })).toBeVisible()
	await expect(page.getByText('You have completed 4 of 4 steps.')).toBeVisible()

	// Leave, come back: everything is there.
	await page.getByRole('button', { name: 'Sign out' }).click()
	await signIn(page, email)
	await page.getByRole('link', { name: /Visiting Professors/ }).first().click()
	await page.getByRole('link', { name: /Academic profile/ }).click()
	await expect(page.getByLabel('Institution')).toHaveValue('Charité – Universitätsmedizin Berlin')
	await expect(page.getByLabel('h-index (optional)')).toHaveValue('23')
	await expect(page.getByRole('link', { name: 'cv.pdf' })).toBeVisible()
	await page.getByRole('link', { name: /Proposed visit/ }).first().click()
	await expect(page.getByLabel('Preferred start date')).toHaveValue(dates.start)
	await expect(page.getByLabel('Joint research')).toBeChecked()
	await page.goto(page.url() + '?lang=fa')
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
	await expect(page.getByText('به تقویم خورشیدی').first()).toBeVisible()
	await expectNoSeriousAxeViolations(page)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a step saves with an error, keeps the valid answers, and continues once fixed', async ({ page, browser }) => {
		test.setTimeout(60_000)
		// Registration needs no script either, but the email link is followed the same way.
		const context = await browser.newContext()
		const jsPage = await context.newPage()
		const email = await registerApplicant(jsPage)
		await context.close()

		await signIn(page, email)
		await page.goto('/applications')
		await page.getByRole('button', { name: 'Start an application' }).click()
		await page.getByRole('link', { name: /Personal details/ }).click()
		await page.getByLabel('Given names').fill('Ali')
		await page.getByLabel('Phone number').fill('not a phone')
		await page.getByRole('button', { name: 'Save and continue' }).click()

		await expect(page.getByRole('alert')).toContainText('There is a problem')
		await expect(page.getByLabel('Given names')).toHaveValue('Ali')
		await expect(page.getByLabel('Phone number')).toHaveValue('not a phone')
		await page.getByLabel('Phone number').fill('+44 20 7946 0958')
		await page.getByRole('button', { name: 'Save and continue' }).click()
		await expect(page.getByRole('heading', { name: 'Academic profile' })).toBeVisible()
		await page.getByRole('link', { name: /Personal details/ }).click()
		await expect(page.getByLabel('Given names')).toHaveValue('Ali')
		await expect(page.getByLabel('Phone number')).toHaveValue('+442079460958')
	})
})

test('every step is axe-clean in Persian, right to left', async ({ page }) => {
	test.setTimeout(60_000)
	await registerApplicant(page)
	await page.goto('/applications')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await page.waitForURL(/\/applications\/\d+$/)
	const overview = page.url()
	await page.goto(`${overview}?lang=fa`)
	for (const step of ['personal', 'academic', 'visit', 'plan', 'referees', 'submit']) {
		await page.goto(`${overview}/${step}`)
		await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
		await expectNoSeriousAxeViolations(page)
	}
})
