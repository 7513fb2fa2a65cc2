import { Form, Link } from '@remix-run/react'
import { useTranslate } from '#app/i18n/use-translate.tsx'

type Props = { user: { name: string; role: string; home: string } | null }

const linkClass = 'inline-flex min-h-11 items-center px-2 text-sm text-white underline-offset-4 hover:text-white'

/** Sign in and register for visitors; the user's home and sign out for the signed-in. */
export function AccountMenu({ user }: Props) {
	const { t } = useTranslate()
	if (!user) {
		return (
			<div className="flex items-center gap-1">
				<Link to="/login" className={linkClass}>
					{t('account.signIn')}
				</Link>
				<Link to="/register" className={linkClass}>
					{t('account.register')}
				</Link>
			</div>
		)
	}
	return (
		<div className="flex flex-wrap items-center gap-1">
			<Link to={user.home} className={linkClass}>
				{t('account.home', { name: user.name })}
			</Link>
			<Form method="post" action="/logout">
				<button type="submit" className={`${linkClass} cursor-pointer underline`}>
					{t('account.signOut')}
				</button>
			</Form>
		</div>
	)
}
