import { createReadableStreamFromReadable, type LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { recordAudit } from './audit.ts'
import { requireCall } from './calls.server.ts'
import { csvExport, jsonExport } from './office-export.server.ts'
import { tableQueryFrom, tableQueryParams } from './office-table.server.ts'

/** The export routes' one loader: who asks, which call, the view's query, an audit row, then the stream. */
export async function exportResponse({ request, context, params }: LoaderFunctionArgs, format: 'csv' | 'json'): Promise<Response> {
	const actor = await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const { db } = context
	const call = requireCall(db, params.id)
	const query = { ...tableQueryFrom(call.id, new URL(request.url).searchParams), page: 1 }
	// Personal data leaves the portal: who took which view, and when.
	db.transaction((tx) =>
		recordAudit(tx, {
			actorId: actor.id,
			action: 'call.exported',
			entity: 'call',
			entityId: call.id,
			data: { format, query: tableQueryParams(query).toString() },
			at: context.now(),
		}),
	)
	const stamp = context.now().toISOString().slice(0, 10)
	const name = `applications-${call.year}-call-${call.id}-${stamp}.${format}`
	const body = format === 'csv' ? csvExport(db, query, locale) : jsonExport(db, query)
	return new Response(createReadableStreamFromReadable(body), {
		headers: {
			'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}"`,
			'Cache-Control': 'no-store',
		},
	})
}
