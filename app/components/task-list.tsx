import { Link } from '@remix-run/react'
import type { MessageKey } from '#app/i18n/en.ts'
import { useTranslate } from '#app/i18n/use-translate.tsx'

export type TaskState = 'not_started' | 'in_progress' | 'completed' | 'has_errors'

const TAG: Record<TaskState, { label: MessageKey; className: string }> = {
	not_started: { label: 'wizard.state.not_started', className: 'bg-slate-100 text-slate-800' },
	in_progress: { label: 'wizard.state.in_progress', className: 'bg-amber-100 text-amber-900' },
	completed: { label: 'wizard.state.completed', className: 'bg-green-100 text-green-900' },
	has_errors: { label: 'wizard.state.has_errors', className: 'bg-red-100 text-red-900' },
}

/**
 * GOV.UK's task list: each step with its state, every step a link. The state is part of the link's accessible
 * description, so a screen reader hears "Personal details, Completed".
 */
export function TaskList({
	tasks,
	current,
}: {
	tasks: { id: string; href: string; title: string; state: TaskState }[]
	current?: string
}) {
	const { t } = useTranslate()
	return (
		<ol className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
			{tasks.map((task, index) => {
				const tag = TAG[task.state]
				return (
					<li key={task.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
						<Link
							to={task.href}
							aria-current={current === task.id ? 'step' : undefined}
							aria-describedby={`task-${task.id}-state`}
							className={current === task.id ? 'font-bold' : ''}
						>
							{t('wizard.stepNumber', { number: index + 1 })} {task.title}
						</Link>
						<span id={`task-${task.id}-state`} className={`rounded px-2 py-0.5 text-sm font-semibold ${tag.className}`}>
							{t(tag.label)}
						</span>
					</li>
				)
			})}
		</ol>
	)
}
