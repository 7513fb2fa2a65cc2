/**
 * Word counting for the answers with a word limit (step 4 of the application), shared by the live counter in the
 * browser and the check on the server so both always agree.
 *
 * A word is a run of characters between Unicode white space (and zero-width spaces). The zero-width non-joiner
 * (U+200C, the Persian half-space in words like «می‌خواهم») is not white space, so it stays inside its word. Tokens
 * with no letter or digit, such as a dash, «،» or «...», are not words.
 */

const SEPARATORS = /[\s\u200b]+/u
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u

export function countWords(text: string): number {
	let count = 0
	for (const token of text.split(SEPARATORS)) {
		if (LETTER_OR_DIGIT.test(token)) count++
	}
	return count
}
