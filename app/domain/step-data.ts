/** One step's saved answers (`application_steps.data`): JSON, so nothing about a value's type is known when read. */
type StepFields = Record<string, unknown> | undefined

/**
 * The text saved under `key` in one step's data, as saved (untrimmed), or `missing` ('' unless given) when there is
 * none: the step was never saved, the value is not a string, or it is ''. With `{ blankIsMissing: true }` a value of
 * only whitespace counts as missing too; without it, it is returned as it is.
 */
export function stepText(data: StepFields, key: string): string
export function stepText(data: StepFields, key: string, missing: null, options?: { blankIsMissing?: boolean }): string | null
export function stepText(data: StepFields, key: string, missing: '' | null = '', { blankIsMissing = false } = {}): string | null {
	const value = data?.[key]
	if (typeof value !== 'string') return missing
	return (blankIsMissing ? value.trim() : value) === '' ? missing : value
}
