import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { officePage, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { waitForEmail } from './inbox.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

test('an approved applicant confirms the visit, receives the letter and the calendar file, and downloads the letter again', async ({ page, browser }) => {
	test.setTimeout(180_000)
	const { reference, email } = await submitApplication(page, CV)

	// The office puts it under review and approves it at once.
	const office = await officePage(browser)
	const o = office.page
	await o.goto('/office/calls')
	await o.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await o.waitForURL(/\/office\/calls\/\d+$/)
	await o.goto(`${o.url()}?q=${reference}`)
	await o.getByRole('link', { name: reference }).click()
	await o.getByRole('checkbox', { name: 'Dr Reza Karimi' }).check()
	await o.getByRole('button', { name: 'Assign reviewers' }).click()
	await expect(o.getByText('Status: Under review')).toBeVisible()
	const decision = o.getByRole('region', { name: 'Decision' })
	await decision.getByRole('radio', { name: 'Approve' }).check()
	await decision.getByLabel('Decision note').fill('Strong plan.')
	await decision.getByRole('button', { name: 'Decide and email now' }).click()
	await expect(o.getByText('Status: Approved')).toBeVisible()
	await waitForEmail(email, new RegExp(`confirm your visit by .* — ${reference}`))

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
	await office.close()
})
