import crypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import { addDays } from '#app/domain/time.ts'
import type { Db } from '#db/client.ts'
import { applicationSteps, calls, documents, users, type Application } from '#db/schema.ts'

/**
 * A complete, valid answer to every step for one application (the bench's seed varies the names, places and
 * fields on top of it).
 */
export function completeSteps({
	applicationId,
	email,
	startDate,
	endDate,
	refereesRequired,
}: {
	applicationId: number
	email: string
	startDate: string
	endDate: string
	refereesRequired: number
}) {
	return {
		personal: {
			title: 'dr',
			givenNames: 'Maryam',
			familyName: 'Tehrani',
			nationality: 'DE',
			residence: 'DE',
			email,
			phone: '+493012345678',
		},
		academic: {
			institution: 'Charité – Universitätsmedizin Berlin',
			position: 'professor',
			field: 'cardiology',
			keyPublications: ['Tehrani M, et al. Cardiac imaging in practice. Lancet. 2024.'],
		},
		visit: {
			hostSchool: 'medicine',
			hostDepartment: 'medicine.cardiology',
			hostName: 'Dr Reza Karimi',
			hostEmail: `host-${applicationId}@example.edu`,
			hostLocale: 'en',
			activities: ['lectures', 'joint_research'],
			startDate,
			endDate,
			teachingLanguage: 'en',
		},
		plan: {
			objectives: 'Teach cardiac imaging and start a joint cohort study.',
			weeklyPlan: 'Week 1: lectures. Week 2: joint research.',
			expectedOutcomes: 'A joint paper.',
		},
		referees: {
			referees: Array.from({ length: refereesRequired }, (_, index) => ({
				name: `Prof Referee ${index + 1}`,
				email: `referee${index + 1}-${applicationId}@example.org`,
				institution: 'University of Somewhere',
				relationship: 'Former head of department',
				locale: 'en',
			})),
		},
	}
}

/**
 * Fills an application with a complete, valid answer to every step, a CV and the call's referees, as an applicant
 * would before submitting. (The CV row points at no file: these tests never download it.)
 */
export function fillCompleteContent(db: Db, application: Application, now: Date): void {
	const call = db.select().from(calls).where(eq(calls.id, application.callId)).get()!
	const applicant = db.select().from(users).where(eq(users.id, application.applicantId)).get()!
	const start = call.visitWindowStart
	const steps = completeSteps({
		applicationId: application.id,
		email: applicant.email,
		startDate: start,
		endDate: addDays(start, Math.max(call.minVisitDays, 14) - 1),
		refereesRequired: call.refereesRequired,
	})
	for (const [step, data] of Object.entries(steps)) {
		db.insert(applicationSteps)
			.values({ applicationId: application.id, step: step as keyof typeof steps, data: data as Record<string, unknown>, updatedAt: now })
			.onConflictDoUpdate({ target: [applicationSteps.applicationId, applicationSteps.step], set: { data: data as Record<string, unknown>, updatedAt: now } })
			.run()
	}
	db.insert(documents)
		.values({
			applicationId: application.id,
			kind: 'cv',
			originalName: 'cv.pdf',
			storedName: `${crypto.randomBytes(16).toString('hex')}.pdf`,
			size: 1234,
			sha256: 'a'.repeat(64),
			createdAt: now,
		})
		.run()
}
