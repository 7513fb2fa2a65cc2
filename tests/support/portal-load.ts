import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { storedPath } from '#app/documents/storage.server.ts'
import type { Db } from '#db/client.ts'
import { sessionCookie, type Portal } from './app.ts'
import { bundleScript } from './child-process.ts'
import { insertUser, placeApplication } from './lifecycle.ts'

/**
 * Write load on a portal server of its own process (crash-server-process.ts), for the crash and backup tests of the
 * fault battery: applicants who each save a step, upload their CV or submit, and the checks that what was answered is
 * there and the database and the uploads are whole.
 */

export type Operation = { applicationId: number; cookie: string; kind: 'save' | 'upload' | 'submit'; marker: string }
export type Server = { child: ChildProcess; port: number; swept: number }

/** A random number generator from a seed, so a failing run can be replayed (FAULTS_SEED=…). */
export function seeded(seed: number) {
	let state = seed >>> 0 || 1
	return () => {
		state ^= state << 13
		state ^= state >>> 17
		state ^= state << 5
		return (state >>> 0) / 2 ** 32
	}
}

/** Starts the server on a database file and upload folder; resolves once it listens. */
export async function startServer(file: string, uploadDir: string, secret: string, source = 'tests/support/crash-server-process.ts'): Promise<Server> {
	const script = await bundleScript(source)
	const child = spawn(process.execPath, [script, file, uploadDir, secret], { stdio: ['ignore', 'pipe', 'pipe'] })
	let stderr = ''
	child.stderr!.on('data', (chunk) => (stderr += String(chunk)))
	let swept = 0
	const port = await new Promise<number>((resolve, reject) => {
		readline.createInterface({ input: child.stdout! }).on('line', (line) => {
			if (line.startsWith('swept ')) {
				const { incoming, orphans } = JSON.parse(line.slice('swept '.length)) as { incoming: number; orphans: number }
				swept = incoming + orphans
			}
			if (line.startsWith('listening ')) resolve(Number(line.slice('listening '.length)))
		})
		child.once('exit', (code) => reject(new Error(`The server exited with ${code} before it listened: ${stderr}`)))
	})
	return { child, port, swept }
}

export const pdf = (marker: string) => `%PDF-1.4\n% ${marker}\n%%EOF\n`
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex')

/**
 * `count` applicants, each with a complete draft (its CV on disk) and a session, and what each will do: save the plan
 * (45 %), upload a CV (25 %) or submit (30 %). Each answer carries a marker of its own to find it by.
 */
export async function prepareOperations(portal: Portal, { callId, uploadDir, count, random, label }: { callId: number; uploadDir: string; count: number; random: () => number; label: string }) {
	const { db, clock } = portal
	const operations: Operation[] = []
	for (let i = 0; i < count; i += 1) {
		const applicant = insertUser(db, { role: 'applicant' })
		const draft = placeApplication(db, { callId, applicantId: applicant.id, now: clock.now() })
		const rows = db.$client.prepare('select stored_name as storedName from documents where application_id = ?').all(draft.id) as Array<{ storedName: string }>
		for (const { storedName } of rows) {
			fs.mkdirSync(path.dirname(storedPath(uploadDir, storedName)), { recursive: true })
			fs.writeFileSync(storedPath(uploadDir, storedName), pdf('fixture'))
		}
		const cookie = await sessionCookie(portal, applicant.id)
		const pick = random()
		const kind = pick < 0.45 ? 'save' : pick < 0.7 ? 'upload' : 'submit'
		operations.push({ applicationId: draft.id, cookie, kind, marker: `${label} operation ${i} ${crypto.randomUUID()}` })
	}
	return operations
}

/** Sends one operation as a browser would; true when the answer says it was done. */
export async function send({ port }: Pick<Server, 'port'>, operation: Operation): Promise<boolean> {
	const base = `http://127.0.0.1:${port}/applications/${operation.applicationId}`
	const headers = { Cookie: operation.cookie }
	if (operation.kind === 'upload') {
		const form = new FormData()
		form.append('file', new Blob([pdf(operation.marker)], { type: 'application/pdf' }), 'cv.pdf')
		const response = await fetch(`${base}/academic?document=cv`, { method: 'POST', headers, body: form, redirect: 'manual' })
		await response.arrayBuffer()
		return response.status === 200
	}
	const fields: Record<string, string> =
		operation.kind === 'save'
			? { objectives: operation.marker, weeklyPlan: 'Week 1: lectures.', expectedOutcomes: 'A joint paper.', intent: 'save' }
			: { accuracy: 'yes', consent: 'yes', version: '1' }
	const response = await fetch(`${base}/${operation.kind === 'save' ? 'plan' : 'submit'}`, {
		method: 'POST',
		headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(fields),
		redirect: 'manual',
	})
	await response.arrayBuffer()
	const location = response.headers.get('Location') ?? ''
	return operation.kind === 'save' ? location.endsWith('/plan?saved=1') : location.endsWith('/submitted')
}

const query = <T>(db: Db, sql: string, ...args: unknown[]) => db.$client.prepare(sql).all(...args) as T[]

/** Whether an operation's answer is in the database. */
export function isPresent(db: Db, operation: Operation): boolean {
	const id = operation.applicationId
	if (operation.kind === 'save') {
		const [step] = query<{ data: string }>(db, `select data from application_steps where application_id = ? and step = 'plan'`, id)
		return (JSON.parse(step?.data ?? '{}') as { objectives?: string }).objectives === operation.marker
	}
	if (operation.kind === 'upload') {
		return query(db, `select id from documents where application_id = ? and kind = 'cv' and sha256 = ?`, id, sha256(pdf(operation.marker))).length === 1
	}
	return query(db, `select id from applications where id = ? and status = 'submitted'`, id).length === 1
}

/**
 * What must hold of a database and its uploads, as problems found (none when all is well): the file is whole, its
 * foreign keys hold, every acknowledged operation is there, every status has its status change, every document row has
 * its file and every file its row (no unfinished upload left either), and every submission queued its emails once.
 */
export function problems(db: Db, uploadDir: string, acknowledged: Operation[]): string[] {
	const found: string[] = []
	const integrity = query<{ integrity_check: string }>(db, 'pragma integrity_check')
	if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') found.push(`integrity_check: ${JSON.stringify(integrity)}`)
	const foreignKeys = query(db, 'pragma foreign_key_check')
	if (foreignKeys.length > 0) found.push(`foreign_key_check: ${JSON.stringify(foreignKeys.slice(0, 3))}`)

	for (const operation of acknowledged) if (!isPresent(db, operation)) found.push(`the acknowledged ${operation.kind} of ${operation.applicationId} is lost`)
	const unrecorded = query<{ id: number; status: string }>(
		db,
		`select id, status from applications a where status <> 'draft' and status <> coalesce(
			(select to_status from status_changes s where s.application_id = a.id order by s.id desc limit 1), 'draft')`,
	)
	for (const { id, status } of unrecorded) found.push(`application ${id} is ${status} without its status change`)

	const rows = query<{ storedName: string }>(db, 'select stored_name as storedName from documents')
	for (const { storedName } of rows) if (!fs.existsSync(storedPath(uploadDir, storedName))) found.push(`document ${storedName} has no file`)
	const named = new Set(rows.map((row) => row.storedName))
	const files = fs.existsSync(uploadDir) ? fs.readdirSync(uploadDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()) : []
	for (const entry of files) {
		if (!named.has(entry.name)) found.push(`file ${path.relative(uploadDir, path.join(entry.parentPath, entry.name))} has no document row`)
	}

	const twice = query<{ applicationId: number; toAddress: string; count: number }>(
		db,
		`select application_id as applicationId, to_address as toAddress, count(*) as count from outbox
			group by application_id, to_address, template having count(*) > 1`,
	)
	for (const row of twice) found.push(`the email to ${row.toAddress} for ${row.applicationId} is queued ${row.count} times`)
	const unannounced = query<{ id: number }>(
		db,
		`select id from applications a where status = 'submitted' and (select count(*) from outbox o where o.application_id = a.id
			and o.to_address in ((select email from users u where u.id = a.applicant_id), 'office@portal.test')) <> 2`,
	)
	for (const { id } of unannounced) found.push(`the submission of ${id} lost its emails`)
	return found
}
