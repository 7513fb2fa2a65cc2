import crypto from 'node:crypto'
import os from 'node:os'

/** A lease owner id unique to this process and loop: host, pid and a random suffix (pids repeat after restarts). */
export function leaseOwnerId(kind: string): string {
	return `${kind}:${os.hostname()}:${process.pid}:${crypto.randomBytes(4).toString('hex')}`
}

export type PollingLoop = {
	start(): void
	/** Stops polling and waits for the round in progress to finish. */
	stop(): Promise<void>
	/** Runs a round now instead of at the end of the current pause. */
	wake(): void
}

/**
 * Runs `round` again and again with a pause between rounds, one round at a time. A round that throws is logged and
 * the loop goes on: a database hiccup must not stop email for good.
 */
export function pollingLoop(name: string, round: () => Promise<unknown>, pauseMs: number): PollingLoop {
	let running = false
	let done: Promise<void> = Promise.resolve()
	let wakeUp: (() => void) | null = null

	const pause = () =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(finish, pauseMs)
			function finish() {
				clearTimeout(timer)
				wakeUp = null
				resolve()
			}
			wakeUp = finish
		})

	async function run() {
		while (running) {
			try {
				await round()
			} catch (error) {
				console.error(`${name}: a round failed; trying again in ${pauseMs} ms.`, error)
			}
			if (running) await pause()
		}
	}

	return {
		start() {
			if (running) return
			running = true
			done = run()
		},
		async stop() {
			running = false
			wakeUp?.()
			await done
		},
		wake() {
			wakeUp?.()
		},
	}
}
