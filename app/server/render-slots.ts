import type { NextFunction, Request, Response } from 'express'

/**
 * At most `slots` page requests (GET and HEAD) are inside Remix at once; the rest wait in arrival order. One Node process
 * renders on one core, so letting 50 pages interleave does not finish any sooner: each holds its data, its React tree
 * and its buffers for the whole time, and the peak memory grows with the queue (docs/performance.md). This queue, not a
 * heap ceiling, is what keeps the server's memory bounded under load.
 *
 * A slot is held until the answer's body is generated: the handler calls `res.locals.releaseRenderSlot()` then (for a
 * page, when the last byte is written; for a download, as soon as its headers are, so a file going out to a slow client
 * holds no slot), or the answer closes. `holdMs` is a safety net for a handler that never says. Forms (POST) are not
 * held back: they read bodies at the client's pace, and a slow upload must not keep pages waiting.
 *
 * The queue is bounded: past `queueLimit` waiting requests, or after `waitMs` in it, a request is answered 503 with
 * Retry-After, so an overload costs a quick refusal instead of memory and minutes of waiting.
 */
export type RenderSlotOptions = {
	slots: number
	/** Requests that may wait for a slot; one more is refused. */
	queueLimit?: number
	/** How long a request may wait for a slot before it is refused. */
	waitMs?: number
	/** A held slot passes on after this long whatever the handler does. */
	holdMs?: number
	/** The seconds a refused client is told to wait (Retry-After). */
	retryAfterSeconds?: number
}

declare module 'express-serve-static-core' {
	interface Locals {
		/** Gives the request's render slot back (render-slots.ts); safe to call more than once, or without a slot. */
		releaseRenderSlot?: () => void
	}
}

export function renderSlots({ slots, queueLimit = 200, waitMs = 10_000, holdMs = 30_000, retryAfterSeconds = 5 }: RenderSlotOptions) {
	let busy = 0
	const waiting: (() => void)[] = []
	const release = () => {
		const next = waiting.shift()
		if (next) next()
		else busy -= 1
	}
	const busyAnswer = (res: Response) => {
		res.status(503).set('Retry-After', String(retryAfterSeconds)).type('text/plain; charset=utf-8')
		res.send('The portal is busy. Please try again in a few seconds. / سامانه پرکار است. لطفاً چند ثانیه دیگر دوباره تلاش کنید.')
	}
	return (req: Request, res: Response, next: NextFunction) => {
		if (slots <= 0 || (req.method !== 'GET' && req.method !== 'HEAD')) return next()
		if (busy >= slots && waiting.length >= queueLimit) return busyAnswer(res)
		let state: 'waiting' | 'holding' | 'done' = 'waiting'
		let timer: NodeJS.Timeout | undefined
		const done = () => {
			if (state === 'holding') release()
			else if (state === 'waiting') waiting.splice(waiting.indexOf(start), 1)
			state = 'done'
			clearTimeout(timer)
		}
		const start = () => {
			clearTimeout(timer)
			state = 'holding'
			timer = setTimeout(done, holdMs).unref()
			res.locals.releaseRenderSlot = done
			next()
		}
		// The answer is finished or the client went away: a held slot passes on, a place in the queue is given up.
		res.once('close', done)
		if (busy < slots) {
			busy += 1
			start()
		} else {
			waiting.push(start)
			timer = setTimeout(() => {
				done()
				busyAnswer(res)
			}, waitMs).unref()
		}
	}
}
