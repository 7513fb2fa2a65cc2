import { LETTER_REMINDER_JOB, sendLetterReminders } from '#app/domain/letters.server.ts'
import type { JobRegistry } from './scheduler.server.ts'

/**
 * Every job the scheduler can run, by the name stored in scheduled_jobs. A later issue adds one line here per job,
 * e.g. `'review-reminder': sendReviewReminder,` with the handler in its own module (it parses `data` with zod).
 */
export const jobs: JobRegistry = {
	// 7 days before the letter deadline, to referees and the host who have not answered (issue 7).
	[LETTER_REMINDER_JOB]: sendLetterReminders,
}
