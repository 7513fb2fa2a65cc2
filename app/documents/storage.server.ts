import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Uploaded documents on disk: under UPLOAD_DIR (never public/), under a generated name, written while the
 * upload streams in and stopped at the size limit. A PDF is recognised by its content (`%PDF-`), not by its
 * name or declared type. Nothing is left on disk when an upload is refused.
 */

const PDF_MAGIC = Buffer.from('%PDF-')

export type UploadProblem = 'notPdf' | 'tooLarge' | 'empty'

export class UploadError extends Error {
	constructor(readonly problem: UploadProblem) {
		super(`Upload refused: ${problem}`)
		this.name = 'UploadError'
	}
}

export type StoredFile = { storedName: string; size: number; sha256: string }

/** Files live in two-character shards so no folder grows to hundreds of thousands of entries. */
export function storedPath(uploadDir: string, storedName: string): string {
	if (!/^[a-f0-9]{32}\.pdf$/.test(storedName)) throw new Error('Not a stored file name')
	return path.join(uploadDir, storedName.slice(0, 2), storedName)
}

export async function storeUpload(
	data: AsyncIterable<Uint8Array>,
	{ uploadDir, maxBytes }: { uploadDir: string; maxBytes: number },
): Promise<StoredFile> {
	const storedName = `${crypto.randomBytes(16).toString('hex')}.pdf`
	const finalPath = storedPath(uploadDir, storedName)
	const incoming = path.join(uploadDir, '.incoming')
	fs.mkdirSync(incoming, { recursive: true })
	fs.mkdirSync(path.dirname(finalPath), { recursive: true })
	const tempPath = path.join(incoming, storedName)
	const out = fs.createWriteStream(tempPath, { flags: 'wx', mode: 0o600 })
	const hash = crypto.createHash('sha256')
	let size = 0
	let head = Buffer.alloc(0)
	try {
		for await (const chunk of data) {
			size += chunk.byteLength
			if (size > maxBytes) throw new UploadError('tooLarge')
			if (head.length < PDF_MAGIC.length) {
				head = Buffer.concat([head, Buffer.from(chunk)]).subarray(0, PDF_MAGIC.length)
				if (head.length === PDF_MAGIC.length && !head.equals(PDF_MAGIC)) throw new UploadError('notPdf')
			}
			hash.update(chunk)
			if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
		}
		if (size === 0) throw new UploadError('empty')
		if (!head.equals(PDF_MAGIC)) throw new UploadError('notPdf')
		await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
		fs.renameSync(tempPath, finalPath)
		return { storedName, size, sha256: hash.digest('hex') }
	} catch (error) {
		// The file is opened asynchronously: wait until the stream has closed, or the temporary file could appear
		// after it was removed and stay behind.
		const closed = out.closed ? Promise.resolve() : new Promise<void>((resolve) => out.once('close', () => resolve()))
		out.destroy()
		await closed
		fs.rmSync(tempPath, { force: true })
		throw error
	}
}

export function removeStoredFile(uploadDir: string, storedName: string): void {
	fs.rmSync(storedPath(uploadDir, storedName), { force: true })
}

/**
 * Content-Disposition for a download: always an attachment, with the original name encoded per RFC 6266 /
 * RFC 5987 (an ASCII fallback and a UTF-8 `filename*`), so Persian names survive and nothing can break the header.
 */
export function attachmentDisposition(filename: string): string {
	const cleaned = filename.replace(/[\r\n"\\/]/g, '_').trim() || 'document.pdf'
	const ascii = cleaned.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_')
	const encoded = encodeURIComponent(cleaned).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

export type ReceivedUpload = { ok: true; file: StoredFile & { originalName: string } } | { ok: false; problem: UploadProblem | 'missing' }

/**
 * Reads a multipart form whose `file` field is a PDF and stores it (storeUpload), skipping any other part. Answers
 * what was stored, or why nothing was: not a PDF, too large, empty, or no file at all.
 */
export async function receivePdfUpload(
	request: Request,
	limits: { uploadDir: string; maxBytes: number },
	parse: (request: Request, handler: (part: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) => Promise<string | undefined>) => Promise<unknown>,
): Promise<ReceivedUpload> {
	let stored: (StoredFile & { originalName: string }) | null = null
	try {
		await parse(request, async ({ name, filename, data }) => {
			if (name !== 'file' || !filename || stored) {
				for await (const _chunk of data) void _chunk
				return undefined
			}
			const file = await storeUpload(data, limits)
			stored = { ...file, originalName: filename.slice(0, 255) }
			return file.storedName
		})
	} catch (error) {
		if (error instanceof UploadError) return { ok: false, problem: error.problem }
		// The form failed after the file was stored (its body was cut off or over its limit): no document will name it.
		const kept = stored as (StoredFile & { originalName: string }) | null
		if (kept) removeStoredFile(limits.uploadDir, kept.storedName)
		throw error
	}
	const file = stored as (StoredFile & { originalName: string }) | null
	return file ? { ok: true, file } : { ok: false, problem: 'missing' }
}

type MultipartParser = (request: Request, handler: (part: { name: string; filename?: string; data: AsyncIterable<Uint8Array> }) => Promise<string | undefined>) => Promise<unknown>

export type FormWithPdf = {
	/** Text fields, the first of each name, each up to `textLimit` bytes (a longer one is cut there). */
	field: (name: string) => string | undefined
	file: (StoredFile & { originalName: string }) | null
	problem: UploadProblem | null
}

/**
 * Reads a form of text fields and at most one PDF in `fileField` (stored with storeUpload unless `acceptFile` is
 * false). A form sent without multipart encoding (so without a file) is read as it is. An upload refused part-way
 * answers its problem with the text fields read so far (the file input comes last in the portal's forms, so what was
 * typed comes back with the error).
 */
export async function receiveFormWithPdf(
	request: Request,
	{ fileField, limits, textLimit, acceptFile = true, parse }: { fileField: string; limits: { uploadDir: string; maxBytes: number }; textLimit: number; acceptFile?: boolean; parse: MultipartParser },
): Promise<FormWithPdf> {
	if (!(request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
		const form = await request.formData()
		return { field: (name) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : undefined), file: null, problem: null }
	}
	const fields = new Map<string, string>()
	let file: (StoredFile & { originalName: string }) | null = null
	let problem: UploadProblem | null = null
	try {
		await parse(request, async ({ name, filename, data }) => {
			if (name === fileField && filename && !file && acceptFile) {
				const stored = await storeUpload(data, limits)
				file = { ...stored, originalName: filename.slice(0, 255) }
				return stored.storedName
			}
			const parts: Uint8Array[] = []
			let size = 0
			for await (const chunk of data) {
				size += chunk.byteLength
				if (!filename && size <= textLimit) parts.push(chunk)
			}
			if (!filename && !fields.has(name)) fields.set(name, Buffer.concat(parts).toString('utf8'))
			return undefined
		})
	} catch (error) {
		if (!(error instanceof UploadError)) {
			const kept = file as (StoredFile & { originalName: string }) | null
			if (kept) removeStoredFile(limits.uploadDir, kept.storedName)
			throw error
		}
		problem = error.problem
	}
	return { field: (name) => fields.get(name), file, problem }
}
