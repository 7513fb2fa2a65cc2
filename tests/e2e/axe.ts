import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * No serious or critical axe-core violations on the page as it is now. `exclude` leaves out parts axe cannot check:
 * a sandboxed iframe (an email shown as its recipient sees it) runs no scripts, so axe would wait in it forever.
 */
export async function expectNoSeriousAxeViolations(page: Page, { exclude = [] }: { exclude?: string[] } = {}) {
	const builder = new AxeBuilder({ page })
	for (const selector of exclude) builder.exclude(selector)
	const results = await builder.analyze()
	const serious = results.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact ?? ''))
	expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`)).toEqual([])
}
