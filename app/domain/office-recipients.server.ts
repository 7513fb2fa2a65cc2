import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Config } from '#app/config.server.ts'
import type { Db, Tx } from '#db/client.ts'
import { users } from '#db/schema.ts'

/** "The office" as a recipient (DOMAIN.md): the OFFICE_EMAIL mailbox, or every active office user when it is unset. */
export function officeRecipients(
	tx: Tx | Db,
	config: { email: Pick<Config['email'], 'officeEmail'> },
): { email: string; name: string | null; locale: 'en' | 'fa' }[] {
	if (config.email.officeEmail) return [{ email: config.email.officeEmail, name: null, locale: 'en' }]
	return tx
		.select({ email: users.email, name: users.name, locale: users.locale })
		.from(users)
		.where(and(eq(users.role, 'office'), isNull(users.disabledAt)))
		.orderBy(asc(users.id))
		.all()
}
