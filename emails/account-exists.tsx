import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** Someone tried to register with an address that already has an account: tell its owner, not the visitor. */
export type AccountExistsProps = { name: string; signInUrl: string; resetUrl: string }

function AccountExists({ locale, name, signInUrl, resetUrl }: TemplateProps<AccountExistsProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('accountExists.preview')}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t('accountExists.body')}</Paragraph>
			<ActionLink href={signInUrl} label={t('accountExists.signIn')} hint={t('common.linkHint', { link: signInUrl })} />
			<Paragraph>{t('accountExists.forgot', { link: resetUrl })}</Paragraph>
			<Paragraph>{t('common.notYou')}</Paragraph>
		</EmailLayout>
	)
}

export const accountExists = defineTemplate<AccountExistsProps>({
	subject: (_props, locale) => emailTranslate(locale)('accountExists.subject'),
	component: AccountExists,
})
