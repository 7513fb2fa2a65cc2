import { expectNoSeriousAxeViolations } from './axe.ts'
import { expect, test } from './test.ts'

test('the landing page explains the program and lists the open call, in English', async ({ page }) => {
	await page.goto('/')
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr')
	await expect(page.getByRole('heading', { level: 1, name: 'Visiting Professor Program' })).toBeVisible()
	await expect(page.getByRole('heading', { name: 'How to apply' })).toBeVisible()
	const call = page.getByRole('article', { name: /Visiting Professors 20\d\d — first round/ })
	await expect(call).toBeVisible()
	await expect(call.getByText(/at 23:59 \(Iran Standard Time\)/)).toBeVisible()
	await expectNoSeriousAxeViolations(page)
})

test('the language switch turns the page Persian, right to left, and is remembered across pages', async ({ page }) => {
	await page.goto('/')
	await page.getByRole('button', { name: 'فارسی' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa')
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
	await expect(page).toHaveURL(/\/$/)
	await expect(page.getByRole('heading', { level: 1, name: 'برنامه استادان مدعو' })).toBeVisible()
	// The deadline in the Solar Hijri calendar, with the Gregorian date beside it.
	const call = page.getByRole('article', { name: /استادان مدعو/ })
	await expect(call.getByText(/۱۴۰[۰-۹]/).first()).toBeVisible()
	await expect(call.getByText(/میلادی: .*۲۰۲[۰-۹]/)).toBeVisible()
	await expectNoSeriousAxeViolations(page)

	// Another page (here the not-found page) keeps the choice, from the cookie alone.
	const response = await page.goto('/no-such-page')
	expect(response?.status()).toBe(404)
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
	await expect(page.getByRole('heading', { name: 'صفحه پیدا نشد' })).toBeVisible()

	await page.getByRole('button', { name: 'English' }).click()
	await expect(page.locator('html')).toHaveAttribute('lang', 'en')
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1, name: 'Visiting Professor Program' })).toBeVisible()
})

test('?lang=fa works as a link from anywhere', async ({ page }) => {
	await page.goto('/?lang=fa')
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl')
	await expect(page).toHaveURL(/\/$/)
})

for (const lang of ['en', 'fa'] as const) {
	test(`no horizontal scroll at 360 px (${lang})`, async ({ page }) => {
		await page.setViewportSize({ width: 360, height: 740 })
		await page.goto(`/?lang=${lang}`)
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
		expect(overflow).toBe(0)
		await expectNoSeriousAxeViolations(page)
	})
}

test('the skip link takes keyboard users to the main content', async ({ page }) => {
	await page.goto('/')
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: 'Skip to main content' })
	await expect(skip).toBeFocused()
	await page.keyboard.press('Enter')
	await expect(page.locator('main')).toBeFocused()
})

test('the Persian font is served from our own origin', async ({ page }) => {
	const foreign: string[] = []
	page.on('request', (request) => {
		if (!request.url().startsWith('http://127.0.0.1')) foreign.push(request.url())
	})
	const fonts: string[] = []
	page.on('response', (response) => {
		if (response.url().endsWith('.woff2') && response.ok()) fonts.push(response.url())
	})
	await page.goto('/?lang=fa')
	await page.evaluate(() => document.fonts.ready)
	expect(fonts.some((url) => /Vazirmatn-.*\.woff2$/.test(url))).toBe(true)
	expect(foreign).toEqual([])
})

test('/healthz answers with a small JSON body', async ({ request }) => {
	const response = await request.get('/healthz')
	expect(response.status()).toBe(200)
	expect(await response.json()).toEqual({ status: 'ok', database: 'ok' })
})

test('the page runs its scripts under the Content-Security-Policy, with no console errors', async ({ page }) => {
	const errors: string[] = []
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text())
	})
	page.on('pageerror', (error) => errors.push(error.message))
	await page.goto('/')
	// Hydrated: the client router handles the link without a full page load.
	await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined)
	await page.getByRole('link', { name: 'Sign in' }).click()
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
	expect(errors).toEqual([])
})
