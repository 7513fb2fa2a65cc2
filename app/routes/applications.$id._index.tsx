import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/session.server.ts'
import { PageHeading, Panel } from '#app/components/page.tsx'
import { TaskList } from '#app/components/task-list.tsx'
import { requireApplication } from '#app/domain/application-content.server.ts'
import { canOnApplication } from '#app/domain/permissions.ts'
import { wizardState } from '#app/domain/wizard.server.ts'
import { formatDeadline } from '#app/i18n/format.ts'
import { getLocale } from '#app/i18n/locale.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'
import { STEP_IDS } from '#app/schemas/application/index.ts'

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, 'wizard.overview.title')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
	const user = await requireUser(request, context)
	const { application, access } = requireApplication(context.db, params.id, user, 'application:read')
	const locale = await getLocale(request)
	const { call, states, documents } = wizardState(context.db, context.config, application)
	const deadline = application.deadlineExtendedTo ?? call.closesAt
	return {
		id: application.id,
		reference: application.reference,
		status: application.status,
		editable: canOnApplication(user, 'application:edit', access),
		callTitle: locale === 'fa' ? call.titleFa : call.titleEn,
		deadline: formatDeadline(deadline, locale, call.timeZone),
		states,
		documents: documents.map((document) => ({ id: document.id, kind: document.kind, name: document.originalName })),
	}
}

export default function ApplicationOverview() {
	const { t } = useTranslate()
	const data = useLoaderData<typeof loader>()
	const done = STEP_IDS.filter((id) => data.states[id] === 'completed').length
	return (
		<div className="space-y-8">
			<p>
				<Link to="/applications">{t('wizard.backToApplications')}</Link>
			</p>
			<PageHeading title={t('wizard.overview.title')} lead={data.callTitle}>
				<dl className="flex flex-wrap gap-x-8 gap-y-1 text-slate-700">
					<div>
						<dt className="inline font-semibold">{t('wizard.reference')}: </dt>
						<dd className="inline" dir="ltr">{data.reference}</dd>
					</div>
					<div>
						<dt className="inline font-semibold">{t('wizard.status')}: </dt>
						<dd className="inline">{t(`status.${data.status}`)}</dd>
					</div>
					<div>
						<dt className="inline font-semibold">{t('home.calls.deadline')}: </dt>
						<dd className="inline">
							{data.deadline.text}
							{data.deadline.gregorian ? ` (${t('home.calls.gregorian', { date: data.deadline.gregorian })})` : ''}
						</dd>
					</div>
				</dl>
			</PageHeading>
			{data.editable ? (
				<section aria-labelledby="steps" className="max-w-3xl space-y-3">
					<h2 id="steps" className="text-2xl font-semibold">
						{t('wizard.overview.steps')}
					</h2>
					<p className="text-slate-700">{t('wizard.overview.progress', { done, total: STEP_IDS.length })}</p>
					<TaskList
						tasks={STEP_IDS.map((id) => ({
							id,
							href: `/applications/${data.id}/${id}`,
							title: t(`wizard.step.${id}.title`),
							state: data.states[id],
						}))}
					/>
					<p className="text-sm text-slate-600">{t('wizard.overview.savesAsYouGo')}</p>
				</section>
			) : (
				<Panel>
					<p>{t('wizard.overview.notEditable')}</p>
				</Panel>
			)}
		</div>
	)
}
