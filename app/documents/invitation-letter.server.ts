import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import { en } from '#app/i18n/en.ts'
import { formatDay, formatIsoDate } from '#app/i18n/format.ts'

/**
 * The invitation letter: an A4 PDF in English (visa offices and employers abroad read it) with a verification code
 * that anyone can check at /verify/<code>. DejaVu Sans is embedded because the standard PDF fonts cannot encode names
 * such as 'Łukasz Şahin Nguyễn'.
 */

export type InvitationLetterData = {
	reference: string
	visitorName: string
	affiliation: string
	/** English labels: the letter is always in English. */
	hostSchool: string
	hostDepartment: string
	activities: string[]
	/** The confirmed dates, ISO days (YYYY-MM-DD). */
	startDate: string
	endDate: string
	issuedAt: Date
	verificationCode: string
	/** Where the letter can be checked, e.g. https://portal.example.edu/verify/K7QX-9M2P-4TRD. */
	verifyUrl: string
	/** The zone in which the issue date is written; default Asia/Tehran, the university's. */
	timeZone?: string
	/**
	 * What the University provides beyond hosting (e.g. accommodation), as whole sentences. Left out, the letter promises
	 * nothing that costs money: only what the office has decided may be stated to a visa office.
	 */
	support?: string
}

// ---------------------------------------------------------------------------------------------------------------
// Verification codes

/** Crockford's base32: digits and upper-case letters without I, L, O and U, so a code read aloud or typed survives. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const CODE_LENGTH = 12
const GROUP = 4

const grouped = (code: string) => code.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-')

/** A new random code such as `K7QX-9M2P-4TRD`: 60 bits from the system's CSPRNG, in groups of four. */
export function newVerificationCode(): string {
	// 256 is a multiple of 32, so taking 5 bits of each byte keeps every character equally likely.
	const characters = [...crypto.randomBytes(CODE_LENGTH)].map((byte) => CROCKFORD[byte & 31])
	return grouped(characters.join(''))
}

/**
 * A code as someone typed it, in the canonical form `newVerificationCode` gives (`K7QX-9M2P-4TRD`), or null when it
 * cannot be one. Case, spaces and dashes do not matter; O reads as 0 and I or L as 1, as Crockford's base32 says.
 */
export function normaliseVerificationCode(input: string): string | null {
	if (input.length > 64) return null
	const compact = input
		.toUpperCase()
		.replace(/[\s\-‐‑‒–—−_.]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1')
	if (compact.length !== CODE_LENGTH || [...compact].some((character) => !CROCKFORD.includes(character))) return null
	return grouped(compact)
}

/**
 * The name the letter gives the visitor, and /verify shows: as in the passport once the follow-up form has it, else
 * the given and family names of the application's personal step (as saved: unknown types are ignored), else the
 * account's name.
 */
export function letterVisitorName({
	passportName,
	givenNames,
	familyName,
	accountName,
}: {
	passportName: string | null
	givenNames?: unknown
	familyName?: unknown
	accountName: string
}): string {
	const personal = [givenNames, familyName]
		.filter((part): part is string => typeof part === 'string')
		.map((part) => part.trim())
		.filter(Boolean)
		.join(' ')
	return passportName?.trim() || personal || accountName
}

// ---------------------------------------------------------------------------------------------------------------
// Fonts, read once per process

type FontFiles = { regular: Uint8Array; bold: Uint8Array }

/**
 * The TTF's path: through Node's resolution from this module (tsx, vitest, the Vite and esbuild server builds, which
 * all keep node_modules external), else from the working directory.
 */
function fontPath(file: string): string {
	const specifier = `dejavu-fonts-ttf/ttf/${file}`
	try {
		return createRequire(import.meta.url).resolve(specifier)
	} catch {
		return path.resolve('node_modules', specifier)
	}
}

let fontFiles: Promise<FontFiles> | undefined

function loadFonts(): Promise<FontFiles> {
	fontFiles ??= Promise.all([fs.readFile(fontPath('DejaVuSans.ttf')), fs.readFile(fontPath('DejaVuSans-Bold.ttf'))]).then(
		([regular, bold]) => ({ regular, bold }),
		(error: unknown) => {
			// Let a later letter try again rather than keep the failure for the life of the process.
			fontFiles = undefined
			throw error
		},
	)
	return fontFiles
}

// ---------------------------------------------------------------------------------------------------------------
// Layout

const A4: [number, number] = [595.28, 841.89]
const MARGIN_X = 64
const TOP = A4[1] - 56
/** The footer (verification code and address) sits below this line on every page. */
const FOOTER_TOP = 118
const TEXT_WIDTH = A4[0] - 2 * MARGIN_X
const LABEL_WIDTH = 128

const INK = rgb(0.09, 0.11, 0.16)
const MUTED = rgb(0.33, 0.36, 0.42)
const BRAND = rgb(0.07, 0.3, 0.5)

/**
 * One line of the input as one line of text: no breaks, tabs or doubled spaces; accents composed (NFC), since the
 * layout places glyphs by their advance only and would misplace a combining mark. No-break spaces stay.
 */
const clean = (text: string) => text.normalize('NFC').replace(/[^\S\u00a0]+/g, ' ').trim()

/** `text` broken into lines no wider than `width`; a word wider than a line (an address) is broken by characters. */
function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
	const fits = (candidate: string) => font.widthOfTextAtSize(candidate, size) <= width
	const lines: string[] = []
	let line = ''
	for (const word of clean(text).split(' ')) {
		const candidate = line ? `${line} ${word}` : word
		if (fits(candidate)) {
			line = candidate
			continue
		}
		if (line) lines.push(line)
		line = ''
		let rest = word
		while (!fits(rest)) {
			let cut = 1
			while (cut < rest.length && fits(rest.slice(0, cut + 1))) cut += 1
			lines.push(rest.slice(0, cut))
			rest = rest.slice(cut)
		}
		line = rest
	}
	if (line) lines.push(line)
	return lines
}

class LetterWriter {
	private page: PDFPage
	private y = TOP
	readonly pages: PDFPage[] = []

	constructor(
		private readonly doc: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont,
		/** Heads the pages after the first, e.g. "VPP-2027-0042 · Letter of invitation (continued)". */
		private readonly continued: string,
	) {
		this.page = this.addPage()
	}

	private addPage(): PDFPage {
		const page = this.doc.addPage(A4)
		this.pages.push(page)
		this.page = page
		this.y = TOP
		if (this.pages.length > 1) {
			page.drawText(this.continued, { x: MARGIN_X, y: this.y - 9, size: 9, font: this.regular, color: MUTED })
			this.y -= 30
		}
		return page
	}

	/** Starts a new page unless `height` fits above the footer, so what follows is not split. */
	room(height: number) {
		if (this.y - height < FOOTER_TOP) this.addPage()
	}

	gap(height: number) {
		this.y -= height
	}

	/** A paragraph wrapped to `width`, starting at `indent` from the margin. */
	paragraph(
		text: string,
		{ font = this.regular, size = 11, color = INK, indent = 0, width = TEXT_WIDTH - indent, after = 8 }: Partial<{
			font: PDFFont
			size: number
			color: ReturnType<typeof rgb>
			indent: number
			width: number
			after: number
		}> = {},
	) {
		const lineHeight = size * 1.4
		for (const line of wrapText(text, font, size, width)) {
			this.room(lineHeight)
			this.y -= lineHeight
			this.page.drawText(line, { x: MARGIN_X + indent, y: this.y + size * 0.3, size, font, color })
		}
		this.gap(after)
	}

	/** A bold label with its value beside it, the value wrapping under itself. */
	field(label: string, value: string) {
		const size = 11
		const lineHeight = size * 1.4
		const lines = wrapText(value, this.regular, size, TEXT_WIDTH - LABEL_WIDTH)
		this.room(lineHeight * Math.min(lines.length, 2))
		this.page.drawText(label, { x: MARGIN_X, y: this.y - lineHeight + size * 0.3, size, font: this.bold, color: INK })
		lines.forEach((line, index) => {
			if (index > 0) this.room(lineHeight)
			this.y -= lineHeight
			this.page.drawText(line, { x: MARGIN_X + LABEL_WIDTH, y: this.y + size * 0.3, size, font: this.regular, color: INK })
		})
		this.gap(3)
	}

	/** A bold label with a bulleted list beside it, each item with a hanging indent. */
	list(label: string, items: string[]) {
		const size = 11
		const lineHeight = size * 1.4
		this.room(lineHeight)
		this.page.drawText(label, { x: MARGIN_X, y: this.y - lineHeight + size * 0.3, size, font: this.bold, color: INK })
		for (const item of items) {
			this.room(lineHeight)
			this.page.drawText('•', { x: MARGIN_X + LABEL_WIDTH, y: this.y - lineHeight + size * 0.3, size, font: this.regular, color: INK })
			this.paragraph(item, { indent: LABEL_WIDTH + 14, after: 0 })
		}
		this.gap(3)
	}

	rule(color = BRAND, thickness = 1.2) {
		this.page.drawLine({
			start: { x: MARGIN_X, y: this.y },
			end: { x: A4[0] - MARGIN_X, y: this.y },
			thickness,
			color,
		})
	}
}

const englishDay = (isoDate: string) => formatIsoDate(isoDate, 'en').text
/** No-break spaces, so "15 April 2027" stays on one line of a paragraph. */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0')

/** The letter's sentences, in English. */
function letterText(data: InvitationLetterData) {
	const name = clean(data.visitorName)
	const host = `${clean(data.hostDepartment)}, ${clean(data.hostSchool)}`
	const start = englishDay(data.startDate)
	const end = englishDay(data.endDate)
	const dates = `${start} to ${end}`
	return {
		name,
		host,
		dates,
		issued: formatDay(data.issuedAt, 'en', data.timeZone ?? 'Asia/Tehran').text,
		invitation:
			`The University is pleased to invite ${name}, of ${clean(data.affiliation)}, to visit the University as a ` +
			`visiting professor of the ${en['app.name']}, hosted by ${host}, from ${unbroken(start)} to ${unbroken(end)}, ` +
			'for teaching and joint research.',
		hosting:
			`During the visit ${name} will take part in the activities listed above with colleagues of the host department. ` +
			'The University will host the visit, provide a workplace and the academic facilities these activities need, ' +
			`and the ${en['app.office']} will be the visitor’s point of contact.`,
		request:
			'We would be grateful for any assistance the competent authorities can give the visitor in obtaining the visa ' +
			'needed for this visit.',
	}
}

/** The invitation letter as PDF bytes. The same data gives the same bytes (the creation date is `issuedAt`). */
export async function renderInvitationLetter(data: InvitationLetterData): Promise<Uint8Array> {
	const fonts = await loadFonts()
	const text = letterText(data)
	const doc = await PDFDocument.create({ updateMetadata: false })
	doc.registerFontkit(fontkit)
	// Ligatures off, so text copied or extracted from the letter reads "fi", not "ﬁ".
	const features = { liga: false, clig: false }
	const regular = await doc.embedFont(fonts.regular, { subset: true, features })
	const bold = await doc.embedFont(fonts.bold, { subset: true, features })

	doc.setTitle(`Letter of invitation ${data.reference}`, { showInWindowTitleBar: true })
	doc.setSubject(`Invitation of ${text.name} to the ${en['app.name']}, ${text.dates}`)
	doc.setAuthor(en['app.office'])
	doc.setCreator(`${en['app.name']} portal`)
	doc.setProducer('pdf-lib')
	doc.setLanguage('en-GB')
	doc.setCreationDate(data.issuedAt)
	doc.setModificationDate(data.issuedAt)

	const letter = new LetterWriter(doc, regular, bold, `${clean(data.reference)} · Letter of invitation (continued)`)
	letter.paragraph(en['app.office'], { font: bold, size: 17, color: BRAND, after: 0 })
	letter.paragraph(en['app.name'], { size: 11, color: MUTED, after: 8 })
	letter.rule()
	letter.gap(22)
	letter.field('Reference', clean(data.reference))
	letter.field('Date', text.issued)
	letter.gap(18)
	letter.paragraph('Letter of invitation', { font: bold, size: 14, after: 10 })
	letter.paragraph('To whom it may concern,', { after: 10 })
	letter.paragraph(text.invitation, { after: 14 })
	letter.field('Visitor', text.name)
	letter.field('Affiliation', clean(data.affiliation))
	letter.field('Host', text.host)
	letter.field('Dates of the visit', text.dates)
	const activities = data.activities.map(clean).filter(Boolean)
	if (activities.length > 0) letter.list('Activities', activities)
	letter.gap(12)
	letter.paragraph(text.hosting)
	if (data.support?.trim()) letter.paragraph(data.support)
	letter.paragraph(text.request, { after: 20 })
	// The closing and the signature block stay together.
	letter.room(100)
	letter.paragraph('Yours faithfully,', { after: 30 })
	letter.paragraph(en['app.office'], { font: bold, after: 0 })
	letter.paragraph(en['app.name'], { color: MUTED })

	const code = clean(data.verificationCode)
	const url = clean(data.verifyUrl)
	letter.pages.forEach((page, index) => {
		const x = MARGIN_X
		let y = FOOTER_TOP - 20
		page.drawLine({ start: { x, y: FOOTER_TOP - 4 }, end: { x: A4[0] - MARGIN_X, y: FOOTER_TOP - 4 }, thickness: 0.6, color: MUTED })
		page.drawText(`Verification code: ${code}`, { x, y, size: 10, font: bold, color: INK })
		for (const line of wrapText(`Check this letter at ${url}`, regular, 9, TEXT_WIDTH)) {
			y -= 13
			page.drawText(line, { x, y, size: 9, font: regular, color: INK })
		}
		y -= 13
		page.drawText('For a genuine letter, that page shows its reference, the visitor’s name and the dates of the visit.', {
			x,
			y,
			size: 8,
			font: regular,
			color: MUTED,
		})
		if (letter.pages.length > 1) {
			const label = `Page ${index + 1} of ${letter.pages.length}`
			page.drawText(label, { x: A4[0] - MARGIN_X - regular.widthOfTextAtSize(label, 8), y: 40, size: 8, font: regular, color: MUTED })
		}
	})
	return doc.save()
}
