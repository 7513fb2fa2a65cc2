import { expect, type Browser, type Page } from '@playwright/test'
import { linkIn, waitForEmail } from './inbox.ts'

export const APPLICANT_PASSWORD = 'lantern orchard violet 42'

/** Registers a new applicant through the pages and the emailed link; leaves the page signed in on their home. */
export async function registerApplicant(page: Page, name = 'Dr Maryam Tehrani'): Promise<string> {
	const email = `researcher-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`
	await page.goto('/register?lang=en')
	await page.getByLabel('Full name').fill(name)
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Choose a password').fill(APPLICANT_PASSWORD)
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()
	const mail = await waitForEmail(email, /confirm/i)
	await page.goto(linkIn(mail, '/verify-email'))
	await page.getByRole('button', { name: 'Confirm my email address' }).click()
	await expect(page.getByRole('heading', { name: 'Your applications' })).toBeVisible()
	return email
}

export async function signIn(page: Page, email: string, password = APPLICANT_PASSWORD) {
	await page.goto('/login')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill(password)
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL((url) => url.pathname !== '/login')
}

/**
 * Fills steps 1 to 4 with valid answers and a CV, starting from the applicant's home; ends on the overview.
 * Returns the application's overview URL.
 */
export async function fillSteps(page: Page, email: string, cvPath: string): Promise<string> {
	await page.goto('/applications')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await page.waitForURL(/\/applications\/\d+$/)
	const overview = page.url()
	await page.goto(`${overview}/personal`)
	await page.getByLabel('Title').selectOption('dr')
	await page.getByLabel('Given names').fill('Maryam')
	await page.getByLabel('Family name').fill('Tehrani')
	await page.getByLabel('Nationality').selectOption('DE')
	await page.getByLabel('Country of residence').selectOption('DE')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Phone number').fill('+49 30 12345678')
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await expect(page.getByRole('heading', { name: 'Academic profile' })).toBeVisible()
	await page.getByLabel('Institution').fill('Charité – Universitätsmedizin Berlin')
	await page.getByLabel('Position').selectOption('professor')
	await page.getByLabel('Field', { exact: true }).selectOption({ index: 3 })
	await page.getByLabel('Publication 1').fill('Tehrani M, et al. Cardiac imaging in practice. Lancet. 2024.')
	await page.getByRole('button', { name: 'Save draft' }).click()
	await expect(page.getByText('Your answers on this page are saved.')).toBeVisible()
	await page.locator('#file-cv').setInputFiles(cvPath)
	await page.getByRole('button', { name: 'Upload — CV' }).click()
	await expect(page.getByRole('link', { name: 'cv.pdf' })).toBeVisible()
	await page.goto(`${overview}/visit`)
	await page.getByLabel('Host school').selectOption('medicine')
	await page.getByLabel('Host department').selectOption('medicine.cardiology')
	await page.getByLabel('Proposed host’s name').fill('Dr Reza Karimi')
	await page.getByLabel('Proposed host’s email address').fill(`host-${Date.now()}@example.edu`)
	await page.getByLabel('Lectures').check()
	const start = (await page.getByLabel('Preferred start date').getAttribute('min'))!
	const end = new Date(new Date(`${start}T00:00:00Z`).getTime() + 13 * 86_400_000).toISOString().slice(0, 10)
	await page.getByLabel('Preferred start date').fill(start)
	await page.getByLabel('Preferred end date').fill(end)
	await page.getByLabel('Language of teaching').selectOption('en')
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await expect(page.getByRole('heading', { name: 'Plan', exact: true })).toBeVisible()
	await page.getByLabel('Objectives').fill('Teach cardiac imaging and start a joint cohort study.')
	await page.getByLabel('Planned activities, week by week').fill('Week 1: lectures. Week 2: joint research.')
	await page.getByLabel('Expected outcomes').fill('A joint paper.')
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await expect(page.getByRole('heading', { name: 'Your application' })).toBeVisible()
	return overview
}

/** Names the call's two referees on step 5 and continues to the review page. */
export async function nameReferees(page: Page, overview: string, stamp: string) {
	await page.goto(`${overview}/referees`)
	for (const [index, who] of ['Ana Silva', 'John Smith'].entries()) {
		const group = page.getByRole('group', { name: `Referee ${index + 1}` })
		await group.getByLabel('Full name').fill(`Prof ${who}`)
		await group.getByLabel('Email address').fill(`referee${index + 1}-${stamp}@example.org`)
		await group.getByLabel('Institution').fill('University of Lisbon')
		await group.getByLabel('How they know your work').fill('Co-author')
	}
	await page.getByRole('button', { name: 'Save and continue' }).click()
	await expect(page.getByRole('heading', { name: 'Check your answers and submit' })).toBeVisible()
}

/**
 * A new applicant's application, filled and submitted through the pages; returns its reference. `host` moves the
 * visit to another school's department (e.g. so that a spec can find its own applications by school). Returns the
 * reference and the applicant's email address.
 */
export async function submitApplication(
	page: Page,
	cvPath: string,
	host?: { school: string; department: string },
): Promise<{ reference: string; email: string }> {
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, cvPath)
	if (host) {
		await page.goto(`${overview}/visit`)
		await page.getByLabel('Host school').selectOption(host.school)
		await page.getByLabel('Host department').selectOption(host.department)
		await page.getByRole('button', { name: 'Save and continue' }).click()
		await expect(page.getByRole('heading', { name: 'Plan', exact: true })).toBeVisible()
	}
	await nameReferees(page, overview, `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`)
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()
	await expect(page.getByRole('heading', { name: 'Application submitted' })).toBeVisible()
	const reference = (await page.getByText(/VPP-\d{4}-\d{4}/).first().textContent())!.match(/VPP-\d{4}-\d{4}/)![0]
	return { reference, email }
}

/** The demo office user, signed in in a browser context of its own. */
export async function officePage(browser: Browser) {
	const context = await browser.newContext()
	const page = await context.newPage()
	await signIn(page, 'office@example.edu', 'office-demo-2027')
	await expect(page.getByRole('heading', { name: 'Program office' })).toBeVisible()
	return { page, close: () => context.close() }
}

/**
 * Shows this browser context's pages in Persian by setting the language cookie directly, as `?lang=fa` does. (The
 * header's switch would also make Persian the signed-in account's email language, and the demo office account is
 * shared by specs running in parallel, which would then receive its emails in Persian.)
 */
export async function readInPersian(page: Page) {
	const url = new URL(page.url())
	await page.context().addCookies([{ name: 'lang', value: Buffer.from(JSON.stringify('fa')).toString('base64'), domain: url.hostname, path: '/' }])
	await page.reload()
}
