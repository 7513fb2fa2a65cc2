import crypto from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

/**
 * Request safety for every route: a Content-Security-Policy with a per-request nonce, the usual hardening
 * headers, a refusal of cross-site writes, and a 415 for form posts of a content type no form sends.
 */

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

export function securityHeaders({ reportOnly }: { reportOnly: boolean }) {
	return (_req: Request, res: Response, next: NextFunction) => {
		const nonce = crypto.randomBytes(16).toString('base64')
		res.locals.cspNonce = nonce
		const policy = [
			"default-src 'self'",
			`script-src 'self' 'nonce-${nonce}'${reportOnly ? " 'unsafe-inline'" : ''}`,
			"style-src 'self' 'unsafe-inline'",
			"img-src 'self' data:",
			"font-src 'self'",
			`connect-src 'self'${reportOnly ? ' ws: wss:' : ''}`,
			"object-src 'none'",
			"base-uri 'self'",
			"form-action 'self'",
			"frame-ancestors 'none'",
		].join('; ')
		res.setHeader(reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy', policy)
		res.setHeader('X-Content-Type-Options', 'nosniff')
		res.setHeader('X-Frame-Options', 'DENY')
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
		next()
	}
}

/**
 * Whether a state-changing request comes from another site: the browser says so (Sec-Fetch-Site), or its Origin is
 * neither the public address nor the Host it reached us by (no proxy in front, or one that passes the Host on).
 */
export function isCrossSite(headers: { origin?: string; 'sec-fetch-site'?: string; host?: string }, publicUrl: string): boolean {
	const site = headers['sec-fetch-site']
	if (site && site !== 'same-origin' && site !== 'none') return true
	const origin = headers.origin
	if (origin === undefined) return false
	if (origin === 'null') return true
	const allowed = new Set([new URL(publicUrl).origin])
	if (headers.host) {
		allowed.add(`http://${headers.host}`)
		allowed.add(`https://${headers.host}`)
	}
	return !allowed.has(origin)
}

/**
 * Refuses cross-site writes with 403. A write that passes goes on without its Origin header: this check has decided,
 * and Remix's own (Origin against X-Forwarded-Host or Host) would throw, answering 500, behind a proxy that passes
 * neither the public Host nor X-Forwarded-Host (nginx's default), where Origin is the public address and Host the
 * upstream's (docs/operations.md).
 */
export function refuseCrossSiteWrites(publicUrl: string) {
	return (req: Request, res: Response, next: NextFunction) => {
		if (SAFE_METHODS.has(req.method)) return next()
		const crossSite = isCrossSite(
			{
				origin: req.get('origin'),
				'sec-fetch-site': req.get('sec-fetch-site'),
				host: req.get('host'),
			},
			publicUrl,
		)
		if (crossSite) {
			res.status(403).type('text/plain').send('This request came from another site and was refused.')
			return
		}
		delete req.headers.origin
		next()
	}
}

/** Remix reads action bodies as forms; any other content type is answered here rather than failing inside. */
export function requireFormBodies() {
	return (req: Request, res: Response, next: NextFunction) => {
		if (SAFE_METHODS.has(req.method)) return next()
		const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined
		const type = (req.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
		if (hasBody && !FORM_TYPES.includes(type)) {
			res.status(415).type('text/plain').send('Send this form as application/x-www-form-urlencoded or multipart/form-data.')
			return
		}
		next()
	}
}
