import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** A test message: proves the transport works, and exercises a secret link end to end. */
export type TestEmailProps = { name: string; link?: string }

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
})
