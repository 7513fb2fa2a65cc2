import type { ReactNode } from 'react'

/**
 * A wide table that scrolls sideways on a narrow screen. The scrolling box is a focusable, named region, so a
 * keyboard user can reach and scroll it (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
	return (
		// eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scrolling region must be focusable to scroll by keyboard
		<div role="region" aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto focus-visible:outline-offset-4">
			{children}
		</div>
	)
}
