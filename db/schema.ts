import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

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
		/** How many reviewers each application should have; the reviewer suggestions fill up to it. */
		reviewersPerApplication: integer('reviewers_per_application').notNull().default(2),
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

// ---------------------------------------------------------------------------------------------------------------
// Email: the transactional outbox and the scheduler (see app/email/).

export const EMAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

export const outbox = sqliteTable(
	'outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		toAddress: text('to_address').notNull(),
		toName: text('to_name'),
		template: text('template').notNull(),
		locale: text('locale', { enum: ['en', 'fa'] }).notNull(),
		/** The template's props. Token links inside are encrypted (AES-256-GCM), never in clear. */
		props: text('props', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		/** Subject as rendered at the last attempt, for the office's outbox view. */
		subject: text('subject'),
		/** Unique: the cause (status change or event id), the template and the recipient. */
		dedupeKey: text('dedupe_key').notNull().unique(),
		status: text('status', { enum: EMAIL_STATUSES }).notNull().default('pending'),
		/** `decision` emails wait DECISION_GRACE and may be cancelled by a newer decision. */
		kind: text('kind', { enum: ['standard', 'decision'] }).notNull().default('standard'),
		applicationId: integer('application_id'),
		attempts: integer('attempts').notNull().default(0),
		notBefore: integer('not_before', { mode: 'timestamp_ms' }).notNull(),
		leaseOwner: text('lease_owner'),
		leaseExpiresAt: integer('lease_expires_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		lastErrorCode: integer('last_error_code'),
		messageId: text('message_id'),
		sentAt: integer('sent_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [
		index('outbox_due_idx').on(table.status, table.notBefore),
		index('outbox_application_idx').on(table.applicationId, table.createdAt),
		index('outbox_created_idx').on(table.createdAt),
		index('outbox_template_idx').on(table.template, table.createdAt),
	],
)

export const scheduledJobs = sqliteTable(
	'scheduled_jobs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Unique: scheduling the same key twice is a no-op, so a restart never repeats a job. */
		key: text('key').notNull().unique(),
		job: text('job').notNull(),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		runAt: integer('run_at', { mode: 'timestamp_ms' }).notNull(),
		status: text('status', { enum: ['pending', 'running', 'done', 'failed', 'cancelled'] })
			.notNull()
			.default('pending'),
		attempts: integer('attempts').notNull().default(0),
		leaseOwner: text('lease_owner'),
		leaseExpiresAt: integer('lease_expires_at', { mode: 'timestamp_ms' }),
		lastError: text('last_error'),
		finishedAt: integer('finished_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('scheduled_jobs_due_idx').on(table.status, table.runAt)],
)

// ---------------------------------------------------------------------------------------------------------------
// Accounts (see app/auth/).

export const ROLES = ['applicant', 'reviewer', 'office'] as const
export type Role = (typeof ROLES)[number]

export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Stored lower-cased and trimmed; unique. */
		email: text('email').notNull().unique(),
		name: text('name').notNull(),
		role: text('role', { enum: ROLES }).notNull(),
		locale: text('locale', { enum: ['en', 'fa'] }).notNull().default('en'),
		/** scrypt hash (`scrypt$N$r$p$salt$hash`), null until an invited user sets a password. */
		passwordHash: text('password_hash'),
		verifiedAt: integer('verified_at', { mode: 'timestamp_ms' }),
		disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
		/** Reviewers: a department code from app/domain/schools.ts, and expertise keywords (comma-separated). */
		department: text('department'),
		keywords: text('keywords').notNull().default(''),
		/** Reviewers: most open reviews at once (the suggestions issue uses it). */
		reviewCap: integer('review_cap').notNull().default(8),
		invitedBy: integer('invited_by'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('users_role_idx').on(table.role, table.name)],
)

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the random session id in the cookie: a stolen database holds no usable session. */
		idHash: text('id_hash').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastSeenAt: integer('last_seen_at', { mode: 'timestamp_ms' }).notNull(),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		ip: text('ip'),
		userAgent: text('user_agent'),
	},
	(table) => [index('sessions_user_idx').on(table.userId)],
)

export const TOKEN_PURPOSES = ['verify', 'reset', 'invite'] as const
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number]

export const tokens = sqliteTable(
	'tokens',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** SHA-256 of the token; the token itself exists only in the emailed link. */
		hash: text('hash').notNull().unique(),
		purpose: text('purpose', { enum: TOKEN_PURPOSES }).notNull(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('tokens_user_purpose_idx').on(table.userId, table.purpose)],
)

/** Fixed-window counters for rate limits, shared by every process through the database. */
export const rateLimits = sqliteTable('rate_limits', {
	key: text('key').primaryKey(),
	windowStart: integer('window_start').notNull(),
	count: integer('count').notNull(),
})

export type Outbox = typeof outbox.$inferSelect
export type User = typeof users.$inferSelect
export type Session = typeof sessions.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// Applications: the lifecycle (see app/domain/lifecycle/ and docs/decisions/004-lifecycle.md). The status column is
// written by app/domain/lifecycle/change-status.server.ts only (tests/unit/lifecycle-status-writes.test.ts checks).

/** Every status of an application, as in DOMAIN.md's table "Statuses and who moves them". */
export const APPLICATION_STATUSES = [
	'draft',
	'submitted',
	'under_review',
	'changes_requested',
	'waitlisted',
	'approved',
	'visit_confirmed',
	'completed',
	'cancelled',
	'withdrawn',
	'rejected',
] as const
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number]

/** The last reference sequence number given out per call year (`VPP-<year>-<last>`). */
export const referenceCounters = sqliteTable('reference_counters', {
	year: integer('year').primaryKey(),
	last: integer('last').notNull(),
})

export const applications = sqliteTable(
	'applications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** `VPP-<call year>-<sequence>`, the sequence zero-padded to at least 4 digits; given in the creating transaction. */
		reference: text('reference').notNull().unique(),
		callId: integer('call_id')
			.notNull()
			.references(() => calls.id),
		applicantId: integer('applicant_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('draft'),
		/** Optimistic concurrency: every change adds 1; a change made against an older version is refused. */
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
		/** The latest submission (a resubmission after a change request moves it). */
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		/** The first submission: referees and the host are told only then. */
		firstSubmittedAt: integer('first_submitted_at', { mode: 'timestamp_ms' }),
		/** The latest decision (approved, waitlisted, rejected). */
		decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
		/** Approved: the applicant confirms the visit by this instant. */
		confirmBy: integer('confirm_by', { mode: 'timestamp_ms' }),
		/** Changes requested: the applicant replies by this instant. */
		replyBy: integer('reply_by', { mode: 'timestamp_ms' }),
		/** Changes requested: the status the application goes back to when the applicant resubmits. */
		returnsTo: text('returns_to', { enum: APPLICATION_STATUSES }),
		/** An individual deadline later than the call's, set by the office with a reason. */
		deadlineExtendedTo: integer('deadline_extended_to', { mode: 'timestamp_ms' }),
		deadlineExtensionReason: text('deadline_extension_reason'),
		/** The office's latest change request: what the applicant should change. */
		changeRequestMessage: text('change_request_message'),
		/** The office's note on the latest decision. */
		decisionNote: text('decision_note'),
	},
	(table) => [
		uniqueIndex('applications_call_applicant_unique').on(table.callId, table.applicantId),
		index('applications_call_status_idx').on(table.callId, table.status, table.updatedAt),
		index('applications_applicant_idx').on(table.applicantId, table.createdAt),
	],
)

/** Every change of an application's status: the audit trail and the applicant's timeline. */
export const statusChanges = sqliteTable(
	'status_changes',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		fromStatus: text('from_status', { enum: APPLICATION_STATUSES }).notNull(),
		toStatus: text('to_status', { enum: APPLICATION_STATUSES }).notNull(),
		/** Null when the system made the change (e.g. a scheduled job). */
		actorId: integer('actor_id').references(() => users.id),
		note: text('note'),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('status_changes_application_idx').on(table.applicationId, table.at)],
)

/**
 * `active`: the reviewer is to review; `released`: the reviewer declared a conflict of interest; `ended`: the
 * application left review (withdrawn) before the review was done; `done`: the review was submitted.
 */
export const REVIEW_ASSIGNMENT_STATUSES = ['active', 'released', 'ended', 'done'] as const
export type ReviewAssignmentStatus = (typeof REVIEW_ASSIGNMENT_STATUSES)[number]

export const reviewAssignments = sqliteTable(
	'review_assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		assignedBy: integer('assigned_by').references(() => users.id),
		dueAt: integer('due_at', { mode: 'timestamp_ms' }).notNull(),
		status: text('status', { enum: REVIEW_ASSIGNMENT_STATUSES }).notNull().default('active'),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [
		uniqueIndex('review_assignments_application_reviewer_unique').on(table.applicationId, table.reviewerId),
		index('review_assignments_reviewer_idx').on(table.reviewerId, table.status),
		// Every reviewer's open load (the assign form, the suggestions) reads only the active rows.
		index('review_assignments_status_reviewer_idx').on(table.status, table.reviewerId),
	],
)

export type Application = typeof applications.$inferSelect
export type StatusChange = typeof statusChanges.$inferSelect
export type ReviewAssignment = typeof reviewAssignments.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// The application's content: the wizard's steps and uploaded documents (app/routes/applications.*, app/documents/).

export const APPLICATION_STEPS = ['personal', 'academic', 'visit', 'plan', 'referees'] as const
export type ApplicationStep = (typeof APPLICATION_STEPS)[number]

/** What the applicant saved on each step, as the step's draft schema output (JSON). A draft may be incomplete. */
export const applicationSteps = sqliteTable(
	'application_steps',
	{
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		step: text('step', { enum: APPLICATION_STEPS }).notNull(),
		data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [primaryKey({ columns: [table.applicationId, table.step] })],
)

export const DOCUMENT_KINDS = ['cv', 'publication_list', 'host_letter', 'passport', 'reference_letter', 'visit_report', 'other'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const documents = sqliteTable(
	'documents',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
		/** As the uploader named it; shown, never used as a path. */
		originalName: text('original_name').notNull(),
		/** Generated, under UPLOAD_DIR (app/documents/storage.server.ts). */
		storedName: text('stored_name').notNull().unique(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		uploadedBy: integer('uploaded_by').references(() => users.id),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('documents_application_kind_idx').on(table.applicationId, table.kind)],
)

export type ApplicationStepRow = typeof applicationSteps.$inferSelect
export type DocumentRow = typeof documents.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// Referees and the host (app/domain/letters.server.ts): created at the first submission from the referees step
// and the visit step; they act through single-purpose links, never an account.

export const referees = sqliteTable(
	'referees',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		/** Slot number (1, 2, …): a replacement takes the slot of the referee it replaces. */
		slot: integer('slot').notNull(),
		name: text('name').notNull(),
		/** Lower-cased. */
		email: text('email').notNull(),
		institution: text('institution').notNull(),
		relationship: text('relationship').notNull(),
		locale: text('locale', { enum: ['en', 'fa'] }).notNull().default('en'),
		requestedAt: integer('requested_at', { mode: 'timestamp_ms' }),
		remindedAt: integer('reminded_at', { mode: 'timestamp_ms' }),
		receivedAt: integer('received_at', { mode: 'timestamp_ms' }),
		declinedAt: integer('declined_at', { mode: 'timestamp_ms' }),
		declineReason: text('decline_reason'),
		/** The letter (documents.kind = reference_letter); never shown to the applicant. */
		letterDocumentId: integer('letter_document_id').references(() => documents.id),
		/** A replaced referee stays for the record, out of the count. */
		replacedAt: integer('replaced_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('referees_application_idx').on(table.applicationId, table.slot)],
)

export const hostEndorsements = sqliteTable('host_endorsements', {
	applicationId: integer('application_id')
		.primaryKey()
		.references(() => applications.id, { onDelete: 'cascade' }),
	name: text('name').notNull(),
	email: text('email').notNull(),
	school: text('school').notNull(),
	department: text('department').notNull(),
	locale: text('locale', { enum: ['en', 'fa'] }).notNull().default('en'),
	requestedAt: integer('requested_at', { mode: 'timestamp_ms' }),
	remindedAt: integer('reminded_at', { mode: 'timestamp_ms' }),
	answeredAt: integer('answered_at', { mode: 'timestamp_ms' }),
	decision: text('decision', { enum: ['endorsed', 'declined'] }),
	/** Never shown to the applicant. */
	statement: text('statement'),
	/** "Do you know the applicant personally, and how?" */
	knowsApplicant: integer('knows_applicant', { mode: 'boolean' }),
	howKnown: text('how_known'),
	createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
})

export const ACCESS_TOKEN_PURPOSES = ['referee_letter', 'host_endorsement', 'host_feedback'] as const

/** Single-purpose links for people without an account (stored as SHA-256, expiring at the letter deadline). */
export const accessTokens = sqliteTable(
	'access_tokens',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		hash: text('hash').notNull().unique(),
		purpose: text('purpose', { enum: ACCESS_TOKEN_PURPOSES }).notNull(),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		refereeId: integer('referee_id').references(() => referees.id, { onDelete: 'cascade' }),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		usedAt: integer('used_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('access_tokens_referee_idx').on(table.refereeId)],
)

export type Referee = typeof referees.$inferSelect
export type HostEndorsement = typeof hostEndorsements.$inferSelect
export type AccessToken = typeof accessTokens.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// Reviews (app/domain/reviews.server.ts): a reviewer first declares any conflict of interest, then scores.

export const RECOMMENDATIONS = ['strongly_support', 'support', 'neutral', 'do_not_support'] as const
export type Recommendation = (typeof RECOMMENDATIONS)[number]

/** One per assignment: the reviewer's answer to "do you have a conflict of interest with this applicant?". */
export const conflictDeclarations = sqliteTable(
	'conflict_declarations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		assignmentId: integer('assignment_id')
			.notNull()
			.unique()
			.references(() => reviewAssignments.id, { onDelete: 'cascade' }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		/** Kept so a later application by the same person warns the office. */
		applicantId: integer('applicant_id')
			.notNull()
			.references(() => users.id),
		hasConflict: integer('has_conflict', { mode: 'boolean' }).notNull(),
		reason: text('reason'),
		declaredAt: integer('declared_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [
		index('conflict_declarations_reviewer_applicant_idx').on(table.reviewerId, table.applicantId),
		// The conflicts an applicant's reviewers declared before, when the office assigns (applicantFactsFor).
		index('conflict_declarations_applicant_idx').on(table.applicantId, table.hasConflict, table.reviewerId),
	],
)

export const reviews = sqliteTable(
	'reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		assignmentId: integer('assignment_id')
			.notNull()
			.unique()
			.references(() => reviewAssignments.id, { onDelete: 'cascade' }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id, { onDelete: 'cascade' }),
		reviewerId: integer('reviewer_id')
			.notNull()
			.references(() => users.id),
		/** Criterion key → score 1..5; a draft may miss some. */
		scores: text('scores', { mode: 'json' }).$type<Record<string, number>>().notNull(),
		recommendation: text('recommendation', { enum: RECOMMENDATIONS }),
		commentForOffice: text('comment_for_office'),
		/** Optional; the office may choose to pass it on with its decision. */
		commentForApplicant: text('comment_for_applicant'),
		status: text('status', { enum: ['draft', 'submitted'] }).notNull().default('draft'),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('reviews_application_idx').on(table.applicationId, table.status)],
)

export type ConflictDeclaration = typeof conflictDeclarations.$inferSelect
export type Review = typeof reviews.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// The office's applications table (app/domain/application-listing.server.ts): one row per application with what the
// table shows, filters and sorts by, so a page of thousands of applications is one indexed query. Triggers (migration
// 0007) put an application's id in listing_dirty whenever anything the row summarises changes, in the same
// transaction; readers refresh the dirty rows first. No writer has to remember the listing. Searched through the FTS5
// table application_search (migration 0007; rowid = application id).

export const listingDirty = sqliteTable('listing_dirty', {
	applicationId: integer('application_id').primaryKey(),
})

export const applicationListing = sqliteTable(
	'application_listing',
	{
		applicationId: integer('application_id')
			.primaryKey()
			.references(() => applications.id, { onDelete: 'cascade' }),
		callId: integer('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		reference: text('reference').notNull(),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
		applicantName: text('applicant_name').notNull(),
		applicantEmail: text('applicant_email').notNull(),
		/** ISO 3166-1 alpha-2 country of residence, from the personal step. */
		country: text('country'),
		institution: text('institution'),
		/** Field code (app/domain/fields.ts). */
		field: text('field'),
		hostSchool: text('host_school'),
		hostDepartment: text('host_department'),
		/** Active and done assignments. */
		reviewsAssigned: integer('reviews_assigned').notNull().default(0),
		reviewsDone: integer('reviews_done').notNull().default(0),
		/** Mean weighted score of the submitted reviews (0–100), null without one. */
		score: real('score'),
		disagree: integer('disagree', { mode: 'boolean' }).notNull().default(false),
		lettersReceived: integer('letters_received').notNull().default(0),
		lettersRequired: integer('letters_required').notNull().default(0),
		submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [
		index('application_listing_call_status_idx').on(table.callId, table.status),
		index('application_listing_call_reference_idx').on(table.callId, table.reference),
		index('application_listing_call_submitted_idx').on(table.callId, table.submittedAt),
		index('application_listing_call_score_idx').on(table.callId, table.score),
		index('application_listing_call_name_idx').on(table.callId, table.applicantName),
		// The status too, so the table's filter lists (distinct values among non-drafts) are read from the index alone.
		index('application_listing_call_country_status_idx').on(table.callId, table.country, table.status),
		index('application_listing_call_school_status_idx').on(table.callId, table.hostSchool, table.status),
		index('application_listing_call_field_status_idx').on(table.callId, table.field, table.status),
	],
)

export type ApplicationListingRow = typeof applicationListing.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// Held decisions (app/domain/decisions.server.ts): a decision the office recorded without applying it. Nothing is
// sent and the status does not change until the office releases the call's held decisions together.

export const HELD_DECISIONS = ['approved', 'waitlisted', 'rejected'] as const
export type HeldDecision = (typeof HELD_DECISIONS)[number]

export const pendingDecisions = sqliteTable(
	'pending_decisions',
	{
		applicationId: integer('application_id')
			.primaryKey()
			.references(() => applications.id, { onDelete: 'cascade' }),
		callId: integer('call_id')
			.notNull()
			.references(() => calls.id, { onDelete: 'cascade' }),
		decision: text('decision', { enum: HELD_DECISIONS }).notNull(),
		/** The office's note (the status change's note; never sent to the applicant). */
		decisionNote: text('decision_note').notNull(),
		/** The office's message for the applicant, in the decision email. */
		applicantMessage: text('applicant_message'),
		/** Submitted reviews whose comment for the applicant goes with the decision email. */
		sharedReviewIds: text('shared_review_ids', { mode: 'json' }).$type<number[]>().notNull(),
		/** Approvals: when the applicant must confirm the visit by. */
		confirmBy: integer('confirm_by', { mode: 'timestamp_ms' }),
		recordedBy: integer('recorded_by').references(() => users.id),
		recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
		/** Why the last release could not apply it (e.g. the application was withdrawn meanwhile). */
		lastError: text('last_error'),
	},
	(table) => [index('pending_decisions_call_idx').on(table.callId, table.recordedAt)],
)

export type PendingDecision = typeof pendingDecisions.$inferSelect

// ---------------------------------------------------------------------------------------------------------------
// The visit after approval (app/domain/visits.server.ts): the dates agreed between applicant and office, the
// follow-up form, the invitation letter's verification code, and what comes after the visit. Passport number, date
// of birth and the passport copy are for the applicant and the office only, and are purged 90 days after the visit.

export const visits = sqliteTable(
	'visits',
	{
		applicationId: integer('application_id')
			.primaryKey()
			.references(() => applications.id, { onDelete: 'cascade' }),
		/** The dates on the table now (ISO days) and who put them there. */
		proposedStart: text('proposed_start'),
		proposedEnd: text('proposed_end'),
		proposedBy: text('proposed_by', { enum: ['applicant', 'office'] }),
		proposedAt: integer('proposed_at', { mode: 'timestamp_ms' }),
		/** The confirmed dates (ISO days). */
		startDate: text('start_date'),
		endDate: text('end_date'),
		confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }),
		// The follow-up form.
		passportName: text('passport_name'),
		passportNumber: text('passport_number'),
		nationality: text('nationality'),
		dateOfBirth: text('date_of_birth'),
		arrivalDate: text('arrival_date'),
		departureDate: text('departure_date'),
		accompanyingPersons: text('accompanying_persons'),
		needs: text('needs'),
		accommodationNeeded: integer('accommodation_needed', { mode: 'boolean' }),
		visaSupportNeeded: integer('visa_support_needed', { mode: 'boolean' }),
		passportCopyDocumentId: integer('passport_copy_document_id').references(() => documents.id, { onDelete: 'set null' }),
		/** The visitor agrees to be listed on the landing page. */
		publicListing: integer('public_listing', { mode: 'boolean' }).notNull().default(false),
		followUpSavedAt: integer('follow_up_saved_at', { mode: 'timestamp_ms' }),
		/** The invitation letter: a code anyone can check at /verify/<code>. */
		verificationCode: text('verification_code').unique(),
		letterIssuedAt: integer('letter_issued_at', { mode: 'timestamp_ms' }),
		// After the visit.
		reportText: text('report_text'),
		reportDocumentId: integer('report_document_id').references(() => documents.id, { onDelete: 'set null' }),
		reportSubmittedAt: integer('report_submitted_at', { mode: 'timestamp_ms' }),
		hostFeedback: text('host_feedback'),
		hostFeedbackAt: integer('host_feedback_at', { mode: 'timestamp_ms' }),
		/** When the passport number, date of birth and passport copy were removed. */
		sensitivePurgedAt: integer('sensitive_purged_at', { mode: 'timestamp_ms' }),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
	},
	(table) => [index('visits_end_idx').on(table.endDate)],
)

export type Visit = typeof visits.$inferSelect
