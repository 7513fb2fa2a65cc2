import { expectNoSeriousAxeViolations } from './axe.ts'
import { linkIn, waitForEmail } from './inbox.ts'
import { expect, test } from './test.ts'

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`

test('an applicant registers, confirms the email from the link, and lands signed in', async ({ page }) => {
	// Four password hashes (scrypt, 128 MiB) and the first pages of a cold server: 21 s on a quiet machine, past 30 s
	// on a busy one. Issue 24 moves this state to fixtures.
	test.setTimeout(60_000)
	const email = `researcher-${unique()}@example.org`
	await page.goto('/register')
	await expectNoSeriousAxeViolations(page)

	// A too-short password is explained next to the field and in the summary, before anything is sent.
	await page.getByLabel('Full name').fill('Dr Maryam Tehrani')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Choose a password').fill('short')
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('alert')).toContainText('There is a problem')
	await expect(page.getByRole('link', { name: 'The password must be at least 10 characters long' })).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	await page.getByLabel('Choose a password').fill('lantern orchard violet 42')
	await page.getByRole('button', { name: 'Create account' }).click()
	await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible()

	const mail = await waitForEmail(email, /confirm/i)
	expect(mail.html).toBeTruthy()
	await page.goto(linkIn(mail, '/verify-email'))
	await page.getByRole('button', { name: 'Confirm my email address' }).click()
	await expect(page.getByRole('heading', { name: 'Your applications' })).toBeVisible()
	await expect(page.getByText('your email address is confirmed')).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	// Sign out, then back in.
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()
	await page.getByRole('link', { name: 'Sign in' }).click()
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Password').fill('wrong password here')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page.getByRole('alert')).toContainText('The email address or password is not right')
	await page.getByLabel('Password').fill('lantern orchard violet 42')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page.getByRole('heading', { name: 'Your applications' })).toBeVisible()

	// An applicant opening an office address gets "not found".
	const response = await page.goto('/office/users')
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('registration and sign-in forms still work and explain errors', async ({ page }) => {
		await page.goto('/login')
		await page.getByLabel('Email address').fill('not-an-email')
		await page.getByRole('button', { name: 'Sign in' }).click()
		await expect(page.getByText('Enter an email address in the right format').first()).toBeVisible()
		await expect(page.getByLabel('Email address')).toHaveValue('not-an-email')
	})

	test('the office’s review cap field refuses a value out of range and takes Persian digits', async ({ page }) => {
		await page.goto('/login')
		await page.getByLabel('Email address').fill('office@example.edu')
		await page.getByLabel('Password').fill('office-demo-2027')
		await page.getByRole('button', { name: 'Sign in' }).click()
		await expect(page.getByRole('heading', { name: 'Program office' })).toBeVisible()
		await page.goto('/office/users')

		// The cap stays 8 throughout (the suggestions spec relies on the demo reviewers' caps); the change itself is
		// tested in tests/integration/review-caps.test.ts.
		const cap = page.getByRole('textbox', { name: 'Review cap for Dr Hamid Rostami' })
		const save = page.getByRole('button', { name: 'Save review cap for Dr Hamid Rostami' })
		await expect(cap).toHaveValue('8')
		await cap.fill('51')
		await save.click()
		await expect(page.getByRole('alert')).toContainText('Enter a whole number from 0 to 50.')
		await expect(cap).toHaveAttribute('aria-invalid', 'true')
		await expect(cap).toHaveAccessibleDescription(/Enter a whole number from 0 to 50\./)
		await expect(cap).toHaveValue('51')

		await cap.fill('۸')
		await save.click()
		await expect(page.getByRole('status')).toHaveText('Review cap saved.')
		await expect(cap).toHaveValue('8')
		await expect(cap).not.toHaveAttribute('aria-invalid')
	})
})

test('the office invites a reviewer, who sets a password from the email and sees the reviewer home', async ({ page, browser }) => {
	await page.goto('/login')
	await page.getByLabel('Email address').fill('office@example.edu')
	await page.getByLabel('Password').fill('office-demo-2027')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await expect(page.getByRole('heading', { name: 'Program office' })).toBeVisible()
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click()
	await expectNoSeriousAxeViolations(page)

	const email = `reviewer-${unique()}@example.edu`
	await page.getByLabel('Role').selectOption('reviewer')
	await page.getByLabel('Full name').fill('Dr Nima Rahimi')
	await page.getByLabel('Email address').fill(email)
	await page.getByLabel('Department (reviewers)').selectOption({ label: 'Cardiology' })
	await page.getByLabel('Expertise keywords (reviewers)').fill('arrhythmia, electrophysiology')
	await page.getByRole('button', { name: 'Send invitation', exact: true }).click()
	await expect(page.getByRole('status')).toContainText('The invitation has been sent')
	await expect(page.getByRole('cell', { name: email })).toBeVisible()

	const mail = await waitForEmail(email, /invit/i)
	const reviewerContext = await browser.newContext()
	const reviewer = await reviewerContext.newPage()
	await reviewer.goto(linkIn(mail, '/invitation'))
	await expect(reviewer.getByRole('heading', { name: 'Set up your account' })).toBeVisible()
	await reviewer.getByLabel('Choose a password').fill('harbour pencil meadow 7')
	await reviewer.getByRole('button', { name: 'Save password and continue' }).click()
	await expect(reviewer.getByRole('heading', { name: 'Your reviews' })).toBeVisible()
	await expectNoSeriousAxeViolations(reviewer)
	await reviewerContext.close()

	// The outbox lists the invitation, with its link hidden.
	await page.goto('/office/outbox')
	await expectNoSeriousAxeViolations(page)
	const row = page.getByRole('row').filter({ hasText: email })
	await expect(row).toBeVisible()
	await row.getByRole('link').first().click()
	await expect(page.getByText('[link hidden]').first()).toBeVisible()
	await expect(page.locator('body')).not.toContainText('/invitation?token=')
})
