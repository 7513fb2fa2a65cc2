import { useSearchParams } from '@remix-run/react'
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react'

/**
 * A form that the page renders only when it is asked for, so that a page of many forms does not send them all: until
 * then its heading (or a link in its place) is a link. Without JavaScript the link reloads the page with `?open=<name>`, which renders the form;
 * with JavaScript the form appears at once and its heading takes the focus. `forced` keeps it open (a failed answer
 * shows its errors in the form).
 */
export function useReveal<Target extends HTMLElement = HTMLHeadingElement>(name: string, forced = false) {
	const [searchParams] = useSearchParams()
	const [shown, setShown] = useState(false)
	const target = useRef<Target>(null)
	useEffect(() => {
		if (shown) target.current?.focus()
	}, [shown])
	const open = forced || shown || searchParams.getAll('open').includes(name)
	const id = `open-${name}`
	const show = (event: MouseEvent<HTMLAnchorElement>) => {
		if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
		event.preventDefault()
		setShown(true)
	}
	return {
		open,
		/** For the form's heading (or the form): its id, the link's fragment, and the focus once the form appears. */
		target: { id, ref: target, tabIndex: -1 },
		/** The heading's text: a link to the form until it is open. */
		title: (text: ReactNode) =>
			open ? (
				text
			) : (
				<a href={`?${new URLSearchParams({ open: name })}#${id}`} onClick={show}>
					{text}
				</a>
			),
	}
}
