import fs from 'node:fs'
import path from 'node:path'
import { officePage, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

test('the office creates a call for a later round; a refused value is shown next to its field', async ({ browser }) => {
	const office = await officePage(browser)
	const o = office.page
	await o.goto('/office/calls')
	await o.getByRole('link', { name: 'Create a new call' }).click()
	await expect(o.getByRole('heading', { name: 'New call', level: 1 })).toBeVisible()
	const title = `Visiting Professors 2028 — e2e ${Date.now()}`
	await o.getByLabel('Year').fill('2028')
	await o.getByLabel('Title in English').fill(title)
	await o.getByLabel('Title in Persian').fill('استادان مدعو ۲۰۲۸')
	// Opens next year, so the demo call stays the only open one for the other specs.
	const opens = o.getByRole('group', { name: 'Applications open' })
	const closes = o.getByRole('group', { name: 'Deadline for applications' })
	const letters = o.getByRole('group', { name: /Deadline for referees/ })
	await opens.getByLabel('Date').fill('2027-09-01')
	await opens.getByLabel('Time').fill('09:00')
	await closes.getByLabel('Date').fill('2027-08-01')
	await closes.getByLabel('Time').fill('23:59')
	await letters.getByLabel('Date').fill('2027-11-15')
	await letters.getByLabel('Time').fill('23:59')
	await o.getByLabel('Visits may start on or after').fill('2028-01-15')
	await o.getByLabel('Visits must end on or before').fill('2028-12-15')
	await o.getByLabel('Visits the call can fund').fill('8')
	await o.getByRole('button', { name: 'Create the call' }).click()
	await expect(o.getByText('The deadline must be after the opening').first()).toBeVisible()
	await closes.getByLabel('Date').fill('2027-10-31')
	await o.getByRole('button', { name: 'Create the call' }).click()
	await expect(o.getByText('The call has been created with the default review rubric.')).toBeVisible()
	await o.goto('/office/calls')
	await expect(o.getByText(title).first()).toBeVisible()
	await office.close()
})

test('the office finds an application in the table, exports the view, and asks the applicant for changes', async ({ page, browser }) => {
	test.setTimeout(150_000)
	const { reference, email: applicantEmail } = await submitApplication(page, CV)

	const office = await officePage(browser)
	const o = office.page
	await o.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calls' }).click()
	await o.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await expect(o.getByRole('heading', { name: 'Find applications' })).toBeVisible()

	// Search by reference, filter by country and status: the state lives in the URL.
	await o.getByLabel('Search').fill(reference)
	await o.getByLabel('Country').selectOption('DE')
	await o.getByLabel('Status').selectOption('submitted')
	await o.getByRole('button', { name: 'Filter' }).click()
	await expect(o).toHaveURL(new RegExp(`q=${reference}.*status=submitted.*country=DE|q=${reference}.*country=DE`))
	await expect(o.getByRole('status').filter({ hasText: 'Showing 1–1 of 1' })).toBeVisible()
	const row = o.getByRole('row').filter({ hasText: reference })
	await expect(row).toContainText('Germany')
	await expect(row).toContainText('Charité – Universitätsmedizin Berlin')
	await expect(row).toContainText('0 of 2')
	await expectNoSeriousAxeViolations(o)

	// Sorting keeps the filters; the reload shows the same view.
	await o.getByRole('link', { name: /^Submitted/ }).click()
	await expect(o.getByRole('columnheader', { name: /Submitted/ })).toHaveAttribute('aria-sort', 'ascending')
	await expect(o).toHaveURL(/sort=submitted/)
	await expect(o).toHaveURL(/country=DE/)
	await o.reload()
	await expect(o.getByRole('row').filter({ hasText: reference })).toBeVisible()

	// The CSV of this view: one application, with a byte-order mark.
	const downloading = o.waitForEvent('download')
	await o.getByRole('link', { name: /Download as CSV/ }).click()
	const download = await downloading
	expect(download.suggestedFilename()).toMatch(/^applications-2027-call-\d+-\d{4}-\d{2}-\d{2}\.csv$/)
	const csv = fs.readFileSync((await download.path())!)
	expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
	const lines = csv.toString('utf8').trim().split('\r\n')
	expect(lines).toHaveLength(2)
	expect(lines[1]).toContain(reference)

	// The application's file: ask for changes.
	await row.getByRole('link', { name: reference }).click()
	await expect(o.getByRole('heading', { name: `Application ${reference}` })).toBeVisible()
	await expectNoSeriousAxeViolations(o)
	await o.getByText('Ask the applicant for changes').click()
	await o.getByRole('button', { name: 'Send the request for changes' }).click()
	await expect(o.getByRole('alert')).toBeVisible()
	await o.getByLabel('Message to the applicant').fill('Please add your teaching plan for week 2, with the course titles.')
	await o.getByRole('button', { name: 'Send the request for changes' }).click()
	await expect(o.getByText('Status: Changes requested')).toBeVisible()
	await office.close()

	const mail = await waitForEmail(applicantEmail, new RegExp(`Changes needed to your application ${reference}`))
	expect(mail.text).toContain('Please add your teaching plan for week 2, with the course titles.')
	// The applicant, still signed in, sees what is asked on their home.
	await page.goto('/applications')
	await expect(page.getByText('Changes requested').first()).toBeVisible()
})
