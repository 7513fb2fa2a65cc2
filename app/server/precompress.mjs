// Compresses the browser's assets once, at build time, at the strongest levels (brotli 11, gzip 9), beside each file
// as <file>.br and <file>.gz; the server sends those (express-static-gzip) instead of compressing the same files on
// every request. Usage: node app/server/precompress.mjs build/client
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

/** Text formats worth compressing; images and fonts (woff2) are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.txt', '.map', '.html'])
/** Below this a compressed copy saves less than its headers cost (the same threshold as for pages). */
const MIN_BYTES = 1024

const root = path.resolve(process.argv[2] ?? 'build/client')
let files = 0
let before = 0
let after = 0
for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
	if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(entry.name))) continue
	const file = path.join(entry.parentPath ?? entry.path, entry.name)
	const content = fs.readFileSync(file)
	if (content.length < MIN_BYTES) continue
	const brotli = zlib.brotliCompressSync(content, {
		params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length },
	})
	fs.writeFileSync(`${file}.br`, brotli)
	fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }))
	files += 1
	before += content.length
	after += brotli.length
}
console.log(`Precompressed ${files} assets: ${Math.round(before / 1024)} KB, ${Math.round(after / 1024)} KB as brotli.`)
