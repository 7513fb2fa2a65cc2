// html-to-text ships no types; the worker uses only `compile` (a converter built once, with react-email's selectors).
declare module 'html-to-text' {
	export function compile(options?: { wordwrap?: number | false; selectors?: readonly unknown[] }): (html: string) => string
}
