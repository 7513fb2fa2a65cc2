import { LETTER_REMINDER_JOB, sendLetterReminders } from '#app/domain/letters.server.ts'
import { REVIEW_REMINDER_JOB, sendReviewReminder } from '#app/domain/reviews.server.ts'
import type { JobRegistry } from './scheduler.server.ts'

/**
 * Every job the scheduler can run, by the name stored in scheduled_jobs. A later issue adds one line here per job,
 * e.g. `'review-reminder': sendReviewReminder,` with the handler in its own module (it parses `data` with zod).
 */
export const jobs: JobRegistry = {
	// 7 days before the letter deadline, to referees and the host who have not answered (issue 7).
	[LETTER_REMINDER_JOB]: sendLetterReminders,
	// 3 days before a review's due date and 1 day after it, once each (issue 8).
	[REVIEW_REMINDER_JOB]: sendReviewReminder,
}
