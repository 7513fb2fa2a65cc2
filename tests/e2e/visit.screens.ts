import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { officePage, submitApplication } from './applicant.ts'
import { linkIn } from './inbox.ts'
import { approveApplication, completeVisit, endVisitInThePast, waitForSubject } from './visit-flow.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')
const sizes = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'mobile', width: 360, height: 740 },
]

async function shoot(page: Page, url: string, name: string) {
	for (const lang of ['en', 'fa'] as const) {
		for (const size of sizes) {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/visit-${name}-${lang}-${size.name}.png`, fullPage: true })
		}
	}
}

/** The letter's first page as a PNG, with pdftoppm from Debian's poppler-utils (`apt-get install -y poppler-utils`). */
function letterToPng(pdf: Buffer, name: string) {
	const file = path.resolve(`screenshots/${name}.pdf`)
	fs.mkdirSync(path.dirname(file), { recursive: true })
	fs.writeFileSync(file, pdf)
	try {
		execFileSync('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, path.resolve(`screenshots/${name}`)])
	} finally {
		fs.rmSync(file, { force: true })
	}
}

test('the visit: confirmation, follow-up form, the invitation letter’s first page, the report and the host’s feedback', async ({ page, browser }) => {
	test.setTimeout(240_000)
	const { reference, email } = await submitApplication(page, CV)
	const office = await officePage(browser)
	const applicationId = await approveApplication(office.page, reference, email)

	await shoot(page, `/applications/${applicationId}/visit-confirmation`, 'confirm')
	await shoot(page, `/applications/${applicationId}/follow-up`, 'follow-up')
	await page.goto(`/applications/${applicationId}/visit-confirmation?lang=en`)
	await page.getByRole('button', { name: 'Confirm my visit on these dates' }).click()
	await expect(page.getByRole('heading', { name: 'Your visit is confirmed' })).toBeVisible()
	await shoot(page, `/applications/${applicationId}/visit-confirmation`, 'confirmed')

	const letter = await page.request.get(`/applications/${applicationId}/invitation-letter.pdf`)
	expect(letter.ok()).toBe(true)
	letterToPng(await letter.body(), 'visit-invitation-letter')

	endVisitInThePast(applicationId)
	await completeVisit(office.page, reference)
	await shoot(page, `/applications/${applicationId}/visit-report`, 'report')
	const hostMail = await waitForSubject(new RegExp(`^Visit completed: .* \\(${reference}\\)$`))
	const host = await browser.newContext()
	await shoot(await host.newPage(), linkIn(hostMail, '/visits/host-feedback'), 'host-feedback')
	await host.close()
	await shoot(office.page, `/office/applications/${applicationId}`, 'office-file')
	await office.close()
})
