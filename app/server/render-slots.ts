import type { NextFunction, Request, Response } from 'express'

/**
 * At most `slots` page requests (GET and HEAD) are inside Remix at once; the rest wait in arrival order. One Node process
 * renders on one core, so letting 50 pages interleave does not finish any sooner: each holds its data, its React tree
 * and its buffers for the whole time, and the peak memory grows with the queue (docs/performance.md). Forms (POST)
 * are not held back: they read bodies at the client's pace, and a slow upload must not keep pages waiting. For the same
 * reason a slot is given back after `holdMs` even when the answer is still going out (a large file to a slow client):
 * a page renders in milliseconds, so a longer hold is the network's, not the processor's.
 */
export function renderSlots(slots: number, holdMs = 1000) {
	let busy = 0
	const waiting: (() => void)[] = []
	const release = () => {
		const next = waiting.shift()
		if (next) next()
		else busy -= 1
	}
	return (req: Request, res: Response, next: NextFunction) => {
		if (slots <= 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
		let state: 'waiting' | 'holding' | 'done' = 'waiting'
		let timer: NodeJS.Timeout | undefined
		const done = () => {
			if (state === 'holding') release()
			else if (state === 'waiting') waiting.splice(waiting.indexOf(start), 1)
			state = 'done'
			clearTimeout(timer)
		}
		const start = () => {
			state = 'holding'
			timer = setTimeout(done, holdMs).unref()
			next()
		}
		// The answer is finished or the client went away: a held slot passes on, a place in the queue is given up.
		res.once('close', done)
		if (busy < slots) {
			busy += 1
			start()
		} else {
			waiting.push(start)
		}
	}
}
