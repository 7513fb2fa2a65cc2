import { eq } from 'drizzle-orm'
import { createApplication } from '#app/domain/lifecycle/applications.server.ts'
import type { LifecycleSettings } from '#app/domain/lifecycle/recipients.server.ts'
import type { Actor } from '#app/domain/permissions.ts'
import type { Locale } from '#app/i18n/locales.ts'
import type { Db } from '#db/client.ts'
import { applications, calls, reviewAssignments, users, type Application, type Role, type User } from '#db/schema.ts'

/**
 * Fixtures for the lifecycle tests: rows inserted directly (no password hashing, no registration), and an
 * application placed in any status with the fields that status carries. Only tests place a status this way; the
 * portal changes it through changeStatus alone.
 */

const DAY = 86_400_000

export const TEST_SETTINGS: LifecycleSettings = {
	publicUrl: 'http://portal.test',
	email: { officeEmail: 'office@portal.test' },
}

let sequence = 0
const next = () => (sequence += 1)

export function insertCall(
	db: Db,
	{ year = 2027, now, closesAt }: { year?: number; now: Date; closesAt?: Date },
): number {
	const n = next()
	const closes = closesAt ?? new Date(now.getTime() + 30 * DAY)
	return db
		.insert(calls)
		.values({
			year,
			titleEn: `Visiting Professors ${year} — round ${n}`,
			titleFa: `استادان مدعو ${year} — دور ${n}`,
			timeZone: 'Asia/Tehran',
			opensAt: new Date(now.getTime() - 30 * DAY),
			closesAt: closes,
			letterDeadline: new Date(closes.getTime() + 14 * DAY),
			visitWindowStart: `${year}-04-01`,
			visitWindowEnd: `${year}-12-31`,
			fundedVisits: 10,
			createdAt: now,
			updatedAt: now,
		})
		.returning({ id: calls.id })
		.get().id
}

export function insertUser(
	db: Db,
	{ role, locale = 'en', name, email }: { role: Role; locale?: Locale; name?: string; email?: string },
): User {
	const n = next()
	const now = new Date('2026-01-01T00:00:00Z')
	return db
		.insert(users)
		.values({
			email: email ?? `${role}${n}@example.org`,
			name: name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${n}`,
			role,
			locale,
			verifiedAt: now,
			createdAt: now,
			updatedAt: now,
		})
		.returning()
		.get()
}

export const actorOf = (user: User): Actor => ({
	id: user.id,
	role: user.role,
	verifiedAt: user.verifiedAt,
	disabledAt: user.disabledAt,
})

/** An application of `applicantId` to `callId`, put straight into the given state (test set-up only). */
export function placeApplication(
	db: Db,
	{
		callId,
		applicantId,
		now,
		...state
	}: { callId: number; applicantId: number; now: Date } & Partial<
		Pick<
			Application,
			'status' | 'returnsTo' | 'replyBy' | 'confirmBy' | 'firstSubmittedAt' | 'deadlineExtendedTo' | 'version'
		>
	>,
): Application {
	const { application } = createApplication(db, { callId, applicantId, now })
	if (Object.keys(state).length === 0) return application
	return db.update(applications).set(state).where(eq(applications.id, application.id)).returning().get()
}

export function assignReviewerRow(db: Db, applicationId: number, reviewerId: number, now: Date): void {
	db.insert(reviewAssignments)
		.values({ applicationId, reviewerId, dueAt: new Date(now.getTime() + 21 * DAY), createdAt: now, updatedAt: now })
		.run()
}

export const days = (n: number) => n * DAY
