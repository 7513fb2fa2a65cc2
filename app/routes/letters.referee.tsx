import {
	data,
	redirect,
	unstable_parseMultipartFormData,
	type ActionFunctionArgs,
	type HeadersFunction,
	type LoaderFunctionArgs,
	type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { LetterFacts, LetterLinkProblem, LetterThanks } from '#app/components/letter-page.tsx'
import { SubmitButton } from '#app/components/forms/form.tsx'
import { PageHeading, Panel } from '#app/components/page.tsx'
import {
	declineLetter,
	findLetterAccess,
	letterFacts,
	LINK_PROBLEM_STATUS,
	receiveLetter,
	type LinkProblem,
} from '#app/domain/letters.server.ts'
import { receivePdfUpload, removeStoredFile } from '#app/documents/storage.server.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

/**
 * A referee's page, reached from the private link in their email (no account): who they write for, the deadline,
 * and two small forms: upload the letter (a PDF, checked as the wizard's uploads are) or decline with an optional
 * reason. The link works for its own referee only, once, until the letter deadline.
 */

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'letters.referee.title')

// The link's token is in the address: nothing here may be cached or stored.
const PRIVATE = { 'Cache-Control': 'private, no-store' }
export const headers: HeadersFunction = () => PRIVATE

const DONE = ['received', 'declined'] as const
type Done = (typeof DONE)[number]
const REASON_MAX = 2000

type UploadProblem = 'notPdf' | 'tooLarge' | 'empty' | 'missing'
type ActionResult =
	| { kind: 'problem'; problem: LinkProblem }
	| { kind: 'upload'; problem: UploadProblem }
	| { kind: 'decline'; problem: 'tooLong' }

const tokenOf = (request: Request) => new URL(request.url).searchParams.get('token') ?? ''

export async function loader({ request, context }: LoaderFunctionArgs) {
	const url = new URL(request.url)
	const done = url.searchParams.get('done')
	if (!url.searchParams.has('token') && DONE.includes(done as Done)) {
		return data({ state: 'done' as const, done: done as Done }, { headers: PRIVATE })
	}
	const found = findLetterAccess(context.db, { token: tokenOf(request), role: 'referee', now: context.now() })
	if (!found.ok) {
		return data({ state: 'problem' as const, problem: found.problem }, { status: LINK_PROBLEM_STATUS[found.problem], headers: PRIVATE })
	}
	const locale = await getLocale(request)
	return data(
		{
			state: 'open' as const,
			token: tokenOf(request),
			refereeName: found.access.referee!.name,
			facts: letterFacts(found.access, locale),
			maxUploadMb: Math.round((context.config.uploadMaxBytes / 1024 / 1024) * 10) / 10,
		},
		{ headers: PRIVATE },
	)
}

export async function action({ request, context }: ActionFunctionArgs) {
	const token = tokenOf(request)
	const now = context.now()
	// Checked before reading the body: a dead link never costs a stored upload.
	const found = findLetterAccess(context.db, { token, role: 'referee', now })
	if (!found.ok) return data<ActionResult>({ kind: 'problem', problem: found.problem }, LINK_PROBLEM_STATUS[found.problem])

	if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
		const upload = await receivePdfUpload(
			request,
			{ uploadDir: context.config.uploadDir, maxBytes: context.config.uploadMaxBytes },
			unstable_parseMultipartFormData,
		)
		if (!upload.ok) return data<ActionResult>({ kind: 'upload', problem: upload.problem }, upload.problem === 'tooLarge' ? 413 : 400)
		const file = upload.file
		const answer = receiveLetter(context.db, context.config, { token, file, now })
		if (!answer.ok) {
			// Used meanwhile (another tab): the file is not kept.
			removeStoredFile(context.config.uploadDir, file.storedName)
			return data<ActionResult>({ kind: 'problem', problem: answer.problem }, LINK_PROBLEM_STATUS[answer.problem])
		}
		return redirect('/letters/referee?done=received')
	}

	const form = await request.formData()
	if (form.get('intent') !== 'decline') throw new Response(null, { status: 400 })
	const reason = String(form.get('reason') ?? '').trim()
	if (reason.length > REASON_MAX) return data<ActionResult>({ kind: 'decline', problem: 'tooLong' }, 400)
	const answer = declineLetter(context.db, context.config, { token, reason: reason || null, now })
	if (!answer.ok) return data<ActionResult>({ kind: 'problem', problem: answer.problem }, LINK_PROBLEM_STATUS[answer.problem])
	return redirect('/letters/referee?done=declined')
}

export default function RefereeLetterPage() {
	const { t } = useTranslate()
	const page = useLoaderData<typeof loader>()
	const result = useActionData<typeof action>()
	if (result?.kind === 'problem') return <LetterLinkProblem problem={result.problem} />
	if (page.state === 'problem') return <LetterLinkProblem problem={page.problem} />
	if (page.state === 'done') {
		return <LetterThanks title={t(`letters.referee.done.${page.done}.title`)} body={t(`letters.referee.done.${page.done}.body`)} />
	}
	const uploadProblem = result?.kind === 'upload' ? result.problem : null
	const declineProblem = result?.kind === 'decline' ? result.problem : null
	const formAction = `/letters/referee?token=${encodeURIComponent(page.token)}`
	const maxMb = page.maxUploadMb
	return (
		<div className="max-w-2xl space-y-8">
			<PageHeading
				title={t('letters.referee.title')}
				lead={t('letters.referee.lead', { name: page.refereeName, applicant: page.facts.applicantName })}
			/>
			<LetterFacts facts={page.facts} />
			<Panel>
				<p>{t('letters.referee.confidential')}</p>
			</Panel>

			<section aria-labelledby="upload-title" className="space-y-4">
				<h2 id="upload-title" className="text-xl font-bold">
					{t('letters.referee.upload.title')}
				</h2>
				<Form method="post" action={formAction} encType="multipart/form-data" className="space-y-4">
					<div className={`space-y-1 ${uploadProblem ? 'border-s-4 border-red-700 ps-3' : ''}`}>
						<label htmlFor="letter-file" className="block font-semibold">
							{t('letters.referee.upload.label')}
						</label>
						<p id="letter-file-hint" className="text-sm text-slate-600">
							{t('letters.referee.upload.hint', { mb: maxMb })}
						</p>
						{uploadProblem ? (
							<p id="letter-file-error" role="alert" className="font-semibold text-red-800">
								{t(`letters.upload.${uploadProblem}`, { mb: maxMb })}
							</p>
						) : null}
						<input
							id="letter-file"
							name="file"
							type="file"
							accept="application/pdf,.pdf"
							required
							aria-describedby={uploadProblem ? 'letter-file-hint letter-file-error' : 'letter-file-hint'}
							aria-invalid={uploadProblem ? true : undefined}
							className="block"
						/>
					</div>
					<SubmitButton>{t('letters.referee.upload.submit')}</SubmitButton>
				</Form>
			</section>

			<section aria-labelledby="decline-title" className="space-y-4">
				<h2 id="decline-title" className="text-xl font-bold">
					{t('letters.referee.decline.title')}
				</h2>
				<Form method="post" action={formAction} className="space-y-4">
					<input type="hidden" name="intent" value="decline" />
					<div className={`space-y-1 ${declineProblem ? 'border-s-4 border-red-700 ps-3' : ''}`}>
						<label htmlFor="decline-reason" className="block font-semibold">
							{t('letters.referee.decline.reason')}
						</label>
						<p id="decline-reason-hint" className="text-sm text-slate-600">
							{t('letters.referee.decline.hint')}
						</p>
						{declineProblem ? (
							<p id="decline-reason-error" role="alert" className="font-semibold text-red-800">
								{t('letters.errors.reason.tooLong')}
							</p>
						) : null}
						<textarea
							id="decline-reason"
							name="reason"
							maxLength={REASON_MAX}
							aria-describedby={declineProblem ? 'decline-reason-hint decline-reason-error' : 'decline-reason-hint'}
							className="block min-h-24 w-full max-w-lg rounded-md border-2 border-slate-500 px-3 py-2"
						/>
					</div>
					<button
						type="submit"
						className="inline-flex min-h-11 items-center rounded-md border-2 border-slate-700 bg-white px-5 py-2 font-semibold text-slate-900 hover:bg-slate-100"
					>
						{t('letters.referee.decline.submit')}
					</button>
				</Form>
			</section>
		</div>
	)
}
