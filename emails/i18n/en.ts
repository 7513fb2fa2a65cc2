/**
 * English email strings: the source of every key (emails have their own catalogue, apart from the pages' one in
 * app/i18n). fa.ts must translate each key; the compiler checks it. `{name}` placeholders are filled by `t`.
 */
export const en = {
	'layout.programName': 'Visiting Professor Program',
	'layout.office': 'International Relations Office',
	'layout.footer':
		'You receive this email because of an account or an application on the Visiting Professor Program portal. It was sent automatically; replies are not read.',

	'common.greeting': 'Dear {name},',
	'common.linkHint': 'If the button does not work, copy this address into your browser: {link}',

	'common.notYou': 'If this was not you, you can ignore this email; nothing will change.',

	'verify.subject': 'Confirm your email address',
	'verify.preview': 'One step left: confirm your email address.',
	'verify.body': 'Thank you for creating an account on the Visiting Professor Program portal. Please confirm that this is your email address.',
	'verify.action': 'Confirm my email address',
	'verify.expiry': 'The link works once, for 24 hours. After that, sign in and ask for a new one.',

	'accountExists.subject': 'You already have an account',
	'accountExists.preview': 'Someone tried to register with your email address.',
	'accountExists.body': 'Someone, probably you, tried to create an account with this email address. You already have an account, so no new one was made.',
	'accountExists.signIn': 'Sign in',
	'accountExists.forgot': 'Forgotten your password? Choose a new one here: {link}',

	'reset.subject': 'Choose a new password',
	'reset.preview': 'A link to choose a new password.',
	'reset.body': 'We received a request to reset the password of your account. Use the button to choose a new one.',
	'reset.action': 'Choose a new password',
	'reset.expiry': 'The link works once, for one hour.',
	'reset.notYou': 'If you did not ask for this, ignore this email: your password stays as it is.',

	'invitation.subjectReviewer': 'Invitation: reviewer for the Visiting Professor Program',
	'invitation.subjectOffice': 'Invitation: program office of the Visiting Professor Program',
	'invitation.preview': 'Set a password to start.',
	'invitation.bodyReviewer':
		'{inviter} has invited you to review applications to the Visiting Professor Program. Set a password to see the applications assigned to you.',
	'invitation.bodyOffice': '{inviter} has invited you to join the program office on the Visiting Professor Program portal.',
	'invitation.action': 'Set my password',
	'invitation.expiry': 'The link works once, for 7 days. After that, ask the program office for a new invitation.',

	'test.subject': 'Test message from the Visiting Professor Program',
	'test.preview': 'The portal can send you email.',
	'test.body': 'This is a test message. If you can read it, the portal can send you email.',
	'test.link': 'Open the portal',
} as const

export type EmailMessageKey = keyof typeof en
export type EmailMessages = Record<EmailMessageKey, string>
