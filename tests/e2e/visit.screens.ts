import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { officePage, submitApplication } from './applicant.ts'
import { linkIn } from './inbox.ts'
import { approveApplication, completeVisit, endVisitInThePast, waitForSubject } from './visit-flow.ts'
import { shootInBothLanguages } from './screens.ts'
import { expect, test } from './test.ts'

const CV = path.resolve('tests/fixtures/cv.pdf')

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

	await shootInBothLanguages(page, `/applications/${applicationId}/visit-confirmation`, 'visit-confirm')
	await shootInBothLanguages(page, `/applications/${applicationId}/follow-up`, 'visit-follow-up')
	await page.goto(`/applications/${applicationId}/visit-confirmation?lang=en`)
	await page.getByRole('button', { name: 'Confirm my visit on these dates' }).click()
	await expect(page.getByRole('heading', { name: 'Your visit is confirmed' })).toBeVisible()
	await shootInBothLanguages(page, `/applications/${applicationId}/visit-confirmation`, 'visit-confirmed')

	const letter = await page.request.get(`/applications/${applicationId}/invitation-letter.pdf`)
	expect(letter.ok()).toBe(true)
	letterToPng(await letter.body(), 'visit-invitation-letter')

	endVisitInThePast(applicationId)
	await completeVisit(office.page, reference)
	await shootInBothLanguages(page, `/applications/${applicationId}/visit-report`, 'visit-report')
	const hostMail = await waitForSubject(new RegExp(`^Visit completed: .* \\(${reference}\\)$`))
	const host = await browser.newContext()
	await shootInBothLanguages(await host.newPage(), linkIn(hostMail, '/visits/host-feedback'), 'visit-host-feedback')
	await host.close()
	await shootInBothLanguages(office.page, `/office/applications/${applicationId}`, 'visit-office-file')
	await office.close()
})
