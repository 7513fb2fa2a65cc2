import { count } from 'drizzle-orm'
import { recordAudit } from '#app/domain/audit.ts'
import { DEFAULT_RUBRIC } from '#app/domain/rubric.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { addDays, instantToZonedDate, zonedTimeToInstant } from '#app/domain/time.ts'
import type { Db } from './client.ts'
import { callCriteria, calls } from './schema.ts'

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
						key: criterion.key,
						weight: criterion.weight,
						labelEn: criterion.label.en,
						labelFa: criterion.label.fa,
						descriptionEn: criterion.description.en,
						descriptionFa: criterion.description.fa,
						anchor1En: criterion.anchors[1].en,
						anchor1Fa: criterion.anchors[1].fa,
						anchor3En: criterion.anchors[3].en,
						anchor3Fa: criterion.anchors[3].fa,
						anchor5En: criterion.anchors[5].en,
						anchor5Fa: criterion.anchors[5].fa,
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
