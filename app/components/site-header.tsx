import { Link, NavLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import type { Role } from '#db/schema.ts'
import { LanguageSwitch } from './language-switch.tsx'

export function SkipLink() {
	const { t } = useTranslate()
	return (
		<a
			href="#main"
			className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2 focus:text-slate-900"
		>
			{t('nav.skip')}
		</a>
	)
}

type NavItem = { to: string; label: MessageKey; end?: boolean }

/** What each kind of visitor finds in the main navigation. */
const NAV: Record<Role | 'visitor', NavItem[]> = {
	visitor: [{ to: '/', label: 'nav.home', end: true }],
	applicant: [
		{ to: '/', label: 'nav.home', end: true },
		{ to: '/applications', label: 'nav.applications' },
	],
	reviewer: [
		{ to: '/', label: 'nav.home', end: true },
		{ to: '/reviewer', label: 'nav.reviews' },
	],
	office: [
		{ to: '/office', label: 'nav.office', end: true },
		{ to: '/office/calls', label: 'nav.calls' },
		{ to: '/office/users', label: 'nav.users' },
		{ to: '/office/outbox', label: 'nav.outbox' },
		{ to: '/office/audit', label: 'office.audit.nav' },
	],
}

/** The header every page shares. `account` is where the signed-in user's menu goes. */
export function SiteHeader({ account, role }: { account?: ReactNode; role?: Role | null }) {
	const { t } = useTranslate()
	const items = NAV[role ?? 'visitor']
	return (
		<header className="bg-brand-800 text-white">
			<div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
				<Link to="/" className="text-lg font-semibold text-white no-underline hover:text-white">
					{t('app.name')}
					<span className="block text-sm font-normal text-brand-100">{t('app.office')}</span>
				</Link>
				<div className="flex items-center gap-3">
					{account}
					<LanguageSwitch />
				</div>
			</div>
			<nav aria-label={t('nav.main')} className="bg-brand-900">
				<ul className="mx-auto flex max-w-5xl flex-wrap gap-1 px-2">
					{items.map((item) => (
						<li key={item.to}>
							<NavLink
								to={item.to}
								end={item.end}
								className={({ isActive }) =>
									`inline-block px-3 py-2 text-sm text-white no-underline hover:bg-white/10 hover:text-white ${isActive ? 'border-b-4 border-white font-semibold' : ''}`
								}
							>
								{t(item.label)}
							</NavLink>
						</li>
					))}
				</ul>
			</nav>
		</header>
	)
}

export function SiteFooter() {
	const { t } = useTranslate()
	return (
		<footer className="mt-16 border-t border-slate-200 bg-white">
			<div className="mx-auto max-w-5xl space-y-1 px-4 py-6 text-sm text-slate-600">
				<p>{t('footer.about')}</p>
				<p>{t('footer.languages')}</p>
			</div>
		</footer>
	)
}
