import { data } from '@remix-run/node'

/**
 * Any address no other route claims. Answering 404 from a route (rather than letting Remix find no match)
 * runs the root loader, so the not-found page speaks the reader's language.
 */
export function loader() {
	throw data(null, { status: 404 })
}

export function action() {
	throw data(null, { status: 404 })
}

export default function NotFound() {
	return null
}
