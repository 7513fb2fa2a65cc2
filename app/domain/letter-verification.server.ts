import { and, eq } from 'drizzle-orm'
import { letterVisitorName, normaliseVerificationCode } from '#app/documents/invitation-letter.server.ts'
import type { Db } from '#db/client.ts'
import { applicationSteps, applications, users, visits, type ApplicationStatus } from '#db/schema.ts'

/**
 * What /verify/<code> may say about an invitation letter: for a genuine one only the reference, the visitor's name
 * and the confirmed dates; for a cancelled visit's letter only that it is no longer valid; for anything else nothing,
 * the same way whether the code is malformed, unknown or belongs to a letter never issued.
 */
export type LetterCheck =
	| { state: 'valid'; reference: string; visitorName: string; startDate: string; endDate: string }
	| { state: 'revoked' }
	| { state: 'unknown' }

/** Statuses in which an issued letter stands; after any other (a cancelled visit) it is no longer valid. */
const STANDING: readonly ApplicationStatus[] = ['visit_confirmed', 'completed']

export function checkInvitationLetter(db: Db, input: string): LetterCheck {
	const code = normaliseVerificationCode(input)
	if (!code) return { state: 'unknown' }
	const row = db
		.select({
			reference: applications.reference,
			status: applications.status,
			passportName: visits.passportName,
			accountName: users.name,
			personal: applicationSteps.data,
			startDate: visits.startDate,
			endDate: visits.endDate,
			letterIssuedAt: visits.letterIssuedAt,
		})
		.from(visits)
		.innerJoin(applications, eq(applications.id, visits.applicationId))
		.innerJoin(users, eq(users.id, applications.applicantId))
		.leftJoin(applicationSteps, and(eq(applicationSteps.applicationId, visits.applicationId), eq(applicationSteps.step, 'personal')))
		.where(eq(visits.verificationCode, code))
		.get()
	if (!row?.letterIssuedAt || !row.startDate || !row.endDate) return { state: 'unknown' }
	if (!STANDING.includes(row.status)) return { state: 'revoked' }
	return {
		state: 'valid',
		reference: row.reference,
		visitorName: letterVisitorName({
			passportName: row.passportName,
			givenNames: row.personal?.givenNames,
			familyName: row.personal?.familyName,
			accountName: row.accountName,
		}),
		startDate: row.startDate,
		endDate: row.endDate,
	}
}
