/**
 * The university's schools and their departments: a fixed list kept in code (DOMAIN.md, step 3).
 * Applicants choose the host school and department from it; reviewers' departments use the same list.
 * A department's code is its school's code, a dot and the department's own part, e.g. 'medicine.cardiology',
 * so department codes are unique across the whole list. Codes are stable: rename labels, never codes.
 */

import { type Bilingual } from '#app/domain/rubric.ts'
import { type Locale } from '#app/i18n/locales.ts'

type SchoolData = {
	code: string
	name: Bilingual
	departments: readonly { code: string; name: Bilingual }[]
}

const SCHOOL_DATA = [
	{
		code: 'medicine',
		name: { en: 'School of Medicine', fa: 'دانشکده پزشکی' },
		departments: [
			{ code: 'medicine.internal-medicine', name: { en: 'Internal Medicine', fa: 'گروه بیماری‌های داخلی' } },
			{ code: 'medicine.surgery', name: { en: 'Surgery', fa: 'گروه جراحی' } },
			{ code: 'medicine.pediatrics', name: { en: 'Pediatrics', fa: 'گروه کودکان' } },
			{ code: 'medicine.cardiology', name: { en: 'Cardiology', fa: 'گروه قلب و عروق' } },
			{ code: 'medicine.neurology', name: { en: 'Neurology', fa: 'گروه مغز و اعصاب' } },
			{ code: 'medicine.psychiatry', name: { en: 'Psychiatry', fa: 'گروه روان‌پزشکی' } },
			{ code: 'medicine.radiology', name: { en: 'Radiology', fa: 'گروه رادیولوژی' } },
			{ code: 'medicine.pathology', name: { en: 'Pathology', fa: 'گروه آسیب‌شناسی' } },
			{ code: 'medicine.anatomy', name: { en: 'Anatomy', fa: 'گروه علوم تشریح' } },
			{ code: 'medicine.physiology', name: { en: 'Physiology', fa: 'گروه فیزیولوژی' } },
			{ code: 'medicine.pharmacology', name: { en: 'Pharmacology', fa: 'گروه فارماکولوژی' } },
			{ code: 'medicine.biochemistry', name: { en: 'Biochemistry', fa: 'گروه بیوشیمی' } },
			{ code: 'medicine.medical-genetics', name: { en: 'Medical Genetics', fa: 'گروه ژنتیک پزشکی' } },
			{ code: 'medicine.immunology', name: { en: 'Immunology', fa: 'گروه ایمنی‌شناسی' } },
			{ code: 'medicine.microbiology', name: { en: 'Microbiology', fa: 'گروه میکروب‌شناسی' } },
			{ code: 'medicine.anesthesiology', name: { en: 'Anesthesiology', fa: 'گروه بیهوشی' } },
			{ code: 'medicine.obstetrics-gynecology', name: { en: 'Obstetrics and Gynecology', fa: 'گروه زنان و زایمان' } },
			{ code: 'medicine.ophthalmology', name: { en: 'Ophthalmology', fa: 'گروه چشم‌پزشکی' } },
			{ code: 'medicine.dermatology', name: { en: 'Dermatology', fa: 'گروه پوست' } },
			{ code: 'medicine.orthopedics', name: { en: 'Orthopedics', fa: 'گروه ارتوپدی' } },
			{ code: 'medicine.emergency-medicine', name: { en: 'Emergency Medicine', fa: 'گروه طب اورژانس' } },
			{
				code: 'medicine.infectious-diseases',
				name: { en: 'Infectious Diseases', fa: 'گروه بیماری‌های عفونی و گرمسیری' },
			},
			{ code: 'medicine.oncology', name: { en: 'Oncology', fa: 'گروه انکولوژی' } },
		],
	},
	{
		code: 'dentistry',
		name: { en: 'School of Dentistry', fa: 'دانشکده دندان‌پزشکی' },
		departments: [
			{ code: 'dentistry.orthodontics', name: { en: 'Orthodontics', fa: 'گروه ارتودانتیکس' } },
			{ code: 'dentistry.endodontics', name: { en: 'Endodontics', fa: 'گروه اندودانتیکس' } },
			{ code: 'dentistry.periodontics', name: { en: 'Periodontics', fa: 'گروه پریودانتیکس' } },
			{ code: 'dentistry.prosthodontics', name: { en: 'Prosthodontics', fa: 'گروه پروتزهای دندانی' } },
			{
				code: 'dentistry.oral-maxillofacial-surgery',
				name: { en: 'Oral and Maxillofacial Surgery', fa: 'گروه جراحی دهان، فک و صورت' },
			},
			{
				code: 'dentistry.oral-maxillofacial-pathology',
				name: { en: 'Oral and Maxillofacial Pathology', fa: 'گروه آسیب‌شناسی دهان، فک و صورت' },
			},
			{
				code: 'dentistry.oral-maxillofacial-radiology',
				name: { en: 'Oral and Maxillofacial Radiology', fa: 'گروه رادیولوژی دهان، فک و صورت' },
			},
			{
				code: 'dentistry.oral-medicine',
				name: { en: 'Oral Medicine', fa: 'گروه بیماری‌های دهان، فک و صورت' },
			},
			{ code: 'dentistry.pediatric-dentistry', name: { en: 'Pediatric Dentistry', fa: 'گروه دندان‌پزشکی کودکان' } },
			{
				code: 'dentistry.restorative-dentistry',
				name: { en: 'Restorative Dentistry', fa: 'گروه دندان‌پزشکی ترمیمی' },
			},
			{
				code: 'dentistry.community-oral-health',
				name: { en: 'Community Oral Health', fa: 'گروه سلامت دهان و دندان‌پزشکی اجتماعی' },
			},
			{ code: 'dentistry.dental-materials', name: { en: 'Dental Materials', fa: 'گروه مواد دندانی' } },
		],
	},
	{
		code: 'pharmacy',
		name: { en: 'School of Pharmacy', fa: 'دانشکده داروسازی' },
		departments: [
			{ code: 'pharmacy.pharmaceutics', name: { en: 'Pharmaceutics', fa: 'گروه فارماسیوتیکس' } },
			{
				code: 'pharmacy.pharmacology-toxicology',
				name: { en: 'Pharmacology and Toxicology', fa: 'گروه فارماکولوژی و سم‌شناسی' },
			},
			{ code: 'pharmacy.medicinal-chemistry', name: { en: 'Medicinal Chemistry', fa: 'گروه شیمی دارویی' } },
			{ code: 'pharmacy.pharmacognosy', name: { en: 'Pharmacognosy', fa: 'گروه فارماکوگنوزی' } },
			{ code: 'pharmacy.clinical-pharmacy', name: { en: 'Clinical Pharmacy', fa: 'گروه داروسازی بالینی' } },
			{
				code: 'pharmacy.pharmaceutical-biotechnology',
				name: { en: 'Pharmaceutical Biotechnology', fa: 'گروه بیوتکنولوژی دارویی' },
			},
			{
				code: 'pharmacy.pharmaceutical-nanotechnology',
				name: { en: 'Pharmaceutical Nanotechnology', fa: 'گروه نانوفناوری دارویی' },
			},
			{ code: 'pharmacy.drug-food-control', name: { en: 'Drug and Food Control', fa: 'گروه کنترل دارو و غذا' } },
			{
				code: 'pharmacy.pharmacoeconomics',
				name: { en: 'Pharmacoeconomics and Pharmaceutical Administration', fa: 'گروه اقتصاد و مدیریت دارو' },
			},
		],
	},
	{
		code: 'public-health',
		name: { en: 'School of Public Health', fa: 'دانشکده بهداشت' },
		departments: [
			{
				code: 'public-health.epidemiology-biostatistics',
				name: { en: 'Epidemiology and Biostatistics', fa: 'گروه اپیدمیولوژی و آمار زیستی' },
			},
			{
				code: 'public-health.health-management',
				name: { en: 'Health Management and Economics', fa: 'گروه مدیریت و اقتصاد سلامت' },
			},
			{
				code: 'public-health.environmental-health',
				name: { en: 'Environmental Health Engineering', fa: 'گروه مهندسی بهداشت محیط' },
			},
			{ code: 'public-health.nutrition', name: { en: 'Nutrition', fa: 'گروه تغذیه' } },
			{
				code: 'public-health.occupational-health',
				name: { en: 'Occupational Health Engineering', fa: 'گروه مهندسی بهداشت حرفه‌ای' },
			},
			{
				code: 'public-health.health-education',
				name: { en: 'Health Education and Promotion', fa: 'گروه آموزش بهداشت و ارتقای سلامت' },
			},
			{ code: 'public-health.pathobiology', name: { en: 'Pathobiology', fa: 'گروه پاتوبیولوژی' } },
		],
	},
	{
		code: 'nursing-midwifery',
		name: { en: 'School of Nursing and Midwifery', fa: 'دانشکده پرستاری و مامایی' },
		departments: [
			{
				code: 'nursing-midwifery.medical-surgical-nursing',
				name: { en: 'Medical-Surgical Nursing', fa: 'گروه پرستاری داخلی-جراحی' },
			},
			{
				code: 'nursing-midwifery.critical-care-nursing',
				name: { en: 'Critical Care Nursing', fa: 'گروه پرستاری مراقبت‌های ویژه' },
			},
			{ code: 'nursing-midwifery.pediatric-nursing', name: { en: 'Pediatric Nursing', fa: 'گروه پرستاری کودکان' } },
			{
				code: 'nursing-midwifery.community-health-nursing',
				name: { en: 'Community Health Nursing', fa: 'گروه پرستاری بهداشت جامعه' },
			},
			{
				code: 'nursing-midwifery.psychiatric-nursing',
				name: { en: 'Psychiatric Nursing', fa: 'گروه پرستاری روان' },
			},
			{ code: 'nursing-midwifery.geriatric-nursing', name: { en: 'Geriatric Nursing', fa: 'گروه پرستاری سالمندی' } },
			{
				code: 'nursing-midwifery.midwifery',
				name: { en: 'Midwifery and Reproductive Health', fa: 'گروه مامایی و بهداشت باروری' },
			},
		],
	},
	{
		code: 'rehabilitation',
		name: { en: 'School of Rehabilitation Sciences', fa: 'دانشکده علوم توان‌بخشی' },
		departments: [
			{ code: 'rehabilitation.physiotherapy', name: { en: 'Physiotherapy', fa: 'گروه فیزیوتراپی' } },
			{ code: 'rehabilitation.occupational-therapy', name: { en: 'Occupational Therapy', fa: 'گروه کاردرمانی' } },
			{ code: 'rehabilitation.speech-therapy', name: { en: 'Speech Therapy', fa: 'گروه گفتاردرمانی' } },
			{ code: 'rehabilitation.audiology', name: { en: 'Audiology', fa: 'گروه شنوایی‌شناسی' } },
			{ code: 'rehabilitation.optometry', name: { en: 'Optometry', fa: 'گروه بینایی‌سنجی' } },
			{
				code: 'rehabilitation.orthotics-prosthetics',
				name: { en: 'Orthotics and Prosthetics', fa: 'گروه ارتز و پروتز' },
			},
		],
	},
	{
		code: 'allied-medical-sciences',
		name: { en: 'School of Allied Medical Sciences', fa: 'دانشکده پیراپزشکی' },
		departments: [
			{
				code: 'allied-medical-sciences.laboratory-sciences',
				name: { en: 'Medical Laboratory Sciences', fa: 'گروه علوم آزمایشگاهی' },
			},
			{
				code: 'allied-medical-sciences.radiology-technology',
				name: { en: 'Radiology Technology', fa: 'گروه تکنولوژی پرتوشناسی' },
			},
			{
				code: 'allied-medical-sciences.radiotherapy-technology',
				name: { en: 'Radiotherapy Technology', fa: 'گروه تکنولوژی پرتودرمانی' },
			},
			{
				code: 'allied-medical-sciences.anesthesia-technology',
				name: { en: 'Anesthesia Technology', fa: 'گروه هوشبری' },
			},
			{
				code: 'allied-medical-sciences.operating-room-technology',
				name: { en: 'Operating Room Technology', fa: 'گروه اتاق عمل' },
			},
			{
				code: 'allied-medical-sciences.health-information-management',
				name: { en: 'Health Information Management', fa: 'گروه مدیریت اطلاعات سلامت' },
			},
			{
				code: 'allied-medical-sciences.medical-informatics',
				name: { en: 'Medical Informatics', fa: 'گروه انفورماتیک پزشکی' },
			},
		],
	},
	{
		code: 'advanced-technologies',
		name: { en: 'School of Advanced Technologies in Medicine', fa: 'دانشکده فناوری‌های نوین پزشکی' },
		departments: [
			{ code: 'advanced-technologies.medical-physics', name: { en: 'Medical Physics', fa: 'گروه فیزیک پزشکی' } },
			{
				code: 'advanced-technologies.tissue-engineering',
				name: { en: 'Tissue Engineering', fa: 'گروه مهندسی بافت' },
			},
			{
				code: 'advanced-technologies.medical-nanotechnology',
				name: { en: 'Medical Nanotechnology', fa: 'گروه نانوفناوری پزشکی' },
			},
			{
				code: 'advanced-technologies.medical-biotechnology',
				name: { en: 'Medical Biotechnology', fa: 'گروه بیوتکنولوژی پزشکی' },
			},
			{
				code: 'advanced-technologies.molecular-medicine',
				name: { en: 'Molecular Medicine', fa: 'گروه پزشکی مولکولی' },
			},
			{
				code: 'advanced-technologies.neuroscience',
				name: { en: 'Neuroscience and Addiction Studies', fa: 'گروه علوم اعصاب و مطالعات اعتیاد' },
			},
			{
				code: 'advanced-technologies.biomedical-engineering',
				name: { en: 'Biomedical Engineering', fa: 'گروه مهندسی پزشکی' },
			},
		],
	},
	{
		code: 'traditional-medicine',
		name: { en: 'School of Traditional Medicine', fa: 'دانشکده طب سنتی' },
		departments: [
			{ code: 'traditional-medicine.persian-medicine', name: { en: 'Persian Medicine', fa: 'گروه طب ایرانی' } },
			{
				code: 'traditional-medicine.traditional-pharmacy',
				name: { en: 'Traditional Pharmacy', fa: 'گروه داروسازی سنتی' },
			},
			{
				code: 'traditional-medicine.history-of-medicine',
				name: { en: 'History of Medicine', fa: 'گروه تاریخ پزشکی' },
			},
		],
	},
	{
		code: 'medical-education',
		name: { en: 'School of Medical Education', fa: 'دانشکده آموزش پزشکی' },
		departments: [
			{
				code: 'medical-education.medical-education',
				name: { en: 'Medical Education', fa: 'گروه آموزش پزشکی' },
			},
			{
				code: 'medical-education.e-learning',
				name: { en: 'E-Learning in Medical Sciences', fa: 'گروه یادگیری الکترونیکی در علوم پزشکی' },
			},
			{
				code: 'medical-education.educational-technology',
				name: { en: 'Educational Technology in Medical Sciences', fa: 'گروه تکنولوژی آموزشی در علوم پزشکی' },
			},
		],
	},
] as const satisfies readonly SchoolData[]

export type SchoolCode = (typeof SCHOOL_DATA)[number]['code']
export type DepartmentCode = (typeof SCHOOL_DATA)[number]['departments'][number]['code']

export type Department = { code: DepartmentCode; name: Bilingual }
export type School = { code: SchoolCode; name: Bilingual; departments: readonly Department[] }

export const SCHOOLS: readonly School[] = SCHOOL_DATA

const schoolsByCode = new Map<string, School>(SCHOOLS.map((school) => [school.code, school]))
const departmentsByCode = new Map<string, { school: School; department: Department }>(
	SCHOOLS.flatMap((school) => school.departments.map((department) => [department.code, { school, department }] as const)),
)

export function isSchoolCode(value: unknown): value is SchoolCode {
	return typeof value === 'string' && schoolsByCode.has(value)
}

export function isDepartmentCode(value: unknown): value is DepartmentCode {
	return typeof value === 'string' && departmentsByCode.has(value)
}

export function findSchool(code: string): School | undefined {
	return schoolsByCode.get(code)
}

/** The department with this code and the school it belongs to. */
export function findDepartment(code: string): { school: School; department: Department } | undefined {
	return departmentsByCode.get(code)
}

/** The school's departments, or an empty list for an unknown school. */
export function departmentsOf(schoolCode: string): readonly Department[] {
	return schoolsByCode.get(schoolCode)?.departments ?? []
}

/** The school's name in the locale, e.g. 'School of Medicine' or 'دانشکده پزشکی'. */
export function schoolLabel(code: SchoolCode, locale: Locale): string {
	return findSchool(code)?.name[locale] ?? code
}

/**
 * The department with its school, e.g. 'Cardiology, School of Medicine' or 'گروه قلب و عروق، دانشکده پزشکی'.
 * An unknown code (such as one removed from the list) is returned as it is.
 */
export function departmentLabel(code: DepartmentCode, locale: Locale): string {
	const found = findDepartment(code)
	if (!found) return code
	const separator = locale === 'fa' ? '، ' : ', '
	return `${found.department.name[locale]}${separator}${found.school.name[locale]}`
}
