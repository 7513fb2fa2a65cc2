import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { bodyLimit, FORM_LIMIT, tooLargeBody, BodyTooLargeError, UPLOAD_ROUTES } from '#app/server/request-bodies.ts'

const UPLOAD_MAX = 10 * 1024 * 1024
const routesDir = path.resolve('app/routes')

/** A URL a flat route file answers: `applications.$id.follow-up.tsx` → /applications/7/follow-up. */
function samplePath(file: string): string {
	const name = file.replace(/\.tsx?$/, '').replace(/\[\.\]/g, '§')
	const segments = name
		.split('.')
		.filter((segment) => segment !== '_index' && !segment.startsWith('_'))
		.map((segment) => (segment.startsWith('$') ? '7' : segment.replaceAll('§', '.')))
	return `/${segments.join('/')}`
}

describe('body limits', () => {
	const routeFiles = fs.readdirSync(routesDir).filter((file) => /\.tsx?$/.test(file))
	const source = (file: string) => fs.readFileSync(path.join(routesDir, file), 'utf8')
	const uploads = routeFiles.filter((file) => /unstable_parseMultipartFormData\b/.test(source(file)))

	it('knows every route that reads an upload, and no other', () => {
		expect(uploads.length).toBeGreaterThanOrEqual(4)
		for (const file of uploads) {
			const path = samplePath(file)
			const route = UPLOAD_ROUTES.find((entry) => entry.path.test(path))
			expect(route, `${file} (${path}) reads an upload but has no entry in UPLOAD_ROUTES`).toBeDefined()
			const url = new URL(`http://portal.test${path}${route?.query ? `?${route.query}=cv` : ''}`)
			expect(bodyLimit('POST', url, 'multipart/form-data; boundary=x', UPLOAD_MAX)).toBeGreaterThan(UPLOAD_MAX)
		}
		for (const file of routeFiles.filter((file) => !uploads.includes(file) && /export (async )?function action/.test(source(file)))) {
			const url = new URL(`http://portal.test${samplePath(file)}`)
			expect(bodyLimit('POST', url, 'multipart/form-data; boundary=x', UPLOAD_MAX), `${file} reads no upload`).toBe(FORM_LIMIT)
		}
	})

	it('gives forms 1 MiB, uploads the upload limit and a little, and GET nothing', () => {
		const step = new URL('http://portal.test/applications/7/academic?document=cv')
		expect(bodyLimit('POST', step, 'application/x-www-form-urlencoded', UPLOAD_MAX)).toBe(FORM_LIMIT)
		expect(bodyLimit('POST', new URL('http://portal.test/applications/7/academic'), 'multipart/form-data', UPLOAD_MAX)).toBe(FORM_LIMIT)
		expect(bodyLimit('POST', step, 'multipart/form-data; boundary=x', UPLOAD_MAX)).toBe(UPLOAD_MAX + FORM_LIMIT)
		expect(bodyLimit('GET', step, undefined, UPLOAD_MAX)).toBe(0)
		expect(bodyLimit('HEAD', step, undefined, UPLOAD_MAX)).toBe(0)
	})

	it('recognises a refused body however a reader wraps it', () => {
		const refused = new BodyTooLargeError(FORM_LIMIT)
		expect(tooLargeBody(refused)).toBe(refused)
		expect(tooLargeBody(new TypeError('terminated', { cause: refused }))).toBe(refused)
		expect(tooLargeBody(new TypeError('terminated'))).toBeNull()
	})
})
