import { officePage, readInPersian } from './applicant.ts'
import { expectNoSeriousAxeViolations } from './axe.ts'
import { expect, test } from './test.ts'

test('the office filters the audit trail by who acted and sees only their actions', async ({ browser }) => {
	const office = await officePage(browser)
	const o = office.page
	await o.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click()
	await expect(o.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible()
	const table = o.getByRole('table', { name: 'Recorded actions, newest first' })
	const whoCells = table.locator('tbody tr td:nth-child(2)')
	// The demo call was loaded by no one: the unfiltered trail has rows of others than the office user.
	await expect(whoCells.filter({ hasText: 'No account' }).first()).toBeVisible()

	await o.getByLabel('Who acted (office staff and reviewers)').selectOption({ label: 'Parisa Office' })
	await o.getByRole('button', { name: 'Filter' }).click()
	await expect(o).toHaveURL(/[?&]actor=\d+/)
	await expect(table.getByRole('row').filter({ hasText: 'Signed in' }).first()).toBeVisible()
	const names = await whoCells.locator('a').allTextContents()
	expect(names.length).toBeGreaterThan(0)
	expect(new Set(names)).toEqual(new Set(['Parisa Office']))
	await expect(whoCells.filter({ hasText: 'No account' })).toHaveCount(0)
	// The filter survives a reload: it lives in the URL.
	await o.reload()
	await expect(o.getByLabel('Who acted (office staff and reviewers)')).toHaveValue(/\d+/)
	await expectNoSeriousAxeViolations(o)

	await readInPersian(o)
	await expect(o.getByRole('heading', { name: 'گزارش رویدادها', level: 1 })).toBeVisible()
	await expectNoSeriousAxeViolations(o)
	await office.close()
})
