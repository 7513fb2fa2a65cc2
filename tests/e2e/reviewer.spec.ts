import path from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { fillSteps, nameReferees, registerApplicant, signIn } from './applicant.ts'
import { linkIn, waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

async function asUser(browser: Browser, email: string, password: string): Promise<{ page: Page; close: () => Promise<void> }> {
	const context = await browser.newContext()
	const page = await context.newPage()
	await signIn(page, email, password)
	return { page, close: () => context.close() }
}

/** Opens the reviewer's assignment for `reference` from their home and answers the conflict question. */
async function openAssignment(page: Page, reference: string) {
	await page.goto('/reviewer')
	await page.getByRole('link', { name: new RegExp(reference) }).click()
	await expect(page.getByRole('heading', { name: 'Conflict of interest' })).toBeVisible()
}

async function scoreAndSubmit(page: Page, score: number, recommendation: string) {
	await expect(page.getByRole('heading', { name: 'Your review' })).toBeVisible()
	for (const group of await page.getByRole('radiogroup', { name: /^Score for / }).all()) {
		await group.getByLabel(String(score), { exact: true }).check()
	}
	await page.getByLabel(recommendation, { exact: true }).check()
	await page.getByLabel('Comment for the office').fill(`All ${score}s.`)
	await page.getByRole('button', { name: 'Submit review' }).click()
	await expect(page.getByRole('status').filter({ hasText: 'Your review is submitted' })).toBeVisible()
}

test('reviewers declare a conflict or score; diverging reviews raise the disagreement flag for the office', async ({ page, browser }) => {
	test.setTimeout(240_000)
	// An applicant submits.
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, CV)
	await nameReferees(page, overview, `review-${Date.now()}`)
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()
	const reference = (await page.getByText(/VPP-\d{4}-\d{4}/).first().textContent())!.match(/VPP-\d{4}-\d{4}/)![0]

	// The office invites a third reviewer, then assigns all three.
	const office = await asUser(browser, 'office@example.edu', 'office-demo-2027')
	const o = office.page
	const thirdEmail = `reviewer3-${Date.now()}@example.edu`
	await o.goto('/office/users')
	await o.getByLabel('Role').selectOption('reviewer')
	await o.getByLabel('Full name').fill('Dr Third Reviewer')
	await o.getByLabel('Email address').fill(thirdEmail)
	await o.getByLabel('Department (reviewers)').selectOption({ label: 'Cardiology' })
	await o.getByRole('button', { name: 'Send invitation', exact: true }).click()
	const invitation = await waitForEmail(thirdEmail, /invit/i)
	const third = await browser.newContext()
	const t3 = await third.newPage()
	await t3.goto(linkIn(invitation, '/invitation'))
	await t3.getByLabel('Choose a password').fill('copper window sailing 9')
	await t3.getByRole('button', { name: 'Save password and continue' }).click()
	await expect(t3.getByRole('heading', { name: 'Your reviews' })).toBeVisible()

	await o.goto('/office/calls')
	await o.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await o.getByRole('row').filter({ hasText: reference }).getByRole('link', { name: reference }).click()
	const applicationUrl = o.url()
	await o.getByRole('link', { name: 'Choose reviewers to assign' }).click()
	for (const name of ['Dr Reza Karimi', 'Dr Sara Ahmadi', 'Dr Third Reviewer']) await o.getByRole('checkbox', { name }).check()
	await o.getByRole('button', { name: 'Assign reviewers' }).click()
	await expect(o.getByRole('status').filter({ hasText: 'The reviewers are assigned' })).toBeVisible()

	// Reviewer 1 declares a conflict: the assignment is released and the office is told.
	const r1 = await asUser(browser, 'reviewer1@example.edu', 'reviewer-demo-2027')
	await openAssignment(r1.page, reference)
	await expectNoSeriousAxeViolations(r1.page)
	await r1.page.getByLabel('Yes, I have a conflict of interest').check()
	await r1.page.getByLabel('If yes, what is the conflict?').fill('We wrote a paper together in 2025.')
	await r1.page.getByRole('button', { name: 'Continue' }).click()
	await expect(r1.page.getByText('The assignment is released')).toBeVisible()
	await waitForEmail('office@example.edu', new RegExp(`Conflict of interest declared on ${reference}`))
	await r1.close()

	// Reviewer 2 declares none, reads, scores all 5s and submits.
	const r2 = await asUser(browser, 'reviewer2@example.edu', 'reviewer-demo-2027')
	await openAssignment(r2.page, reference)
	await r2.page.getByLabel('No, I have no conflict of interest').check()
	await r2.page.getByRole('button', { name: 'Continue' }).click()
	await expect(r2.page.getByRole('heading', { name: 'Your review' })).toBeVisible()
	await expect(r2.page.getByRole('heading', { name: 'Plan' })).toBeVisible()
	await expectNoSeriousAxeViolations(r2.page)
	// Nobody else's scores before one's own.
	await expect(r2.page.getByRole('heading', { name: 'Other reviewers' })).toHaveCount(0)
	await scoreAndSubmit(r2.page, 5, 'Strongly support')
	await expect(r2.page.getByText('Score 100 of 100')).toBeVisible()
	await r2.close()

	// The third reviewer scores all 3s: 2 points apart on every criterion.
	await openAssignment(t3, reference)
	await t3.getByLabel('No, I have no conflict of interest').check()
	await t3.getByRole('button', { name: 'Continue' }).click()
	await scoreAndSubmit(t3, 3, 'Neutral')
	await expect(t3.getByRole('heading', { name: 'Other reviewers' })).toBeVisible()
	await third.close()

	await o.goto(applicationUrl)
	await expect(o.getByText('Reviewers disagree').first()).toBeVisible()
	await expectNoSeriousAxeViolations(o)
	await office.close()
})
