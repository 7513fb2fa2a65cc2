import { LETTER_REMINDER_JOB, sendLetterReminders } from '#app/domain/letters.server.ts'
import { REVIEW_REMINDER_JOB, sendReviewReminder } from '#app/domain/reviews.server.ts'
import { CONFIRM_REMINDER_JOB, confirmRemindersJob, purgeVisitDataJob, VISIT_PURGE_JOB } from '#app/domain/visit-jobs.server.ts'
import type { JobRegistry, RecurringJobs } from './scheduler.server.ts'

/**
 * Every job the scheduler can run, by the name stored in scheduled_jobs. A later issue adds one line here per job,
 * e.g. `'review-reminder': sendReviewReminder,` with the handler in its own module (it parses `data` with zod).
 */
export const jobs: JobRegistry = {
	// 7 days before the letter deadline, to referees and the host who have not answered (issue 7).
	[LETTER_REMINDER_JOB]: sendLetterReminders,
	// 3 days before a review's due date and 1 day after it, once each (issue 8).
	[REVIEW_REMINDER_JOB]: sendReviewReminder,
	// Sweeps (below): passport data 90 days after the visit, and the reminder to confirm a visit (issue 13).
	[VISIT_PURGE_JOB]: purgeVisitDataJob,
	[CONFIRM_REMINDER_JOB]: confirmRemindersJob,
}

const HOUR = 3_600_000

/** Jobs of the registry that run every period rather than when something schedules them (main.ts starts them). */
export const recurringJobs: RecurringJobs = {
	[VISIT_PURGE_JOB]: { everyMs: 24 * HOUR },
	[CONFIRM_REMINDER_JOB]: { everyMs: HOUR },
}
