import path from 'node:path'
import { fillSteps, nameReferees, registerApplicant } from './applicant.ts'
import { SCREEN_SIZES } from './screens.ts'
import { test } from './test.ts'

test('wizard steps in both languages at desktop and 360 px', async ({ page }) => {
	test.setTimeout(120_000)
	await registerApplicant(page)
	await page.goto('/applications')
	await page.getByRole('button', { name: 'Start an application' }).click()
	await page.waitForURL(/\/applications\/\d+$/)
	const overview = page.url()
	for (const lang of ['en', 'fa'] as const) {
		for (const size of SCREEN_SIZES) {
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

test('referees step, check your answers and the confirmation, in both languages at desktop and 360 px', async ({ page }) => {
	test.setTimeout(180_000)
	const email = await registerApplicant(page)
	const overview = await fillSteps(page, email, path.resolve('tests/fixtures/cv.pdf'))
	for (const lang of ['en', 'fa'] as const) {
		for (const size of SCREEN_SIZES) {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`${overview}/referees?lang=${lang}`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/wizard-referees-${lang}-${size.name}.png`, fullPage: true })
			await page.goto(`${overview}/submit`)
			await page.evaluate(() => document.fonts.ready)
			await page.screenshot({ path: `screenshots/wizard-submit-problems-${lang}-${size.name}.png`, fullPage: true })
		}
	}
	await page.goto(`${overview}?lang=en`)
	await nameReferees(page, overview, `shots-${Date.now()}`)
	await page.getByLabel(/information in this application is accurate/).check()
	await page.getByLabel(/processes my data/).check()
	await page.getByRole('button', { name: 'Submit application' }).click()
	await page.getByRole('heading', { name: 'Application submitted' }).waitFor()
	for (const lang of ['en', 'fa'] as const) {
		for (const size of SCREEN_SIZES) {
			await page.setViewportSize({ width: size.width, height: size.height })
			await page.goto(`${overview}/submitted?lang=${lang}`)
			await page.screenshot({ path: `screenshots/wizard-submitted-${lang}-${size.name}.png`, fullPage: true })
			await page.goto(`${overview}`)
			await page.screenshot({ path: `screenshots/application-page-${lang}-${size.name}.png`, fullPage: true })
		}
	}
})
