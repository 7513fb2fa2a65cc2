import path from 'node:path'
import { expect, type Page } from '@playwright/test'
import Database from 'better-sqlite3'
import { readInbox, waitForEmail } from './inbox.ts'

/**
 * Steps of the visit that several specs share: the office approves an application at once, the portal's calendar
 * moves past a visit, and an email found by its subject alone.
 */

/** On the office's page: opens the demo call's application, assigns a reviewer and approves it; waits for the email. */
export async function approveApplication(office: Page, reference: string, applicantEmail: string) {
	await office.goto('/office/calls')
	await office.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await office.waitForURL(/\/office\/calls\/\d+$/)
	await office.goto(`${office.url()}?q=${reference}`)
	await office.getByRole('link', { name: reference }).click()
	await office.getByRole('link', { name: 'Choose reviewers to assign' }).click()
	await office.getByRole('checkbox', { name: 'Dr Reza Karimi' }).check()
	await office.getByRole('button', { name: 'Assign reviewers' }).click()
	await expect(office.getByText('Status: Under review')).toBeVisible()
	const decision = office.getByRole('region', { name: 'Decision' })
	await decision.getByRole('link', { name: 'Record a decision' }).click()
	await decision.getByRole('radio', { name: 'Approve' }).check()
	await decision.getByLabel('Decision note').fill('Strong plan.')
	await decision.getByRole('button', { name: 'Decide and email now' }).click()
	await expect(office.getByText('Status: Approved')).toBeVisible()
	await waitForEmail(applicantEmail, new RegExp(`confirm your visit by .* — ${reference}`))
	return Number(office.url().match(/\/office\/applications\/(\d+)/)![1])
}

/**
 * Time passes: moves a confirmed visit to last month in the e2e server's database (tests/e2e/serve.mjs), as the
 * calendar would; the server reads the visit's dates on each request.
 */
export function endVisitInThePast(applicationId: number) {
	const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
	const db = new Database(path.resolve('tests/.tmp/e2e/portal.db'))
	try {
		db.pragma('busy_timeout = 5000')
		const moved = db.prepare('UPDATE visits SET start_date = ?, end_date = ? WHERE application_id = ?').run(day(-30), day(-17), applicationId)
		expect(moved.changes).toBe(1)
	} finally {
		db.close()
	}
}

/** On the office's page: marks the demo call's visit of `reference` completed on the call's visits page. */
export async function completeVisit(office: Page, reference: string) {
	await office.goto('/office/calls')
	await office.getByRole('link', { name: 'Applications — Visiting Professors 2027 — first round' }).click()
	await office.waitForURL(/\/office\/calls\/\d+$/)
	await office.goto(`${office.url()}/visits`)
	const row = office.getByRole('listitem').filter({ has: office.getByRole('link', { name: reference }) })
	await row.getByRole('button', { name: 'Mark the visit completed' }).click()
	await expect(office.getByRole('status')).toBeVisible()
}

/** The newest email whose subject matches, to whomever it went (e.g. the made-up host address of a spec's helper). */
export async function waitForSubject(subject: RegExp) {
	let found: Awaited<ReturnType<typeof readInbox>>[number] | undefined
	await expect
		.poll(
			async () => {
				found = (await readInbox()).filter((mail) => subject.test(mail.subject ?? '')).at(-1)
				return Boolean(found)
			},
			{ timeout: 15_000, message: `an email with subject ${subject}` },
		)
		.toBe(true)
	return found!
}
