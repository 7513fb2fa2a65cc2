import { plainTextSelectors, render } from '@react-email/render'
import { compile } from 'html-to-text'
import { createElement } from 'react'
import type { Locale } from '#app/i18n/locales.ts'
import { isTemplateName, templateFor } from '#emails/registry.ts'
import type { EmailAttachment } from '#emails/template.ts'
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

/**
 * The plain text react-email's `render(element, { plainText: true })` gives, from the HTML already rendered: that call
 * renders the tree a second time and builds html-to-text's converter anew for every email, which was most of the
 * worker's time per email (docs/performance.md).
 */
const htmlToText = compile({ wordwrap: false, selectors: plainTextSelectors })

/** HTML and plain text from the same React tree; call it outside any database transaction (it is async). */
export async function renderEmail(name: string, locale: Locale, props: Record<string, unknown>): Promise<RenderedEmail> {
	const template = templateOrThrow(name)
	const html = await render(createElement(template.component, { ...props, locale }))
	// render() puts an XHTML doctype in front of React's markup; the text conversion takes the markup alone.
	const text = htmlToText(html.replace(/^<!DOCTYPE[^>]*>/, ''))
	return { subject: template.subject(props, locale), html, text }
}

/** An attachment as the transport takes it. */
export type RenderedAttachment = { filename: string; contentType: string; content: Buffer }

// A MIME type with optional parameters, on one line (it becomes a header).
const CONTENT_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;[^\r\n]*)?$/
/** Printable, no path: the name becomes a header parameter and, on the recipient's side, a file. */
function isFileName(name: unknown): name is string {
	return typeof name === 'string' && name.trim() !== '' && ![...name].some((char) => char < ' ' || '\x7f/\\'.includes(char))
}

function checkedAttachment(attachment: EmailAttachment): RenderedAttachment {
	const { filename, contentType, content } = attachment
	if (!isFileName(filename)) {
		throw new Error(`an attachment is named ${JSON.stringify(filename)}: give it a file name without a path`)
	}
	if (typeof contentType !== 'string' || !CONTENT_TYPE.test(contentType)) {
		throw new Error(`"${filename}" has the content type ${JSON.stringify(contentType)}, which is not a MIME type`)
	}
	if (typeof content === 'string') return { filename, contentType, content: Buffer.from(content, 'utf8') }
	if (content instanceof Uint8Array) {
		return { filename, contentType, content: Buffer.from(content.buffer, content.byteOffset, content.byteLength) }
	}
	throw new Error(`"${filename}" has no content (neither bytes nor text)`)
}

/**
 * The files to send with an email, built from its props (secrets merged in); none when the template has no
 * attachments. The worker calls it at send time, outside any transaction. Throws when a file cannot be built.
 */
export async function renderAttachments(
	name: string,
	locale: Locale,
	props: Record<string, unknown>,
): Promise<RenderedAttachment[]> {
	const build = templateOrThrow(name).attachments
	if (!build) return []
	const built = await build(props, locale)
	if (!Array.isArray(built)) throw new Error(`the template "${name}" built ${typeof built}, not a list of attachments`)
	return built.map(checkedAttachment)
}

/**
 * The attachments' names as views show them, from stored props with the secrets hidden, without building the files
 * (the template's `attachmentNames`); an empty list when the template declares none or its props cannot name them.
 */
export function viewableAttachmentNames(name: string, locale: Locale, storedProps: Record<string, unknown>): string[] {
	try {
		return templateOrThrow(name).attachmentNames?.(propsForViewing(storedProps), locale) ?? []
	} catch {
		return []
	}
}

/** The subject as views show it, from stored props with the secrets hidden; null when the props cannot make one. */
export function viewableSubject(name: string, locale: Locale, storedProps: Record<string, unknown>): string | null {
	try {
		return renderSubject(name, locale, propsForViewing(storedProps))
	} catch {
		return null
	}
}
