import fs from 'node:fs'
import path from 'node:path'
import { officePage, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { linkIn, waitForEmail } from './inbox.ts'
import { approveApplication, completeVisit, endVisitInThePast, waitForSubject } from './visit-flow.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

test('an approved applicant fills the follow-up form, confirms the visit, gets the letter and calendar file; after the visit the office completes it, the visitor reports and the host gives feedback', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const { reference, email } = await submitApplication(page, CV)

	// The office puts it under review and approves it at once.
	const office = await officePage(browser)
	const o = office.page
	const applicationId = await approveApplication(o, reference, email)

	// The applicant's page makes the next step unmistakable.
	await page.goto('/applications')
	await page.getByRole('link', { name: /^Confirm your visit by / }).first().click()
	await expect(page.getByRole('heading', { name: 'Confirm your visit' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	// Dates outside the call's window are refused beside the field.
	await page.getByLabel('First day of the visit').fill('2026-12-01')
	await page.getByLabel('Last day of the visit').fill('2026-12-20')
	await page.getByRole('button', { name: 'Propose these dates' }).click()
	await expect(page.getByRole('alert')).toContainText('within the call’s window')

	// Before confirming, the applicant fills the follow-up form (only approved applicants see it).
	await page.getByRole('link', { name: /^Fill in the form before your visit/ }).click()
	await expect(page.getByRole('heading', { name: 'Before your visit' })).toBeVisible()
	await page.getByLabel('Name as in your passport').fill('Łukasz Şahin Nguyễn')
	await page.getByLabel('Passport number').fill('EN1234567')
	await page.getByLabel('Nationality (as in the passport)').selectOption('PL')
	await page.getByLabel('Date of birth').fill('1980-05-17')
	await page.getByLabel('Arrival date').fill('2027-03-31')
	await page.getByLabel('Departure date').fill('2027-04-15')
	await page.getByRole('group', { name: 'Do you need accommodation?' }).getByLabel('Yes').check()
	await page.getByRole('group', { name: 'Do you need support with your visa?' }).getByLabel('No').check()
	await page.getByLabel('Copy of your passport’s photo page (PDF)').setInputFiles(CV)
	await page.getByRole('button', { name: 'Save', exact: true }).click()
	await expect(page.getByText('Saved. You can change your answers until your visit.')).toBeVisible()
	await page.getByRole('link', { name: 'Back to your visit' }).click()
	await page.getByRole('button', { name: 'Confirm my visit on these dates' }).click()
	await expect(page.getByRole('heading', { name: 'Your visit is confirmed' })).toBeVisible()

	const confirmed = await waitForEmail(email, new RegExp(`Your visit is confirmed: ${reference}`))
	expect(confirmed.attachments.map((attachment) => attachment.filename).sort()).toEqual([`invitation-letter-${reference}.pdf`, `visit-${reference}.ics`])

	const downloading = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Download your invitation letter (PDF)' }).click()
	const download = await downloading
	expect(download.suggestedFilename()).toBe(`invitation-letter-${reference}.pdf`)
	expect(fs.readFileSync((await download.path())!).subarray(0, 5).toString()).toBe('%PDF-')

	// The office sees the confirmed dates and the code.
	await o.reload()
	await expect(o.getByText(/^Confirmed: /)).toBeVisible()
	await expect(o.getByText(/verification code [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/)).toBeVisible()
	await expect(o.getByRole('region', { name: 'Follow-up form' })).toContainText('EN1234567')

	// Time passes, and the office marks the visit completed.
	endVisitInThePast(applicationId)
	await completeVisit(o, reference)
	await waitForEmail(email, new RegExp(`Thank you for your visit: ${reference}`))

	// The visitor sends the report, with a PDF.
	await page.goto('/applications')
	await page.getByRole('link', { name: 'Tell us how your visit went: send your report' }).first().click()
	await expect(page.getByRole('heading', { name: 'Your report on the visit' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)
	await page.getByRole('button', { name: 'Send the report' }).click()
	await expect(page.getByRole('textbox', { name: 'Your report' })).toHaveAccessibleDescription(/Please write your report/)
	await page.getByLabel('Your report').fill('Taught a two-week course on cardiac imaging.\nA joint study with the host has begun.')
	await page.getByLabel('A PDF, if you like (optional)').setInputFiles(CV)
	await page.getByRole('button', { name: 'Send the report' }).click()
	await expect(page.getByRole('status')).toHaveText('Thank you: your report has arrived. You can correct it below.')

	// The host answers through the private link in the completion email.
	const hostMail = await waitForSubject(new RegExp(`^Visit completed: .* \\(${reference}\\)$`))
	const feedback = await browser.newContext()
	const hostPage = await feedback.newPage()
	await hostPage.goto(linkIn(hostMail, '/visits/host-feedback'))
	await expect(hostPage.getByRole('heading', { name: 'How did the visit go?' })).toBeVisible()
	await expectNoSeriousAxeViolations(hostPage)
	await hostPage.getByLabel('Your feedback').fill('Excellent lectures; would host again.')
	await hostPage.getByRole('button', { name: 'Send my feedback' }).click()
	await expect(hostPage.getByRole('status')).toHaveText('Your feedback has reached the program office.')
	await feedback.close()

	// Both are on the office's file.
	await o.goto(`/office/applications/${applicationId}`)
	const afterVisit = o.getByRole('region', { name: 'After the visit' })
	await expect(afterVisit).toContainText('Taught a two-week course on cardiac imaging.')
	await expect(afterVisit.getByRole('link', { name: /Download the report’s PDF/ })).toBeVisible()
	await expect(afterVisit).toContainText('Excellent lectures; would host again.')
	await office.close()
})
