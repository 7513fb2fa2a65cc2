import { test } from '@playwright/test'

const sizes = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'mobile', width: 360, height: 740 },
]

for (const lang of ['en', 'fa'] as const) {
	for (const size of sizes) {
		test(`landing ${lang} ${size.name}`, async ({ page }) => {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`/?lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/landing-${lang}-${size.name}.png`, fullPage: true })
		})
	}
}
