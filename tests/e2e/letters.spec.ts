import path from 'node:path'
import type { Browser } from '@playwright/test'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { fillSteps, nameReferees, registerApplicant } from './applicant.ts'
import { linkIn, readInbox, waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')
const STATEMENT = 'Our cardiology department wants this visit very much (statement-for-reviewers-only).'

/** A stranger's browser: referees and hosts have no account and no session. */
async function freshPage(browser: Browser) {
	const context = await browser.newContext()
	return { page: await context.newPage(), close: () => context.close() }
}

test('a referee uploads a letter and the host endorses; the applicant sees only that both arrived', async ({ page, browser }) => {
	test.setTimeout(150_000)
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, CV)
	const stamp = `letters-${Date.now()}`
	await nameReferees(page, overview, stamp)
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()
	await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible()
	const reference = (await page.getByText(/VPP-\d{4}-\d{4}/).first().textContent())!.match(/VPP-\d{4}-\d{4}/)![0]

	// The referee follows the link in their email, in their language, without an account.
	const refereeMail = await waitForEmail(`referee1-${stamp}@example.org`, new RegExp(reference))
	const referee = await freshPage(browser)
	await referee.page.goto(linkIn(refereeMail, '/letters/referee'))
	await expect(referee.page.getByRole('heading', { name: 'Letter of reference' })).toBeVisible()
	await expect(referee.page.getByText(reference)).toBeVisible()
	await expect(referee.page.getByText('Dr Maryam Tehrani', { exact: true })).toBeVisible()
	await expectNoSeriousAxeViolations(referee.page)
	await referee.page.getByLabel('Your letter (PDF)').setInputFiles({
		name: 'reference-letter.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\nA confidential letter of reference.\n%%EOF\n'),
	})
	await referee.page.getByRole('button', { name: 'Upload the letter' }).click()
	await expect(referee.page.getByRole('heading', { name: 'Thank you: your letter has arrived' })).toBeVisible()
	// The link worked once.
	await referee.page.goto(linkIn(refereeMail, '/letters/referee'))
	await expect(referee.page.getByRole('heading', { name: 'Your answer has already arrived' })).toBeVisible()
	await referee.close()

	// The host, likewise.
	let hostMail: Awaited<ReturnType<typeof readInbox>>[number] | undefined
	await expect
		.poll(async () => {
			hostMail = (await readInbox()).find((mail) => /proposes you as the host/.test(mail.subject ?? '') && (mail.subject ?? '').includes(reference))
			return Boolean(hostMail)
		}, { timeout: 20_000 })
		.toBe(true)
	const host = await freshPage(browser)
	await host.page.goto(linkIn(hostMail!, '/letters/host'))
	await expect(host.page.getByRole('heading', { name: 'Endorse a visit' })).toBeVisible()
	await expectNoSeriousAxeViolations(host.page)
	await host.page.getByLabel('Yes, I endorse the visit').check()
	await host.page.getByLabel('Your statement').fill(STATEMENT)
	await host.page.getByRole('group', { name: 'Do you know the applicant personally?' }).getByLabel('Yes', { exact: true }).check()
	await host.page.getByLabel('If yes, how do you know them?').fill('We met at a congress in 2019.')
	await host.page.getByRole('button', { name: 'Send my answer' }).click()
	await expect(host.page.getByRole('heading', { name: 'Thank you: you have endorsed the visit' })).toBeVisible()
	await host.close()

	// The applicant is told, and sees "received" for both, never the letter or the statement.
	await waitForEmail(email, /letter of reference has arrived/)
	await waitForEmail(email, /host has answered/)
	await page.goto(overview)
	const letters = page.getByRole('region', { name: 'Referees and host' })
	await expect(letters.getByRole('listitem').filter({ hasText: 'Prof Ana Silva' })).toContainText('Received')
	await expect(letters.getByRole('listitem').filter({ hasText: 'Dr Reza Karimi' })).toContainText('Received')
	await expect(letters.getByRole('listitem').filter({ hasText: 'Prof John Smith' })).toContainText('Requested')
	await expect(page.getByText(STATEMENT)).toHaveCount(0)
	await expect(page.getByText('reference-letter.pdf')).toHaveCount(0)
	// Whatever document id the applicant tries, the letter is never served to them.
	for (let id = 1; id <= 40; id += 1) {
		const response = await page.request.get(`/documents/${id}`, { maxRedirects: 0 })
		expect(response.headers()['content-disposition'] ?? '').not.toContain('reference-letter')
	}
})
