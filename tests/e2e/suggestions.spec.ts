import path from 'node:path'
import { officePage, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

test('the office has reviewers suggested for a call, swaps one, confirms, and the reviewers are emailed', async ({ page, browser }) => {
	test.setTimeout(150_000)
	// Hosted by the School of Dentistry, which no other spec uses: the proposal for that school is this spec's own.
	const { reference } = await submitApplication(page, CV, { school: 'dentistry', department: 'dentistry.periodontics' })

	const office = await officePage(browser)
	const o = office.page
	await o.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click()
	await o.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await o.getByRole('link', { name: 'Suggest reviewers' }).click()
	await expect(o.getByRole('heading', { name: 'Suggest reviewers', level: 1 })).toBeVisible()
	await o.getByLabel('Host school').selectOption('dentistry')
	await o.getByRole('button', { name: 'Show' }).click()
	await expect(o).toHaveURL(/school=dentistry/)
	await expect(o.getByRole('status').filter({ hasText: 'Applications needing reviewers: 1. Fully covered by this proposal: 1. Short of reviewers: 0.' })).toBeVisible()
	await expectNoSeriousAxeViolations(o)

	// Two places; the dentist (a demo reviewer of the School of Dentistry) fits best and comes first.
	const first = o.getByLabel(`Reviewer 1 for ${reference}`)
	const second = o.getByLabel(`Reviewer 2 for ${reference}`)
	await expect(first).toHaveValue('reviewer3@example.edu')
	await expect(first).toHaveAccessibleDescription(/Dr Hamid Rostami/)
	// The second place goes to whoever has the lightest load (other specs invite and load reviewers too); swap in a
	// demo reviewer who is not proposed.
	const proposed = await second.inputValue()
	expect(proposed).toMatch(/@example\.(edu|org)$/)
	const swapIn = proposed === 'reviewer1@example.edu' ? 'reviewer2@example.edu' : 'reviewer1@example.edu'
	const swapInName = swapIn === 'reviewer1@example.edu' ? 'Dr Reza Karimi' : 'Dr Sara Ahmadi'

	// A typo is caught next to its box, and nothing is assigned.
	await second.fill('nobody@example.edu')
	await o.getByRole('button', { name: 'Assign and email the reviewers' }).click()
	await expect(o.getByRole('alert')).toContainText('No active reviewer has this email address')
	await expect(o.getByLabel(`Reviewer 2 for ${reference}`)).toHaveAttribute('aria-invalid', 'true')

	await o.getByLabel(`Reviewer 2 for ${reference}`).fill(swapIn)
	await expect(o.getByLabel(`Reviewer 2 for ${reference}`)).toHaveAccessibleDescription(new RegExp(swapInName))
	await o.getByRole('button', { name: 'Check my changes' }).click()
	await expect(o.getByLabel(`Reviewer 2 for ${reference}`)).toHaveValue(swapIn)
	await expect(o.getByText('Possible conflict:')).toHaveCount(0)
	await o.getByRole('button', { name: 'Assign and email the reviewers' }).click()
	await expect(o.getByRole('status').filter({ hasText: 'Reviewers assigned: 2, to applications: 1.' })).toBeVisible()
	await expect(o.getByRole('status').filter({ hasText: 'already has 2 reviewers' })).toBeVisible()

	for (const address of ['reviewer3@example.edu', swapIn]) {
		const mail = await waitForEmail(address, new RegExp(`Please review application ${reference}`))
		expect(mail.text).toMatch(/\/reviewer\/assignments\/\d+/)
	}
	await office.close()
})
