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

	'test.subject': 'Test message from the Visiting Professor Program',
	'test.preview': 'The portal can send you email.',
	'test.body': 'This is a test message. If you can read it, the portal can send you email.',
	'test.link': 'Open the portal',
} as const

export type EmailMessageKey = keyof typeof en
export type EmailMessages = Record<EmailMessageKey, string>
