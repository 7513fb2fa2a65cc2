import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** "Forgot password": a single-use link, valid one hour. `link` is a secret. */
export type PasswordResetProps = { name: string; link: string }

function PasswordReset({ locale, name, link }: TemplateProps<PasswordResetProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('reset.preview')}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('reset.body')}</Paragraph>
			<ActionLink href={link} label={t('reset.action')} hint={t('common.linkHint', { link })} />
			<Paragraph>{t('reset.expiry')}</Paragraph>
			<Paragraph>{t('reset.notYou')}</Paragraph>
		</EmailLayout>
	)
}

export const passwordReset = defineTemplate<PasswordResetProps>({
	subject: (_props, locale) => emailTranslate(locale)('reset.subject'),
	component: PasswordReset,
})
