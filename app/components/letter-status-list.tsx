import { Form } from '@remix-run/react'
import { useErrorMessage } from '#app/components/forms/form.tsx'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * The applicant's view of their referees and host (app/domain/letters.server.ts `letterStatuses`): the state of each
 * answer, never its content, and, while allowed, a form to send the request again (intent=resend-letter) or to name
 * another referee in the slot (intent=replace-referee). The application page's action handles both intents.
 */

export type LetterStatusView = {
	role: 'referee' | 'host'
	refereeId: number | null
	slot: number | null
	name: string
	email: string
	state: 'requested' | 'received' | 'declined' | 'undeliverable'
	canResend: boolean
	canReplace: boolean
}

/** What the page's action answered to one of these forms. */
export type LetterActionFeedback =
	| { kind: 'resent'; refereeId: number | 'host' }
	| { kind: 'replaced'; refereeId: number }
	| { kind: 'replace-invalid'; refereeId: number; errors: Record<string, string>; values: Record<string, string> }

const STATE_TONE: Record<LetterStatusView['state'], string> = {
	requested: 'border-slate-400 bg-slate-50 text-slate-800',
	received: 'border-green-700 bg-green-50 text-green-900',
	declined: 'border-amber-600 bg-amber-50 text-amber-900',
	undeliverable: 'border-red-700 bg-red-50 text-red-900',
}

const REPLACE_FIELDS = ['name', 'email', 'institution', 'relationship'] as const

export function LetterStatusList({ statuses, feedback }: { statuses: LetterStatusView[]; feedback?: LetterActionFeedback | null }) {
	const { t } = useTranslate()
	const message = useErrorMessage()
	if (statuses.length === 0) return null
	return (
		<section aria-labelledby="letters-title" className="space-y-4">
			<h2 id="letters-title" className="text-xl font-bold">
				{t('letters.status.title')}
			</h2>
			<p className="text-slate-700">{t('letters.status.confidential')}</p>
			{feedback && feedback.kind !== 'replace-invalid' ? (
				<p role="status" className="rounded-md border-s-4 border-green-700 bg-green-50 p-3">
					{t(feedback.kind === 'resent' ? 'letters.status.resent' : 'letters.status.replaced')}
				</p>
			) : null}
			<ul className="space-y-4">
				{statuses.map((status) => {
					const key = status.refereeId ?? 'host'
					const who = status.role === 'host' ? t('letters.status.host') : t('letters.status.referee', { slot: status.slot ?? 0 })
					const invalid = feedback?.kind === 'replace-invalid' && feedback.refereeId === status.refereeId ? feedback : null
					return (
						<li key={key} className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
							<div className="flex flex-wrap items-baseline justify-between gap-2">
								<p>
									<span className="font-semibold">{who}: </span>
									{status.name} <span className="text-slate-600">({status.email})</span>
								</p>
								<p className={`rounded border-s-4 px-2 py-1 text-sm font-semibold ${STATE_TONE[status.state]}`}>
									{t(`letters.status.state.${status.state}`)}
								</p>
							</div>
							{status.canResend ? (
								<Form method="post">
									<input type="hidden" name="intent" value="resend-letter" />
									<input type="hidden" name="refereeId" value={String(key)} />
									<button type="submit" className="font-semibold text-brand-700 underline">
										{t('letters.status.resend', { name: status.name })}
									</button>
								</Form>
							) : null}
							{status.canReplace && status.refereeId !== null ? (
								<details open={Boolean(invalid)}>
									<summary className="cursor-pointer font-semibold text-brand-700">
										{t('letters.status.replace.summary', { name: status.name })}
									</summary>
									<Form method="post" className="mt-3 space-y-3">
										<input type="hidden" name="intent" value="replace-referee" />
										<input type="hidden" name="refereeId" value={String(status.refereeId)} />
										{REPLACE_FIELDS.map((field) => {
											const id = `replace-${status.refereeId}-${field}`
											const error = invalid?.errors[field]
											return (
												<div key={field} className={`space-y-1 ${error ? 'border-s-4 border-red-700 ps-3' : ''}`}>
													<label htmlFor={id} className="block font-semibold">
														{t(`letters.status.replace.${field}`)}
													</label>
													{error ? (
														<p id={`${id}-error`} className="font-semibold text-red-800">
															{message(error)}
														</p>
													) : null}
													<input
														id={id}
														name={field}
														type={field === 'email' ? 'email' : 'text'}
														defaultValue={invalid?.values[field]}
														aria-invalid={error ? true : undefined}
														aria-describedby={error ? `${id}-error` : undefined}
														className="block w-full max-w-lg rounded-md border-2 border-slate-500 px-3 py-2"
													/>
												</div>
											)
										})}
										<div className="space-y-1">
											<label htmlFor={`replace-${status.refereeId}-locale`} className="block font-semibold">
												{t('letters.status.replace.locale')}
											</label>
											<select
												id={`replace-${status.refereeId}-locale`}
												name="locale"
												defaultValue={invalid?.values.locale ?? 'en'}
												className="block rounded-md border-2 border-slate-500 px-3 py-2"
											>
												<option value="en">English</option>
												<option value="fa">فارسی</option>
											</select>
										</div>
										<button
											type="submit"
											className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-semibold text-white"
										>
											{t('letters.status.replace.submit')}
										</button>
									</Form>
								</details>
							) : null}
						</li>
					)
				})}
			</ul>
		</section>
	)
}
