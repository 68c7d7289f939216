/**
 * The demo engagement's content: "Mehregan Food Industries", a fictional
 * Persian food manufacturer and distributor. Values are written as a user
 * would type them in the forms (dates as ISO).
 */
export const DEMO_PROJECT = {
  packId: "crm-implementation",
  packVersion: "1.0.0",
  name: "پیاده‌سازی CRM مهرگان",
  clientOrganisation: "شرکت صنایع غذایی مهرگان",
  startDate: "2026-10-24",
  description:
    "مهرگان، تولیدکننده و پخش‌کننده محصولات لبنی و کنسرو با حدود ۹۰۰ فروشگاه طرف قرارداد در پنج استان، می‌خواهد فروش، پخش و خدمات پس از فروش را حول مشتری یکپارچه کند. حامی اجرایی: مدیرعامل.",
};

type Cells = Record<string, string>;

export const DEMO_ROWS: Record<string, Cells[]> = {
  "team.members": [
    { name: "فرهاد کریمی", role: "executive-sponsor", unit: "مدیریت عامل", responsibilities: "حامی اجرایی؛ تصمیم‌گیری درباره بودجه و اولویت‌ها؛ تأیید و امضای پایان هر فاز.", email: "f.karimi@mehregan.example" },
    { name: "سارا احمدی", role: "project-manager", unit: "دفتر برنامه‌ریزی و بهبود", responsibilities: "برنامه‌ریزی و هماهنگی کارگاه‌ها، پیگیری اقدام‌ها، گزارش پیشرفت به حامی اجرایی.", email: "s.ahmadi@mehregan.example" },
    { name: "رضا موسوی", role: "crm-technology-manager", unit: "فناوری اطلاعات", responsibilities: "ارزیابی نرم‌افزار، یکپارچه‌سازی با سامانه حسابداری و پخش، امنیت و زیرساخت.", email: "r.mousavi@mehregan.example" },
    { name: "نرگس رحیمی", role: "marketing-sales-service", unit: "فروش و بازاریابی", responsibilities: "نمایندگی فرایندهای فروش، بازاریابی و خدمات پس از فروش؛ هماهنگی با سرپرستان پخش.", email: "n.rahimi@mehregan.example" },
    // Six people, as the method asks, yet two of its six roles (production and HR) still empty: the sponsor signed the team on that condition.
    { name: "مهدی صالحی", role: "other", unit: "پخش و انبار", responsibilities: "مالک مشترک پروژه؛ نمایندگی فرایند تحویل و برنامه پخش روزانه.", email: "m.salehi@mehregan.example" },
    { name: "مریم صادقی", role: "marketing-sales-service", unit: "خدمات پس از فروش", responsibilities: "سفیر تغییر خدمات؛ نمایندگی فرایند ثبت و پیگیری شکایت و نوشتن سناریوهای آزمون آن.", email: "m.sadeghi@mehregan.example" },
  ],
  // Business ownership from the start (004): co-owners from sales and distribution, champions who help design the system.
  "team.co-owners": [
    { name: "نرگس رحیمی", unit: "sales", role: "مدیر فروش و بازاریابی؛ مالک مشترک پروژه و صاحب فرایندهای فروش و شکایت" },
    { name: "مهدی صالحی", unit: "other-business", role: "مدیر پخش و انبار؛ مالک مشترک پروژه و صاحب فرایند تحویل" },
  ],
  "team.champions": [
    { name: "مریم صادقی", unit: "خدمات پس از فروش", covers: "کارشناسان خدمات پس از فروش", wave: "1", contribution: "در طراحی صفحه ثبت شکایت کنار تیم فنی می‌نشیند و سناریوهای آزمون آن را می‌نویسد." },
    { name: "حمید کرمانی", unit: "پخش تهران", covers: "سرپرستان پخش", wave: "1", contribution: "گزارش سفارش‌های ثبت‌شده را با نیاز برنامه پخش روزانه طراحی می‌کند." },
  ],
  // The customers' own voice (004: "ask your best customers"; the newspaper's targeted research).
  "vision.customer-research": [
    { segment: "مدیران خرید زنجیره‌ها", method: "interview", customers: "8", date: "2026-11-08", findings: "کسری بار را دیر می‌فهمند و هر بار باید چند نفر را در مهرگان پیدا کنند؛ یک مسئول حساب و گزارش فروش هر شعبه می‌خواهند.", informs: "vision.value-proposition" },
    { segment: "سوپرمارکت‌های محلی", method: "survey", customers: "146", date: "2026-11-06", findings: "۷۱٪ گفتند ویزیتور در روز ثابت هفته برایشان از تخفیف مهم‌تر است؛ بیشترین گلایه، بی‌خبری از نتیجه شکایت بود.", informs: "vision.why-stay" },
    { segment: "فروشگاه‌هایی که در یک سال گذشته شکایت کرده‌اند", method: "complaint-analysis", customers: "212", date: "2026-11-04", findings: "دو سوم شکایت‌ها درباره تأخیر یا کسری تحویل بود و نیمی از آن‌ها دو بار ثبت شده بود، چون فروشگاه شماره پیگیری نداشت.", informs: "vision.complaining-customers" },
  ],
  "vision.segments": [
    { name: "فروشگاه‌های زنجیره‌ای", size: "12", "profitability-band": "high", "profitability-rank": "1", "current-value": "410000", "potential-value": "560000", description: "۱۲ زنجیره با ۳۸٪ فروش؛ سفارش منظم و حجم بالا.", decision: "invest", rationale: "سودآورترین بخش؛ رقبا برای جذب آن فعال‌اند.", "valued-contacts": "جلسه فصلی با مدیر خرید، گزارش فروش هر شعبه، پاسخ سریع به کسری بار.", "must-not": "پیامک تبلیغاتی انبوه به مدیران شعبه؛ تغییر قیمت بدون اطلاع قبلی." },
    { name: "سوپرمارکت‌های محلی", size: "700", "profitability-band": "low", "profitability-rank": "2", "current-value": "520000", "potential-value": "600000", description: "حدود ۷۰۰ فروشگاه؛ سفارش از طریق ویزیتور.", decision: "manage-costs", rationale: "حاشیه سود کم؛ سفارش تلفنی و برنامه ویزیت بهینه هزینه را کم می‌کند.", "valued-contacts": "ویزیت منظم در روز ثابت هفته؛ سفارش تلفنی بدون انتظار.", "must-not": "تماس فروش در ساعت شلوغ فروشگاه." },
    { name: "عمده‌فروشان شهرستان", size: "40", "profitability-band": "loss", "profitability-rank": "3", "current-value": "150000", "potential-value": "90000", description: "۴۰ عمده‌فروش با مطالبات معوق زیاد.", decision: "divest", rationale: "ریسک وصول بالا؛ انتقال تدریجی به پخش مستقیم." },
  ],
  "goals.roadmap": [
    { name: "مرحله ۱: ثبت مشتری و شکایت", start: "2026-12-22", end: "2027-06-21", focus: "پرونده واحد مشتری، ثبت و پیگیری شکایت، گزارش ریزش.", "technology-level": "low-tech" },
    { name: "مرحله ۲: فروش و ویزیت", start: "2027-06-22", end: "2027-12-21", focus: "برنامه ویزیت، سفارش‌گیری همراه، پیشنهادهای هدفمند برای هر بخش مشتریان.", "technology-level": "mid-tech" },
    { name: "مرحله ۳: کانال‌های تازه", start: "2027-12-22", end: "2028-06-20", focus: "سفارش اینترنتی و مرکز تماس.", "technology-level": "high-tech" },
  ],
  "goals.register": [
    { goal: "کاهش نرخ ریزش مشتری", kpi: "فروشگاه‌هایی که سه ماه سفارش نداده‌اند", measurement: "گزارش ماهانه سامانه فروش، سهم از کل فروشگاه‌های فعال سال گذشته", unit: "٪", baseline: "18", target: "10", priority: "1", moscow: "must", stage: "@goals.roadmap#1", "target-date": "2027-06-21", "tech-level": "low-tech", "tech-reason": "فهرست ماهانه فروشگاه‌های بی‌سفارش و تماس سرپرست؛ نرم‌افزار بعدتر." },
    { goal: "کاهش زمان رسیدگی به شکایت", kpi: "میانگین زمان تا بستن شکایت", measurement: "دفتر شکایت‌ها، از ثبت تا اعلام نتیجه به مشتری", unit: "روز", baseline: "9", target: "3", priority: "2", moscow: "must", stage: "@goals.roadmap#1", "target-date": "2027-03-20", "tech-level": "mid-tech", "tech-reason": "شماره پیگیری و پیامک نتیجه به ثبت شکایت در CRM نیاز دارد." },
    { goal: "افزایش سهم از کیف پول مشتری", kpi: "سهم مهرگان از خرید لبنی فروشگاه", measurement: "نظرسنجی فصلی از نمونه ۶۰ فروشگاه", unit: "٪", baseline: "22", target: "30", priority: "3", moscow: "should", stage: "@goals.roadmap#2", "target-date": "2027-12-21", "tech-level": "mid-tech" },
    { goal: "افزایش کانال‌های ارتباط با مشتری", kpi: "تعداد کانال‌های فعال سفارش", unit: "کانال", baseline: "2", target: "4", priority: "4", moscow: "could", stage: "@goals.roadmap#3", "tech-level": "high-tech", "tech-reason": "سفارش اینترنتی و مرکز تماس." },
  ],
  "goals.criteria": [
    { name: "ارزش برای مشتری و کسب‌وکار", weight: "3", direction: "benefit", axis: "value" },
    { name: "میزان تلاش", weight: "2", direction: "cost", axis: "effort" },
    { name: "ریسک", weight: "1", direction: "cost" },
  ],
  "goals.scores": [
    { goal: "@goals.register#1", criterion: "@goals.criteria#1", score: "5" },
    { goal: "@goals.register#1", criterion: "@goals.criteria#2", score: "2" },
    { goal: "@goals.register#1", criterion: "@goals.criteria#3", score: "1" },
    { goal: "@goals.register#2", criterion: "@goals.criteria#1", score: "4" },
    { goal: "@goals.register#2", criterion: "@goals.criteria#2", score: "3" },
    { goal: "@goals.register#2", criterion: "@goals.criteria#3", score: "2" },
    { goal: "@goals.register#3", criterion: "@goals.criteria#1", score: "4" },
    { goal: "@goals.register#3", criterion: "@goals.criteria#2", score: "4" },
    { goal: "@goals.register#3", criterion: "@goals.criteria#3", score: "3" },
    { goal: "@goals.register#4", criterion: "@goals.criteria#1", score: "3" },
    { goal: "@goals.register#4", criterion: "@goals.criteria#2", score: "5" },
    { goal: "@goals.register#4", criterion: "@goals.criteria#3", score: "4" },
  ],
  "team.unit-involvement": [
    { unit: "فروش و بازاریابی", "crm-processes": "ثبت سفارش، برنامه ویزیت، کمپین‌های تخفیف", involvement: "team-member", representative: "نرگس رحیمی" },
    { unit: "پخش و انبار", "crm-processes": "زمان‌بندی تحویل، برگشت کالا", involvement: "consulted", representative: "" },
    { unit: "خدمات پس از فروش", "crm-processes": "ثبت و پیگیری شکایت", involvement: "team-member", representative: "نرگس رحیمی" },
    { unit: "مالی", "crm-processes": "اعتبار مشتری، وصول مطالبات", involvement: "informed", representative: "" },
  ],
  "vision.workshop-participants": [
    { name: "فرهاد کریمی", role: "مدیرعامل، حامی اجرایی", organisation: "مهرگان" },
    { name: "سارا احمدی", role: "مدیر پروژه", organisation: "مهرگان" },
    { name: "رضا موسوی", role: "مدیر فناوری اطلاعات", organisation: "مهرگان" },
    { name: "نرگس رحیمی", role: "مدیر فروش و بازاریابی", organisation: "مهرگان" },
    { name: "دکتر لیلا تهرانی", role: "مشاور CRM", organisation: "مشاوران آرمان" },
  ],
  "vision.decisions": [
    { decision: "فاز نخست پروژه فقط پرونده واحد مشتری و رسیدگی به شکایت را پوشش می‌دهد.", owner: "فرهاد کریمی" },
    { decision: "بخش عمده‌فروشان شهرستان در برنامه CRM سرمایه‌گذاری جدید نمی‌گیرد.", owner: "نرگس رحیمی" },
    { decision: "بیانیه استراتژی CRM پیش از ارزیابی نرم‌افزار در جلسه ماهانه کارکنان اعلام می‌شود.", owner: "سارا احمدی" },
  ],
  "vision.open-points": [
    { point: "نماینده واحد تولید و فنی در تیم پروژه تعیین نشده است.", owner: "فرهاد کریمی", "due-date": "2026-11-30" },
    { point: "داده‌های سفارش سه سال گذشته برای بخش‌بندی سودآوری استخراج شود.", owner: "رضا موسوی", "due-date": "2026-12-10" },
  ],
  "goals.touchpoints": [
    { touchpoint: "ویزیت حضوری فروشنده", segment: "@vision.segments#2", stage: "purchase", channel: "in-person", "initiated-by": "us", consent: "given", "customer-action": "سفارش هفته را به ویزیتور می‌دهد", "data-held": "سفارش‌های قبلی روی کاغذ", "influence-opportunity": "پیشنهاد سبد متناسب با فروش فروشگاه", gap: "سابقه شکایت در دسترس ویزیتور نیست" },
    { touchpoint: "تماس تلفنی شکایت", segment: "@vision.segments#1", stage: "service", channel: "phone", "initiated-by": "customer", consent: "not-needed", "customer-action": "مشکل بار را گزارش می‌کند", "data-held": "دفتر ثبت شکایت", "influence-opportunity": "پیگیری و اطلاع‌رسانی نتیجه", gap: "شکایت بین واحدها گم می‌شود" },
    { touchpoint: "تحویل کالا", segment: "@vision.segments#1", stage: "delivery", channel: "in-person", "initiated-by": "us", consent: "given", "customer-action": "بار را تحویل می‌گیرد و رسید را امضا می‌کند", "data-held": "بارنامه", "influence-opportunity": "تأیید تحویل و دریافت بازخورد", gap: "بازخورد راننده ثبت نمی‌شود" },
  ],
  "requirements.current-processes": [
    { process: "ثبت سفارش فروشگاه", "owner-unit": "فروش", description: "ویزیتور سفارش را روی فرم کاغذی می‌نویسد و عصر به دفتر تحویل می‌دهد.", "pain-points": "تأخیر یک‌روزه، خطای ورود دوباره، نبود سابقه در محل" },
    { process: "رسیدگی به شکایت", "owner-unit": "خدمات پس از فروش", description: "شکایت تلفنی در دفتر ثبت و برای واحد مربوط ارسال می‌شود.", "pain-points": "پیگیری نمی‌شود؛ مشتری از نتیجه باخبر نمی‌شود" },
  ],
  "requirements.impacted-groups": [
    { group: "ویزیتورهای فروش", people: "45", today: "سفارش روی کاغذ و تماس تلفنی با دفتر.", tomorrow: "سفارش و سابقه فروشگاه روی تبلت، برنامه ویزیت از سامانه.", processes: "4", tools: "5", "job-roles": "2", metrics: "4", compensation: "3", resistance: "high", sponsor: "نرگس رحیمی" },
    { group: "کارشناسان خدمات پس از فروش", people: "8", today: "شکایت‌ها در دفتر ثبت و با تلفن پیگیری می‌شوند.", tomorrow: "هر شکایت شماره پیگیری دارد و نتیجه با پیامک اعلام می‌شود.", processes: "3", tools: "4", "job-roles": "1", metrics: "3", compensation: "0", resistance: "medium", sponsor: "نرگس رحیمی" },
    { group: "سرپرستان پخش", people: "12", today: "برنامه پخش بر اساس تجربه سرپرست.", tomorrow: "برنامه پخش از سفارش‌های ثبت‌شده و اولویت بخش مشتریان.", processes: "3", tools: "2", "job-roles": "2", metrics: "2", compensation: "1", resistance: "medium", sponsor: "فرهاد کریمی" },
  ],
  "requirements.communication-plan": [
    { audience: "همه کارکنان", message: "چرا CRM: یک پرونده برای هر فروشگاه و شکایت‌های سه‌روزه.", channel: "meeting", sender: "فرهاد کریمی", timing: "2026-12-01", frequency: "monthly", status: "planned" },
    { audience: "ویزیتورهای فروش", message: "چه چیزی در کار روزانه شما آسان‌تر می‌شود و آموزش کی است.", channel: "workshop", sender: "نرگس رحیمی", timing: "2026-12-10", frequency: "per-milestone", status: "planned" },
  ],
  "requirements.register": [
    { requirement: "پرونده واحد هر فروشگاه با سابقه سفارش، شکایت و ویزیت", priority: "must", goal: "@goals.register#1", touchpoint: "@goals.touchpoints#1", process: "ثبت سفارش فروشگاه", "crm-function": "مدیریت حساب مشتری" },
    { requirement: "ثبت شکایت با شماره پیگیری و اعلام نتیجه با پیامک", priority: "must", goal: "@goals.register#2", touchpoint: "@goals.touchpoints#2", process: "رسیدگی به شکایت", "crm-function": "مدیریت شکایت‌ها" },
    { requirement: "گزارش ماهانه فروشگاه‌های بدون سفارش در سه ماه اخیر", priority: "should", goal: "@goals.register#1", "crm-function": "گزارش‌گیری" },
  ],
};

export const DEMO_ANSWERS: Record<string, unknown> = {
  "vision.why-crm":
    "فروشگاه‌های طرف قرارداد ما از چند کانال (ویزیتور، تلفن، پخش) با ما در تماس‌اند و هیچ‌کدام تصویر کاملی از مشتری ندارد. ریزش فروشگاه‌ها در دو سال گذشته بالا رفته و شکایت‌ها دیر بسته می‌شوند. می‌خواهیم مشتری را یکپارچه بشناسیم و پیش از رقبا به نیازش پاسخ دهیم.",
  "vision.successful-crm-behaviour":
    "هر کارمندی که با فروشگاه صحبت می‌کند سابقه سفارش، شکایت و ویزیت‌های آن را می‌بیند؛ شکایت‌ها در کمتر از سه روز بسته می‌شوند؛ مدیران هر هفته بخش‌های مشتریان را بر اساس سودآوری مرور می‌کنند و تصمیم‌ها بر پایه داده گرفته می‌شود.",
  "vision.why-stay": "تحویل به‌موقع، پاسخ سریع به شکایت و پیشنهادهایی که به فروش خود فروشگاه کمک می‌کند.",
  "vision.loyalty-definition": "فروشگاهی که دست‌کم دوازده ماه پیاپی هر ماه سفارش داده و سهم ما از خرید لبنی‌اش رو به افزایش است.",
  "vision.workshop-date": "2026-11-03",
  "vision.first-contact": "ویزیتور با نام فروشگاه و سابقه خرید آشناست و پیشنهاد متناسب با قفسه آن فروشگاه می‌دهد.",
  "vision.desired-reports": "فروشگاه‌های بدون سفارش در سه ماه اخیر؛ سودآوری هر بخش مشتریان؛ زمان بسته شدن شکایت‌ها به تفکیک واحد.",
  "vision.complaining-customers": "شاکی باید حس کند شنیده شده: شماره پیگیری، تماس در ۲۴ ساعت و اعلام نتیجه.",
  "vision.unwanted-customers": "عمده‌فروشانی که بیش از ۱۲۰ روز بدهی معوق دارند.",
  "vision.strategy-statement": "ما هر فروشگاه را یک شریک می‌دانیم: او را می‌شناسیم، به‌موقع تحویل می‌دهیم و هر شکایت را در سه روز می‌بندیم.",
  "vision.communicate-strategy": { owner: "سارا احمدی", dueDate: "2026-11-20", status: "done", evidence: "اعلام در جلسه ماهانه کارکنان ۲۹ آبان؛ پوستر در دفاتر پخش" },
  "vision.customer-information": ["contact-details", "requests", "purchases"],
  "vision.marketing-strategy-status": "partly",
  "goals.ranking-method": "weighted",
  "vision.value-proposition": "برای زنجیره‌ها: گزارش فروش هر شعبه و تحویل بدون کسری؛ برای سوپرمارکت‌ها: ویزیت منظم و سفارش تلفنی بی‌انتظار.",
  "vision.next-week-actions": "سرپرستان پخش هر هفته با پنج فروشگاهی که سفارش نداده‌اند تماس می‌گیرند؛ شکایت‌ها با شماره دستی پیگیری می‌شوند.",
  "team.mandate-agreed": { owner: "فرهاد کریمی", dueDate: "2026-10-28", status: "done", evidence: "صورتجلسه هیئت‌مدیره شماره ۱۴۰۵-۱۱" },
  "team.first-meeting-scheduled": { owner: "سارا احمدی", dueDate: "2026-11-03", status: "done", evidence: "دعوت‌نامه کارگاه چشم‌انداز" },
  "team.task-co-owners": { owner: "فرهاد کریمی", dueDate: "2026-10-30", status: "done", evidence: "مدیرعامل مدیر فروش و بازاریابی و مدیر پخش را مالکان مشترک پروژه اعلام کرد." },
  "team.task-champions": { owner: "نرگس رحیمی", dueDate: "2026-11-01", status: "done", evidence: "دو سفیر تغییر از خدمات و پخش تعیین شدند؛ سفیران فروش استان‌ها پیش از اختصاصی‌سازی اضافه می‌شوند." },
  "team.readiness-leadership": { score: 4, evidence: "مدیرعامل مالک پروژه است و ماهانه پیشرفت را مرور می‌کند." },
  "team.readiness-culture": { score: 2, evidence: "در مصاحبه‌ها، سرپرستان پخش تصمیم‌ها را بیشتر از نگاه حجم فروش می‌گیرند تا از نگاه فروشگاه." },
  "team.readiness-vision-journeys": { score: 2, evidence: "چشم‌انداز نوشته شده ولی سفرهای مشتری هنوز نقشه‌برداری نشده‌اند." },
  "team.readiness-communication-plan": { score: 1, evidence: "فقط اعلام در جلسه ماهانه کارکنان؛ برنامه منظمی نیست." },
  "team.readiness-training-plan": { score: 1, evidence: "" },
  "team.readiness-feedback-loop": { score: 3, evidence: "جلسه هفتگی سرپرستان برقرار است و می‌تواند مجرای بازخورد شود." },
  "team.readiness-visible-value": { score: 2, evidence: "" },
  "team.readiness-software-fit": { score: 4, evidence: "تیم توافق کرده نرم‌افزار پس از نوشتن استراتژی ارزیابی شود." },
  "team.crm-maturity": "2",
  "team.outside-experts": "specific-areas",
  "goals.prioritisation-rationale": "ریزش و شکایت هر دو به یک فرایند (پرونده واحد مشتری) وابسته‌اند و زودتر از بقیه نتیجه می‌دهند.",
  "goals.technology-start-level": "low-tech",
  "goals.low-tech-actions": "تماس تلفنی ماهانه مدیر فروش با ۵۰ فروشگاه برتر؛ کارت تشکر دست‌نویس برای فروشگاه‌هایی که یک سال بدون وقفه سفارش داده‌اند.",
  "goals.layer-business-objectives": "کاهش ریزش فروشگاه‌ها از ۱۸٪ به ۱۰٪ و افزایش سهم از کیف پول مشتری در فروشگاه‌های زنجیره‌ای.",
  "goals.layer-metrics": "نرخ ریزش ماهانه، میانگین روز بسته شدن شکایت، سهم از خرید لبنی فروشگاه (نظرسنجی فصلی).",
  "requirements.high-level-goals": "یک پرونده مشتری برای فروش، پخش و خدمات؛ شکایت قابل پیگیری؛ گزارش ریزش.",
  "requirements.kickoff-date": "2026-11-18",
  "requirements.current-process-map": {
    definition: "flowchart LR\n  A[ویزیتور سفارش را روی کاغذ می‌نویسد] --> B[تحویل فرم به دفتر]\n  B --> C[ورود دوباره در سامانه حسابداری]\n  C --> D{موجودی کافی؟}\n  D -- بله --> E[صدور بارنامه]\n  D -- خیر --> F[تماس تلفنی با فروشگاه]\n  F --> B",
  },
};

/**
 * The phases the demo's sponsor has signed, as the gate records them (requested by
 * the project manager, approved by the sponsor with the content's fingerprint), so
 * a newcomer sees a signed phase, its fingerprint and its signed minutes.
 */
export const DEMO_SIGN_OFFS = [
  { phase: "team", approvedBy: "f.karimi@mehregan.example", at: "2026-11-02T09:30:00.000Z", comment: "ترکیب تیم و اختیارات آن را تأیید می‌کنم؛ نقش‌های تولید و منابع انسانی را پیش از تحلیل نیازمندی‌ها پر می‌کنیم." },
  { phase: "vision", approvedBy: "f.karimi@mehregan.example", at: "2026-11-25T10:00:00.000Z", comment: "چشم‌انداز و بیانیه استراتژی را همان‌گونه که در کارگاه ۱۲ آبان تصویب شد تأیید می‌کنم." },
];
