import { data, type ActionFunctionArgs, type ServerBuild } from '@remix-run/node'
import { tooLargeBody } from './request-bodies.ts'

/**
 * A form body that cannot be read (a multipart body without its boundary or cut off, a form type fetch cannot parse)
 * makes `request.formData()` throw a TypeError and Remix's multipart parser (the uploads) throw an Error, which Remix
 * would answer with 500. Every action is wrapped so that such a body is answered with 400 instead, and no route has
 * to guard its own read. A body over its limit (request-bodies.ts) fails the same reads; it is answered with 413 and
 * the page that says how much the portal accepts.
 */

/** What @remix-run/node's unstable_parseMultipartFormData throws for a body it cannot read. */
const UNREADABLE_MULTIPART = /^(?:Could not parse content as FormData|malformed (?:multipart-form|content-disposition))/

const unreadable = () => new Response(null, { status: 400, statusText: 'Unreadable form' })
const tooLarge = (limitBytes: number) => data({ limitBytes }, { status: 413, statusText: 'Content Too Large' })

export function readableFormAction<A extends (args: ActionFunctionArgs) => unknown>(action: A): A {
	return (async (args: ActionFunctionArgs) => {
		const { request } = args
		const formData = request.formData.bind(request)
		request.formData = async () => {
			try {
				return await formData()
			} catch (error) {
				const refused = tooLargeBody(error)
				if (refused) throw tooLarge(refused.limitBytes)
				if (error instanceof TypeError) throw unreadable()
				throw error
			}
		}
		try {
			return await action(args)
		} catch (error) {
			const refused = tooLargeBody(error)
			if (refused) throw tooLarge(refused.limitBytes)
			if (error instanceof Error && UNREADABLE_MULTIPART.test(error.message)) throw unreadable()
			throw error
		}
	}) as A
}

/** The build with every route's action wrapped by readableFormAction. */
export function withReadableForms(build: ServerBuild): ServerBuild {
	const routes = Object.fromEntries(
		Object.entries(build.routes).map(([id, route]) => {
			const action = route.module.action
			return [id, action ? { ...route, module: { ...route.module, action: readableFormAction(action) } } : route]
		}),
	)
	return { ...build, routes }
}
