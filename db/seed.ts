import { count } from 'drizzle-orm'
import { hashPassword } from '#app/auth/password.server.ts'
import { recordAudit } from '#app/domain/audit.ts'
import { criterionColumns, DEFAULT_RUBRIC } from '#app/domain/rubric.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { addDays, instantToZonedDate, zonedTimeToInstant } from '#app/domain/time.ts'
import type { Db } from './client.ts'
import { callCriteria, calls, users } from './schema.ts'

const DAY = 86_400_000
const TIME_ZONE = 'Asia/Tehran'

/**
 * Demo data for an empty database: one open call with the default rubric. It runs only when there is
 * no call at all, so a second start (or a database someone has used) is never touched.
 * Returns whether it added anything.
 */
export function seedDemo(db: Db, now: Date): boolean {
	return db.transaction(
		(tx) => {
			const existing = tx.select({ n: count() }).from(calls).get()
			if ((existing?.n ?? 0) > 0) return false

			const deadlineDay = instantToZonedDate(new Date(now.getTime() + 60 * DAY), TIME_ZONE)
			const closesAt = zonedTimeToInstant(deadlineDay, '23:59', TIME_ZONE)
			const year = Number(deadlineDay.slice(0, 4))
			// Visits start about three months after the deadline, leaving time for review and visas.
			const windowStart = `${addDays(deadlineDay, 90).slice(0, 7)}-01`
			const windowEnd = addDays(`${addDays(windowStart, 280).slice(0, 7)}-01`, -1)

			const call = tx
				.insert(calls)
				.values({
					year,
					titleEn: `Visiting Professors ${year} — first round`,
					titleFa: `استادان مدعو ${formatNumber(year, 'fa', { useGrouping: false })} — دور نخست`,
					descriptionEn:
						'The first round of the year, open to researchers in every medical-science discipline. Visits of one week to three months, for teaching, workshops and joint research with a host department.',
					descriptionFa:
						'نخستین دور سال، برای پژوهشگران همه رشته‌های علوم پزشکی. دیدارهای یک هفته تا سه ماه برای آموزش، کارگاه و پژوهش مشترک با یک گروه میزبان.',
					timeZone: TIME_ZONE,
					opensAt: new Date(now.getTime() - 7 * DAY),
					closesAt,
					letterDeadline: new Date(closesAt.getTime() + 14 * DAY),
					visitWindowStart: windowStart,
					visitWindowEnd: windowEnd,
					minVisitDays: 7,
					maxVisitDays: 90,
					refereesRequired: 2,
					fundedVisits: 12,
					createdAt: now,
					updatedAt: now,
				})
				.returning({ id: calls.id })
				.get()

			tx.insert(callCriteria)
				.values(
					DEFAULT_RUBRIC.map((criterion, position) => ({
						callId: call.id,
						position,
						weight: criterion.weight,
						...criterionColumns(criterion),
					})),
				)
				.run()

			recordAudit(tx, {
				actorId: null,
				action: 'demo.seeded',
				entity: 'call',
				entityId: call.id,
				at: now,
			})
			return true
		},
		{ behavior: 'immediate' },
	)
}

/** Demo accounts, printed at start so a first-time visitor can try every role. */
export const DEMO_USERS = [
	{ role: 'office', name: 'Parisa Office', email: 'office@example.edu', password: 'office-demo-2027', department: null, keywords: '' },
	{
		role: 'reviewer',
		name: 'Dr Reza Karimi',
		email: 'reviewer1@example.edu',
		password: 'reviewer-demo-2027',
		department: 'medicine.cardiology',
		keywords: 'cardiology, heart failure, echocardiography',
	},
	{
		role: 'reviewer',
		name: 'Dr Sara Ahmadi',
		email: 'reviewer2@example.edu',
		password: 'reviewer-demo-2027',
		department: 'public-health.epidemiology-biostatistics',
		keywords: 'epidemiology, biostatistics, cohort studies',
	},
	{
		role: 'reviewer',
		name: 'Dr Hamid Rostami',
		email: 'reviewer3@example.edu',
		password: 'reviewer-demo-2027',
		department: 'dentistry.oral-maxillofacial-surgery',
		keywords: 'oral surgery, periodontology, dental implants',
	},
] as const

/**
 * Adds the demo office user and reviewers when the database has no user at all. Passwords are hashed before
 * the transaction (hashing is slow and asynchronous). Returns the accounts it created.
 */
export async function seedDemoUsers(db: Db, now: Date): Promise<(typeof DEMO_USERS)[number][]> {
	if ((db.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return []
	const hashes = await Promise.all(DEMO_USERS.map((user) => hashPassword(user.password)))
	return db.transaction(
		(tx) => {
			if ((tx.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return []
			tx.insert(users)
				.values(
					DEMO_USERS.map((user, index) => ({
						email: user.email,
						name: user.name,
						role: user.role,
						locale: 'en' as const,
						passwordHash: hashes[index]!,
						verifiedAt: now,
						department: user.department,
						keywords: user.keywords,
						createdAt: now,
						updatedAt: now,
					})),
				)
				.run()
			return [...DEMO_USERS]
		},
		{ behavior: 'immediate' },
	)
}
