import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/session.server.ts'
import { yearReportCsv } from '#app/domain/year-report-export.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'

/** The year report: the dashboard's figures for every call of a year, one row per call, as CSV (UTF-8 with BOM). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
	await requireUser(request, context, { can: 'calls:read' })
	const locale = await getLocale(request)
	const year = Number(params.year)
	if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new Response(null, { status: 404 })
	const csv = yearReportCsv(context.db, year, context.now(), locale)
	if (csv === null) throw new Response(null, { status: 404 })
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="year-report-${year}.csv"`,
			'Cache-Control': 'no-store',
		},
	})
}
