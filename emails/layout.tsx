// The parts one by one rather than @react-email/components, which also loads Tailwind, a Markdown parser and Prism
// (18.7 MB of heap and 0.7 s at every start, docs/performance.md).
import { Body } from '@react-email/body'
import { Button } from '@react-email/button'
import { Container } from '@react-email/container'
import { Head } from '@react-email/head'
import { Hr } from '@react-email/hr'
import { Html } from '@react-email/html'
import { Preview } from '@react-email/preview'
import { Section } from '@react-email/section'
import { Text } from '@react-email/text'
import type { CSSProperties, ReactNode } from 'react'
import { textDirection, type Locale } from '#app/i18n/locales.ts'
import { emailTranslate } from './i18n/translate.ts'

/**
 * The frame every email shares: the program's name on top, the footer below, `lang` and `dir` on <html> (right to
 * left for Persian). Inline styles only, because mail clients drop <style> and external CSS.
 */

const fontFamily = (locale: Locale) =>
	locale === 'fa' ? 'Vazirmatn, Tahoma, "Segoe UI", Arial, sans-serif' : '"Segoe UI", Helvetica, Arial, sans-serif'

const styles = {
	body: { backgroundColor: '#f4f5f7', margin: 0, padding: '24px 0' },
	container: { backgroundColor: '#ffffff', maxWidth: '560px', margin: '0 auto', padding: '24px 32px' },
	brand: { fontSize: '14px', fontWeight: 700, color: '#1d4e89', margin: '0 0 16px' },
	text: { fontSize: '16px', lineHeight: '1.6', color: '#1f2933', margin: '0 0 16px' },
	button: {
		backgroundColor: '#1d4e89',
		color: '#ffffff',
		borderRadius: '4px',
		padding: '12px 20px',
		fontSize: '16px',
		fontWeight: 600,
		textDecoration: 'none',
	},
	hint: { fontSize: '13px', lineHeight: '1.5', color: '#52606d', margin: '16px 0', wordBreak: 'break-all' },
	footer: { fontSize: '12px', lineHeight: '1.5', color: '#7b8794', margin: '0 0 4px' },
} satisfies Record<string, CSSProperties>

export function EmailLayout({ locale, preview, children }: { locale: Locale; preview: string; children: ReactNode }) {
	const t = emailTranslate(locale)
	const dir = textDirection(locale)
	return (
		<Html lang={locale} dir={dir}>
			<Head />
			<Preview>{preview}</Preview>
			<Body style={{ ...styles.body, fontFamily: fontFamily(locale) }}>
				<Container style={{ ...styles.container, direction: dir, textAlign: dir === 'rtl' ? 'right' : 'left' }}>
					<Text style={styles.brand}>{t('layout.programName')}</Text>
					{children}
					<Hr />
					<Text style={styles.footer}>{t('layout.footer')}</Text>
					<Text style={styles.footer}>
						{t('layout.programName')} · {t('layout.office')}
					</Text>
				</Container>
			</Body>
		</Html>
	)
}

export function Paragraph({ children }: { children: ReactNode }) {
	return <Text style={styles.text}>{children}</Text>
}

/** A call to action: a button, and the address in full below it for clients that hide buttons. */
export function ActionLink({ href, label, hint }: { href: string; label: string; hint: string }) {
	return (
		<Section>
			<Button href={href} style={styles.button}>
				{label}
			</Button>
			<Text style={styles.hint}>{hint}</Text>
		</Section>
	)
}
