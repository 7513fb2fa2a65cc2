import crypto from 'node:crypto'
import { freshenListing } from '#app/domain/application-listing.server.ts'
import { FIELDS } from '#app/domain/fields.ts'
import { formatReference } from '#app/domain/lifecycle/applications.server.ts'
import { criterionColumns, DEFAULT_RUBRIC } from '#app/domain/rubric.ts'
import { SCHOOLS } from '#app/domain/schools.ts'
import { completeSteps } from '#tests/support/application-content.ts'
import type { Db, Tx } from '#db/client.ts'
import {
	applicationSteps,
	applications,
	callCriteria,
	calls,
	conflictDeclarations,
	documents,
	hostEndorsements,
	outbox,
	referees,
	referenceCounters,
	reviewAssignments,
	reviews,
	sessions,
	statusChanges,
	users,
	visits,
	type ApplicationStatus,
	type DocumentKind,
} from '#db/schema.ts'

/**
 * The HTTP benchmark's database: one open call of a busy year, as the office sees it near the end of review. Every
 * application has its steps filled (drafts too, so each can be submitted), a CV and a publication list; the ones past
 * submission have referees, a host, a status history, and from review on three or four reviewers with a conflict
 * declaration and a review each. The outbox holds a year of sent mail. Rows go in with multi-row statements inside a
 * few transactions, so the seed measures SQLite's inserts rather than the disk's fsyncs.
 */

export const SEED = {
	applications: 10_000,
	documents: 20_000,
	reviewers: 60,
	reviews: 25_000,
	outbox: 100_000,
} as const

/** How many applications sit in each status (a sum of 10,000). Drafts are complete: the submit case uses them. */
const STATUS_COUNTS: [ApplicationStatus, number][] = [
	['draft', 2_000],
	['submitted', 1_000],
	['under_review', 3_500],
	['changes_requested', 300],
	['waitlisted', 600],
	['approved', 700],
	['visit_confirmed', 400],
	['completed', 400],
	['cancelled', 200],
	['withdrawn', 300],
	['rejected', 600],
]

/** The way each status is reached, as status changes after the draft. */
const HISTORY: Record<ApplicationStatus, ApplicationStatus[]> = {
	draft: [],
	submitted: ['submitted'],
	under_review: ['submitted', 'under_review'],
	changes_requested: ['submitted', 'changes_requested'],
	waitlisted: ['submitted', 'under_review', 'waitlisted'],
	approved: ['submitted', 'under_review', 'approved'],
	visit_confirmed: ['submitted', 'under_review', 'approved', 'visit_confirmed'],
	completed: ['submitted', 'under_review', 'approved', 'visit_confirmed', 'completed'],
	cancelled: ['submitted', 'under_review', 'approved', 'cancelled'],
	withdrawn: ['submitted', 'withdrawn'],
	rejected: ['submitted', 'under_review', 'rejected'],
}

/** Statuses whose applications went through review (they have reviewers and reviews). */
const REVIEWED: ReadonlySet<ApplicationStatus> = new Set(['under_review', 'waitlisted', 'approved', 'visit_confirmed', 'completed', 'cancelled', 'rejected'])

const DAY = 86_400_000
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'CA', 'SE', 'NL', 'IT', 'ES', 'JP', 'KR', 'AU', 'TR', 'IN', 'BR', 'ZA', 'CH', 'AT', 'DK', 'PL']
const GIVEN = ['Maryam', 'Jonas', 'Aiko', 'Łukasz', 'Chloé', 'Mehmet', 'Priya', 'Sven', 'Ana', 'Omar', 'Lena', 'Kwame', 'Sofia', 'Hiroshi', 'Nguyễn']
const FAMILY = ['Tehrani', 'Schmidt', 'Tanaka', 'Kowalski', 'Dubois', 'Yılmaz', 'Sharma', 'Larsson', 'Silva', 'Haddad', 'Novak', 'Mensah', 'Rossi', 'Sato', 'Garcia']
const INSTITUTIONS = [
	'Charité – Universitätsmedizin Berlin',
	'Karolinska Institutet',
	'University of Oxford',
	'University of Toronto',
	'Leiden University Medical Center',
	'University of Melbourne',
	'Johns Hopkins University',
	'Sorbonne Université',
	'University of Tokyo',
	'ETH Zürich',
	'University of Cape Town',
	'Seoul National University',
]
const DEPARTMENTS = SCHOOLS.flatMap((school) => school.departments.map((department) => ({ school: school.code, department: department.code })))
const TEMPLATES = ['review-reminder', 'reviews-complete', 'verify-email', 'test'] as const

export type PortalSeed = {
	callId: number
	officeId: number
	reviewerIds: number[]
	/** Applicant id and application id of every application, by status, in id order. */
	byStatus: Record<ApplicationStatus, { applicationId: number; applicantId: number }[]>
	/** A reviewer's assignment that still waits for the review (a draft is saved). */
	openAssignment: { assignmentId: number; reviewerId: number }
	ms: number
}

const isoDay = (from: Date, days: number) => new Date(from.getTime() + days * DAY).toISOString().slice(0, 10)

/** Inserts rows in statements of `size` (SQLite binds at most 32,766 variables per statement). */
function chunked<T>(rows: readonly T[], insert: (chunk: T[]) => void, size = 400) {
	for (let start = 0; start < rows.length; start += size) insert(rows.slice(start, start + size))
}

/** A complete, valid answer to every step (tests/support/application-content.ts), its people, places and field varied by n. */
function stepsFor(n: number, applicationId: number, email: string, visitWindowStart: string) {
	const department = DEPARTMENTS[n % DEPARTMENTS.length]!
	const country = COUNTRIES[n % COUNTRIES.length]!
	const field = FIELDS[n % FIELDS.length]!
	const start = visitWindowStart
	const end = `${start.slice(0, 8)}${String(Number(start.slice(8)) + 13).padStart(2, '0')}`
	const steps = completeSteps({ applicationId, email, startDate: start, endDate: end, refereesRequired: 2 })
	return {
		personal: {
			...steps.personal,
			givenNames: GIVEN[n % GIVEN.length]!,
			familyName: `${FAMILY[(n * 7) % FAMILY.length]!} ${n}`,
			nationality: country,
			residence: country,
		},
		academic: {
			...steps.academic,
			institution: INSTITUTIONS[n % INSTITUTIONS.length]!,
			field: field.code,
			keyPublications: [`${FAMILY[n % FAMILY.length]} et al. ${field.name.en} in practice. Lancet. 2024.`],
		},
		visit: { ...steps.visit, hostSchool: department.school, hostDepartment: department.department },
		plan: {
			objectives: `Teach ${field.name.en.toLowerCase()} to residents and start a joint cohort study with the department.`,
			weeklyPlan: 'Week 1: lectures and ward rounds. Week 2: a workshop with PhD students and joint research.',
			expectedOutcomes: 'A joint paper, a grant proposal and a short course the department can run again.',
		},
		referees: steps.referees,
	}
}

export function seedPortal(db: Db, now: Date): PortalSeed {
	const started = performance.now()
	const stamps = { createdAt: now, updatedAt: now }
	const closesAt = new Date(now.getTime() + 21 * DAY)
	const year = 2027
	const visitWindowStart = `${year}-06-01`

	const base = db.transaction((tx) => {
		const call = tx
			.insert(calls)
			.values({
				year,
				titleEn: `Visiting Professors ${year} — first round`,
				titleFa: `استادان مدعو ${year} — دور نخست`,
				descriptionEn: 'The first round of the year.',
				descriptionFa: 'نخستین دور سال.',
				opensAt: new Date(now.getTime() - 60 * DAY),
				closesAt,
				letterDeadline: new Date(closesAt.getTime() + 14 * DAY),
				visitWindowStart,
				visitWindowEnd: `${year}-12-31`,
				fundedVisits: 40,
				reviewersPerApplication: 3,
				...stamps,
			})
			.returning({ id: calls.id })
			.get()
		tx.insert(callCriteria)
			.values(DEFAULT_RUBRIC.map((criterion, position) => ({ callId: call.id, position, weight: criterion.weight, ...criterionColumns(criterion) })))
			.run()
		const office = tx
			.insert(users)
			.values({ email: 'office@example.edu', name: 'Parisa Office', role: 'office', verifiedAt: now, ...stamps })
			.returning({ id: users.id })
			.get()
		const reviewerIds = tx
			.insert(users)
			.values(
				Array.from({ length: SEED.reviewers }, (_, index) => ({
					email: `reviewer${index + 1}@example.edu`,
					name: `Dr Reviewer ${index + 1}`,
					role: 'reviewer' as const,
					verifiedAt: now,
					department: DEPARTMENTS[index % DEPARTMENTS.length]!.department,
					keywords: `${FIELDS[index % FIELDS.length]!.name.en}, cohort studies`,
					reviewCap: 500,
					...stamps,
				})),
			)
			.returning({ id: users.id })
			.all()
			.map((row) => row.id)
		return { callId: call.id, officeId: office.id, reviewerIds }
	})

	// Applicants and their applications, status by status.
	const statuses = STATUS_COUNTS.flatMap(([status, n]) => Array.from({ length: n }, () => status))
	const byStatus = Object.fromEntries(STATUS_COUNTS.map(([status]) => [status, [] as { applicationId: number; applicantId: number }[]])) as PortalSeed['byStatus']
	const all: { applicationId: number; applicantId: number; status: ApplicationStatus; email: string; n: number }[] = []
	db.transaction((tx) => {
		chunked(statuses.map((status, n) => ({ status, n })), (chunk) => {
			const applicants = tx
				.insert(users)
				.values(chunk.map(({ n }) => ({ email: `applicant${n + 1}@example.org`, name: `${GIVEN[n % GIVEN.length]} ${FAMILY[(n * 7) % FAMILY.length]} ${n}`, role: 'applicant' as const, verifiedAt: now, ...stamps })))
				.returning({ id: users.id, email: users.email })
				.all()
			const rows = tx
				.insert(applications)
				.values(
					chunk.map(({ status, n }, offset) => {
						const steps = HISTORY[status].length
						const submittedAt = status === 'draft' ? null : new Date(now.getTime() - (20 + (n % 30)) * DAY)
						return {
							reference: formatReference(year, n + 1),
							callId: base.callId,
							applicantId: applicants[offset]!.id,
							status,
							version: steps + 1,
							submittedAt,
							firstSubmittedAt: submittedAt,
							decidedAt: ['waitlisted', 'approved', 'visit_confirmed', 'completed', 'cancelled', 'rejected'].includes(status) ? new Date(now.getTime() - 5 * DAY) : null,
							confirmBy: status === 'approved' ? new Date(now.getTime() + 14 * DAY) : null,
							replyBy: status === 'changes_requested' ? new Date(now.getTime() + 10 * DAY) : null,
							returnsTo: status === 'changes_requested' ? ('submitted' as const) : null,
							changeRequestMessage: status === 'changes_requested' ? 'Please upload your publication list as one PDF.' : null,
							createdAt: new Date(now.getTime() - 40 * DAY),
							updatedAt: new Date(now.getTime() - (n % 20) * DAY),
						}
					}),
				)
				.returning({ id: applications.id, applicantId: applications.applicantId })
				.all()
			rows.forEach((row, offset) => {
				const { status, n } = chunk[offset]!
				const entry = { applicationId: row.id, applicantId: row.applicantId }
				byStatus[status].push(entry)
				all.push({ ...entry, status, email: applicants[offset]!.email, n })
			})
		})
		tx.insert(referenceCounters).values({ year, last: statuses.length }).run()
	})

	// Content: steps, documents, referees, host, history, visits.
	db.transaction((tx) => {
		const stepRows: (typeof applicationSteps.$inferInsert)[] = []
		const documentRows: (typeof documents.$inferInsert)[] = []
		const refereeRows: (typeof referees.$inferInsert)[] = []
		const hostRows: (typeof hostEndorsements.$inferInsert)[] = []
		const changeRows: (typeof statusChanges.$inferInsert)[] = []
		const visitRows: (typeof visits.$inferInsert)[] = []
		const kinds: DocumentKind[] = ['cv', 'publication_list']
		for (const { applicationId, applicantId, status, email, n } of all) {
			const steps = stepsFor(n, applicationId, email, visitWindowStart)
			for (const [step, data] of Object.entries(steps)) stepRows.push({ applicationId, step: step as keyof typeof steps, data, updatedAt: now })
			for (const kind of kinds) {
				documentRows.push({
					applicationId,
					kind,
					originalName: `${kind}.pdf`,
					storedName: `${crypto.randomBytes(16).toString('hex')}.pdf`,
					size: 120_000 + n,
					sha256: crypto.createHash('sha256').update(`${applicationId}:${kind}`).digest('hex'),
					uploadedBy: applicantId,
					createdAt: now,
				})
			}
			let at = now.getTime() - 30 * DAY
			let from: ApplicationStatus = 'draft'
			for (const to of HISTORY[status]) {
				at += DAY
				changeRows.push({ applicationId, fromStatus: from, toStatus: to, actorId: to === 'submitted' || to === 'withdrawn' ? applicantId : base.officeId, note: null, at: new Date(at) })
				from = to
			}
			if (status === 'draft') continue
			steps.referees.referees.forEach((referee, index) =>
				refereeRows.push({ applicationId, slot: index + 1, ...referee, locale: 'en', requestedAt: now, receivedAt: n % 3 === 0 ? null : now, createdAt: now }),
			)
			hostRows.push({ applicationId, name: steps.visit.hostName, email: steps.visit.hostEmail, school: steps.visit.hostSchool, department: steps.visit.hostDepartment, requestedAt: now, createdAt: now })
			if (status === 'visit_confirmed' || status === 'completed') {
				// Completed visits took place over the past year and a half; a few confirmed ones are under way.
				const startsIn = status === 'completed' ? -30 - (n % 500) : n % 10 === 0 ? -3 : 100 + (n % 60)
				visitRows.push({
					applicationId,
					startDate: isoDay(now, startsIn),
					endDate: isoDay(now, startsIn + 13),
					confirmedAt: now,
					publicListing: n % 4 === 0,
					updatedAt: now,
				})
			}
		}
		chunked(stepRows, (chunk) => tx.insert(applicationSteps).values(chunk).run())
		chunked(documentRows, (chunk) => tx.insert(documents).values(chunk).run())
		chunked(refereeRows, (chunk) => tx.insert(referees).values(chunk).run())
		chunked(hostRows, (chunk) => tx.insert(hostEndorsements).values(chunk).run())
		chunked(changeRows, (chunk) => tx.insert(statusChanges).values(chunk).run())
		chunked(visitRows, (chunk) => tx.insert(visits).values(chunk).run())
	})

	// Reviewers: three or four per reviewed application, until there are SEED.reviews reviews, each after a
	// declaration of no conflict. Open applications have some reviews still in draft.
	const reviewed = all.filter((row) => REVIEWED.has(row.status))
	let openAssignment: PortalSeed['openAssignment'] | null = null
	db.transaction((tx) => {
		const extra = SEED.reviews - 3 * reviewed.length
		const plan = reviewed.flatMap((row, index) => {
			const count = index < extra ? 4 : 3
			return Array.from({ length: count }, (_, slot) => ({ row, reviewerId: base.reviewerIds[(index * 7 + slot * 13) % base.reviewerIds.length]! }))
		})
		const criteria = DEFAULT_RUBRIC.map((criterion) => criterion.key)
		chunked(plan, (chunk) => {
			const open = (row: (typeof chunk)[number]['row'], index: number) => row.status === 'under_review' && (row.n + index) % 3 === 0
			const assignments = tx
				.insert(reviewAssignments)
				.values(
					chunk.map(({ row, reviewerId }, index) => ({
						applicationId: row.applicationId,
						reviewerId,
						assignedBy: base.officeId,
						dueAt: new Date(now.getTime() + ((row.n % 20) - 5) * DAY),
						status: open(row, index) ? ('active' as const) : ('done' as const),
						...stamps,
					})),
				)
				.returning({ id: reviewAssignments.id })
				.all()
			tx.insert(conflictDeclarations)
				.values(
					chunk.map(({ row, reviewerId }, index) => ({
						assignmentId: assignments[index]!.id,
						applicationId: row.applicationId,
						reviewerId,
						applicantId: row.applicantId,
						hasConflict: false,
						declaredAt: now,
					})),
				)
				.run()
			tx.insert(reviews)
				.values(
					chunk.map(({ row, reviewerId }, index) => {
						const draft = open(row, index)
						if (draft && !openAssignment) openAssignment = { assignmentId: assignments[index]!.id, reviewerId }
						return {
							assignmentId: assignments[index]!.id,
							applicationId: row.applicationId,
							reviewerId,
							scores: Object.fromEntries(criteria.map((key, k) => [key, 1 + ((row.n + index + k) % 5)])),
							recommendation: draft ? null : (['strongly_support', 'support', 'neutral', 'do_not_support'] as const)[(row.n + index) % 4],
							commentForOffice: 'A strong candidate with a clear plan; the host department is well prepared.',
							commentForApplicant: (row.n + index) % 2 === 0 ? 'A clear plan; consider a longer visit.' : null,
							status: draft ? ('draft' as const) : ('submitted' as const),
							submittedAt: draft ? null : now,
							...stamps,
						}
					}),
				)
				.run()
		}, 300)
	})

	// A year of mail: every row sent (the worker has nothing to do until the cases queue more).
	db.transaction((tx) => {
		const rows = Array.from({ length: SEED.outbox }, (_, index) => {
			const owner = all[index % all.length]!
			const at = new Date(now.getTime() - (SEED.outbox - index) * 300_000)
			return {
				toAddress: owner.email,
				toName: null,
				template: TEMPLATES[index % TEMPLATES.length]!,
				locale: 'en' as const,
				props: { reference: formatReference(year, owner.n + 1) },
				subject: `Your application ${formatReference(year, owner.n + 1)}`,
				dedupeKey: `bench:${index}`,
				status: 'sent' as const,
				applicationId: owner.applicationId,
				attempts: 1,
				notBefore: at,
				messageId: `<bench-${index}@portal.test>`,
				sentAt: at,
				createdAt: at,
				updatedAt: at,
			}
		})
		chunked(rows, (chunk) => tx.insert(outbox).values(chunk).run(), 500)
	})

	// The listing the triggers marked dirty, computed once as the office's first read would.
	freshenListing(db)
	db.$client.pragma('wal_checkpoint(TRUNCATE)')
	if (!openAssignment) throw new Error('The seed left no open review assignment')
	return { ...base, byStatus, openAssignment, ms: performance.now() - started }
}

/** A session row for the user; returns the raw id, which the cookie carries (signed). */
export function insertSession(tx: Db | Tx, userId: number, now: Date): string {
	const id = crypto.randomBytes(32).toString('base64url')
	tx.insert(sessions)
		.values({
			idHash: crypto.createHash('sha256').update(id).digest('hex'),
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt: new Date(now.getTime() + 30 * DAY),
			ip: '127.0.0.1',
			userAgent: 'autocannon',
		})
		.run()
	return id
}
