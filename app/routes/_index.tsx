import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { listOpenCalls } from '#app/domain/calls.server.ts'
import { countdownText } from '#app/domain/countdown.ts'
import { fieldLabel, isFieldCode } from '#app/domain/fields.ts'
import { isSchoolCode, schoolLabel } from '#app/domain/schools.ts'
import { publicVisitors, type PublicVisitor } from '#app/domain/visits.server.ts'
import { formatDeadline, formatIsoDate, formatNumber, type DualDate } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { makeTranslate } from '#app/i18n/translate.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'meta.home.title', 'meta.home.description')

export async function loader({ request, context }: LoaderFunctionArgs) {
	const locale = await getLocale(request)
	const t = makeTranslate(locale)
	const now = context.now()
	const calls = listOpenCalls(context.db, now).map((call) => ({
		id: call.id,
		title: locale === 'fa' ? call.titleFa : call.titleEn,
		description: locale === 'fa' ? call.descriptionFa : call.descriptionEn,
		// Formatted here, once, so the page reads the same before and after JavaScript loads.
		deadline: formatDeadline(call.closesAt, locale, call.timeZone),
		deadlineIso: call.closesAt.toISOString(),
		countdown: countdownText(call.closesAt, now, t, locale),
		visitStart: formatIsoDate(call.visitWindowStart, locale),
		visitEnd: formatIsoDate(call.visitWindowEnd, locale),
		minVisitDays: call.minVisitDays,
		maxVisitDays: call.maxVisitDays,
		refereesRequired: call.refereesRequired,
	}))
	const field = (code: string | null) => (code && isFieldCode(code) ? fieldLabel(code, locale) : null)
	const school = (code: string | null) => (code && isSchoolCode(code) ? schoolLabel(code, locale) : null)
	const listed = publicVisitors(context.db, now)
	const visitor = (entry: PublicVisitor) => ({
		...entry,
		field: field(entry.field),
		hostSchool: school(entry.hostSchool),
		dates: t('home.visitors.dates', { start: formatIsoDate(entry.start, locale).text, end: formatIsoDate(entry.end, locale).text }),
	})
	return { calls, visitors: { current: listed.current.map(visitor), past: listed.past.map(visitor) } }
}

function DateText({ date }: { date: DualDate }) {
	const { t } = useTranslate()
	return (
		<>
			{date.text}
			{date.gregorian ? (
				<span className="block text-sm text-slate-600">{t('home.calls.gregorian', { date: date.gregorian })}</span>
			) : null}
		</>
	)
}

export default function Home() {
	const { calls, visitors } = useLoaderData<typeof loader>()
	const { t, locale } = useTranslate()
	const activities = [
		'home.visit.lectures',
		'home.visit.workshops',
		'home.visit.research',
		'home.visit.clinical',
		'home.visit.supervision',
	] as const
	const steps = ['home.apply.step1', 'home.apply.step2', 'home.apply.step3', 'home.apply.step4'] as const

	return (
		<div className="space-y-12">
			<section aria-labelledby="hero-title" className="max-w-3xl space-y-4">
				<h1 id="hero-title" className="text-3xl font-bold text-brand-900 sm:text-4xl">
					{t('home.hero.title')}
				</h1>
				<p className="text-lg leading-relaxed text-slate-700">{t('home.hero.lead')}</p>
			</section>

			<section aria-labelledby="calls-title" className="space-y-4">
				<h2 id="calls-title" className="text-2xl font-semibold">
					{t('home.calls.title')}
				</h2>
				{calls.length === 0 ? (
					<p className="rounded-md border border-slate-300 bg-white p-4">{t('home.calls.empty')}</p>
				) : (
					<ul className="space-y-4">
						{calls.map((call) => (
							<li key={call.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
								<article aria-labelledby={`call-${call.id}`} className="space-y-3">
									<h3 id={`call-${call.id}`} className="text-xl font-semibold text-brand-800">
										{call.title}
									</h3>
									<p className="text-slate-700">{call.description}</p>
									<dl className="grid gap-3 sm:grid-cols-2">
										<div>
											<dt className="text-sm font-semibold text-slate-600">{t('home.calls.deadline')}</dt>
											<dd>
												<time dateTime={call.deadlineIso}>
													<DateText date={call.deadline} />
												</time>
												<span className="block font-semibold text-brand-800">{call.countdown}</span>
											</dd>
										</div>
										<div>
											<dt className="text-sm font-semibold text-slate-600">{t('home.calls.visits')}</dt>
											<dd>{t('home.calls.visitRange', { start: call.visitStart.text, end: call.visitEnd.text })}</dd>
										</div>
										<div>
											<dt className="text-sm font-semibold text-slate-600">{t('home.calls.length')}</dt>
											<dd>{t('home.calls.lengthRange', { min: call.minVisitDays, max: call.maxVisitDays })}</dd>
										</div>
										<div>
											<dt className="text-sm font-semibold text-slate-600">{t('home.calls.referees')}</dt>
											<dd>{formatNumber(call.refereesRequired, locale)}</dd>
										</div>
									</dl>
									<p>
										<Link to="/applications" className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white">
											{t('home.calls.apply')}
										</Link>
									</p>
								</article>
							</li>
						))}
					</ul>
				)}
			</section>

			<div className="grid gap-10 md:grid-cols-2">
				<section aria-labelledby="who-title" className="space-y-3">
					<h2 id="who-title" className="text-2xl font-semibold">
						{t('home.who.title')}
					</h2>
					<p className="leading-relaxed text-slate-700">{t('home.who.body')}</p>
				</section>
				<section aria-labelledby="visit-title" className="space-y-3">
					<h2 id="visit-title" className="text-2xl font-semibold">
						{t('home.visit.title')}
					</h2>
					<ul className="list-disc space-y-1 ps-6 text-slate-700">
						{activities.map((key) => (
							<li key={key}>{t(key)}</li>
						))}
					</ul>
				</section>
			</div>

			{visitors.current.length + visitors.past.length > 0 ? (
				<section aria-labelledby="visitors-title" className="space-y-4">
					<h2 id="visitors-title" className="text-2xl font-semibold">
						{t('home.visitors.title')}
					</h2>
					{(['current', 'past'] as const).map((group) =>
						visitors[group].length > 0 ? (
							<div key={group} className="space-y-2">
								<h3 className="text-xl font-semibold">{t(`home.visitors.${group}`)}</h3>
								<ul className="grid gap-3 md:grid-cols-2">
									{visitors[group].map((entry, index) => (
										<li key={`${entry.name}-${index}`} className="rounded-md border border-slate-200 bg-white p-4">
											<p className="font-semibold">{entry.name}</p>
											<p className="text-slate-700">{[entry.institution, entry.field].filter(Boolean).join(' · ')}</p>
											{entry.hostSchool ? <p className="text-slate-700">{t('home.visitors.host', { school: entry.hostSchool })}</p> : null}
											<p className="text-slate-700">{entry.dates}</p>
										</li>
									))}
								</ul>
							</div>
						) : null,
					)}
				</section>
			) : null}

			<section aria-labelledby="apply-title" className="max-w-3xl space-y-3">
				<h2 id="apply-title" className="text-2xl font-semibold">
					{t('home.apply.title')}
				</h2>
				<ol className="list-decimal space-y-2 ps-6 text-slate-700">
					{steps.map((key) => (
						<li key={key}>{t(key)}</li>
					))}
				</ol>
			</section>
		</div>
	)
}
