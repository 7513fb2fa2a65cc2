/**
 * An email's HTML as the recipient sees it, sandboxed: no scripts, no navigation, nothing from the portal's origin.
 * The outbox shows sent emails with it, the release page the emails held decisions will send.
 */
export function EmailHtml({ html, title, className = 'h-[32rem]' }: { html: string; title: string; className?: string }) {
	return <iframe title={title} srcDoc={html} sandbox="" className={`${className} w-full rounded-md border border-slate-300 bg-white`} />
}

/** An email's plain-text body, in its own direction. */
export function EmailText({ text, locale }: { text: string; locale: string }) {
	return (
		<pre dir={locale === 'fa' ? 'rtl' : 'ltr'} className="overflow-x-auto whitespace-pre-wrap rounded-md border border-slate-300 bg-white p-4 text-sm">
			{text}
		</pre>
	)
}
