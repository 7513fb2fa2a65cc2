import { useLoaderData } from '@remix-run/react'
import { readGreeting } from '../greeting.server.ts'

export function loader() {
	const greeting = readGreeting()
	if (!greeting) throw new Response('The control database has no greeting', { status: 500 })
	return { greeting }
}

export default function Index() {
	const { greeting } = useLoaderData<typeof loader>()
	return (
		<main>
			<h1>{greeting}</h1>
		</main>
	)
}
