import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** A test message: proves the transport works, and exercises a secret link and attachments end to end. */
export type TestEmailProps = { name: string; link?: string; attachments?: TestAttachment[] }

/** A file given in the props: bytes in base64, or text. */
export type TestAttachment = { filename: string; contentType: string; base64?: string; text?: string }

function TestEmail({ locale, name, link }: TemplateProps<TestEmailProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('test.preview')}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('test.body')}</Paragraph>
			{link ? <ActionLink href={link} label={t('test.link')} hint={t('common.linkHint', { link })} /> : null}
		</EmailLayout>
	)
}

export const testEmail = defineTemplate<TestEmailProps>({
	subject: (_props, locale) => emailTranslate(locale)('test.subject'),
	component: TestEmail,
	attachments: async ({ attachments = [] }) =>
		attachments.map(({ filename, contentType, base64, text }) => {
			if (base64 !== undefined) return { filename, contentType, content: Buffer.from(base64, 'base64') }
			if (text !== undefined) return { filename, contentType, content: text }
			throw new Error(`The test attachment "${filename}" has neither base64 nor text content`)
		}),
	attachmentNames: ({ attachments = [] }) => attachments.map((attachment) => attachment.filename),
})
