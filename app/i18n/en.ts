/**
 * The English catalogue: the source of every key. fa.ts must give a translation for each key (the
 * compiler checks it). `{name}` placeholders are filled by `t(key, { name })`.
 */
export const en = {
	'app.name': 'Visiting Professor Program',
	'app.office': 'International Relations Office',
	'app.tagline': 'Teach, lecture and do joint research on campus for a few weeks',

	'nav.skip': 'Skip to main content',
	'nav.main': 'Main',
	'nav.home': 'Home',
	'nav.language': 'Language',
	'nav.switchTo': 'فارسی',

	'footer.about': 'The Visiting Professor Program is run by the university’s International Relations Office.',
	'footer.languages': 'This portal is available in English and Persian.',

	'meta.home.title': 'Visiting Professor Program',
	'meta.home.description':
		'Researchers working abroad can apply to spend one week to a few months on campus, teaching and doing joint research with one of our schools.',

	'home.hero.title': 'Visiting Professor Program',
	'home.hero.lead':
		'The university invites researchers who work abroad to spend from one week to a few months on campus: to teach, give lectures and workshops, supervise students and do joint research with a host department.',
	'home.who.title': 'Who it is for',
	'home.who.body':
		'Researchers and clinicians in the medical sciences who hold a post at a university, hospital or research institute outside the country, at any stage from assistant professor to emeritus. You need a faculty member here who is willing to host your visit.',
	'home.visit.title': 'What a visit can include',
	'home.visit.lectures': 'Lectures and seminars for students and staff',
	'home.visit.workshops': 'Workshops and short courses',
	'home.visit.research': 'Joint research with your host’s group',
	'home.visit.clinical': 'Clinical training',
	'home.visit.supervision': 'Supervision of graduate students',
	'home.apply.title': 'How to apply',
	'home.apply.step1': 'Choose an open call below and create an account.',
	'home.apply.step2':
		'Fill in the application in six short steps. It saves as you go, so you can stop and come back on any device.',
	'home.apply.step3':
		'Upload your CV, name your referees and your proposed host, and submit before the deadline.',
	'home.apply.step4':
		'Faculty reviewers score your application and the office decides. We email you at every step, and you can follow its status here.',
	'home.calls.title': 'Open calls',
	'home.calls.empty':
		'No call is open for applications at the moment. New rounds are announced here; please check again later.',
	'home.calls.deadline': 'Deadline',
	'home.calls.visits': 'Visits between',
	'home.calls.visitRange': '{start} and {end}',
	'home.calls.length': 'Length of a visit',
	'home.calls.lengthRange': '{min} to {max} days',
	'home.calls.referees': 'Referees needed',
	'home.calls.gregorian': 'Gregorian: {date}',

	'error.title': 'Something went wrong',
	'error.body': 'We could not show this page. Please try again in a moment; if it keeps happening, tell the program office.',
	'error.notFound.title': 'Page not found',
	'error.notFound.body': 'There is no page at this address. Check the address, or start again from the home page.',
	'error.backHome': 'Go to the home page',
	'error.status': 'Error {status}',
} as const

export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>
