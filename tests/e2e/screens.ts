import type { Page } from '@playwright/test'

/** The sizes every screenshot is taken at (`npm run screenshots`): a desktop and a narrow phone. */
export const SCREEN_SIZES = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'mobile', width: 360, height: 740 },
]

/** `url` in English and Persian at each size, full page, as screenshots/<name>-<lang>-<size>.png. */
export async function shootInBothLanguages(page: Page, url: string, name: string) {
	for (const lang of ['en', 'fa'] as const) {
		for (const size of SCREEN_SIZES) {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/${name}-${lang}-${size.name}.png`, fullPage: true })
		}
	}
}
