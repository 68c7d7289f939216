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
  ],
  "vision.segments": [
    { name: "فروشگاه‌های زنجیره‌ای", "profitability-rank": "1", description: "۱۲ زنجیره با ۳۸٪ فروش؛ سفارش منظم و حجم بالا.", decision: "invest", rationale: "سودآورترین بخش؛ رقبا برای جذب آن فعال‌اند." },
    { name: "سوپرمارکت‌های محلی", "profitability-rank": "2", description: "حدود ۷۰۰ فروشگاه؛ سفارش از طریق ویزیتور.", decision: "manage-costs", rationale: "حاشیه سود کم؛ سفارش تلفنی و برنامه ویزیت بهینه هزینه را کم می‌کند." },
    { name: "عمده‌فروشان شهرستان", "profitability-rank": "3", description: "۴۰ عمده‌فروش با مطالبات معوق زیاد.", decision: "divest", rationale: "ریسک وصول بالا؛ انتقال تدریجی به پخش مستقیم." },
  ],
  "goals.register": [
    { goal: "کاهش نرخ ریزش مشتری", kpi: "درصد فروشگاه‌هایی که سه ماه سفارش نداده‌اند", baseline: "۱۸٪", target: "۱۰٪", priority: "1", "roadmap-phase": "phase-1", "target-date": "2027-06-21" },
    { goal: "کاهش زمان رسیدگی به شکایت", kpi: "میانگین روز تا بستن شکایت", baseline: "۹ روز", target: "۳ روز", priority: "2", "roadmap-phase": "phase-1", "target-date": "2027-03-20" },
    { goal: "افزایش سهم از کیف پول مشتری", kpi: "سهم مهرگان از خرید لبنی فروشگاه", baseline: "۲۲٪", target: "۳۰٪", priority: "3", "roadmap-phase": "phase-2", "target-date": "2027-12-21" },
    { goal: "افزایش کانال‌های ارتباط با مشتری", kpi: "تعداد کانال‌های فعال سفارش", baseline: "۲", target: "۴", priority: "4", "roadmap-phase": "phase-3" },
  ],
  "goals.roadmap": [
    { name: "مرحله ۱: ثبت مشتری و شکایت", start: "2026-12-22", end: "2027-06-21", focus: "پرونده واحد مشتری، ثبت و پیگیری شکایت، گزارش ریزش." },
    { name: "مرحله ۲: فروش و ویزیت", start: "2027-06-22", end: "2027-12-21", focus: "برنامه ویزیت، سفارش‌گیری همراه، پیشنهادهای هدفمند برای هر بخش مشتریان." },
    { name: "مرحله ۳: کانال‌های تازه", start: "2027-12-22", end: "2028-06-20", focus: "سفارش اینترنتی و مرکز تماس." },
  ],
};

export const DEMO_ANSWERS: Record<string, unknown> = {
  "vision.why-crm":
    "فروشگاه‌های طرف قرارداد ما از چند کانال (ویزیتور، تلفن، پخش) با ما در تماس‌اند و هیچ‌کدام تصویر کاملی از مشتری ندارد. ریزش فروشگاه‌ها در دو سال گذشته بالا رفته و شکایت‌ها دیر بسته می‌شوند. می‌خواهیم مشتری را یکپارچه بشناسیم و پیش از رقبا به نیازش پاسخ دهیم.",
  "vision.successful-crm-behaviour":
    "هر کارمندی که با فروشگاه صحبت می‌کند سابقه سفارش، شکایت و ویزیت‌های آن را می‌بیند؛ شکایت‌ها در کمتر از سه روز بسته می‌شوند؛ مدیران هر هفته بخش‌های مشتریان را بر اساس سودآوری مرور می‌کنند و تصمیم‌ها بر پایه داده گرفته می‌شود.",
  "vision.first-contact": "ویزیتور با نام فروشگاه و سابقه خرید آشناست و پیشنهاد متناسب با قفسه آن فروشگاه می‌دهد.",
  "vision.why-stay": "تحویل به‌موقع، پاسخ سریع به شکایت و پیشنهادهایی که به فروش خود فروشگاه کمک می‌کند.",
  "vision.loyalty-definition": "فروشگاهی که دست‌کم دوازده ماه پیاپی هر ماه سفارش داده و سهم ما از خرید لبنی‌اش رو به افزایش است.",
  "vision.workshop-date": "2026-11-03",
};
