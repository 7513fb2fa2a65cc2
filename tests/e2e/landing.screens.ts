import { SCREEN_SIZES } from './screens.ts'
import { test } from './test.ts'

for (const lang of ['en', 'fa'] as const) {
	for (const size of SCREEN_SIZES) {
		test(`landing ${lang} ${size.name}`, async ({ page }) => {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`/?lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/landing-${lang}-${size.name}.png`, fullPage: true })
		})
	}
}
