import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** After registering: confirm the address. `link` is a secret (encrypted in the outbox). */
export type VerifyEmailProps = { name: string; link: string }

function VerifyEmail({ locale, name, link }: TemplateProps<VerifyEmailProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('verify.preview')}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('verify.body')}</Paragraph>
			<ActionLink href={link} label={t('verify.action')} hint={t('common.linkHint', { link })} />
			<Paragraph>{t('verify.expiry')}</Paragraph>
			<Paragraph>{t('common.notYou')}</Paragraph>
		</EmailLayout>
	)
}

export const verifyEmail = defineTemplate<VerifyEmailProps>({
	subject: (_props, locale) => emailTranslate(locale)('verify.subject'),
	component: VerifyEmail,
})
