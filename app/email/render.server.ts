import { render } from '@react-email/render'
import { createElement } from 'react'
import type { Locale } from '#app/i18n/locales.ts'
import { isTemplateName, templateFor } from '#emails/registry.ts'
import { propsForViewing } from './secrets.server.ts'

export type RenderedEmail = { subject: string; html: string; text: string }

export class UnknownTemplateError extends Error {
	override name = 'UnknownTemplateError'
}

function templateOrThrow(name: string) {
	if (!isTemplateName(name)) throw new UnknownTemplateError(`No email template named "${name}"`)
	return templateFor(name)
}

export function renderSubject(name: string, locale: Locale, props: Record<string, unknown>): string {
	return templateOrThrow(name).subject(props, locale)
}

/** HTML and plain text from the same React tree; call it outside any database transaction (it is async). */
export async function renderEmail(name: string, locale: Locale, props: Record<string, unknown>): Promise<RenderedEmail> {
	const template = templateOrThrow(name)
	const element = createElement(template.component, { ...props, locale })
	const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
	return { subject: template.subject(props, locale), html, text }
}

/** The subject as views show it, from stored props with the secrets hidden; null when the props cannot make one. */
export function viewableSubject(name: string, locale: Locale, storedProps: Record<string, unknown>): string | null {
	try {
		return renderSubject(name, locale, propsForViewing(storedProps))
	} catch {
		return null
	}
}
