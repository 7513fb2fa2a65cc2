import { FIELDS, type Field } from '#app/domain/fields.ts'
import { formatReference } from '#app/domain/lifecycle/applications.server.ts'
import { proposeReviewers, type Proposal } from '#app/domain/reviewer-suggestions.server.ts'
import { SCHOOLS } from '#app/domain/schools.ts'
import type { Db } from '#db/client.ts'
import { applications, applicationSteps, hostEndorsements, referees, reviewAssignments, users } from '#db/schema.ts'
import { insertCall } from '#tests/support/lifecycle.ts'
import { benchDatabase, formatNumber, median, timed, type BenchCase } from './bench.ts'

/**
 * Reviewer suggestions for a large call: 1,000 submitted applications and 100 reviewers, with the conflicts a real
 * call has (applicants from a reviewer's institution, reviewers named as referee or host) and reviewers already busy
 * with another call. The data is generated from a fixed seed, so every run measures the same problem.
 */

const APPLICATIONS = 1_000
const REVIEWERS = 100
const REVIEW_CAP = 30
const TARGET_MS = 2_000
const DAY = 86_400_000
const NOW = new Date('2027-03-01T08:00:00Z')

/** mulberry32: a small seeded generator, so the data is the same on every run. */
function random(seed: number) {
	let state = seed
	const next = () => {
		state = (state + 0x6d2b79f5) | 0
		let t = Math.imul(state ^ (state >>> 15), 1 | state)
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
	}
	return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! }
}

/** Where reviewers work (no two share an organisation name, so each conflict below is the one intended). */
const REVIEWER_INSTITUTIONS = [
	{ institution: 'Charité – Universitätsmedizin Berlin', domain: 'charite.de' },
	{ institution: 'Karolinska Institutet', domain: 'ki.se' },
	{ institution: 'University of Oxford', domain: 'ox.ac.uk' },
	{ institution: 'Tehran University of Medical Sciences', domain: 'tums.ac.ir' },
	{ institution: 'Shiraz University of Medical Sciences', domain: 'sums.ac.ir' },
	{ institution: 'University of Toronto', domain: 'utoronto.ca' },
	{ institution: 'Leiden University Medical Center', domain: 'lumc.nl' },
	{ institution: 'University of Melbourne', domain: 'unimelb.edu.au' },
	{ institution: 'Heidelberg University Hospital', domain: 'med.uni-heidelberg.de' },
	{ institution: 'University of Copenhagen', domain: 'ku.dk' },
] as const

/** Where the other applicants work. */
const APPLICANT_INSTITUTIONS = [
	{ institution: 'Johns Hopkins University', domain: 'jhu.edu' },
	{ institution: 'Sorbonne Université', domain: 'sorbonne-universite.fr' },
	{ institution: 'University of Tokyo', domain: 'u-tokyo.ac.jp' },
	{ institution: 'ETH Zürich', domain: 'ethz.ch' },
	{ institution: 'University of Cape Town', domain: 'uct.ac.za' },
	{ institution: 'Seoul National University', domain: 'snu.ac.kr' },
	{ institution: 'Universidade de São Paulo', domain: 'usp.br' },
	{ institution: 'McGill University', domain: 'mcgill.ca' },
	{ institution: 'University of Milan', domain: 'unimi.it' },
	{ institution: 'Aga Khan University', domain: 'aku.edu' },
	{ institution: 'University of Edinburgh', domain: 'ed.ac.uk' },
	{ institution: 'Monash University', domain: 'monash.edu' },
] as const

const TOPICS = [
	'cohort study',
	'clinical trial',
	'machine learning',
	'imaging',
	'genomics',
	'antimicrobial resistance',
	'health policy',
	'simulation training',
	'stem cells',
	'surveillance',
	'quality improvement',
	'biomarkers',
] as const

const DEPARTMENTS = SCHOOLS.flatMap((school) => school.departments.map((department) => ({ school: school.code, department: department.code })))

type Seeded = {
	db: Db
	callId: number
	seedMs: number
	/** Reviewer ids by id: their cap and open reviews before the proposal. */
	reviewers: Map<number, { cap: number; load: number; disabled: boolean }>
	/** Pairs the seed made conflicting, as `applicationId:reviewerId`: the proposal must avoid every one. */
	conflicts: Set<string>
}

/** Inserts `rows` in statements of 500 rows (SQLite binds a limited number of variables per statement). */
function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => void) {
	for (let start = 0; start < rows.length; start += 500) insert(rows.slice(start, start + 500))
}

function seed(): Seeded {
	const db = benchDatabase('suggestions')
	const rng = random(20_270_301)
	const conflicts = new Set<string>()
	const reviewers = new Map<number, { cap: number; load: number; disabled: boolean }>()
	const start = performance.now()
	const callId = insertCall(db, { year: 2027, now: NOW })
	const earlierCallId = insertCall(db, { year: 2026, now: new Date(NOW.getTime() - 365 * DAY) })
	// One transaction: with synchronous = FULL, a commit per statement would measure the disk, not the seed.
	db.transaction((tx) => {
		const stamps = { createdAt: NOW, updatedAt: NOW }

		// Reviewers: ten per institution, departments spread over every school, keywords from the field names
		// and the plan topics; two more are disabled (never proposed).
		const reviewerRows = Array.from({ length: REVIEWERS + 2 }, (_, index) => {
			const place = REVIEWER_INSTITUTIONS[index % REVIEWER_INSTITUTIONS.length]!
			const department = DEPARTMENTS[Math.floor((index * DEPARTMENTS.length) / (REVIEWERS + 2))]!
			const keywords = [rng.pick(FIELDS).name.en, rng.pick(FIELDS).name.en, rng.pick(TOPICS)]
			const number = String(index + 1).padStart(3, '0')
			return {
				email: `reviewer${number}@${place.domain}`,
				name: `Reviewer ${number}`,
				role: 'reviewer' as const,
				verifiedAt: NOW,
				disabledAt: index >= REVIEWERS ? NOW : null,
				department: department.department,
				keywords: keywords.join(', '),
				reviewCap: REVIEW_CAP,
				...stamps,
			}
		})
		const reviewerList = tx.insert(users).values(reviewerRows).returning({ id: users.id, email: users.email, disabledAt: users.disabledAt }).all()
		for (const reviewer of reviewerList) reviewers.set(reviewer.id, { cap: REVIEW_CAP, load: 0, disabled: reviewer.disabledAt !== null })
		const active = reviewerList.filter((reviewer) => reviewer.disabledAt === null)

		// Reviews already open in the earlier call: 15 reviewers with 1 to 5, one with 28 of 30.
		const busy = active.slice(0, 16).map((reviewer, index) => ({ reviewerId: reviewer.id, load: index === 15 ? REVIEW_CAP - 2 : 1 + (index % 5) }))
		const earlierApplicants = db
			.insert(users)
			.values(Array.from({ length: REVIEW_CAP }, (_, index) => ({ email: `earlier${index + 1}@example.org`, name: `Earlier applicant ${index + 1}`, role: 'applicant' as const, ...stamps })))
			.returning({ id: users.id })
			.all()
		const earlier = db
			.insert(applications)
			.values(
				earlierApplicants.map((applicant, index) => ({
					reference: formatReference(2026, index + 1),
					callId: earlierCallId,
					applicantId: applicant.id,
					status: 'under_review' as const,
					submittedAt: NOW,
					firstSubmittedAt: NOW,
					...stamps,
				})),
			)
			.returning({ id: applications.id })
			.all()
		const openReviews = busy.flatMap(({ reviewerId, load }) =>
			earlier.slice(0, load).map((application) => ({ applicationId: application.id, reviewerId, dueAt: new Date(NOW.getTime() + 14 * DAY), ...stamps })),
		)
		tx.insert(reviewAssignments).values(openReviews).run()
		for (const { reviewerId, load } of busy) reviewers.get(reviewerId)!.load = load

		// Applicants: 5 % at a reviewer's institution (same domain, so each conflicts with that institution's
		// reviewers), the others elsewhere.
		const applicantRows = Array.from({ length: APPLICATIONS }, (_, index) => {
			const insider = index % 20 === 7
			const place = insider ? REVIEWER_INSTITUTIONS[index % REVIEWER_INSTITUTIONS.length]! : rng.pick(APPLICANT_INSTITUTIONS)
			const number = String(index + 1).padStart(4, '0')
			return { insider, place, user: { email: `applicant${number}@${place.domain}`, name: `Applicant ${number}`, role: 'applicant' as const, ...stamps } }
		})
		const applicants: { id: number }[] = []
		insertChunked(applicantRows, (chunk) => applicants.push(...tx.insert(users).values(chunk.map((row) => row.user)).returning({ id: users.id }).all()))

		const applicationIds: number[] = []
		insertChunked(
			applicants.map((applicant, index) => ({
				reference: formatReference(2027, index + 1),
				callId,
				applicantId: applicant.id,
				status: 'submitted' as const,
				submittedAt: new Date(NOW.getTime() - (index % 30) * DAY),
				firstSubmittedAt: new Date(NOW.getTime() - (index % 30) * DAY),
				...stamps,
			})),
			(chunk) => applicationIds.push(...tx.insert(applications).values(chunk).returning({ id: applications.id }).all().map((row) => row.id)),
		)

		const steps: (typeof applicationSteps.$inferInsert)[] = []
		const refereeRows: (typeof referees.$inferInsert)[] = []
		const hostRows: (typeof hostEndorsements.$inferInsert)[] = []
		applicationIds.forEach((applicationId, index) => {
			const { insider, place, user } = applicantRows[index]!
			if (insider) for (const reviewer of active) if (reviewer.email.endsWith(`@${place.domain}`)) conflicts.add(`${applicationId}:${reviewer.id}`)
			const field: Field = rng.pick(FIELDS)
			const host = rng.pick(DEPARTMENTS)
			const [topic, other] = [rng.pick(TOPICS), rng.pick(TOPICS)]
			// 3 % name a reviewer as referee, 2 % have a reviewer as host.
			const refereeReviewer = index % 33 === 5 ? active[index % active.length]! : null
			const hostReviewer = index % 50 === 11 ? active[(index * 7) % active.length]! : null
			if (refereeReviewer) conflicts.add(`${applicationId}:${refereeReviewer.id}`)
			if (hostReviewer) conflicts.add(`${applicationId}:${hostReviewer.id}`)
			const named = [
				{ name: 'Prof Referee One', email: refereeReviewer?.email ?? `referee1-${applicationId}@example.org`, institution: 'University of Somewhere', relationship: 'Former head of department', locale: 'en' as const },
				{ name: 'Prof Referee Two', email: `referee2-${applicationId}@example.net`, institution: 'Institute of Elsewhere', relationship: 'Co-author', locale: 'en' as const },
			]
			const hostEmail = hostReviewer?.email ?? `host-${applicationId}@sbmu.ac.ir`
			const data = {
				personal: { title: 'dr', givenNames: 'Sam', familyName: `Applicant ${index + 1}`, email: user.email },
				academic: { institution: place.institution, position: 'professor', field: field.code },
				visit: { hostSchool: host.school, hostDepartment: host.department, hostName: 'Dr Host', hostEmail, hostLocale: 'en' },
				plan: {
					objectives: `Teach ${field.name.en.toLowerCase()} to residents and start a joint ${topic} project with the department.`,
					weeklyPlan: `Week 1: lectures on ${topic}. Week 2: workshops on ${other} with PhD students. Week 3: joint research and a seminar.`,
					expectedOutcomes: `A joint paper on ${topic} in ${field.name.en.toLowerCase()}, a grant proposal, and a course on ${other}.`,
				},
				referees: { referees: named },
			}
			for (const [step, value] of Object.entries(data)) {
				steps.push({ applicationId, step: step as keyof typeof data, data: value as Record<string, unknown>, updatedAt: NOW })
			}
			named.forEach((referee, slot) => refereeRows.push({ applicationId, slot: slot + 1, ...referee, requestedAt: NOW, createdAt: NOW }))
			hostRows.push({ applicationId, name: 'Dr Host', email: hostEmail, school: host.school, department: host.department, requestedAt: NOW, createdAt: NOW })
		})
		insertChunked(steps, (chunk) => tx.insert(applicationSteps).values(chunk).run())
		insertChunked(refereeRows, (chunk) => tx.insert(referees).values(chunk).run())
		insertChunked(hostRows, (chunk) => tx.insert(hostEndorsements).values(chunk).run())
	})
	return { db, callId, seedMs: performance.now() - start, reviewers, conflicts }
}

let seeded: Seeded | undefined
function seededOnce(): Seeded {
	if (!seeded) {
		seeded = seed()
		console.log(`  seeded 1 call, ${REVIEWERS} reviewers, ${formatNumber(APPLICATIONS)} applications in ${formatNumber(seeded.seedMs)} ms`)
	}
	return seeded
}

/**
 * What is wrong with the proposal, checked against the seed rather than the code under test: a cap exceeded, a
 * seeded conflict or a disabled reviewer proposed, a reviewer twice on one application, more than needed.
 */
function problemsOf(proposal: Proposal, { reviewers, conflicts }: Seeded): { problems: string[]; loads: Map<number, number> } {
	const problems: string[] = []
	const loads = new Map([...reviewers].filter(([, reviewer]) => !reviewer.disabled).map(([id, reviewer]) => [id, reviewer.load]))
	if (proposal.rows.length !== APPLICATIONS) problems.push(`${proposal.rows.length} rows, not ${APPLICATIONS}`)
	for (const row of proposal.rows) {
		if (row.reviewerIds.length > row.need) problems.push(`application ${row.applicationId}: ${row.reviewerIds.length} proposed for ${row.need}`)
		if (new Set(row.reviewerIds).size !== row.reviewerIds.length) problems.push(`application ${row.applicationId}: a reviewer twice`)
		if ((row.reviewerIds.length < row.need) !== (row.shortfall !== null)) problems.push(`application ${row.applicationId}: shortfall not reported`)
		for (const id of row.reviewerIds) {
			if (!loads.has(id)) problems.push(`application ${row.applicationId}: reviewer ${id} is not an active reviewer`)
			if (conflicts.has(`${row.applicationId}:${id}`)) problems.push(`application ${row.applicationId}: reviewer ${id} has a conflict`)
			loads.set(id, (loads.get(id) ?? 0) + 1)
		}
	}
	for (const [id, load] of loads) if (load > reviewers.get(id)!.cap) problems.push(`reviewer ${id}: ${load} reviews, cap ${reviewers.get(id)!.cap}`)
	for (const reviewer of proposal.reviewers) {
		if (reviewer.proposedLoad !== loads.get(reviewer.id)) problems.push(`reviewer ${reviewer.id}: proposed load ${reviewer.proposedLoad}, counted ${loads.get(reviewer.id)}`)
	}
	if (proposal.warnings.size > 0) problems.push(`${proposal.warnings.size} applications with warnings`)
	return { problems, loads }
}

const rowsOf = (proposal: Proposal | null) => proposal?.rows.map((row) => ({ applicationId: row.applicationId, reviewerIds: row.reviewerIds, shortfall: row.shortfall })) ?? []

export const cases: BenchCase[] = [
	{
		name: 'reviewer suggestions, 1,000 applications × 100 reviewers',
		target: `< ${formatNumber(TARGET_MS)} ms`,
		run: async () => {
			const data = seededOnce()
			const propose = () => proposeReviewers(data.db, { callId: data.callId })
			propose() // warm-up: compiled code, prepared statements, page cache
			const runs: number[] = []
			let proposal: Proposal | null = null
			for (let run = 0; run < 3; run++) {
				const result = await timed(propose)
				runs.push(result.ms)
				proposal = result.value
			}
			if (!proposal) return { figure: NaN, unit: 'ms', pass: false, detail: 'no proposal (call not found)' }
			const { problems, loads } = problemsOf(proposal, data)
			const full = proposal.rows.filter((row) => row.reviewerIds.length >= row.need).length
			// The seed leaves every application 90 or more eligible reviewers and 3,000 slots for 2,000 reviews.
			if (full !== APPLICATIONS) problems.push(`${APPLICATIONS - full} applications short`)
			const proposed = [...loads.values()]
			const before = [...data.reviewers.values()].map((reviewer) => reviewer.load)
			const figure = median(runs)
			return {
				figure,
				unit: 'ms',
				pass: figure < TARGET_MS && problems.length === 0,
				detail: [
					`runs ${runs.map((ms) => formatNumber(ms)).join(', ')} ms`,
					`seed ${formatNumber(data.seedMs)} ms`,
					`full N=${proposal.perApplication}: ${full}/${proposal.rows.length}`,
					`loads after min ${Math.min(...proposed)} max ${Math.max(...proposed)} (before max ${Math.max(...before)}, cap ${REVIEW_CAP})`,
					`${data.conflicts.size} seeded conflicts`,
					...(problems.length > 0 ? [`WRONG: ${problems.length} problems, e.g. ${problems.slice(0, 3).join('; ')}`] : []),
				].join('; '),
			}
		},
	},
	{
		name: 'reviewer suggestions deterministic',
		target: 'identical rows',
		run: async () => {
			const data = seededOnce()
			const first = rowsOf(proposeReviewers(data.db, { callId: data.callId }))
			const second = rowsOf(proposeReviewers(data.db, { callId: data.callId }))
			const differing = first.filter((row, index) => JSON.stringify(row) !== JSON.stringify(second[index])).length + Math.abs(first.length - second.length)
			return {
				figure: first.length,
				unit: 'rows',
				pass: first.length > 0 && differing === 0,
				detail: differing === 0 ? 'two proposals, row for row the same' : `${differing} rows differ`,
			}
		},
	},
]
