import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

/** Instants are stored as integer milliseconds since the epoch (UTC); calendar dates as ISO `YYYY-MM-DD` text. */
const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`)

export const calls = sqliteTable(
	'calls',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		year: integer('year').notNull(),
		titleEn: text('title_en').notNull(),
		titleFa: text('title_fa').notNull(),
		descriptionEn: text('description_en').notNull().default(''),
		descriptionFa: text('description_fa').notNull().default(''),
		/** IANA zone in which deadlines are shown and entered. */
		timeZone: text('time_zone').notNull().default('Asia/Tehran'),
		opensAt: integer('opens_at', { mode: 'timestamp_ms' }).notNull(),
		closesAt: integer('closes_at', { mode: 'timestamp_ms' }).notNull(),
		/** Deadline for referees' letters and the host's endorsement (default closes_at + 14 days). */
		letterDeadline: integer('letter_deadline', { mode: 'timestamp_ms' }).notNull(),
		visitWindowStart: text('visit_window_start').notNull(),
		visitWindowEnd: text('visit_window_end').notNull(),
		minVisitDays: integer('min_visit_days').notNull().default(7),
		maxVisitDays: integer('max_visit_days').notNull().default(90),
		refereesRequired: integer('referees_required').notNull().default(2),
		fundedVisits: integer('funded_visits').notNull(),
		createdAt: createdAt(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
			.notNull()
			.default(sql`(unixepoch('subsec') * 1000)`),
	},
	(table) => [
		uniqueIndex('calls_year_title_en_unique').on(table.year, table.titleEn),
		index('calls_closes_at_idx').on(table.closesAt),
	],
)

/** One row per rubric criterion of a call; a review scores each 1 to 5. */
export const callCriteria = sqliteTable(
	'call_criteria',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		callId: integer('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		/** Stable machine name, e.g. `excellence`, unique within a call. */
		key: text('key').notNull(),
		weight: integer('weight').notNull(),
		labelEn: text('label_en').notNull(),
		labelFa: text('label_fa').notNull(),
		descriptionEn: text('description_en').notNull(),
		descriptionFa: text('description_fa').notNull(),
		anchor1En: text('anchor1_en').notNull(),
		anchor1Fa: text('anchor1_fa').notNull(),
		anchor3En: text('anchor3_en').notNull(),
		anchor3Fa: text('anchor3_fa').notNull(),
		anchor5En: text('anchor5_en').notNull(),
		anchor5Fa: text('anchor5_fa').notNull(),
	},
	(table) => [uniqueIndex('call_criteria_call_key_unique').on(table.callId, table.key)],
)

/**
 * Who did what to which record. Users and applications arrive in later issues, so the actor and the
 * application are plain ids here rather than foreign keys: an audit row must outlive what it describes.
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		actorId: integer('actor_id'),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id'),
		applicationId: integer('application_id'),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [
		index('audit_log_at_idx').on(table.at),
		index('audit_log_actor_idx').on(table.actorId, table.at),
		index('audit_log_application_idx').on(table.applicationId, table.at),
		index('audit_log_action_idx').on(table.action, table.at),
	],
)

export type Call = typeof calls.$inferSelect
export type NewCall = typeof calls.$inferInsert
export type CallCriterion = typeof callCriteria.$inferSelect
export type NewCallCriterion = typeof callCriteria.$inferInsert
