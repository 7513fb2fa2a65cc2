import { SCHOOLS } from '#app/domain/schools.ts'
import type { Locale } from '#app/i18n/locales.ts'

/** Every department, grouped by school: the options of a department select (works without JavaScript). */
export function DepartmentOptions({ locale }: { locale: Locale }) {
	return (
		<>
			{SCHOOLS.map((school) => (
				<optgroup key={school.code} label={school.name[locale]}>
					{school.departments.map((department) => (
						<option key={department.code} value={department.code}>
							{department.name[locale]}
						</option>
					))}
				</optgroup>
			))}
		</>
	)
}
