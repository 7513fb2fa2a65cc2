import { Link, useSearchParams } from '@remix-run/react'

/** Previous and next page links that keep the page's filters (they live in the URL). */
export function Pagination({
	page,
	pageCount,
	label,
	previous,
	next,
	current,
}: {
	page: number
	pageCount: number
	label: string
	previous: string
	next: string
	/** Where the reader is, e.g. "Page 2 of 7". */
	current?: string
}) {
	const [searchParams] = useSearchParams()
	if (pageCount <= 1) return null
	const pageLink = (target: number) => {
		const params = new URLSearchParams(searchParams)
		params.set('page', String(target))
		return `?${params}`
	}
	return (
		<nav aria-label={label} className="flex flex-wrap items-center gap-4">
			{page > 1 ? <Link to={pageLink(page - 1)}>{previous}</Link> : null}
			{current ? <span aria-current="page">{current}</span> : null}
			{page < pageCount ? <Link to={pageLink(page + 1)}>{next}</Link> : null}
		</nav>
	)
}
