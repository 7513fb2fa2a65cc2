import type { ReactElement } from 'react'
import type { Locale } from '#app/i18n/locales.ts'

/** What a template component receives: its own props (secrets already merged in) and the recipient's language. */
export type TemplateProps<P> = P & { locale: Locale }

export type EmailTemplate<P> = {
	/** The subject line; it must not contain a secret (the outbox view shows it). */
	subject: (props: P, locale: Locale) => string
	component: (props: TemplateProps<P>) => ReactElement
}

/** Declares a template with its props type; register it in emails/registry.ts. */
export function defineTemplate<P>(template: EmailTemplate<P>): EmailTemplate<P> {
	return template
}
