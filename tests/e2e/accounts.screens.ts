import type { Page } from '@playwright/test'
import { SCREEN_SIZES } from './screens.ts'
import { test } from './test.ts'

async function shoot(page: Page, name: string) {
	await page.evaluate(() => document.fonts.ready)
	await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true })
}

async function signInAsOffice(page: Page) {
	await page.goto('/login?lang=en')
	await page.getByLabel('Email address').fill('office@example.edu')
	await page.getByLabel('Password').fill('office-demo-2027')
	await page.getByRole('button', { name: 'Sign in' }).click()
	await page.waitForURL('**/office')
}

for (const lang of ['en', 'fa'] as const) {
	for (const size of SCREEN_SIZES) {
		test(`account pages ${lang} ${size.name}`, async ({ page }) => {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`/register?lang=${lang}`)
			await shoot(page, `register-${lang}-${size.name}`)
			await page.locator('button[type=submit]').last().click()
			await page.getByRole('alert').waitFor()
			await shoot(page, `register-errors-${lang}-${size.name}`)
			await page.goto(`/login?lang=${lang}`)
			await shoot(page, `login-${lang}-${size.name}`)
		})

		test(`office pages ${lang} ${size.name}`, async ({ page }) => {
			await page.setViewportSize({ width: size.width, height: size.height })
			await signInAsOffice(page)
			await page.goto(`/office/users?lang=${lang}`)
			await shoot(page, `office-users-${lang}-${size.name}`)
			await page.goto(`/office/outbox?lang=${lang}`)
			await shoot(page, `office-outbox-${lang}-${size.name}`)
		})
	}
}
