import path from 'node:path'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { fillSteps, nameReferees, registerApplicant, signIn } from './applicant.ts'
import { waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

test('an applicant completes all six steps and submits; everyone is emailed', async ({ page }) => {
	test.setTimeout(120_000)
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, CV)
	const stamp = `${Date.now()}`
	await page.goto(`${overview}/referees`)
	await expectNoSeriousAxeViolations(page)

	// The applicant's own address is refused for a referee, with the message beside the field.
	const first = page.getByRole('group', { name: 'Referee 1' })
	await first.getByLabel('Email address').fill(email)
	await page.getByRole('button', { name: 'Save draft' }).click()
	await expect(first.getByText('A referee cannot be you')).toBeVisible()
	await nameReferees(page, overview, stamp)

	await expectNoSeriousAxeViolations(page)
	await expect(page.getByText('Prof Ana Silva')).toBeVisible()
	await page.getByRole('button', { name: 'Submit application' }).click()
	await expect(page.getByText('Confirm that the information is accurate and complete').first()).toBeVisible()
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()

	await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible()
	await expect(page.getByText(/VPP-\d{4}-\d{4}/)).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	await waitForEmail(email, /received|submitted/i)
	await waitForEmail('office@example.edu', /.+/)
	await waitForEmail(`referee1-${stamp}@example.org`, /.+/)
	await waitForEmail(`referee2-${stamp}@example.org`, /.+/)

	await page.getByRole('link', { name: 'Follow your application' }).click()
	await expect(page.getByRole('heading', { name: 'Referees and host' })).toBeVisible()
	await expect(page.getByText('Requested').first()).toBeVisible()
})

test('an applicant withdraws an application after confirming', async ({ page }) => {
	test.setTimeout(60_000)
	await registerApplicant(page, 'Dr Second Applicant')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await page.getByRole('link', { name: 'Withdraw this application' }).click()
	await expect(page.getByRole('heading', { name: 'Withdraw your application' })).toBeVisible()
	await page.getByLabel('Reason (optional)').fill('I cannot travel this year.')
	await page.getByRole('button', { name: 'Withdraw application' }).click()
	await expect(page.getByText('Your application is withdrawn.')).toBeVisible()
	await expect(page.getByText('Withdrawn').first()).toBeVisible()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a complete application is submitted', async ({ page, browser }) => {
		test.setTimeout(120_000)
		const context = await browser.newContext()
		const setup = await context.newPage()
		const email = await registerApplicant(setup)
		const overview = await fillSteps(setup, email, CV)
		await context.close()

		await signIn(page, email)
		await nameReferees(page, overview, `nojs-${Date.now()}`)
		await page.getByLabel(/information in this application is accurate/).check()
		await page.getByLabel(/processes my data/).check()
		await page.getByRole('button', { name: 'Submit application' }).click()
		await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible()
	})
})
