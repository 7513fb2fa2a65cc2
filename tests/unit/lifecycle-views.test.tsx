import { eq } from 'drizzle-orm'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApplicationEmails } from '#app/components/application-emails.tsx'
import { Timeline } from '#app/components/timeline.tsx'
import { loadConfig } from '#app/config.server.ts'
import { applicationEmails } from '#app/domain/lifecycle/application-emails.server.ts'
import { changeStatus } from '#app/domain/lifecycle/change-status.server.ts'
import { applicationTimeline } from '#app/domain/lifecycle/timeline.server.ts'
import { configureEmail } from '#app/email/queue.server.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { I18nProvider } from '#app/i18n/use-translate.tsx'
import { migrateDatabase, openDatabase, type Db } from '#db/client.ts'
import { outbox, type Application, type ApplicationStatus, type User } from '#db/schema.ts'
import {
	actorOf,
	assignReviewerRow,
	days,
	insertCall,
	insertUser,
	placeApplication,
	TEST_SETTINGS,
} from '#tests/support/lifecycle.ts'

const GRACE = 5 * 60_000
const START = new Date('2027-01-10T08:00:00Z')
let db: Db
let applicant: User
let office: User
let application: Application
let now = START

beforeAll(() => {
	db = openDatabase(':memory:')
	migrateDatabase(db)
	configureEmail(
		loadConfig({
			NODE_ENV: 'test',
			DATABASE_PATH: ':memory:',
			SESSION_SECRET: 'lifecycle-views-test-secret-0123456789',
		}),
	)
	applicant = insertUser(db, { role: 'applicant', name: 'Maryam Rahimi', email: 'maryam@example.org' })
	office = insertUser(db, { role: 'office', name: 'Sara Office' })
	application = placeApplication(db, { callId: insertCall(db, { now: START }), applicantId: applicant.id, now: START })
	assignReviewerRow(db, application.id, insertUser(db, { role: 'reviewer' }).id, START)
	const move = (to: ApplicationStatus, actor: User, extra: { note?: string; confirmBy?: Date } = {}) => {
		now = new Date(now.getTime() + days(1))
		application = changeStatus(db, {
			applicationId: application.id,
			to,
			actor: actorOf(actor),
			expectedVersion: application.version,
			now,
			settings: TEST_SETTINGS,
			...extra,
		}).application
	}
	move('submitted', applicant)
	move('under_review', office, { note: 'Two reviewers assigned' })
	move('approved', office, { note: 'Strong reviews', confirmBy: new Date(now.getTime() + days(30)) })
	// Corrected a minute later, within the grace period.
	now = new Date(now.getTime() - days(1) + 60_000)
	move('waitlisted', office, { note: 'Budget is short' })
})
afterAll(() => db.$client.close())

const render = (locale: Locale, element: React.ReactElement) =>
	renderToStaticMarkup(<I18nProvider locale={locale}>{element}</I18nProvider>)

describe('the timeline', () => {
	it('shows the office every change, who made it and its note', () => {
		const timeline = applicationTimeline(db, application.id, { viewer: 'office' })!
		expect(timeline.entries.map((entry) => [entry.event, entry.actor?.name, entry.note])).toEqual([
			['submitted', 'Maryam Rahimi', null],
			['under_review', 'Sara Office', 'Two reviewers assigned'],
			['approved', 'Sara Office', 'Strong reviews'],
			['waitlisted', 'Sara Office', 'Budget is short'],
		])
		const html = render('en', <Timeline timeline={timeline} forOffice />)
		expect(html).toContain('By Sara Office')
		expect(html).toContain('Note: Budget is short')
		expect(html).toContain('Iran Standard Time')
	})

	it('gives the applicant no actors or notes, and no decision before its emails may go', () => {
		const during = applicationTimeline(db, application.id, { viewer: 'applicant', now, decisionGraceMs: GRACE })!
		expect(during.entries.map((entry) => entry.event)).toEqual(['submitted', 'under_review'])
		expect(during.entries.every((entry) => !('actor' in entry) && !('note' in entry))).toBe(true)
		// After the grace period: the waitlisting, not the approval it replaced.
		const after = applicationTimeline(db, application.id, {
			viewer: 'applicant',
			now: new Date(now.getTime() + GRACE),
			decisionGraceMs: GRACE,
		})!
		expect(after.entries.map((entry) => entry.event)).toEqual(['submitted', 'under_review', 'waitlisted'])
		const html = render('fa', <Timeline timeline={after} />)
		expect(html).toContain('در فهرست انتظار قرار گرفت')
		// Solar Hijri dates.
		expect(html).toContain('۱۴۰۵')
		expect(html).not.toContain('Sara Office')
		expect(html).not.toContain('Budget')
	})

	it('is null for an unknown application', () => {
		expect(applicationTimeline(db, 999_999, { viewer: 'office' })).toBeNull()
	})
})

describe('the emails about an application', () => {
	it('lists every email for the office, newest first', () => {
		const emails = applicationEmails(db, application.id, { viewer: 'office' })
		expect(emails.map((email) => [email.to, email.status])).toEqual([
			['maryam@example.org', 'pending'],
			['office@portal.test', 'cancelled'],
			['maryam@example.org', 'cancelled'],
			['maryam@example.org', 'pending'],
			['office@portal.test', 'pending'],
			['maryam@example.org', 'pending'],
		])
		const html = render('en', <ApplicationEmails emails={emails} timeZone="Asia/Tehran" />)
		expect(html).toContain(`Application received: ${application.reference}`)
		expect(html).toContain('Cancelled')
	})

	it('shows the applicant their own emails, without decisions still held back or cancelled', () => {
		const emails = applicationEmails(db, application.id, { viewer: 'applicant', email: 'Maryam@Example.org' })
		expect(emails.map((email) => email.subject)).toEqual([
			`Your application ${application.reference} is being reviewed`,
			`Application received: ${application.reference}`,
		])
		db.update(outbox)
			.set({ status: 'sent', sentAt: now })
			.where(eq(outbox.template, 'status-waitlisted-applicant'))
			.run()
		expect(applicationEmails(db, application.id, { viewer: 'applicant', email: 'maryam@example.org' })).toHaveLength(3)
		expect(render('fa', <ApplicationEmails emails={[]} timeZone="Asia/Tehran" />)).toContain('هنوز ایمیلی')
	})
})
