/**
 * The names the visitor sees on the visit's files, in emails and downloads. A module of their own, so the email
 * templates can name attachments without loading the PDF and calendar code.
 */
export const letterFilename = (reference: string) => `invitation-letter-${reference}.pdf`
export const visitCalendarFilename = (reference: string) => `visit-${reference}.ics`
