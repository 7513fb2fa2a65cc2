/**
 * English email strings: the source of every key (emails have their own catalogue, apart from the pages' one in
 * app/i18n). fa.ts must translate each key; the compiler checks it. `{name}` placeholders are filled by `t`.
 */
export const en = {
	'layout.programName': 'Visiting Professor Program',
	'layout.office': 'International Relations Office',
	'layout.footer':
		'You receive this email because of an account or an application on the Visiting Professor Program portal. It was sent automatically; replies are not read.',

	'common.greeting': 'Dear {name},',
	'common.linkHint': 'If the button does not work, copy this address into your browser: {link}',
	'review.open': 'Open the review',
	'review.reminder.subject': 'Reminder: your review of {reference} is due in 3 days',
	'review.reminder.preview': 'Your review of {reference} is due soon.',
	'review.reminder.body': 'This is a reminder that your review of application {reference} is due by {date}.',
	'review.overdue.subject': 'Overdue: your review of {reference}',
	'review.overdue.preview': 'Your review of {reference} is overdue.',
	'review.overdue.body': 'Your review of application {reference} was due by {date}. Please submit it as soon as you can, or tell the program office if you cannot.',
	'review.conflict.subject': 'Conflict of interest declared on {reference}',
	'review.conflict.preview': 'A reviewer declared a conflict of interest.',
	'review.conflict.body': '{reviewer} declared a conflict of interest with application {reference}, so the assignment is released. Please assign another reviewer.',
	'review.conflict.reason': 'Their reason: {reason}',
	'review.conflict.action': 'Open the application',
	'review.complete.subject': 'All reviews are in for {reference}',
	'review.complete.preview': 'Every assigned review has been submitted.',
	'review.complete.body': 'All {count} assigned reviews of application {reference} are in. You can compare them and decide.',
	'review.complete.action': 'Compare the reviews',

	'common.notYou': 'If this was not you, you can ignore this email; nothing will change.',

	'verify.subject': 'Confirm your email address',
	'verify.preview': 'One step left: confirm your email address.',
	'verify.body': 'Thank you for creating an account on the Visiting Professor Program portal. Please confirm that this is your email address.',
	'verify.action': 'Confirm my email address',
	'verify.expiry': 'The link works once, for 24 hours. After that, sign in and ask for a new one.',

	'accountExists.subject': 'You already have an account',
	'accountExists.preview': 'Someone tried to register with your email address.',
	'accountExists.body': 'Someone, probably you, tried to create an account with this email address. You already have an account, so no new one was made.',
	'accountExists.signIn': 'Sign in',
	'accountExists.forgot': 'Forgotten your password? Choose a new one here: {link}',

	'reset.subject': 'Choose a new password',
	'reset.preview': 'A link to choose a new password.',
	'reset.body': 'We received a request to reset the password of your account. Use the button to choose a new one.',
	'reset.action': 'Choose a new password',
	'reset.expiry': 'The link works once, for one hour.',
	'reset.notYou': 'If you did not ask for this, ignore this email: your password stays as it is.',

	'invitation.subjectReviewer': 'Invitation: reviewer for the Visiting Professor Program',
	'invitation.subjectOffice': 'Invitation: program office of the Visiting Professor Program',
	'invitation.preview': 'Set a password to start.',
	'invitation.bodyReviewer':
		'{inviter} has invited you to review applications to the Visiting Professor Program. Set a password to see the applications assigned to you.',
	'invitation.bodyOffice': '{inviter} has invited you to join the program office on the Visiting Professor Program portal.',
	'invitation.action': 'Set my password',
	'invitation.expiry': 'The link works once, for 7 days. After that, ask the program office for a new invitation.',

	'test.subject': 'Test message from the Visiting Professor Program',
	'test.preview': 'The portal can send you email.',
	'test.body': 'This is a test message. If you can read it, the portal can send you email.',
	'test.link': 'Open the portal',

	// Status changes (issue 5: app/domain/lifecycle/, emails/application-status.tsx): `status.<change>.<kind>.*`.
	'status.common.greetingTeam': 'Dear colleagues,',
	'status.common.reference': 'Reference: {reference}',
	'status.common.note': 'Note: {note}',
	'status.common.reviewerComments': 'Comments from the reviewers:',
	'status.common.quoted': '“{text}”',
	'status.corrected.subject': 'Correction: {subject}',
	'status.corrected.lead':
		'This email corrects our earlier email about application {reference}, which told you that it had been {earlier}. We are sorry for the confusion; the decision below replaces it.',
	'status.decisionName.approved': 'approved',
	'status.decisionName.waitlisted': 'placed on the waiting list',
	'status.decisionName.rejected': 'rejected',
	'status.common.dateWithGregorian': '{date} ({gregorian})',
	'status.action.applicant': 'Open your application',
	'status.action.office': 'Open the application',
	'status.action.reviewer': 'Open your reviews',
	'status.action.referee': 'Visit the portal',
	'status.action.host': 'Visit the portal',

	'status.submitted.applicant.subject': 'Application received: {reference}',
	'status.submitted.applicant.happened':
		'Thank you for applying to {call}. We have received your application; its reference is {reference}.',
	'status.submitted.applicant.next':
		'You do not need to do anything now. The program office checks every application, then faculty reviewers assess it. We will email you whenever its status changes, and you can follow it on the portal at any time.',
	'status.submitted.office.subject': 'New application {reference} from {applicant}',
	'status.submitted.office.happened': '{applicant} has submitted application {reference} to {call}.',
	'status.submitted.office.next':
		'Check that it is eligible, then assign reviewers (the first assignment puts it under review), ask for changes, or reject it at screening.',
	'status.submitted.referee.subject': '{applicant} has named you as a referee ({reference})',
	'status.submitted.referee.happened': '{applicant} has applied to {call} (reference {reference}) and named you as a referee.',
	'status.submitted.referee.next':
		'You will receive a separate email with a personal link for your confidential letter. The applicant never sees your letter.',
	'status.submitted.host.subject': '{applicant} proposes you as the host of a visit ({reference})',
	'status.submitted.host.happened':
		'{applicant} has applied to {call} (reference {reference}) and proposed you as the host of the visit.',
	'status.submitted.host.next': 'You will receive a separate email with a personal link to endorse the visit or decline.',

	'status.resubmitted.applicant.subject': 'Changes received: {reference}',
	'status.resubmitted.applicant.happened': 'We have received the changes to your application {reference}.',
	'status.resubmitted.applicant.next':
		'It goes back to the program office and continues from where it was. We will email you whenever its status changes.',
	'status.resubmitted.office.subject': '{applicant} has made the changes to {reference}',
	'status.resubmitted.office.happened': '{applicant} has answered the change request and resubmitted application {reference}.',
	'status.resubmitted.office.next': 'Look at the changes and carry on with the application.',
	'status.resubmitted.reviewer.subject': 'Application {reference} has been updated',
	'status.resubmitted.reviewer.happened':
		'The applicant has made the changes the program office asked for in application {reference}, which is assigned to you.',
	'status.resubmitted.reviewer.next': 'Please look at the updated application before you submit or revise your review.',

	'status.under_review.applicant.subject': 'Your application {reference} is being reviewed',
	'status.under_review.applicant.happened':
		'Your application {reference} has passed the program office’s check and is now with faculty reviewers.',
	'status.under_review.applicant.next': 'You do not need to do anything. We will email you when a decision has been made.',

	'status.changes_requested.applicant.subject': 'Changes needed to your application {reference}: reply by {replyByDay}',
	'status.changes_requested.applicant.happened':
		'The program office has looked at your application {reference} and asks you to change the following:',
	'status.changes_requested.applicant.next':
		'Please make the changes and resubmit your application by {replyBy}. If you do not, the application may be rejected.',

	'status.approved.applicant.subject': 'Action required: confirm your visit by {confirmByDay} — {reference}',
	'status.approved.applicant.happened':
		'We are pleased to tell you that your application {reference} to {call} has been approved.',
	'status.approved.applicant.next':
		'Please confirm the dates of your visit on the portal by {confirmBy}. If you do not confirm by then, the visit may be cancelled.',
	'status.approved.host.subject': 'Visit approved: {applicant} ({reference})',
	'status.approved.host.happened': 'The application of {applicant} ({reference}), whose visit you proposed to host, has been approved.',
	'status.approved.host.next': 'The applicant will now confirm the dates of the visit; we will tell you when they are confirmed.',
	'status.approved.office.subject': 'Approved: {reference} ({applicant})',
	'status.approved.office.happened': 'Application {reference} from {applicant} has been approved.',
	'status.approved.office.next': 'The applicant has until {confirmBy} to confirm the dates of the visit.',

	'status.waitlisted.applicant.subject': 'Decision on your application {reference}: waiting list',
	'status.waitlisted.applicant.happened': 'Your application {reference} to {call} has been placed on the waiting list.',
	'status.waitlisted.applicant.next':
		'If a place becomes available, the program office will decide again and email you. You do not need to do anything now.',

	'status.rejected.applicant.subject': 'Decision on your application {reference}',
	'status.rejected.applicant.happened':
		'Thank you for your interest in {call}. We are sorry to tell you that your application {reference} has not been successful.',
	'status.rejected.applicant.next': 'You are welcome to apply again in a future call.',

	'status.withdrawn.office.subject': 'Withdrawn: {reference} ({applicant})',
	'status.withdrawn.office.happened': '{applicant} has withdrawn application {reference}.',
	'status.withdrawn.office.next': 'Nothing more is needed. Its review assignments have ended.',
	'status.withdrawn.reviewer.subject': 'Application {reference} withdrawn: no review needed',
	'status.withdrawn.reviewer.happened': 'The applicant has withdrawn application {reference}, which was assigned to you.',
	'status.withdrawn.reviewer.next': 'Your assignment has ended; you do not need to review this application.',

	'status.visit_confirmed.applicant.subject': 'Your visit is confirmed: {reference}',
	'status.visit_confirmed.applicant.happened': 'The visit under your application {reference} is confirmed.',
	'status.visit_confirmed.applicant.next':
		'You can now arrange your visa and travel; the invitation letter for visa offices is on your application’s page. Tell the program office at once if your plans change.',
	'status.visit_confirmed.host.subject': 'Visit confirmed: {applicant} ({reference})',
	'status.visit_confirmed.host.happened': 'The visit of {applicant} ({reference}), which you host, is confirmed.',
	'status.visit_confirmed.host.next':
		'Please plan the activities of the visit with the visitor; the program office will contact you about practical matters.',
	'status.visit_confirmed.office.subject': 'Visit confirmed: {reference} ({applicant})',
	'status.visit_confirmed.office.happened': 'The visit under application {reference} from {applicant} is confirmed.',
	'status.visit_confirmed.office.next': 'Prepare the invitation letter and the practical arrangements for the visit.',

	'status.completed.applicant.subject': 'Thank you for your visit: {reference}',
	'status.completed.applicant.happened':
		'Your visit under application {reference} is recorded as completed. Thank you for taking part in the program.',
	'status.completed.applicant.next': 'Please send us your report on the visit through the portal.',
	'status.completed.host.subject': 'Visit completed: {applicant} ({reference})',
	'status.completed.host.happened': 'The visit of {applicant} ({reference}), which you hosted, is recorded as completed.',
	'status.completed.host.next': 'Thank you for hosting it. Nothing more is needed from you.',
	'status.completed.host.privateNext':
		'Could you tell us in a few lines how the visit went? Please use the personal link below by {feedbackUntil}. Only the program office reads your answer.',
	'status.completed.host.privateAction': 'Give feedback on the visit',
	'status.completed.office.subject': 'Completed: {reference} ({applicant})',
	'status.completed.office.happened': 'The visit under application {reference} from {applicant} is recorded as completed.',
	'status.completed.office.next': 'The applicant’s report on the visit may follow.',

	'status.cancelled.applicant.subject': 'Your visit has been cancelled: {reference}',
	'status.cancelled.applicant.happened': 'The visit under your application {reference} has been cancelled.',
	'status.cancelled.applicant.next': 'If you think this is a mistake, please contact the program office.',
	'status.cancelled.host.subject': 'Visit cancelled: {applicant} ({reference})',
	'status.cancelled.host.happened': 'The visit of {applicant} ({reference}), which you were to host, has been cancelled.',
	'status.cancelled.host.next': 'Nothing more is needed from you.',
	'status.cancelled.office.subject': 'Cancelled: {reference} ({applicant})',
	'status.cancelled.office.happened': 'The visit under application {reference} from {applicant} has been cancelled.',
	'status.cancelled.office.next': 'Nothing more is needed.',

	// Referees' letters and the host's endorsement (issue 7: app/domain/letters.server.ts, emails/letters.tsx).
	'status.submitted.referee.privateNext':
		'Please upload your confidential letter, or tell us that you cannot write one, by {letterDeadline} with the personal link below. The applicant never sees your letter.',
	'status.submitted.host.privateNext':
		'Please tell us by {letterDeadline}, with the personal link below, whether you endorse the visit. The applicant never sees your statement.',
	'status.submitted.referee.privateAction': 'Upload or decline the letter',
	'status.submitted.host.privateAction': 'Endorse or decline the visit',
	'letters.letter-request-referee.subject': 'Letter of reference for {applicant} ({reference})',
	'letters.letter-request-referee.body': '{applicant} has applied to {call} (reference {reference}) and named you as a referee.',
	'letters.letter-request-referee.next':
		'Please upload your confidential letter (PDF), or tell us that you cannot write one, by {deadline}. The applicant never sees your letter. This link replaces any earlier one.',
	'letters.letter-request-referee.action': 'Upload or decline the letter',
	'letters.letter-request-host.subject': 'Please endorse the visit of {applicant} ({reference})',
	'letters.letter-request-host.body': '{applicant} has applied to {call} (reference {reference}) and proposed you as the host of the visit.',
	'letters.letter-request-host.next':
		'Please tell us by {deadline} whether you endorse the visit. The applicant never sees your statement. This link replaces any earlier one.',
	'letters.letter-request-host.action': 'Endorse or decline the visit',
	'letters.letter-reminder-referee.subject': 'Reminder: letter of reference for {applicant} due {deadline}',
	'letters.letter-reminder-referee.body': 'We have not yet received your letter of reference for {applicant} (application {reference} to {call}).',
	'letters.letter-reminder-referee.next': 'Please upload it, or tell us that you cannot write one, by {deadline}.',
	'letters.letter-reminder-referee.action': 'Upload or decline the letter',
	'letters.letter-reminder-host.subject': 'Reminder: please answer about the visit of {applicant} by {deadline}',
	'letters.letter-reminder-host.body': 'We have not yet received your answer about hosting {applicant} (application {reference} to {call}).',
	'letters.letter-reminder-host.next': 'Please endorse the visit or decline by {deadline}.',
	'letters.letter-reminder-host.action': 'Endorse or decline the visit',
	'letters.letter-received.subject': 'A letter of reference has arrived ({reference})',
	'letters.letter-received.body': '{person} has sent a letter of reference for your application {reference}.',
	'letters.letter-received.next': 'Letters are confidential: you can follow which have arrived on your application’s page.',
	'letters.letter-received.action': 'Open your application',
	'letters.letter-declined.subject': 'A referee cannot write a letter ({reference})',
	'letters.letter-declined.body': '{person} has told us that they cannot write a letter of reference for your application {reference}.',
	'letters.letter-declined.next': 'You can name another referee on your application’s page until {deadline}.',
	'letters.letter-declined.action': 'Open your application',
	'letters.host-endorsed.subject': 'Your host has answered ({reference})',
	'letters.host-endorsed.body': '{person} has endorsed the visit proposed in your application {reference}.',
	'letters.host-endorsed.next': 'Nothing more is needed from you for this.',
	'letters.host-endorsed.action': 'Open your application',
	'letters.host-declined.subject': 'Your host has answered ({reference})',
	'letters.host-declined.body': '{person} has declined to endorse the visit proposed in your application {reference}.',
	'letters.host-declined.next': 'If you have questions, please contact the program office.',
	'letters.host-declined.action': 'Open your application',
	// The office's assignment emails to reviewers (issue 8, emails/review-assigned.tsx).
	'assignment.review-assigned.subject': 'Please review application {reference} by {due}',
	'assignment.review-assigned.body': 'The program office has asked you to review the application of {applicant} to {call}.',
	'assignment.review-assigned.next':
		'Please submit your review by {due}. When you open the application you will first be asked whether you have a conflict of interest with the applicant.',
	'assignment.review-assigned.action': 'Open the assignment',
	'assignment.review-assignment-removed.subject': 'You no longer need to review {reference}',
	'assignment.review-assignment-removed.body': 'The program office has taken back the review of the application of {applicant} to {call} that it had asked of you.',
	'assignment.review-assignment-removed.next': 'You do not need to do anything more for this application. Thank you.',
	'assignment.review-assignment-removed.action': 'Open your reviews',
	'assignment.review-due-date-changed.subject': 'New due date for your review of {reference}: {due}',
	'assignment.review-due-date-changed.body': 'The program office has changed the due date of your review of the application of {applicant} to {call}.',
	'assignment.review-due-date-changed.next': 'Please submit your review by {due}.',
	'assignment.review-due-date-changed.action': 'Open the assignment',
	// The reminder to confirm an approved visit (issue 13, emails/visit-emails.tsx).
	'visit.confirmReminder.subject': 'Reminder: confirm your visit by {day} — {reference}',
	'visit.confirmReminder.preview': 'Your visit has not been confirmed yet.',
	'visit.confirmReminder.body':
		'Your application {reference} was approved, but the dates of your visit are not confirmed yet. Please confirm them, or propose other dates, by {deadline}.',
	'visit.confirmReminder.next': 'If the visit is not confirmed by then, the program office may cancel the approval and offer the place to someone else.',
	'visit.confirmReminder.action': 'Confirm your visit',
	'visit.letterUpdated.subject': 'Your invitation letter, updated: {reference}',
	'visit.letterUpdated.preview': 'Your invitation letter now gives your name as in your passport.',
	'visit.letterUpdated.body': 'You changed your name as in your passport to “{passportName}”, so we have issued your invitation letter for application {reference} again with that name. The new letter is attached.',
	'visit.letterUpdated.next': 'Please use it in place of the earlier one, for example for your visa. Its verification code has not changed.',
	'visit.letterUpdated.action': 'Your visit and invitation letter',
} as const

export type EmailMessageKey = keyof typeof en
export type EmailMessages = Record<EmailMessageKey, string>
