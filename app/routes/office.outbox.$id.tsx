import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { and, eq } from 'drizzle-orm'
import { requireUser } from '#app/auth/session.server.ts'
import { EmailHtml, EmailText } from '#app/components/email-body.tsx'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { recordAudit } from '#app/domain/audit.ts'
import { openOutboxEmail } from '#app/email/outbox-view.server.ts'
import { formatNumber } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { outbox } from '#db/schema.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'office.outbox.email')

function emailId(params: { id?: string }): number {
	const id = Number(params.id)
	if (!Number.isInteger(id) || id < 1) throw new Response(null, { status: 404 })
	return id
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'outbox:read' })
	const email = await openOutboxEmail(context.db, emailId(params))
	if (!email) throw new Response(null, { status: 404 })
	return {
		id: email.id,
		to: email.toName ? `${email.toName} <${email.to}>` : email.to,
		subject: email.subject,
		template: email.template,
		locale: email.locale,
		status: email.status,
		attempts: email.attempts,
		lastError: email.lastError ? `${email.lastErrorCode ?? ''} ${email.lastError}`.trim() : null,
		messageId: email.messageId,
		html: email.html,
		text: email.text,
	}
}

/** Retry a failed email: it goes back to the queue and the worker sends it as soon as it can. */
export async function action({ request, context, params }: ActionFunctionArgs) {
	const user = await requireUser(request, context, { can: 'outbox:retry' })
	const id = emailId(params)
	const now = context.now()
	const retried = context.db.transaction(
		(tx) => {
			const result = tx
				.update(outbox)
				.set({ status: 'pending', notBefore: now, attempts: 0, leaseOwner: null, leaseExpiresAt: null, createdAt: now, updatedAt: now })
				.where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
				.run()
			if (result.changes === 1) {
				recordAudit(tx, { actorId: user.id, action: 'email.retried', entity: 'email', entityId: id, at: now })
			}
			return result.changes === 1
		},
		{ behavior: 'immediate' },
	)
	return data({ retried }, retried ? 200 : 409)
}

export default function OutboxEmail() {
	const { t, locale } = useTranslate()
	const email = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	return (
		<div className="space-y-6">
			<p>
				<Link to="/office/outbox">{t('office.outbox.back')}</Link>
			</p>
			<PageHeading title={email.subject ?? t('office.outbox.noSubject')} />
			{actionData ? (
				<Panel tone={actionData.retried ? 'success' : 'warning'}>
					<p role="status">{t(actionData.retried ? 'office.outbox.retried' : 'office.outbox.notRetried')}</p>
				</Panel>
			) : null}
			<dl className="grid max-w-3xl gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
				<dt className="font-semibold">{t('office.outbox.col.to')}</dt>
				<dd dir="ltr" className="text-start">{email.to}</dd>
				<dt className="font-semibold">{t('office.outbox.col.template')}</dt>
				<dd className="font-mono text-sm">{email.template} ({email.locale})</dd>
				<dt className="font-semibold">{t('office.outbox.col.status')}</dt>
				<dd>{t(`office.outbox.status.${email.status}`)}</dd>
				<dt className="font-semibold">{t('office.outbox.col.attempts')}</dt>
				<dd>{formatNumber(email.attempts, locale)}</dd>
				{email.lastError ? (
					<>
						<dt className="font-semibold">{t('office.outbox.lastError')}</dt>
						<dd className="text-red-800">{email.lastError}</dd>
					</>
				) : null}
				{email.messageId ? (
					<>
						<dt className="font-semibold">Message-ID</dt>
						<dd dir="ltr" className="break-all font-mono text-xs">{email.messageId}</dd>
					</>
				) : null}
			</dl>
			{email.status === 'failed' ? (
				<Form method="post">
					<SubmitButton>{t('office.outbox.retry')}</SubmitButton>
				</Form>
			) : null}
			<section aria-labelledby="email-html" className="space-y-2">
				<h2 id="email-html" className="text-xl font-semibold">{t('office.outbox.html')}</h2>
				{/* Links that carry a token are hidden already. */}
				<EmailHtml title={t('office.outbox.html')} html={email.html} />
			</section>
			<section aria-labelledby="email-text" className="space-y-2">
				<h2 id="email-text" className="text-xl font-semibold">{t('office.outbox.text')}</h2>
				<EmailText text={email.text} locale={email.locale} />
			</section>
		</div>
	)
}
