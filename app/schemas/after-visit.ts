import { z } from 'zod'

/** The visitor's report and the host's feedback after a completed visit (app/domain/visit-report.server.ts). */
export const REPORT_TEXT_MAX = 10_000
export const FEEDBACK_MAX = 5_000

/** The host's feedback, checked by the browser and again by the action. */
export const HostFeedbackSchema = z.object({
	feedback: z
		.string({ error: 'hostFeedback.errors.required' })
		.trim()
		.min(1, 'hostFeedback.errors.required')
		.max(FEEDBACK_MAX, 'hostFeedback.errors.tooLong'),
})
