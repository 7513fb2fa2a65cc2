import path from 'node:path'
import type { Page } from '@playwright/test'
import { officePage, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { readInbox, waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Opens the application from the demo call's table and puts it under review by assigning a demo reviewer. */
async function openUnderReview(o: Page, callUrl: string, reference: string) {
	await o.goto(`${callUrl}?q=${reference}`)
	await o.getByRole('link', { name: reference }).click()
	await expect(o.getByRole('heading', { name: `Application ${reference}` })).toBeVisible()
	await o.getByRole('link', { name: 'Choose reviewers to assign' }).click()
	await o.getByRole('checkbox', { name: 'Dr Reza Karimi' }).check()
	await o.getByRole('button', { name: 'Assign reviewers' }).click()
	await expect(o.getByText('Status: Under review')).toBeVisible()
}

/** Opens the form of the application page's Decision section, sent on demand. */
async function openDecisionForm(o: Page) {
	await o.getByRole('region', { name: 'Decision' }).getByRole('link', { name: 'Record a decision' }).click()
}

/** Records a held decision in the application page's (opened) Decision section. */
async function holdDecision(o: Page, choice: 'Approve' | 'Reject', note: string, message: string) {
	const section = o.getByRole('region', { name: 'Decision' })
	await section.getByRole('radio', { name: choice }).check()
	await section.getByLabel('Decision note').fill(note)
	await section.getByLabel('Message for the applicant').fill(message)
	await section.getByRole('button', { name: 'Hold: record without sending' }).click()
	await expect(o.getByRole('status').filter({ hasText: 'The decision is held' })).toBeVisible()
	await expect(o.getByRole('heading', { name: new RegExp(`^Held decision: ${choice}, recorded by Parisa Office on .*Nothing has been sent\\.$`) })).toBeVisible()
	// Nothing changed: the status is as it was.
	await expect(o.getByText('Status: Under review')).toBeVisible()
}

test('the office holds an approval and a rejection, previews and releases them; exactly those emails go out', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const approved = await submitApplication(page, CV)
	const otherContext = await browser.newContext()
	const rejected = await submitApplication(await otherContext.newPage(), CV)
	await otherContext.close()

	const office = await officePage(browser)
	const o = office.page
	await o.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click()
	await o.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await expect(o.getByRole('heading', { name: 'Find applications' })).toBeVisible()
	const callUrl = o.url().split('?')[0]!

	await openUnderReview(o, callUrl, rejected.reference)
	await openDecisionForm(o)
	await holdDecision(o, 'Reject', 'Outside the program’s fields this year.', 'Thank you for your interest; please apply again.')

	await openUnderReview(o, callUrl, approved.reference)
	await openDecisionForm(o)
	const section = o.getByRole('region', { name: 'Decision' })
	// Nothing chosen and no note: the errors are shown beside the fields and nothing is recorded.
	await section.getByLabel('Message for the applicant').fill('We look forward to your visit.')
	await section.getByRole('button', { name: 'Hold: record without sending' }).click()
	await expect(o.getByRole('alert')).toContainText('Choose one of the decisions offered')
	await expect(o.getByRole('alert')).toContainText('Write a decision note')
	await expect(section.getByLabel('Message for the applicant')).toHaveValue('We look forward to your visit.')
	await holdDecision(o, 'Approve', 'Strong plan, excellent host fit.', 'We look forward to your visit.')
	await expectNoSeriousAxeViolations(o)

	// The release page: both held decisions, each with the emails it will send.
	await section.getByRole('link', { name: 'Held decisions of this call: preview and release' }).first().click()
	await expect(o.getByRole('heading', { name: 'Held decisions', level: 1 })).toBeVisible()
	await expect(o.getByText(/approvals for 12 funded visits/)).toBeVisible()
	const previews: { to: string; subject: string }[] = []
	for (const reference of [approved.reference, rejected.reference]) {
		const item = o.getByRole('listitem').filter({ has: o.getByRole('heading', { level: 2, name: new RegExp(reference) }) })
		await expect(item).toBeVisible()
		const emails = item.getByRole('listitem')
		const count = await emails.count()
		expect(count).toBe(reference === approved.reference ? 3 : 1)
		for (let index = 0; index < count; index += 1) {
			const email = emails.nth(index)
			const to = (await email.locator('dd').nth(0).textContent())!.trim()
			const subject = (await email.locator('dd').nth(2).textContent())!.trim()
			previews.push({ to: (/<([^>]+)>$/.exec(to)?.[1] ?? to).toLowerCase(), subject })
		}
	}
	expect(previews).toContainEqual({ to: approved.email.toLowerCase(), subject: expect.stringMatching(new RegExp(`^Action required: confirm your visit by .* — ${approved.reference}$`)) })
	expect(previews).toContainEqual({ to: rejected.email.toLowerCase(), subject: `Decision on your application ${rejected.reference}` })
	// The applicant's email, as it will be sent, carries the office's message.
	const rejection = o.getByRole('listitem').filter({ has: o.getByRole('heading', { level: 2, name: new RegExp(rejected.reference) }) })
	await rejection.getByText(`Show the email to`).click()
	await expect(rejection.locator('pre')).toContainText('Thank you for your interest; please apply again.')
	await expect(rejection.locator('pre')).not.toContainText('Outside the program’s fields')
	await expect(rejection.getByTitle(`Email: Decision on your application ${rejected.reference}`)).toBeVisible()
	await expectNoSeriousAxeViolations(o, { exclude: ['iframe[sandbox]'] })

	const before = (await readInbox()).length
	await o.getByRole('button', { name: /^Release \d+ decisions?$/ }).click()
	await expect(o.getByRole('status').filter({ hasText: /Decisions released: \d+/ })).toBeVisible()
	await expect(o.getByRole('heading', { level: 2, name: new RegExp(`${approved.reference}|${rejected.reference}`) })).toHaveCount(0)

	// The SMTP sink receives exactly the previewed emails, once the short grace period has passed.
	for (const preview of previews) await waitForEmail(preview.to, new RegExp(`^${escape(preview.subject)}$`))
	const mine = (await readInbox())
		.slice(before)
		.filter((mail) => [approved.reference, rejected.reference].some((reference) => mail.subject?.includes(reference)))
		.map((mail) => ({ to: (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((to) => to?.value ?? []).map((address) => address.address?.toLowerCase())[0], subject: mail.subject }))
	const key = (email: { to?: string; subject?: string }) => `${email.to} | ${email.subject}`
	expect(mine.map(key).sort()).toEqual(previews.map(key).sort())

	// The applicant sees the decision on their page. The "confirm your visit" call to action comes with the visit
	// confirmation (issue 13).
	await page.goto('/applications')
	await page.getByRole('link', { name: 'Visiting Professors 2027 — first round' }).click()
	await expect(page.getByText('Status: Approved')).toBeVisible()
	await expect(page.locator('section', { has: page.getByRole('heading', { name: 'History' }) }).getByText('Approved', { exact: true })).toBeVisible()
	await office.close()
})
