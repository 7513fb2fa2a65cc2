import type { LoaderFunctionArgs } from '@remix-run/node'
import { eq } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { renderInvitationLetter } from '#app/documents/invitation-letter.server.ts'
import { recordAudit } from '#app/domain/audit.ts'
import { invitationLetterData } from '#app/domain/visits.server.ts'
import { applications } from '#db/schema.ts'
import { letterFilename } from '#app/documents/visit-file-names.ts'

/**
 * The invitation letter again, as it was emailed: for the visitor and the office only (never reviewers or the host).
 * 404 for anyone else and before the visit is confirmed; a cancelled visit's letter is not given out.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const applicationId = Number(params.id)
	const application = Number.isInteger(applicationId) ? context.db.select().from(applications).where(eq(applications.id, applicationId)).get() : undefined
	const allowed = application && (user.role === 'office' || (user.role === 'applicant' && application.applicantId === user.id))
	if (!application || !allowed || !['visit_confirmed', 'completed'].includes(application.status)) throw new Response(null, { status: 404 })
	const data = invitationLetterData(context.db, application.id, context.config.publicUrl)
	if (!data) throw new Response(null, { status: 404 })
	const pdf = await renderInvitationLetter(data)
	if (user.id !== application.applicantId) {
		context.db.transaction((tx) =>
			recordAudit(tx, { actorId: user.id, action: 'document.downloaded', entity: 'invitation_letter', entityId: application.id, applicationId: application.id, data: { name: 'invitation letter' }, at: context.now() }),
		)
	}
	return new Response(Buffer.from(pdf), {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': `attachment; filename="${letterFilename(application.reference)}"`,
			'Cache-Control': 'private, no-store',
			'X-Content-Type-Options': 'nosniff',
		},
	})
}
