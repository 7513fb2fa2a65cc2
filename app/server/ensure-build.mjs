// `npm start` runs this first: it builds the portal when there is no build, or when a source file is
// newer than the build, so `npm install && npm start` works on a fresh clone and after a `git pull`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const output = path.resolve('build', 'server.js')
const sources = ['app', 'db', 'emails', 'public', 'package.json', 'package-lock.json', 'vite.config.ts']

function newestMtime(entry) {
	if (!fs.existsSync(entry)) return 0
	const stat = fs.statSync(entry)
	if (!stat.isDirectory()) return stat.mtimeMs
	let newest = stat.mtimeMs
	for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
	return newest
}

const builtAt = fs.existsSync(output) ? fs.statSync(output).mtimeMs : 0
const changedAt = Math.max(...sources.map(newestMtime))
if (builtAt < changedAt) {
	console.log(builtAt ? 'Sources changed since the last build: building…' : 'No build yet: building…')
	const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' })
	if (result.status !== 0) process.exit(result.status ?? 1)
}
