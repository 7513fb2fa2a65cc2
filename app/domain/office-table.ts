import { APPLICATION_STATUSES, type ApplicationStatus } from '#db/schema.ts'

/** What the office's applications table and its page share (app/domain/office-table.server.ts answers the queries). */

export const TABLE_COLUMNS = ['reference', 'applicant', 'country', 'institution', 'field', 'school', 'status', 'reviews', 'score', 'letters', 'submitted'] as const
export type TableColumn = (typeof TABLE_COLUMNS)[number]

export const LISTED_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter((status) => status !== 'draft')

export const PAGE_SIZES = [25, 50, 100] as const
