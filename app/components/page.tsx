import type { ReactNode } from 'react'

/** A page's heading and lead, in the same place on every page. */
export function PageHeading({ title, lead, children }: { title: ReactNode; lead?: ReactNode; children?: ReactNode }) {
	return (
		<div className="mb-6 space-y-2">
			<h1 className="text-3xl font-bold text-brand-900">{title}</h1>
			{lead ? <p className="max-w-2xl text-lg text-slate-700">{lead}</p> : null}
			{children}
		</div>
	)
}

/** A narrow column for forms with few fields: sign in, register, set a password. */
export function NarrowPage({ children }: { children: ReactNode }) {
	return <div className="max-w-xl">{children}</div>
}

export function Panel({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' | 'warning' }) {
	const tones = {
		info: 'border-brand-600 bg-brand-50',
		success: 'border-green-700 bg-green-50',
		warning: 'border-amber-600 bg-amber-50',
	}
	return <div className={`rounded-md border-s-4 p-4 ${tones[tone]}`}>{children}</div>
}
