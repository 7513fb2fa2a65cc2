import type { ActionFunctionArgs, ServerBuild } from '@remix-run/node'

/**
 * A form body that cannot be read (a multipart body without its boundary or cut off, a form type fetch cannot parse)
 * makes `request.formData()` throw a TypeError and Remix's multipart parser (the uploads) throw an Error, which Remix
 * would answer with 500. Every action is wrapped so that such a body is answered with 400 instead, and no route has
 * to guard its own read.
 */

/** What @remix-run/node's unstable_parseMultipartFormData throws for a body it cannot read. */
const UNREADABLE_MULTIPART = /^(?:Could not parse content as FormData|malformed (?:multipart-form|content-disposition))/

const unreadable = () => new Response(null, { status: 400, statusText: 'Unreadable form' })

export function readableFormAction<A extends (args: ActionFunctionArgs) => unknown>(action: A): A {
	return (async (args: ActionFunctionArgs) => {
		const { request } = args
		const formData = request.formData.bind(request)
		request.formData = async () => {
			try {
				return await formData()
			} catch (error) {
				if (error instanceof TypeError) throw unreadable()
				throw error
			}
		}
		try {
			return await action(args)
		} catch (error) {
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
