import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { expect, test } from './test.ts'

/**
 * How the production server sends its bytes (issue 23): the browser's assets as compressed once at build time, pages
 * compressed as they go out, small answers as they are.
 */

const CLIENT_DIR = path.resolve('build/client')

test('assets go out as the brotli or gzip copy made at build time, pages compressed, small answers plain', async ({ request }) => {
	const landing = await request.get('/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
	expect(landing.headers()['content-encoding']).toBe('br')
	expect(landing.headers()['vary']).toMatch(/Accept-Encoding/)
	const script = /\/assets\/[\w.-]+\.js/.exec(await landing.text())![0]
	const original = fs.readFileSync(path.join(CLIENT_DIR, script))

	for (const [accepted, encoding, suffix] of [
		['gzip, deflate, br', 'br', '.br'],
		['gzip', 'gzip', '.gz'],
	] as const) {
		const asset = await request.get(script, { headers: { 'Accept-Encoding': accepted }, maxRedirects: 0 })
		expect(asset.headers()['content-encoding']).toBe(encoding)
		// The file made at build time, sent as it is (with its length), not compressed again per request.
		expect(Number(asset.headers()['content-length'])).toBe(fs.statSync(path.join(CLIENT_DIR, `${script}${suffix}`)).size)
		expect(asset.headers()['cache-control']).toContain('immutable')
		expect(asset.headers()['content-type']).toMatch(/javascript/)
	}
	// Playwright decodes what it receives: the bytes are the file's.
	expect(Buffer.compare(await (await request.get(script, { headers: { 'Accept-Encoding': 'br' } })).body(), original)).toBe(0)
	expect(zlib.brotliDecompressSync(fs.readFileSync(path.join(CLIENT_DIR, `${script}.br`))).equals(original)).toBe(true)

	const health = await request.get('/healthz', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
	expect(health.headers()['content-encoding']).toBeUndefined()
	const icon = await request.get('/favicon.svg', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } })
	expect(icon.headers()['content-encoding']).toBeUndefined()
})
