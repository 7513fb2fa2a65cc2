/**
 * Fields: the fixed list of medical-science disciplines an applicant chooses from (DOMAIN.md, step 2).
 * Codes are stable: rename labels, never codes.
 */

import { type Bilingual } from '#app/domain/rubric.ts'
import { type Locale } from '#app/i18n/locales.ts'

const FIELD_DATA = [
	{ code: 'anatomy', name: { en: 'Anatomy', fa: 'علوم تشریح' } },
	{ code: 'anesthesiology', name: { en: 'Anesthesiology', fa: 'بیهوشی' } },
	{ code: 'biochemistry', name: { en: 'Biochemistry', fa: 'بیوشیمی' } },
	{ code: 'biomedical-engineering', name: { en: 'Biomedical Engineering', fa: 'مهندسی پزشکی' } },
	{ code: 'biostatistics', name: { en: 'Biostatistics', fa: 'آمار زیستی' } },
	{ code: 'cardiology', name: { en: 'Cardiology', fa: 'قلب و عروق' } },
	{ code: 'dentistry', name: { en: 'Dentistry', fa: 'دندان‌پزشکی' } },
	{ code: 'dermatology', name: { en: 'Dermatology', fa: 'پوست' } },
	{ code: 'emergency-medicine', name: { en: 'Emergency Medicine', fa: 'طب اورژانس' } },
	{ code: 'epidemiology', name: { en: 'Epidemiology', fa: 'اپیدمیولوژی' } },
	{ code: 'health-informatics', name: { en: 'Health Informatics', fa: 'انفورماتیک سلامت' } },
	{ code: 'health-management', name: { en: 'Health Services Management', fa: 'مدیریت خدمات بهداشتی و درمانی' } },
	{ code: 'immunology', name: { en: 'Immunology', fa: 'ایمنی‌شناسی' } },
	{ code: 'infectious-diseases', name: { en: 'Infectious Diseases', fa: 'بیماری‌های عفونی' } },
	{ code: 'internal-medicine', name: { en: 'Internal Medicine', fa: 'بیماری‌های داخلی' } },
	{ code: 'medical-biotechnology', name: { en: 'Medical Biotechnology', fa: 'بیوتکنولوژی پزشکی' } },
	{ code: 'medical-education', name: { en: 'Medical Education', fa: 'آموزش پزشکی' } },
	{ code: 'medical-genetics', name: { en: 'Medical Genetics', fa: 'ژنتیک پزشکی' } },
	{ code: 'medical-nanotechnology', name: { en: 'Medical Nanotechnology', fa: 'نانوفناوری پزشکی' } },
	{ code: 'medical-physics', name: { en: 'Medical Physics', fa: 'فیزیک پزشکی' } },
	{ code: 'microbiology', name: { en: 'Microbiology', fa: 'میکروب‌شناسی' } },
	{ code: 'midwifery', name: { en: 'Midwifery', fa: 'مامایی' } },
	{ code: 'neurology', name: { en: 'Neurology', fa: 'مغز و اعصاب' } },
	{ code: 'neuroscience', name: { en: 'Neuroscience', fa: 'علوم اعصاب' } },
	{ code: 'nursing', name: { en: 'Nursing', fa: 'پرستاری' } },
	{ code: 'nutrition', name: { en: 'Nutrition Sciences', fa: 'علوم تغذیه' } },
	{ code: 'obstetrics-gynecology', name: { en: 'Obstetrics and Gynecology', fa: 'زنان و زایمان' } },
	{ code: 'oncology', name: { en: 'Oncology', fa: 'انکولوژی' } },
	{ code: 'ophthalmology', name: { en: 'Ophthalmology', fa: 'چشم‌پزشکی' } },
	{ code: 'orthopedics', name: { en: 'Orthopedics', fa: 'ارتوپدی' } },
	{ code: 'pathology', name: { en: 'Pathology', fa: 'آسیب‌شناسی' } },
	{ code: 'pediatrics', name: { en: 'Pediatrics', fa: 'بیماری‌های کودکان' } },
	{ code: 'pharmaceutics', name: { en: 'Pharmaceutics', fa: 'فارماسیوتیکس' } },
	{ code: 'pharmacology', name: { en: 'Pharmacology', fa: 'فارماکولوژی' } },
	{ code: 'physiology', name: { en: 'Physiology', fa: 'فیزیولوژی' } },
	{ code: 'psychiatry', name: { en: 'Psychiatry', fa: 'روان‌پزشکی' } },
	{ code: 'public-health', name: { en: 'Public Health', fa: 'بهداشت عمومی' } },
	{ code: 'radiology', name: { en: 'Radiology', fa: 'رادیولوژی' } },
	{ code: 'rehabilitation-sciences', name: { en: 'Rehabilitation Sciences', fa: 'علوم توان‌بخشی' } },
	{ code: 'surgery', name: { en: 'Surgery', fa: 'جراحی' } },
	{ code: 'tissue-engineering', name: { en: 'Tissue Engineering', fa: 'مهندسی بافت' } },
	{ code: 'toxicology', name: { en: 'Toxicology', fa: 'سم‌شناسی' } },
	{ code: 'traditional-medicine', name: { en: 'Traditional Medicine', fa: 'طب سنتی' } },
] as const satisfies readonly { code: string; name: Bilingual }[]

export type FieldCode = (typeof FIELD_DATA)[number]['code']
export type Field = { code: FieldCode; name: Bilingual }

/** The fields in English alphabetical order. */
export const FIELDS: readonly Field[] = FIELD_DATA

const fieldsByCode = new Map<string, Field>(FIELDS.map((field) => [field.code, field]))

export function isFieldCode(value: unknown): value is FieldCode {
	return typeof value === 'string' && fieldsByCode.has(value)
}

/** The field's name in the locale, e.g. 'Cardiology' or 'قلب و عروق'; an unknown code is returned as it is. */
export function fieldLabel(code: FieldCode, locale: Locale): string {
	return fieldsByCode.get(code)?.name[locale] ?? code
}
