import type { ActionFunctionArgs, LoaderFunctionArgs, ServerBuild } from '@remix-run/node'

/**
 * A Remix server build of resource routes only (a loader, an action, no page), for tests that run the portal's Express
 * stack (app/server/app.ts) before the real build exists. A resource route answers `data(…, { status })` with 200; a
 * page would answer its status, so these do too.
 */
type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown> | unknown

const withStatus =
	(handler: Handler): Handler =>
	async (args) => {
		const result = await handler(args)
		const answer = result as { type?: string; data?: unknown; init?: ResponseInit | null }
		return answer?.type === 'DataWithResponseInit' ? Response.json(answer.data, answer.init ?? undefined) : result
	}

export function resourceBuild(routes: Record<string, { path: string; loader?: unknown; action?: unknown }>): ServerBuild {
	const manifest = Object.fromEntries(
		Object.entries(routes).map(([id, { path, loader, action }]) => [
			id,
			{
				id,
				parentId: 'root',
				path,
				module: {
					...(loader ? { loader: withStatus(loader as Handler) } : {}),
					...(action ? { action: withStatus(action as Handler) } : {}),
				},
			},
		]),
	)
	return {
		mode: 'production',
		entry: { module: { default: () => new Response('This server renders no pages', { status: 500 }) } },
		routes: { root: { id: 'root', path: '', module: {} }, ...manifest },
		assets: { entry: { imports: [], module: '' }, routes: {}, url: '', version: 'test' },
		publicPath: '/',
		assetsBuildDirectory: '',
		future: { v3_singleFetch: true },
		isSpaMode: false,
	} as unknown as ServerBuild
}
