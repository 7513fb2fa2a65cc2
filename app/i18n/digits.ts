const PERSIAN_ZERO = 0x06f0
const ARABIC_INDIC_ZERO = 0x0660

/**
 * Replaces Persian (۰–۹) and Arabic-Indic (٠–٩) digits with ASCII digits, and the Arabic decimal and
 * thousands separators with their ASCII forms, so that numbers, dates and phone numbers typed on a Persian
 * keyboard parse like any other.
 */
export function normaliseDigits(input: string): string {
	return input.replace(/[\u06f0-\u06f9\u0660-\u0669\u066b\u066c]/g, (char) => {
		const code = char.charCodeAt(0)
		if (code === 0x066b) return '.'
		if (code === 0x066c) return ','
		const zero = code >= PERSIAN_ZERO ? PERSIAN_ZERO : ARABIC_INDIC_ZERO
		return String(code - zero)
	})
}
