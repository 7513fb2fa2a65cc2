import { emailTranslate } from './i18n/translate.ts'
import { ActionLink, EmailLayout, Paragraph } from './layout.tsx'
import { defineTemplate, type TemplateProps } from './template.ts'

/** An office user invites a reviewer or office colleague; the link (a secret) sets their password. */
export type StaffInvitationProps = { name: string; role: 'reviewer' | 'office'; inviterName: string; link: string }

function StaffInvitation({ locale, name, role, inviterName, link }: TemplateProps<StaffInvitationProps>) {
	const t = emailTranslate(locale)
	return (
		<EmailLayout locale={locale} preview={t('invitation.preview')}>
			<Paragraph>{t('common.greeting', { name })}</Paragraph>
			<Paragraph>{t(role === 'reviewer' ? 'invitation.bodyReviewer' : 'invitation.bodyOffice', { inviter: inviterName })}</Paragraph>
			<ActionLink href={link} label={t('invitation.action')} hint={t('common.linkHint', { link })} />
			<Paragraph>{t('invitation.expiry')}</Paragraph>
		</EmailLayout>
	)
}

export const staffInvitation = defineTemplate<StaffInvitationProps>({
	subject: (props, locale) =>
		emailTranslate(locale)(props.role === 'reviewer' ? 'invitation.subjectReviewer' : 'invitation.subjectOffice'),
	component: StaffInvitation,
})
