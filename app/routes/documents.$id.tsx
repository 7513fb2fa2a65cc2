import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server.ts'
import { requireDocument } from '#app/domain/application-content.server.ts'
import { recordAudit } from '#app/domain/audit.ts'
import { attachmentDisposition, storedPath } from '#app/documents/storage.server.ts'

/** Downloads a document to whoever may read it (DOMAIN.md's table); a download by anyone but the owner is audited. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const { document, application } = requireDocument(context.db, params.id, user)
	const file = storedPath(context.config.uploadDir, document.storedName)
	if (!fs.existsSync(file)) throw new Response(null, { status: 404 })
	if (user.id !== application.applicantId) {
		context.db.transaction((tx) =>
			recordAudit(tx, {
				actorId: user.id,
				action: 'document.downloaded',
				entity: 'document',
				entityId: document.id,
				applicationId: application.id,
				data: { kind: document.kind },
				at: context.now(),
			}),
		)
	}
	const body = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>
	return new Response(body, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Length': String(document.size),
			'Content-Disposition': attachmentDisposition(document.originalName),
			'X-Content-Type-Options': 'nosniff',
			'Cache-Control': 'private, no-store',
		},
	})
}
