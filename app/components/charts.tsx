import type { ReactNode } from 'react'
import { formatNumber } from '#app/i18n/format.ts'
import type { Locale } from '#app/i18n/locales.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * Server-rendered SVG charts for the office's dashboard: no script, no chart library. Each chart is a figure with a
 * heading, an SVG (role=img, named by a title that states the figures in short) and the same figures as a table in
 * a <details> for screen readers, keyboard users and anyone who wants the numbers. In Persian the charts are
 * mirrored (bars grow from the right, time runs right to left) and every number is in Persian digits. Colours come
 * from the page's text colour classes, so they print.
 */

export type Datum = { label: string; value: number }

const WIDTH = 640

/** Long labels are cut in the picture; the table below has them whole. */
const clip = (label: string, max: number) => (label.length > max ? `${label.slice(0, max - 1)}…` : label)

/** A round step for a value axis: 1, 2 or 5 times a power of ten, giving at most `ticks` intervals up to `max`. */
export function niceStep(max: number, ticks = 5): number {
	if (max <= 0) return 1
	const raw = max / ticks
	const power = 10 ** Math.floor(Math.log10(raw))
	const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw)!
	return Math.max(1, step)
}

/** A one-line summary for the SVG's title: the first few labels with their values. */
function summary(title: string, data: readonly Datum[], locale: Locale, limit = 6) {
	const separator = locale === 'fa' ? '، ' : ', '
	const shown = data.slice(0, limit).map((datum) => `${datum.label}: ${formatNumber(datum.value, locale)}`)
	return `${title}. ${shown.join(separator)}${data.length > limit ? (locale === 'fa' ? '، …' : ', …') : ''}`
}

export function ChartFigure({
	id,
	title,
	description,
	data,
	labelHeader,
	valueHeader,
	children,
}: {
	id: string
	title: string
	description?: string
	data: readonly Datum[]
	labelHeader: string
	valueHeader: string
	children: ReactNode
}) {
	const { t, locale } = useTranslate()
	return (
		<figure aria-labelledby={`${id}-title`} className="break-inside-avoid space-y-3 rounded-lg border border-slate-200 bg-white p-4">
			<h2 id={`${id}-title`} className="text-xl font-semibold">
				{title}
			</h2>
			{description ? <p className="text-slate-700">{description}</p> : null}
			{children}
			<details>
				<summary className="cursor-pointer text-brand-700 underline">{t('charts.showTable')}</summary>
				<table className="mt-2 w-full border-collapse text-sm">
					<caption className="sr-only">{title}</caption>
					<thead>
						<tr className="border-b-2 border-slate-300">
							<th scope="col" className="p-1 text-start">
								{labelHeader}
							</th>
							<th scope="col" className="p-1 text-end">
								{valueHeader}
							</th>
						</tr>
					</thead>
					<tbody>
						{data.map((datum, index) => (
							<tr key={`${datum.label}-${index}`} className="border-b border-slate-200">
								<th scope="row" className="p-1 text-start font-normal">
									{datum.label}
								</th>
								<td className="p-1 text-end tabular-nums">{formatNumber(datum.value, locale)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</details>
		</figure>
	)
}

/** Horizontal bars, one per datum, with its value at the bar's end; mirrored in Persian. */
export function BarChart({ id, title, data }: { id: string; title: string; data: readonly Datum[] }) {
	const { locale } = useTranslate()
	const rtl = locale === 'fa'
	// Narrow, so that in a half-width card or on a phone its text stays readable (about 11 px at 330 px wide).
	const width = 360
	const row = 26
	const labelWidth = 140
	const valueRoom = 40
	const height = Math.max(row, data.length * row) + 8
	const max = Math.max(1, ...data.map((datum) => datum.value))
	const barRoom = width - labelWidth - valueRoom
	return (
		<svg role="img" aria-labelledby={`${id}-svg`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full text-brand-700">
			<title id={`${id}-svg`}>{summary(title, data, locale)}</title>
			{data.map((datum, index) => {
				const y = index * row + 4
				const length = (datum.value / max) * barRoom
				const barStart = rtl ? width - labelWidth - length : labelWidth
				const labelX = rtl ? width - 4 : labelWidth - 8
				const valueX = rtl ? barStart - 6 : barStart + length + 6
				return (
					<g key={`${datum.label}-${index}`}>
						<text x={labelX} y={y + row / 2 + 1} fontSize={12} textAnchor={rtl ? 'start' : 'end'} dominantBaseline="middle" className="fill-slate-800">
							{clip(datum.label, 21)}
						</text>
						<rect x={barStart} y={y + 4} width={Math.max(length, datum.value > 0 ? 2 : 0)} height={row - 10} rx={2} fill="currentColor" />
						<text x={valueX} y={y + row / 2 + 1} fontSize={12} textAnchor={rtl ? 'end' : 'start'} dominantBaseline="middle" className="fill-slate-900 font-semibold">
							{formatNumber(datum.value, locale)}
						</text>
					</g>
				)
			})}
		</svg>
	)
}

/** Vertical columns along an axis (a histogram), with a value axis and gridlines; in Persian the axis runs right to left. */
export function ColumnChart({ id, title, data }: { id: string; title: string; data: readonly Datum[] }) {
	const { locale } = useTranslate()
	const rtl = locale === 'fa'
	const width = 420
	const height = 240
	const left = 36
	const bottom = 36
	const top = 12
	const plotWidth = width - left - 12
	const plotHeight = height - top - bottom
	const step = niceStep(Math.max(...data.map((datum) => datum.value), 1))
	const max = Math.max(step, Math.ceil(Math.max(...data.map((datum) => datum.value), 1) / step) * step)
	const slot = plotWidth / Math.max(1, data.length)
	const yOf = (value: number) => top + plotHeight - (value / max) * plotHeight
	const axisX = rtl ? width - left : left
	return (
		<svg role="img" aria-labelledby={`${id}-svg`} viewBox={`0 0 ${width} ${height}`} className="h-auto w-full text-brand-700">
			<title id={`${id}-svg`}>{summary(title, data, locale, 10)}</title>
			{Array.from({ length: Math.round(max / step) + 1 }, (_, index) => index * step).map((tick) => (
				<g key={tick}>
					<line x1={rtl ? 12 : left} x2={rtl ? width - left : width - 12} y1={yOf(tick)} y2={yOf(tick)} className="stroke-slate-200" />
					<text x={rtl ? axisX + 6 : axisX - 6} y={yOf(tick)} fontSize={11} textAnchor={rtl ? 'start' : 'end'} dominantBaseline="middle" className="fill-slate-600">
						{formatNumber(tick, locale)}
					</text>
				</g>
			))}
			{data.map((datum, index) => {
				const position = rtl ? data.length - 1 - index : index
				const x = (rtl ? 12 : left) + position * slot
				const y = yOf(datum.value)
				return (
					<g key={`${datum.label}-${index}`}>
						<rect x={x + slot * 0.12} y={y} width={slot * 0.76} height={top + plotHeight - y} fill="currentColor" />
						<text x={x + slot / 2} y={height - bottom + 16} fontSize={11} textAnchor="middle" className="fill-slate-700">
							{clip(datum.label, 7)}
						</text>
					</g>
				)
			})}
			<line x1={rtl ? 12 : left} x2={rtl ? width - left : width - 12} y1={top + plotHeight} y2={top + plotHeight} className="stroke-slate-500" />
		</svg>
	)
}

/** A line over time (one point per day), with a value axis; in Persian time runs right to left. */
export function LineChart({ id, title, data, tickLabel }: { id: string; title: string; data: readonly Datum[]; tickLabel: (label: string) => string }) {
	const { locale } = useTranslate()
	const rtl = locale === 'fa'
	const height = 260
	const left = 44
	const bottom = 40
	const top = 12
	const plotWidth = WIDTH - left - 16
	const plotHeight = height - top - bottom
	const peak = Math.max(1, ...data.map((datum) => datum.value))
	const step = niceStep(peak)
	const max = Math.ceil(peak / step) * step
	const start = rtl ? 16 : left
	const xOf = (index: number) => {
		const fraction = data.length <= 1 ? 0.5 : index / (data.length - 1)
		return rtl ? start + plotWidth - fraction * plotWidth : start + fraction * plotWidth
	}
	const yOf = (value: number) => top + plotHeight - (value / max) * plotHeight
	const labelEvery = Math.max(1, Math.ceil(data.length / 6))
	const points = data.map((datum, index) => `${xOf(index).toFixed(1)},${yOf(datum.value).toFixed(1)}`).join(' ')
	const axisX = rtl ? WIDTH - left : left
	const last = data.at(-1)
	return (
		<svg role="img" aria-labelledby={`${id}-svg`} viewBox={`0 0 ${WIDTH} ${height}`} className="h-auto w-full text-brand-700">
			<title id={`${id}-svg`}>
				{summary(
					title,
					[...data]
						.sort((a, b) => b.value - a.value)
						.slice(0, 3)
						.map((datum) => ({ label: tickLabel(datum.label), value: datum.value })),
					locale,
					3,
				)}
			</title>
			{Array.from({ length: Math.round(max / step) + 1 }, (_, index) => index * step).map((tick) => (
				<g key={tick}>
					<line x1={start} x2={start + plotWidth} y1={yOf(tick)} y2={yOf(tick)} className="stroke-slate-200" />
					<text x={rtl ? axisX + 6 : axisX - 6} y={yOf(tick)} fontSize={11} textAnchor={rtl ? 'start' : 'end'} dominantBaseline="middle" className="fill-slate-600">
						{formatNumber(tick, locale)}
					</text>
				</g>
			))}
			{data.map((datum, index) =>
				index % labelEvery === 0 || index === data.length - 1 ? (
					<text key={datum.label} x={xOf(index)} y={height - bottom + 18} fontSize={11} textAnchor="middle" className="fill-slate-700">
						{tickLabel(datum.label)}
					</text>
				) : null,
			)}
			<polyline points={points} fill="none" stroke="currentColor" strokeWidth={2.5} strokeLinejoin="round" />
			{data.length <= 62
				? data.map((datum, index) => <circle key={datum.label} cx={xOf(index)} cy={yOf(datum.value)} r={2.5} fill="currentColor" />)
				: null}
			{last ? <circle cx={xOf(data.length - 1)} cy={yOf(last.value)} r={4} fill="currentColor" /> : null}
			<line x1={start} x2={start + plotWidth} y1={top + plotHeight} y2={top + plotHeight} className="stroke-slate-500" />
		</svg>
	)
}
