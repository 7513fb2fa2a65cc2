import type { SerializeFrom } from '@remix-run/node'
import { useFetcher, useMatches, useOutlet } from '@remix-run/react'
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

type Props<Loader> = {
	/** The child route that renders the section in full (its id, e.g. `routes/office.applications.$id.history`). */
	route: string
	/** Its address, and the id of the section's heading (the link's fragment, for a page loaded without JavaScript). */
	href: string
	anchor: string
	/** The section in full, from the child route's data. */
	children: (data: SerializeFrom<Loader>) => ReactNode
	/** The short version shown until then; `link(label)` is the link that opens the full one. */
	summary: (link: (label: ReactNode) => ReactNode) => ReactNode
}

/**
 * A section of a page that loads on demand. Until it is opened the page shows its summary with a link to a child
 * route of the page, which renders the page with that section in full (the parent places it with its <Outlet />),
 * so the link works without JavaScript. With JavaScript, the link loads the child route's data with a fetcher and
 * the section opens in place, taking the focus; an action on the page reloads it with the rest.
 */
export function OnDemand<Loader>({ route, href, anchor, children, summary }: Props<Loader>) {
	const { t } = useTranslate()
	const outlet = useOutlet()
	const open = useMatches().at(-1)?.id === route
	const fetcher = useFetcher<Loader>()
	const opened = useRef<HTMLDivElement>(null)
	const requested = useRef(false)
	useEffect(() => {
		if (fetcher.data !== undefined && requested.current) {
			requested.current = false
			opened.current?.focus()
		}
	}, [fetcher.data])
	if (open) return outlet
	if (fetcher.data !== undefined) {
		return (
			<div ref={opened} tabIndex={-1} className="focus:outline-none">
				{children(fetcher.data)}
			</div>
		)
	}
	const load = (event: MouseEvent<HTMLAnchorElement>) => {
		// A new tab or window gets the page with the section, as without JavaScript.
		if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
		event.preventDefault()
		requested.current = true
		fetcher.load(href)
	}
	const loading = fetcher.state === 'loading'
	return summary((label) => (
		<>
			<a href={`${href}#${anchor}`} onClick={load} aria-disabled={loading || undefined}>
				{label}
			</a>
			{/* The section takes the focus once it is loaded, which tells a screen reader; this is for the eye meanwhile. */}
			{loading ? <span className="ms-2 text-sm">{t('onDemand.loading')}</span> : null}
		</>
	))
}
