import { z } from 'zod'
import { cleanToken } from '#app/schemas/application/fields.ts'

/**
 * Account forms. Messages are catalogue keys, translated where they are shown. The same schema runs in the
 * browser (react-hook-form's zodResolver) and in the action; the server also checks the common-password list.
 */

const email = z
	.string()
	.trim()
	.min(1, 'errors.email.required')
	.max(254, 'errors.email.invalid')
	.pipe(z.email('errors.email.invalid'))
	.transform((value) => value.toLowerCase())

const name = z.string().trim().min(1, 'errors.name.required').max(200, 'errors.name.tooLong')

const newPassword = z
	.string()
	.min(10, 'errors.password.tooShort')
	.refine((value) => [...value].length <= 128, 'errors.password.tooLong')

export const RegisterSchema = z.object({
	name,
	email,
	password: newPassword,
	locale: z.enum(['en', 'fa']).catch('en'),
})

export const SignInSchema = z.object({
	email,
	password: z.string().min(1, 'errors.password.required').max(1024, 'errors.password.required'),
	redirectTo: z.string().optional(),
})

export const ForgotPasswordSchema = z.object({ email })

export const SetPasswordSchema = z.object({
	token: z.string().min(1).max(200),
	password: newPassword,
})

export const InviteSchema = z
	.object({
		role: z.enum(['reviewer', 'office'], 'errors.role.required'),
		name,
		email,
		locale: z.enum(['en', 'fa']).catch('en'),
		department: z.string().trim().max(100).optional(),
		keywords: z.string().trim().max(500, 'errors.keywords.tooLong').optional(),
	})
	.refine((value) => value.role !== 'reviewer' || (value.department ?? '') !== '', {
		path: ['department'],
		message: 'errors.department.required',
	})

export const MAX_REVIEW_CAP = 50

const capMessage = 'office.users.cap.errors.range'

/** The office's "Review cap" field on the Users page: a whole number 0–50, typed with Persian digits or not. */
export const ReviewCapSchema = z.object({
	userId: z.string().regex(/^\d{1,12}$/).transform(Number),
	cap: z
		.string(capMessage)
		.transform(cleanToken)
		.pipe(z.string().regex(/^\d{1,3}$/, capMessage))
		.transform(Number)
		.pipe(z.number().int().min(0, capMessage).max(MAX_REVIEW_CAP, capMessage)),
})
