import { test } from '@playwright/test'
import { registerApplicant } from './applicant.ts'

const sizes = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'mobile', width: 360, height: 740 },
]

test('wizard steps in both languages at desktop and 360 px', async ({ page }) => {
	test.setTimeout(120_000)
	await registerApplicant(page)
	await page.goto('/applications')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await page.waitForURL(/\/applications\/\d+$/)
	const overview = page.url()
	for (const lang of ['en', 'fa'] as const) {
		for (const size of sizes) {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`${overview}?lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/wizard-overview-${lang}-${size.name}.png`, fullPage: true })
			for (const step of ['personal', 'academic', 'visit', 'plan']) {
				await page.goto(`${overview}/${step}`)
				await page.evaluate(() => document.fonts.ready)
				await page.screenshot({ path: `screenshots/wizard-${step}-${lang}-${size.name}.png`, fullPage: true })
			}
		}
	}
})
