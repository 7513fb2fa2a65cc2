import path from 'node:path'
import type { Browser } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'
import { fillSteps, nameReferees, registerApplicant, signIn } from './applicant.ts'
import { waitForEmail } from './inbox.ts'
import { shootInBothLanguages } from './screens.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')
async function signedIn(browser: Browser, email: string, password: string) {
	const context = await browser.newContext()
	const page = await context.newPage()
	await signIn(page, email, password)
	await page.waitForURL((url) => !url.pathname.startsWith('/login'))
	return page
}

/** A reviewer opens the emailed assignment, declares no conflict and submits every criterion at `score`. */
async function review(browser: Browser, email: string, reference: string, score: string, recommendation: string) {
	const mail = await waitForEmail(email, new RegExp(`Please review application ${reference}`))
	const link = (mail.text ?? '').match(/https?:\/\/\S+\/reviewer\/assignments\/\d+/)![0]
	const page = await signedIn(browser, email, 'reviewer-demo-2027')
	await page.goto(link)
	await page.getByLabel('No, I have no conflict of interest').check()
	await page.getByRole('button', { name: 'Continue' }).click()
	await expect(page.getByRole('radiogroup').first()).toBeVisible()
	for (const group of await page.getByRole('radiogroup').all()) await group.getByRole('radio', { name: score, exact: true }).check()
	await page.getByLabel(recommendation, { exact: true }).check()
	await page.getByLabel('Comment for the office').fill(`Scored ${score} on every criterion: the plan is ${score === '5' ? 'excellent' : 'sound but vague'}.`)
	await page.getByRole('button', { name: 'Submit review' }).click()
	await expect(page.getByText(/Your review is submitted/)).toBeVisible()
	await page.context().close()
}


test('office review pages in both languages at desktop and 360 px', async ({ page, browser }) => {
	test.setTimeout(240_000)
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, CV)
	await nameReferees(page, overview, `screens-${Date.now()}`)
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()
	const reference = (await page.getByText(/VPP-\d{4}-\d{4}/).first().textContent())!.match(/VPP-\d{4}-\d{4}/)![0]

	const office = await signedIn(browser, 'office@example.edu', 'office-demo-2027')
	await office.goto('/office/calls')
	await office.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await office.waitForURL(/\/office\/calls\/\d+$/)
	const callUrl = office.url()
	await office.getByRole('link', { name: reference }).click()
	await office.waitForURL(/\/office\/applications\/\d+$/)
	const applicationUrl = office.url()
	await shootInBothLanguages(office, callUrl, 'office-call-empty-scores')
	await shootInBothLanguages(office, `${callUrl}/rubric`, 'office-rubric')
	await shootInBothLanguages(office, applicationUrl, 'office-application-unassigned')
	await shootInBothLanguages(office, `${callUrl}/suggestions`, 'office-suggestions')
	await shootInBothLanguages(office, '/office/users', 'office-users')
	await shootInBothLanguages(office, '/office/audit', 'office-audit')
	await office.goto(`${applicationUrl}?lang=en`)
	await office.getByRole('link', { name: 'Choose reviewers to assign' }).click()
	await office.getByRole('checkbox', { name: 'Dr Reza Karimi' }).check()
	await office.getByRole('checkbox', { name: 'Dr Sara Ahmadi' }).check()
	await office.getByRole('button', { name: 'Assign reviewers' }).click()
	await expect(office.getByText('The reviewers are assigned and have been emailed.')).toBeVisible()

	await review(browser, 'reviewer1@example.edu', reference, '5', 'Strongly support')
	await review(browser, 'reviewer2@example.edu', reference, '3', 'Neutral')

	await shootInBothLanguages(office, '/office/calls', 'office-calls')
	await shootInBothLanguages(office, callUrl, 'office-call')
	await shootInBothLanguages(office, `${callUrl}/dashboard`, 'office-dashboard')
	await shootInBothLanguages(office, applicationUrl, 'office-application')
	// Left at 360 px in Persian: the reviews side by side and the reviewers scroll sideways and stay reachable by
	// keyboard. (The shared "Emails about this application" table has the same need; reported, not ours to change.)
	const axe = await new AxeBuilder({ page: office }).exclude('section[aria-labelledby="application-emails-title"]').analyze()
	expect(axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? '')).map((violation) => violation.id)).toEqual([])
	await shootInBothLanguages(office, `${callUrl}/rubric`, 'office-rubric-locked')
})
