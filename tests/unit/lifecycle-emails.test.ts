import { describe, expect, it } from 'vitest'
import {
	emailChangeOf,
	EMAIL_CHANGES,
	RECIPIENT_KINDS,
	recipientKindsFor,
	statusTemplateName,
} from '#app/domain/lifecycle/notifications.ts'
import { TRANSITIONS } from '#app/domain/lifecycle/transitions.ts'
import { renderEmail } from '#app/email/render.server.ts'
import type { ApplicationStatus } from '#db/schema.ts'
import { statusTemplates, type StatusEmailProps } from '#emails/application-status.tsx'
import { isTemplateName } from '#emails/registry.ts'
import { EXPECTED_TOLD } from '#tests/support/lifecycle.ts'

const pairs = TRANSITIONS.flatMap((row) => row.from.flatMap((from) => row.to.map((to) => [from, to] as const)))
// A first submission is draft -> submitted; every other change is told as not being one.
const firstSubmission = (from: ApplicationStatus) => from === 'draft'

describe('who is told', () => {
	it.each(pairs)('of %s -> %s', (from, to) => {
		const kinds = recipientKindsFor(from, to, { firstSubmission: firstSubmission(from) })
		expect([...kinds].sort()).toEqual([...EXPECTED_TOLD[`${from}>${to}`]!].sort())
	})

	it('only on a first submission includes the referees and the host', () => {
		expect(recipientKindsFor('draft', 'submitted', { firstSubmission: false })).toEqual(['applicant', 'office'])
	})

	it('has a template for every (change, recipient kind) a change can send, and no template nobody sends', () => {
		const needed = new Set(
			pairs.flatMap(([from, to]) =>
				recipientKindsFor(from, to, { firstSubmission: firstSubmission(from) }).map((kind) =>
					statusTemplateName(emailChangeOf(from, to), kind),
				),
			),
		)
		// A correction of an approval (approved -> waitlisted or rejected) tells the applicant with a template of its own.
		for (const [from, to] of pairs) if (from === 'approved' && (to === 'waitlisted' || to === 'rejected')) needed.add(statusTemplateName(to, 'applicant', true))
		for (const name of needed) expect(isTemplateName(name), name).toBe(true)
		expect(new Set(Object.keys(statusTemplates))).toEqual(needed)
	})
})

const props: StatusEmailProps = {
	reference: 'VPP-2027-0042',
	applicantName: 'Maryam Rahimi',
	recipientName: 'Maryam Rahimi',
	callTitleEn: 'Visiting Professors 2027 — first round',
	callTitleFa: 'استادان مدعو ۲۰۲۷ — دور نخست',
	timeZone: 'Asia/Tehran',
	link: 'http://portal.test/applications/7',
	replyBy: '2027-03-15T20:29:00.000Z',
	confirmBy: '2027-03-15T20:29:00.000Z',
	message: 'Please upload a CV of at most four pages.\nName a second referee.',
	note: 'Checked by the office',
}

describe('the status emails', () => {
	const cases = Object.keys(statusTemplates).flatMap((name) =>
		(['en', 'fa'] as const).map((locale) => [name, locale] as const),
	)

	it.each(cases)('%s (%s): subject, HTML and text with the reference, the name and the link', async (name, locale) => {
		const email = await renderEmail(name, locale, props)
		expect(email.subject).toContain('VPP-2027-0042')
		expect(email.subject).not.toMatch(/[{}]/)
		for (const body of [email.html, email.text]) {
			expect(body).toContain('VPP-2027-0042')
			expect(body).toContain('Maryam Rahimi')
			expect(body).toContain('http://portal.test/applications/7')
			expect(body).not.toMatch(/\{\w+\}/)
		}
		if (locale === 'fa') expect(email.html).toContain('dir="rtl"')
	})

	it('have a different subject for every change and recipient', () => {
		const subjects = Object.keys(statusTemplates).map((name) =>
			statusTemplates[name as keyof typeof statusTemplates].subject(props, 'en'),
		)
		expect(new Set(subjects).size).toBe(subjects.length)
	})

	it('ask for action in an approval’s subject, with the date in the reader’s calendar', () => {
		const subject = statusTemplates['status-approved-applicant'].subject
		expect(subject(props, 'en')).toBe('Action required: confirm your visit by 15 March 2027 — VPP-2027-0042')
		// Solar Hijri first, the Gregorian date beside it.
		expect(subject(props, 'fa')).toBe(
			'اقدام لازم: دیدار خود را تا ۲۴ اسفند ۱۴۰۵ (برابر با ۱۵ مارس ۲۰۲۷) تأیید کنید — VPP-2027-0042',
		)
	})

	it('never make an acknowledgement look like a decision', () => {
		const decisionWords = /decision|approved|action required|not been successful/i
		for (const name of [
			'status-submitted-applicant',
			'status-resubmitted-applicant',
			'status-under-review-applicant',
		] as const) {
			expect(statusTemplates[name].subject(props, 'en')).not.toMatch(decisionWords)
		}
		expect(statusTemplates['status-submitted-applicant'].subject(props, 'en')).toBe(
			'Application received: VPP-2027-0042',
		)
		expect(statusTemplates['status-rejected-applicant'].subject(props, 'en')).toMatch(/^Decision on your application/)
		expect(statusTemplates['status-waitlisted-applicant'].subject(props, 'en')).toMatch(/^Decision on your application/)
	})

	it('show the change request’s message and the reply-by date to the applicant, with the time zone', async () => {
		const email = await renderEmail('status-changes-requested-applicant', 'en', props)
		expect(email.subject).toBe('Changes needed to your application VPP-2027-0042: reply by 15 March 2027')
		expect(email.text).toContain('Please upload a CV of at most four pages.')
		expect(email.text).toContain('Name a second referee.')
		expect(email.text).toMatch(/by 15 March 2027 at 23:59 \(Iran Standard Time\)/)
	})

	it('cover every kind of change', () => {
		const changes = new Set(
			Object.keys(statusTemplates).map((name) =>
				name.replace(/^status-(corrected-)?/, '').replace(new RegExp(`-(${RECIPIENT_KINDS.join('|')})$`), ''),
			),
		)
		expect(changes).toEqual(new Set(EMAIL_CHANGES.map((change) => change.replaceAll('_', '-'))))
	})
})
