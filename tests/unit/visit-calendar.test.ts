import ICAL from 'ical.js'
import { afterEach, describe, expect, it } from 'vitest'
import {
	visitCalendar,
	visitCalendarAttachment,
	type VisitCalendarData,
} from '#app/documents/visit-calendar.server.ts'

const visit: VisitCalendarData = {
	uid: 'visit-42@portal.test',
	reference: 'VPP-2027-0001',
	visitorName: 'Maryam Rahimi',
	hostSchool: 'School of Physics',
	startDate: '2027-05-10',
	endDate: '2027-05-21',
	url: 'https://portal.test/applications/42',
	organizerEmail: 'vpp@portal.test',
}

/** The file as a calendar program reads it. */
function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics))
	const events = calendar.getAllSubcomponents('vevent')
	const event = new ICAL.Event(events[0])
	return { calendar, events, event }
}

const originalTimeZone = process.env.TZ
afterEach(() => {
	if (originalTimeZone === undefined) delete process.env.TZ
	else process.env.TZ = originalTimeZone
})

describe('visitCalendar', () => {
	it('is one all-day event from the first day to the day after the last (DTEND is exclusive)', () => {
		const { calendar, events, event } = parse(visitCalendar(visit))
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
		expect(events).toHaveLength(1)
		expect(event.startDate.isDate).toBe(true)
		expect(event.endDate.isDate).toBe(true)
		expect(event.startDate.toString()).toBe('2027-05-10')
		expect(event.endDate.toString()).toBe('2027-05-22')
		expect(event.summary).toBe('Visiting Professor Program: visit VPP-2027-0001')
		expect(event.uid).toBe('visit-42@portal.test')
		expect(event.description).toContain('School of Physics')
		expect(event.description).toContain('https://portal.test/applications/42')
		expect(event.organizer).toBe('mailto:vpp@portal.test')
	})

	it('writes DATE values with no time or zone, and the same days whatever the server time zone', () => {
		const files = ['Pacific/Kiritimati', 'America/Los_Angeles', 'Asia/Tehran', 'UTC'].map((zone) => {
			process.env.TZ = zone
			return visitCalendar({ ...visit, stamp: new Date('2027-01-15T08:00:00Z') })
		})
		expect(new Set(files).size).toBe(1)
		expect(files[0]).toContain('DTSTART;VALUE=DATE:20270510\r\n')
		expect(files[0]).toContain('DTEND;VALUE=DATE:20270522\r\n')
		expect(files[0]).not.toContain('TZID')
	})

	it('keeps the days across a daylight-saving change, a month end and a one-day visit', () => {
		// Europe's clocks change on 28 March and 31 October 2027: the dates must not lose or gain a day.
		process.env.TZ = 'Europe/Berlin'
		const overDst = parse(visitCalendar({ ...visit, startDate: '2027-03-27', endDate: '2027-03-28' })).event
		expect([overDst.startDate.toString(), overDst.endDate.toString()]).toEqual(['2027-03-27', '2027-03-29'])
		const autumn = parse(visitCalendar({ ...visit, startDate: '2027-10-30', endDate: '2027-10-31' })).event
		expect([autumn.startDate.toString(), autumn.endDate.toString()]).toEqual(['2027-10-30', '2027-11-01'])
		const oneDay = parse(visitCalendar({ ...visit, startDate: '2028-02-29', endDate: '2028-02-29' })).event
		expect([oneDay.startDate.toString(), oneDay.endDate.toString()]).toEqual(['2028-02-29', '2028-03-01'])
		expect(oneDay.duration.toSeconds()).toBe(24 * 60 * 60)
	})

	it('carries a visitor name and a school in non-Latin scripts intact, however long the line', () => {
		const visitorName = 'Łukasz Şahin Nguyễn — 李小龍 — محمدرضا شجریان'
		const hostSchool = 'دانشکده فیزیک، دانشگاه صنعتی شریف (Sharif University of Technology)'
		const ics = visitCalendar({ ...visit, visitorName, hostSchool })
		// Lines are folded at 75 octets (RFC 5545), never inside a character.
		for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
		const { event } = parse(ics)
		expect(event.description).toContain(visitorName)
		expect(event.description).toContain(hostSchool)
		expect(event.location).toBe(hostSchool)
	})

	it('keeps the UID when the visit is sent again with new dates, with a higher sequence', () => {
		const first = parse(visitCalendar(visit)).event
		const moved = parse(visitCalendar({ ...visit, startDate: '2027-06-01', endDate: '2027-06-05', sequence: 1 })).event
		expect(moved.uid).toBe(first.uid)
		expect([first.sequence, moved.sequence]).toEqual([0, 1])
	})

	it('refuses days that are not ISO days, and an end before the start', () => {
		expect(() => visitCalendar({ ...visit, startDate: '2027-02-30' })).toThrow('startDate "2027-02-30" is not an ISO day')
		expect(() => visitCalendar({ ...visit, endDate: '10/05/2027' })).toThrow('endDate "10/05/2027" is not an ISO day')
		expect(() => visitCalendar({ ...visit, endDate: '2027-05-09' })).toThrow('ends (2027-05-09) before it starts')
	})

	it('makes an email attachment named after the reference', () => {
		const attachment = visitCalendarAttachment(visit)
		expect(attachment).toMatchObject({ filename: 'visit-VPP-2027-0001.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH' })
		expect(parse(attachment.content as string).event.uid).toBe(visit.uid)
	})
})
