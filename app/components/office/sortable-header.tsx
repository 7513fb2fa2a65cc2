import { Link, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export type SortDirection = 'asc' | 'desc'

/**
 * A table's column header that sorts by its column: a link (the order lives in the URL, so it survives a reload and
 * works without JavaScript) and `aria-sort` saying how the table is sorted now.
 */
export function SortableHeader({ column, children, sort, dir }: { column: string; children: ReactNode; sort: string; dir: SortDirection }) {
	const { t } = useTranslate()
	const [searchParams] = useSearchParams()
	const active = sort === column
	const next = new URLSearchParams(searchParams)
	next.set('sort', column)
	next.set('dir', active && dir === 'asc' ? 'desc' : 'asc')
	next.delete('page')
	return (
		<th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'} className="p-2 text-start">
			<Link to={`?${next}`} className="inline-flex items-center gap-1 text-slate-900">
				{children}
				<span aria-hidden="true" className="text-xs">
					{active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
				</span>
				{active ? <span className="sr-only">{t(dir === 'asc' ? 'office.table.sortedAsc' : 'office.table.sortedDesc')}</span> : null}
			</Link>
		</th>
	)
}

/** Reads `sort` and `dir` from the URL, falling back to the given default when the column is unknown. */
export function sortFrom<C extends string>(params: URLSearchParams, columns: readonly C[], fallback: C, fallbackDir: SortDirection = 'asc') {
	const sort = params.get('sort')
	const dir = params.get('dir')
	return {
		sort: (columns as readonly string[]).includes(sort ?? '') ? (sort as C) : fallback,
		dir: dir === 'asc' || dir === 'desc' ? dir : fallbackDir,
	}
}
