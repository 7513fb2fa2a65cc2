import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server for tests, on 127.0.0.1 and a random port, that keeps what it receives (parsed by mailparser).
 * It can stop listening for a while (clients see "connection refused") and answer the next recipients with a
 * chosen reply (451, 550, …).
 */

export type ReceivedMail = ParsedMail & { envelopeTo: string[] }

type Reply = { code: number; message: string }

export class SmtpSink {
	readonly received: ReceivedMail[] = []
	/** Connections accepted, whatever became of them. */
	connections = 0
	private server: SMTPServer | null = null
	private replies: Reply[] = []
	private standingReply: Reply | null = null
	private waiters: Array<() => void> = []

	private constructor(public port: number) {}

	/** Starts on a free port. */
	static async start(): Promise<SmtpSink> {
		const sink = new SmtpSink(0)
		await sink.listen()
		return sink
	}

	/** An SMTP_URL for this server, with credentials (the sink accepts any). */
	get url(): string {
		return `smtp://portal:secret@127.0.0.1:${this.port}`
	}

	private listen(): Promise<void> {
		const server = new SMTPServer({
			authOptional: true,
			allowInsecureAuth: true,
			disabledCommands: ['STARTTLS'],
			logger: false,
			closeTimeout: 200,
			onConnect: (_session, callback) => {
				this.connections += 1
				callback()
			},
			onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
			onRcptTo: (_address, _session, callback) => {
				const reply = this.replies.shift() ?? this.standingReply
				if (!reply) return callback()
				callback(Object.assign(new Error(reply.message), { responseCode: reply.code }))
			},
			onData: (stream, session, callback) => {
				simpleParser(stream)
					.then((mail) => {
						this.received.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) }))
						for (const wake of this.waiters.splice(0)) wake()
						callback()
					})
					.catch(callback)
			},
		})
		this.server = server
		return new Promise((resolve, reject) => {
			server.server.once('error', reject)
			server.listen(this.port, '127.0.0.1', () => {
				const address = server.server.address()
				if (address && typeof address === 'object') this.port = address.port
				resolve()
			})
		})
	}

	private closeServer(): Promise<void> {
		const server = this.server
		this.server = null
		return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()))
	}

	/** Stops listening: connections are refused until `acceptConnections`. */
	refuseConnections(): Promise<void> {
		return this.closeServer()
	}

	/** Listens again on the same port. */
	acceptConnections(): Promise<void> {
		return this.server ? Promise.resolve() : this.listen()
	}

	/** The next `times` recipients get this reply instead of 250 (e.g. 550 "No such user", 451 "Try later"). */
	answerNext(code: number, message: string, times = 1): void {
		for (let i = 0; i < times; i += 1) this.replies.push({ code, message })
	}

	/** Every recipient gets this reply (e.g. 451) until `answerNormally`. */
	answerAll(code: number, message: string): void {
		this.standingReply = { code, message }
	}

	answerNormally(): void {
		this.standingReply = null
	}

	/** Resolves when `count` messages have arrived in all; rejects after `timeoutMs`. */
	async waitForMessages(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
		const deadline = Date.now() + timeoutMs
		while (this.received.length < count) {
			const left = deadline - Date.now()
			if (left <= 0) throw new Error(`Expected ${count} messages, received ${this.received.length}`)
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left)
				this.waiters.push(() => {
					clearTimeout(timer)
					resolve()
				})
			})
		}
		return this.received.slice(0, count)
	}

	/** How many times each Message-ID arrived, for duplicate checks. */
	countsByMessageId(): Map<string, number> {
		const counts = new Map<string, number>()
		for (const mail of this.received) counts.set(mail.messageId ?? '', (counts.get(mail.messageId ?? '') ?? 0) + 1)
		return counts
	}

	stop(): Promise<void> {
		return this.closeServer()
	}
}
