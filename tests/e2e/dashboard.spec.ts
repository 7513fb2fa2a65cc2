import path from 'node:path'
import { officePage, readInPersian, submitApplication } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { expect, test } from './test.ts'

const CHARTS_EN = ['How far applications got', 'Review progress', 'Applications by country', 'Applications by host school', 'Submissions per day', 'Scores', 'Referees’ letters']
const CHARTS_FA = ['درخواست‌ها تا کجا پیش رفتند', 'پیشرفت داوری', 'درخواست‌ها بر پایه کشور', 'درخواست‌ها بر پایه دانشکده میزبان', 'ارسال‌ها در هر روز', 'امتیازها', 'توصیه‌نامه‌ها']

test('the dashboard draws every chart, with its figures as a table, in English and in Persian', async ({ page, browser }) => {
	test.setTimeout(120_000)
	// At least one submitted application, so that every chart has something to draw whatever ran before.
	await submitApplication(page, path.resolve('tests/fixtures/cv.pdf'))
	const office = await officePage(browser)
	const o = office.page
	await o.goto('/office/calls')
	await o.getByRole('link', { name: 'Dashboard — Visiting Professors 2027 — first round' }).click()
	await expect(o.getByRole('heading', { name: 'Dashboard: Visiting Professors 2027 — first round', level: 1 })).toBeVisible()
	for (const title of CHARTS_EN) {
		const figure = o.getByRole('figure', { name: title })
		await expect(figure).toBeVisible()
		await expect(figure.getByRole('img')).toHaveAccessibleName(new RegExp(`^${title}\\.`))
	}
	// The figures as a table: the funnel's first stage counts every application started.
	const funnel = o.getByRole('figure', { name: 'How far applications got' })
	await funnel.getByText('Show the figures as a table').click()
	await expect(funnel.getByRole('table').getByRole('rowheader', { name: 'Started' })).toBeVisible()
	await expectNoSeriousAxeViolations(o)

	await readInPersian(o)
	for (const title of CHARTS_FA) await expect(o.getByRole('figure', { name: title }).getByRole('img')).toBeVisible()
	const perDay = o.getByRole('figure', { name: 'ارسال‌ها در هر روز' })
	await expect(perDay.getByText(/[۰-۹]/).first()).toBeVisible()
	await expect(o.locator('html')).toHaveAttribute('dir', 'rtl')
	await expectNoSeriousAxeViolations(o)
	await office.close()
})
