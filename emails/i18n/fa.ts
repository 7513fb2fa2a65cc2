import type { EmailMessages } from './en.ts'

export const fa: EmailMessages = {
	'layout.programName': 'برنامه استادان مدعو',
	'layout.office': 'دفتر روابط بین‌الملل',
	'layout.footer':
		'این ایمیل به سبب حساب کاربری یا درخواستی در درگاه برنامه استادان مدعو برای شما فرستاده شده است. این پیام خودکار است و پاسخ‌ها خوانده نمی‌شوند.',

	'common.greeting': '{name} گرامی،',
	'common.linkHint': 'اگر دکمه کار نکرد، این نشانی را در مرورگر خود بگذارید: {link}',
	'review.open': 'باز کردن داوری',
	'review.reminder.subject': 'یادآوری: مهلت داوری {reference} سه روز دیگر است',
	'review.reminder.preview': 'مهلت داوری {reference} نزدیک است.',
	'review.reminder.body': 'یادآوری می‌کنیم که مهلت داوری شما برای درخواست {reference} تا {date} است.',
	'review.overdue.subject': 'گذشته از مهلت: داوری {reference}',
	'review.overdue.preview': 'مهلت داوری {reference} گذشته است.',
	'review.overdue.body': 'مهلت داوری شما برای درخواست {reference} تا {date} بود. لطفاً هر چه زودتر آن را ارسال کنید یا اگر نمی‌توانید به دفتر برنامه خبر دهید.',
	'review.conflict.subject': 'اعلام تعارض منافع در {reference}',
	'review.conflict.preview': 'یک داور تعارض منافع اعلام کرد.',
	'review.conflict.body': '{reviewer} برای درخواست {reference} تعارض منافع اعلام کرد و داوری از او برداشته شد. لطفاً داور دیگری بگمارید.',
	'review.conflict.reason': 'دلیل ایشان: {reason}',
	'review.conflict.action': 'باز کردن درخواست',
	'review.complete.subject': 'همه داوری‌های {reference} رسید',
	'review.complete.preview': 'همه داوری‌های سپرده‌شده ارسال شده‌اند.',
	'review.complete.body': 'هر {count} داوری سپرده‌شده برای درخواست {reference} رسیده است. می‌توانید آن‌ها را مقایسه کنید و تصمیم بگیرید.',
	'review.complete.action': 'مقایسه داوری‌ها',

	'common.notYou': 'اگر این کار را شما نکرده‌اید، این ایمیل را نادیده بگیرید؛ چیزی تغییر نمی‌کند.',

	'verify.subject': 'نشانی ایمیل خود را تأیید کنید',
	'verify.preview': 'یک گام مانده است: نشانی ایمیل خود را تأیید کنید.',
	'verify.body': 'سپاس که در درگاه برنامه استادان مدعو حساب ساختید. لطفاً تأیید کنید که این نشانی ایمیل از آن شماست.',
	'verify.action': 'نشانی ایمیلم را تأیید می‌کنم',
	'verify.expiry': 'این پیوند یک بار و تا ۲۴ ساعت کار می‌کند. پس از آن وارد شوید و پیوند تازه بخواهید.',

	'accountExists.subject': 'شما از پیش حساب دارید',
	'accountExists.preview': 'کسی کوشید با نشانی ایمیل شما ثبت‌نام کند.',
	'accountExists.body': 'کسی، احتمالاً خود شما، کوشید با این نشانی ایمیل حساب بسازد. شما از پیش حساب دارید، پس حساب تازه‌ای ساخته نشد.',
	'accountExists.signIn': 'ورود',
	'accountExists.forgot': 'گذرواژه را فراموش کرده‌اید؟ گذرواژه تازه را اینجا برگزینید: {link}',

	'reset.subject': 'گذرواژه تازه برگزینید',
	'reset.preview': 'پیوندی برای گزینش گذرواژه تازه.',
	'reset.body': 'درخواستی برای بازنشانی گذرواژه حساب شما دریافت کردیم. با این دکمه گذرواژه تازه‌ای برگزینید.',
	'reset.action': 'گزینش گذرواژه تازه',
	'reset.expiry': 'این پیوند یک بار و تا یک ساعت کار می‌کند.',
	'reset.notYou': 'اگر شما این را نخواسته‌اید، این ایمیل را نادیده بگیرید: گذرواژه شما همان می‌ماند.',

	'invitation.subjectReviewer': 'دعوت‌نامه: داوری برای برنامه استادان مدعو',
	'invitation.subjectOffice': 'دعوت‌نامه: دفتر برنامه استادان مدعو',
	'invitation.preview': 'برای آغاز، گذرواژه‌ای برگزینید.',
	'invitation.bodyReviewer':
		'{inviter} شما را به داوری درخواست‌های برنامه استادان مدعو دعوت کرده است. برای دیدن درخواست‌هایی که به شما سپرده می‌شود، گذرواژه‌ای برگزینید.',
	'invitation.bodyOffice': '{inviter} شما را به پیوستن به دفتر برنامه در درگاه استادان مدعو دعوت کرده است.',
	'invitation.action': 'گزینش گذرواژه',
	'invitation.expiry': 'این پیوند یک بار و تا ۷ روز کار می‌کند. پس از آن از دفتر برنامه دعوت‌نامه تازه بخواهید.',

	'test.subject': 'پیام آزمایشی از برنامه استادان مدعو',
	'test.preview': 'درگاه می‌تواند برای شما ایمیل بفرستد.',
	'test.body': 'این یک پیام آزمایشی است. اگر آن را می‌خوانید، درگاه می‌تواند برای شما ایمیل بفرستد.',
	'test.link': 'باز کردن درگاه',

	// Status changes (issue 5: app/domain/lifecycle/, emails/application-status.tsx): `status.<change>.<kind>.*`.
	'status.common.greetingTeam': 'همکاران گرامی،',
	'status.common.reference': 'شماره پیگیری: {reference}',
	'status.common.note': 'یادداشت: {note}',
	'status.common.reviewerComments': 'دیدگاه داوران:',
	'status.common.quoted': '«{text}»',
	'status.corrected.subject': 'اصلاحیه: {subject}',
	'status.corrected.lead':
		'این ایمیل ایمیل پیشین ما درباره درخواست {reference} را اصلاح می‌کند که در آن گفته شده بود درخواست شما {earlier}. از این سردرگمی پوزش می‌خواهیم؛ تصمیم زیر جایگزین آن است.',
	'status.decisionName.approved': 'پذیرفته شده است',
	'status.decisionName.waitlisted': 'در فهرست انتظار قرار گرفته است',
	'status.decisionName.rejected': 'پذیرفته نشده است',
	'status.common.dateWithGregorian': '{date} (برابر با {gregorian})',
	'status.action.applicant': 'دیدن درخواست شما',
	'status.action.office': 'دیدن درخواست',
	'status.action.reviewer': 'داوری‌های من',
	'status.action.referee': 'درگاه برنامه',
	'status.action.host': 'درگاه برنامه',

	'status.submitted.applicant.subject': 'درخواست شما دریافت شد: {reference}',
	'status.submitted.applicant.happened':
		'سپاس از درخواست شما برای {call}. درخواست شما را دریافت کردیم؛ شماره پیگیری آن {reference} است.',
	'status.submitted.applicant.next':
		'اکنون لازم نیست کاری کنید. دفتر برنامه همه درخواست‌ها را بررسی می‌کند و سپس داوران هیئت علمی آن را ارزیابی می‌کنند. هر گاه وضعیت آن تغییر کند به شما ایمیل می‌زنیم و هر زمان می‌توانید آن را در درگاه پیگیری کنید.',
	'status.submitted.office.subject': 'درخواست تازه {reference} از {applicant}',
	'status.submitted.office.happened': '{applicant} درخواست {reference} را برای {call} فرستاده است.',
	'status.submitted.office.next':
		'شرایط آن را بررسی کنید، سپس داور تعیین کنید (نخستین داور درخواست را به مرحله داوری می‌برد)، درخواست اصلاح بفرستید یا آن را در غربالگری رد کنید.',
	'status.submitted.referee.subject': '{applicant} شما را معرف خود نام برده است ({reference})',
	'status.submitted.referee.happened': '{applicant} برای {call} درخواست داده (شماره پیگیری {reference}) و شما را معرف خود نام برده است.',
	'status.submitted.referee.next':
		'ایمیل جداگانه‌ای با پیوندی ویژه برای توصیه‌نامه محرمانه‌تان دریافت خواهید کرد. متقاضی هرگز توصیه‌نامه شما را نمی‌بیند.',
	'status.submitted.host.subject': '{applicant} شما را میزبان دیدار خود پیشنهاد کرده است ({reference})',
	'status.submitted.host.happened':
		'{applicant} برای {call} درخواست داده (شماره پیگیری {reference}) و شما را میزبان دیدار پیشنهاد کرده است.',
	'status.submitted.host.next': 'ایمیل جداگانه‌ای با پیوندی ویژه دریافت خواهید کرد تا دیدار را تأیید یا رد کنید.',

	'status.resubmitted.applicant.subject': 'اصلاحات شما دریافت شد: {reference}',
	'status.resubmitted.applicant.happened': 'اصلاحات درخواست {reference} شما را دریافت کردیم.',
	'status.resubmitted.applicant.next':
		'درخواست به دفتر برنامه بازمی‌گردد و از همان جایی که بود ادامه می‌یابد. هر گاه وضعیت آن تغییر کند به شما ایمیل می‌زنیم.',
	'status.resubmitted.office.subject': '{applicant} درخواست {reference} را اصلاح کرد',
	'status.resubmitted.office.happened': '{applicant} به درخواست اصلاح پاسخ داده و درخواست {reference} را دوباره فرستاده است.',
	'status.resubmitted.office.next': 'اصلاحات را ببینید و رسیدگی به درخواست را ادامه دهید.',
	'status.resubmitted.reviewer.subject': 'درخواست {reference} به‌روز شد',
	'status.resubmitted.reviewer.happened':
		'متقاضی اصلاحاتی را که دفتر برنامه خواسته بود در درخواست {reference}، که داوری آن به شما سپرده شده، انجام داده است.',
	'status.resubmitted.reviewer.next': 'لطفاً پیش از فرستادن یا بازنگری داوری خود، درخواست به‌روزشده را ببینید.',

	'status.under_review.applicant.subject': 'درخواست {reference} شما در حال داوری است',
	'status.under_review.applicant.happened':
		'درخواست {reference} شما بررسی دفتر برنامه را گذرانده و اکنون نزد داوران هیئت علمی است.',
	'status.under_review.applicant.next': 'لازم نیست کاری کنید. هنگامی که تصمیم گرفته شد به شما ایمیل می‌زنیم.',

	'status.changes_requested.applicant.subject': 'درخواست {reference} شما نیاز به اصلاح دارد: پاسخ تا {replyByDay}',
	'status.changes_requested.applicant.happened':
		'دفتر برنامه درخواست {reference} شما را بررسی کرده و از شما می‌خواهد این موارد را اصلاح کنید:',
	'status.changes_requested.applicant.next':
		'لطفاً اصلاحات را انجام دهید و درخواست خود را تا {replyBy} دوباره بفرستید. در غیر این صورت ممکن است درخواست رد شود.',

	'status.approved.applicant.subject': 'اقدام لازم: دیدار خود را تا {confirmByDay} تأیید کنید — {reference}',
	'status.approved.applicant.happened': 'با خرسندی به آگاهی می‌رسانیم که درخواست {reference} شما برای {call} پذیرفته شد.',
	'status.approved.applicant.next':
		'لطفاً تاریخ‌های دیدار خود را تا {confirmBy} در درگاه تأیید کنید. اگر تا آن زمان تأیید نکنید، ممکن است دیدار لغو شود.',
	'status.approved.host.subject': 'دیدار پذیرفته شد: {applicant} ({reference})',
	'status.approved.host.happened': 'درخواست {applicant} ({reference})، که میزبانی دیدار او را پیشنهاد کرده بودید، پذیرفته شد.',
	'status.approved.host.next': 'متقاضی اکنون تاریخ‌های دیدار را تأیید می‌کند؛ پس از تأیید به شما خبر می‌دهیم.',
	'status.approved.office.subject': 'پذیرفته شد: {reference} ({applicant})',
	'status.approved.office.happened': 'درخواست {reference} از {applicant} پذیرفته شد.',
	'status.approved.office.next': 'متقاضی تا {confirmBy} فرصت دارد تاریخ‌های دیدار را تأیید کند.',

	'status.waitlisted.applicant.subject': 'تصمیم درباره درخواست {reference} شما: فهرست انتظار',
	'status.waitlisted.applicant.happened': 'درخواست {reference} شما برای {call} در فهرست انتظار قرار گرفت.',
	'status.waitlisted.applicant.next':
		'اگر جایی باز شود، دفتر برنامه دوباره تصمیم می‌گیرد و به شما ایمیل می‌زند. اکنون لازم نیست کاری کنید.',

	'status.rejected.applicant.subject': 'تصمیم درباره درخواست {reference} شما',
	'status.rejected.applicant.happened':
		'از علاقه شما به {call} سپاسگزاریم. متأسفیم که درخواست {reference} شما پذیرفته نشد.',
	'status.rejected.applicant.next': 'خوشحال می‌شویم در فراخوان‌های آینده دوباره درخواست دهید.',

	'status.withdrawn.office.subject': 'پس گرفته شد: {reference} ({applicant})',
	'status.withdrawn.office.happened': '{applicant} درخواست {reference} را پس گرفته است.',
	'status.withdrawn.office.next': 'کار دیگری لازم نیست. داوری‌های سپرده‌شده به پایان رسیدند.',
	'status.withdrawn.reviewer.subject': 'درخواست {reference} پس گرفته شد: داوری لازم نیست',
	'status.withdrawn.reviewer.happened': 'متقاضی درخواست {reference} را، که داوری آن به شما سپرده شده بود، پس گرفته است.',
	'status.withdrawn.reviewer.next': 'این داوری به پایان رسید؛ لازم نیست این درخواست را داوری کنید.',

	'status.visit_confirmed.applicant.subject': 'دیدار شما تأیید شد: {reference}',
	'status.visit_confirmed.applicant.happened': 'دیدار بر پایه درخواست {reference} شما تأیید شد.',
	'status.visit_confirmed.applicant.next':
		'اکنون می‌توانید کارهای روادید و سفر را انجام دهید؛ دعوت‌نامه برای سفارت در صفحه درخواست شماست. اگر برنامه‌تان تغییر کرد، بی‌درنگ به دفتر برنامه خبر دهید.',
	'status.visit_confirmed.host.subject': 'دیدار تأیید شد: {applicant} ({reference})',
	'status.visit_confirmed.host.happened': 'دیدار {applicant} ({reference})، که میزبان آن هستید، تأیید شد.',
	'status.visit_confirmed.host.next':
		'لطفاً برنامه‌های دیدار را با مهمان هماهنگ کنید؛ دفتر برنامه درباره کارهای اجرایی با شما تماس می‌گیرد.',
	'status.visit_confirmed.office.subject': 'دیدار تأیید شد: {reference} ({applicant})',
	'status.visit_confirmed.office.happened': 'دیدار بر پایه درخواست {reference} از {applicant} تأیید شد.',
	'status.visit_confirmed.office.next': 'دعوت‌نامه و کارهای اجرایی دیدار را آماده کنید.',

	'status.completed.applicant.subject': 'سپاس از دیدار شما: {reference}',
	'status.completed.applicant.happened':
		'دیدار شما بر پایه درخواست {reference} انجام‌شده ثبت شد. سپاس از همراهی شما با برنامه.',
	'status.completed.applicant.next': 'لطفاً گزارش دیدار خود را از راه درگاه برای ما بفرستید.',
	'status.completed.host.subject': 'دیدار انجام شد: {applicant} ({reference})',
	'status.completed.host.happened': 'دیدار {applicant} ({reference})، که میزبان آن بودید، انجام‌شده ثبت شد.',
	'status.completed.host.next': 'سپاس از میزبانی شما. کار دیگری از شما لازم نیست.',
	'status.completed.host.privateNext':
		'ممکن است در چند خط بگویید دیدار چگونه گذشت؟ لطفاً تا {feedbackUntil} از پیوند شخصی زیر استفاده کنید. تنها دفتر برنامه پاسخ شما را می‌خواند.',
	'status.completed.host.privateAction': 'بازخورد دربارهٔ دیدار',
	'status.completed.office.subject': 'انجام شد: {reference} ({applicant})',
	'status.completed.office.happened': 'دیدار بر پایه درخواست {reference} از {applicant} انجام‌شده ثبت شد.',
	'status.completed.office.next': 'گزارش دیدار متقاضی ممکن است در پی بیاید.',

	'status.cancelled.applicant.subject': 'دیدار شما لغو شد: {reference}',
	'status.cancelled.applicant.happened': 'دیدار بر پایه درخواست {reference} شما لغو شد.',
	'status.cancelled.applicant.next': 'اگر فکر می‌کنید اشتباهی رخ داده است، لطفاً با دفتر برنامه تماس بگیرید.',
	'status.cancelled.host.subject': 'دیدار لغو شد: {applicant} ({reference})',
	'status.cancelled.host.happened': 'دیدار {applicant} ({reference})، که قرار بود میزبان آن باشید، لغو شد.',
	'status.cancelled.host.next': 'کار دیگری از شما لازم نیست.',
	'status.cancelled.office.subject': 'لغو شد: {reference} ({applicant})',
	'status.cancelled.office.happened': 'دیدار بر پایه درخواست {reference} از {applicant} لغو شد.',
	'status.cancelled.office.next': 'کار دیگری لازم نیست.',

	// Referees' letters and the host's endorsement (issue 7: app/domain/letters.server.ts, emails/letters.tsx).
	'status.submitted.referee.privateNext':
		'لطفاً تا {letterDeadline} با پیوند ویژه زیر توصیه‌نامه محرمانه خود را بارگذاری کنید یا به ما بگویید که نمی‌توانید آن را بنویسید. متقاضی هرگز توصیه‌نامه شما را نمی‌بیند.',
	'status.submitted.host.privateNext':
		'لطفاً تا {letterDeadline} با پیوند ویژه زیر به ما بگویید که آیا این دیدار را تأیید می‌کنید. متقاضی هرگز بیانیه شما را نمی‌بیند.',
	'status.submitted.referee.privateAction': 'بارگذاری یا رد توصیه‌نامه',
	'status.submitted.host.privateAction': 'تأیید یا رد دیدار',
	'letters.letter-request-referee.subject': 'توصیه‌نامه برای {applicant} ({reference})',
	'letters.letter-request-referee.body': '{applicant} برای {call} درخواست داده (شماره پیگیری {reference}) و شما را معرف خود نام برده است.',
	'letters.letter-request-referee.next':
		'لطفاً تا {deadline} توصیه‌نامه محرمانه خود را (PDF) بارگذاری کنید یا به ما بگویید که نمی‌توانید آن را بنویسید. متقاضی هرگز توصیه‌نامه شما را نمی‌بیند. این پیوند جای پیوندهای پیشین را می‌گیرد.',
	'letters.letter-request-referee.action': 'بارگذاری یا رد توصیه‌نامه',
	'letters.letter-request-host.subject': 'لطفاً دیدار {applicant} را تأیید کنید ({reference})',
	'letters.letter-request-host.body': '{applicant} برای {call} درخواست داده (شماره پیگیری {reference}) و شما را میزبان دیدار پیشنهاد کرده است.',
	'letters.letter-request-host.next':
		'لطفاً تا {deadline} به ما بگویید که آیا این دیدار را تأیید می‌کنید. متقاضی هرگز بیانیه شما را نمی‌بیند. این پیوند جای پیوندهای پیشین را می‌گیرد.',
	'letters.letter-request-host.action': 'تأیید یا رد دیدار',
	'letters.letter-reminder-referee.subject': 'یادآوری: توصیه‌نامه برای {applicant} تا {deadline}',
	'letters.letter-reminder-referee.body': 'هنوز توصیه‌نامه شما برای {applicant} (درخواست {reference} برای {call}) به دست ما نرسیده است.',
	'letters.letter-reminder-referee.next': 'لطفاً تا {deadline} آن را بارگذاری کنید یا به ما بگویید که نمی‌توانید آن را بنویسید.',
	'letters.letter-reminder-referee.action': 'بارگذاری یا رد توصیه‌نامه',
	'letters.letter-reminder-host.subject': 'یادآوری: لطفاً تا {deadline} درباره دیدار {applicant} پاسخ دهید',
	'letters.letter-reminder-host.body': 'هنوز پاسخ شما درباره میزبانی {applicant} (درخواست {reference} برای {call}) به دست ما نرسیده است.',
	'letters.letter-reminder-host.next': 'لطفاً تا {deadline} دیدار را تأیید یا رد کنید.',
	'letters.letter-reminder-host.action': 'تأیید یا رد دیدار',
	'letters.letter-received.subject': 'یک توصیه‌نامه رسید ({reference})',
	'letters.letter-received.body': '{person} توصیه‌نامه‌ای برای درخواست {reference} شما فرستاده است.',
	'letters.letter-received.next': 'توصیه‌نامه‌ها محرمانه‌اند: در صفحه درخواست خود می‌بینید کدام‌ها رسیده‌اند.',
	'letters.letter-received.action': 'درخواست شما',
	'letters.letter-declined.subject': 'یک معرف نمی‌تواند توصیه‌نامه بنویسد ({reference})',
	'letters.letter-declined.body': '{person} به ما گفته است که نمی‌تواند برای درخواست {reference} شما توصیه‌نامه بنویسد.',
	'letters.letter-declined.next': 'تا {deadline} می‌توانید در صفحه درخواست خود معرف دیگری نام ببرید.',
	'letters.letter-declined.action': 'درخواست شما',
	'letters.host-endorsed.subject': 'میزبان شما پاسخ داد ({reference})',
	'letters.host-endorsed.body': '{person} دیدار پیشنهادی در درخواست {reference} شما را تأیید کرده است.',
	'letters.host-endorsed.next': 'در این باره کار دیگری از شما لازم نیست.',
	'letters.host-endorsed.action': 'درخواست شما',
	'letters.host-declined.subject': 'میزبان شما پاسخ داد ({reference})',
	'letters.host-declined.body': '{person} تأیید دیدار پیشنهادی در درخواست {reference} شما را نپذیرفته است.',
	'letters.host-declined.next': 'اگر پرسشی دارید، با دفتر برنامه تماس بگیرید.',
	'letters.host-declined.action': 'درخواست شما',
	// The office's assignment emails to reviewers (issue 8, emails/review-assigned.tsx).
	'assignment.review-assigned.subject': 'لطفاً درخواست {reference} را تا {due} داوری کنید',
	'assignment.review-assigned.body': 'دفتر برنامه از شما خواسته است درخواست {applicant} برای {call} را داوری کنید.',
	'assignment.review-assigned.next':
		'لطفاً داوری خود را تا {due} ثبت کنید. هنگام باز کردن درخواست، نخست از شما پرسیده می‌شود که آیا با متقاضی تعارض منافع دارید.',
	'assignment.review-assigned.action': 'باز کردن داوری',
	'assignment.review-assignment-removed.subject': 'دیگر لازم نیست درخواست {reference} را داوری کنید',
	'assignment.review-assignment-removed.body': 'دفتر برنامه داوری درخواست {applicant} برای {call} را که از شما خواسته بود پس گرفته است.',
	'assignment.review-assignment-removed.next': 'برای این درخواست کار دیگری لازم نیست. سپاسگزاریم.',
	'assignment.review-assignment-removed.action': 'داوری‌های شما',
	'assignment.review-due-date-changed.subject': 'مهلت تازه داوری درخواست {reference}: {due}',
	'assignment.review-due-date-changed.body': 'دفتر برنامه مهلت داوری شما برای درخواست {applicant} برای {call} را تغییر داده است.',
	'assignment.review-due-date-changed.next': 'لطفاً داوری خود را تا {due} ثبت کنید.',
	'assignment.review-due-date-changed.action': 'باز کردن داوری',
	'visit.confirmReminder.subject': 'یادآوری: دیدار خود را تا {day} تأیید کنید — {reference}',
	'visit.confirmReminder.preview': 'دیدار شما هنوز تأیید نشده است.',
	'visit.confirmReminder.body':
		'درخواست {reference} شما پذیرفته شده است، اما تاریخ‌های دیدار شما هنوز تأیید نشده‌اند. لطفاً تا {deadline} آن‌ها را تأیید کنید یا تاریخ‌های دیگری پیشنهاد دهید.',
	'visit.confirmReminder.next': 'اگر دیدار تا آن زمان تأیید نشود، دفتر برنامه ممکن است پذیرش را لغو کند و جای آن را به فرد دیگری بدهد.',
	'visit.confirmReminder.action': 'تأیید دیدار',
	'visit.letterUpdated.subject': 'نامه دعوت شما به‌روز شد: {reference}',
	'visit.letterUpdated.preview': 'نامه دعوت شما اکنون نامتان را همان‌گونه که در گذرنامه آمده است نشان می‌دهد.',
	'visit.letterUpdated.body': 'شما نام خود را همان‌گونه که در گذرنامه آمده است به «{passportName}» تغییر دادید؛ از این رو نامه دعوت درخواست {reference} را با این نام دوباره صادر کردیم. نامه تازه پیوست است.',
	'visit.letterUpdated.next': 'لطفاً به جای نامه پیشین، برای نمونه برای روادید، از آن استفاده کنید. کد تأیید آن تغییر نکرده است.',
	'visit.letterUpdated.action': 'دیدار و نامه دعوت شما',
}
