import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { renderEmail } from '#app/email/render.server.ts'
import { templateFor, templates, type TemplateName } from '#emails/registry.ts'
import { expectCleanUtf8 } from '#tests/support/utf8.ts'

/**
 * Every email, in both languages, is the text its templates make and nothing else: @react-email/render streams React's
 * HTML (on Node, through the same renderToPipeableStream as the pages, tests/unit/html-stream.test.tsx), and a NUL
 * byte where a character met a buffer's end would make mail clients cut the email short. The names are padded by 0–3
 * letters so that the buffers' ends fall at other bytes of the Persian text.
 */

const LOCALES = ['en', 'fa'] as const
const PADDINGS = [0, 1, 2, 3]

/** Props for every template at once (each takes what it uses), in Persian wherever they are text. */
function everyTemplatesProps(padding: number): Record<string, unknown> {
	const name = `${'x'.repeat(padding)}مریم تهرانی‌نژاد`
	const visitLetter = {
		reference: 'VPP-2027-0042',
		visitorName: name,
		affiliation: 'دانشگاه تهران',
		hostSchool: 'School of Medicine',
		hostDepartment: 'Cardiology',
		activities: ['Teaching'],
		startDate: '2027-05-01',
		endDate: '2027-05-14',
		issuedAt: '2027-03-01T08:00:00.000Z',
		verificationCode: 'K7QX-9M2P-4TRD',
		verifyUrl: 'http://portal.test/verify/K7QX-9M2P-4TRD',
		url: 'http://portal.test/applications/7/visit-confirmation',
		organizerEmail: 'office@portal.test',
	}
	return {
		name,
		recipientName: name,
		applicantName: name,
		personName: `${name} (داور)`,
		reviewerName: name,
		inviterName: `${name} دفتر`,
		role: 'reviewer',
		reference: 'VPP-2027-0042',
		callTitleEn: 'Visiting Professors 2027 — first round',
		callTitleFa: 'استادان مدعو ۲۰۲۷ — دور نخست',
		timeZone: 'Asia/Tehran',
		link: 'http://portal.test/applications/7',
		signInUrl: 'http://portal.test/login',
		resetUrl: 'http://portal.test/forgot-password',
		dueAt: '2027-03-20T20:29:00.000Z',
		overdue: false,
		count: 3,
		reason: 'همکار در یک گروه پژوهشی',
		replyBy: '2027-03-15T20:29:00.000Z',
		confirmBy: '2027-03-15T20:29:00.000Z',
		letterDeadline: '2027-03-29T20:29:00.000Z',
		feedbackUntil: '2027-06-30T20:29:00.000Z',
		message: 'لطفاً رزومه‌ای حداکثر چهار صفحه‌ای بارگذاری کنید.\nداور دوم را معرفی کنید.',
		comments: ['پیشنهاد پژوهشی روشن و دقیق است.'],
		note: 'بررسی‌شده توسط دفتر',
		earlierDecision: 'approved',
		visitLetter,
	}
}

const cases = (Object.keys(templates) as TemplateName[]).flatMap((name) => LOCALES.map((locale) => [name, locale] as const))

describe('every email, byte for byte', () => {
	it.each(cases)('%s (%s): no NUL byte and no broken character, and the HTML is React’s whole markup', async (name, locale) => {
		for (const padding of PADDINGS) {
			const props = everyTemplatesProps(padding)
			const email = await renderEmail(name, locale, props)
			// What a renderer that does not stream makes of the same tree, behind the doctype react-email puts first; the
			// stream adds only comments that do not show (Suspense's, and one between neighbouring texts).
			const whole = renderToStaticMarkup(createElement(templateFor(name).component, { ...props, locale }))
			const html = email.html.replace(/<!--(\/?\$| )-->/g, '')
			expectCleanUtf8(Buffer.from(html), html.slice(0, html.indexOf('>') + 1) + whole)
			for (const text of [email.text, email.subject]) {
				expect(text.indexOf('\u0000')).toBe(-1)
				expect(text.indexOf('\ufffd')).toBe(-1)
			}
		}
	})
})
