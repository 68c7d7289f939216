/**
 * Answers and rows for the method items a client expects in a professional
 * deliverable (deliverables with acceptance criteria, RACI, rollback plan…),
 * for the two completed engagements: `en` for the English demo engagement,
 * `fa` for the completed Persian fixture. Merged into each with `withParts`.
 *
 * Refs name rows by their first column ("@team.members=Daniel Osei"), so the
 * engagements' own rows (team, impacted groups) must carry these names; the
 * dates fall in the engagements' order (docs: /work world facts, decision 029).
 */
import type { EngagementPart } from "../seed-engagement.ts";

const EN_TEAM = (name: "Margaret Ellis" | "Daniel Osei" | "Priya Raman" | "Tom Becker" | "Hannah Cole" | "James Whitfield") => `@team.members=${name}`;
const EN_GROUP = (g: "Service centre agents" | "Field service engineers" | "Retail partner managers" | "Marketing team") => `@requirements.impacted-groups=${g}`;

/**
 * Who holds which letter for each deliverable (R, A, C, I) in the English engagement. The
 * accountable person is the one who accepts the deliverable at its milestone (requirements.milestones).
 */
const EN_RACI: Array<[string, Record<string, "responsible" | "accountable" | "consulted" | "informed">]> = [
  ["Single customer record", { "Priya Raman": "responsible", "Daniel Osei": "accountable", "Tom Becker": "consulted", "Margaret Ellis": "informed" }],
  ["Service case management", { "Tom Becker": "responsible", "Daniel Osei": "accountable", "Hannah Cole": "consulted", "Priya Raman": "consulted", "Margaret Ellis": "informed" }],
  ["Field engineer scheduling", { "Hannah Cole": "responsible", "Tom Becker": "accountable", "Priya Raman": "consulted", "Daniel Osei": "informed" }],
  ["Retail partner portal", { "Priya Raman": "responsible", "Margaret Ellis": "accountable", "Hannah Cole": "consulted", "James Whitfield": "informed" }],
  ["Management dashboards", { "Priya Raman": "responsible", "Daniel Osei": "accountable", "Margaret Ellis": "consulted", "James Whitfield": "consulted", "Tom Becker": "informed" }],
  ["Data migration", { "Priya Raman": "responsible", "Daniel Osei": "accountable", "Tom Becker": "consulted", "James Whitfield": "informed" }],
  ["User training", { "Tom Becker": "responsible", "Daniel Osei": "accountable", "Hannah Cole": "consulted", "Margaret Ellis": "informed" }],
];

const FA_TEAM = (name: "فرهاد کریمی" | "سارا احمدی" | "رضا موسوی" | "نرگس رحیمی") => `@team.members=${name}`;
const FA_GROUP = (g: "ویزیتورهای فروش" | "کارشناسان خدمات پس از فروش" | "سرپرستان پخش") => `@requirements.impacted-groups=${g}`;

const FA_RACI: Array<[string, Record<string, "responsible" | "accountable" | "consulted" | "informed">]> = [
  ["پرونده واحد فروشگاه", { "رضا موسوی": "responsible", "سارا احمدی": "accountable", "نرگس رحیمی": "consulted", "فرهاد کریمی": "informed" }],
  ["ثبت و پیگیری شکایت", { "نرگس رحیمی": "responsible", "سارا احمدی": "accountable", "رضا موسوی": "consulted", "فرهاد کریمی": "informed" }],
  ["برنامه ویزیت و سفارش‌گیری همراه", { "نرگس رحیمی": "responsible", "سارا احمدی": "accountable", "رضا موسوی": "consulted", "فرهاد کریمی": "informed" }],
  ["گزارش ریزش و داشبورد مدیریت", { "رضا موسوی": "responsible", "فرهاد کریمی": "accountable", "نرگس رحیمی": "consulted", "سارا احمدی": "informed" }],
  ["انتقال داده‌ها", { "رضا موسوی": "responsible", "فرهاد کریمی": "accountable", "نرگس رحیمی": "consulted", "سارا احمدی": "informed" }],
  ["آموزش کاربران", { "سارا احمدی": "responsible", "فرهاد کریمی": "accountable", "نرگس رحیمی": "consulted", "رضا موسوی": "consulted" }],
];

const raciRows = (list: typeof EN_RACI) =>
  list.flatMap(([deliverable, people]) => Object.entries(people).map(([member, role]) => ({ deliverable: `@requirements.deliverables=${deliverable}`, member: `@team.members=${member}`, role })));

export const PROFESSIONAL_CONTENT: Record<"en" | "fa", EngagementPart> = {
  en: {
    answers: {
      "vision.workshop-start-time": "09:30",
      "vision.workshop-end-time": "16:00",
      "vision.workshop-venue": "Alder & Finch head office, Leeds — Boardroom 2",
      "vision.workshop-facilitator": "Hannah Cole (Harbourline Consulting)",
      "vision.workshop-note-taker": "Daniel Osei",
      "requirements.change-control":
        "Anyone on the project team records a change request in the programme log with the reason and who asked for it. Within three working days Daniel Osei and Hannah Cole assess its effect on cost, dates and risk and put it to the approver for its size (table below). Work on the change starts only once it is approved; until then the agreed scope stands. Approved changes update this scope document and the plan, and are reported at the monthly steering meeting.",
      "deployment.rollback-trigger":
        "Any of: service agents cannot open or save cases for more than two hours; more than 2% of migrated customer records fail the go-live reconciliation; partner emails are not turned into cases for more than two hours on 20 April.",
      "deployment.rollback-steps":
        "1. Stop user access to the new CRM and tell agents and partner managers to use the case spreadsheet. 2. Re-open the case spreadsheet for editing from the frozen copy of 17 April. 3. Re-key cases opened in the new CRM since go-live into the spreadsheet (service centre team leaders). 4. Daniel Osei tells the Managing Director, the service centre and the retail partners.",
      "deployment.rollback-owner": "Margaret Ellis (Managing Director), on the advice of Daniel Osei and Priya Raman",
      "deployment.rollback-time": "6 hours, up to the end of 22 April; after that the spreadsheet's data is too stale to return to",
      "deployment.hypercare-start": "2026-04-20",
      "deployment.hypercare-end": "2026-05-15",
      "deployment.hypercare-exit":
        "Two weeks running with no critical or major defect open; at least 80% of service agents and partner managers active each week; the service centre's average case handling time back at its pre-go-live level.",
    },
    rows: {
      "vision.workshop-agenda": [
        { topic: "Why CRM, and why now", lead: "Margaret Ellis", minutes: "30" },
        { topic: "What a successful CRM looks like for our customers and staff", lead: "Hannah Cole", minutes: "90" },
        { topic: "Customer segments and what each is worth", lead: "Tom Becker", minutes: "75" },
        { topic: "Strategy statement: first draft", lead: "Hannah Cole", minutes: "60" },
        { topic: "Decisions, actions and next steps", lead: "Daniel Osei", minutes: "30" },
      ],
      "vision.workshop-absentees": [{ name: "James Whitfield", role: "Finance Director", attendance: "apologies", briefing: "Daniel Osei, 26 September" }],
      "vision.actions": [
        { action: "Circulate the draft strategy statement to the leadership team for comments", owner: "Daniel Osei", "due-date": "2025-09-26", status: "done" },
        { action: "Extract three years of service cases by customer segment for the goals workshop", owner: "Priya Raman", "due-date": "2025-10-03", status: "done" },
        { action: "Take James Whitfield through the workshop's answers and the budget envelope", owner: "Daniel Osei", "due-date": "2025-09-26", status: "done" },
        { action: "Ask five retail partners what they would want from a partner portal", owner: "Tom Becker", "due-date": "2025-10-06", status: "done" },
      ],
      "requirements.deliverables": [
        { deliverable: "Single customer record", description: "One record per customer, partner and household, matched across the web shop, service centre and field service.", acceptance: "Duplicate rate under 2% on the reconciliation sample; an agent finds any customer by name, postcode or serial number in under 10 seconds.", owner: EN_TEAM("Priya Raman"), "due-date": "2026-03-13" },
        { deliverable: "Service case management", description: "Cases from phone, email and web form, with queues, service levels and escalation.", acceptance: "All 24 UAT case scripts pass; cases are routed to the right queue in 98% of test cases.", owner: EN_TEAM("Tom Becker"), "due-date": "2026-03-20" },
        { deliverable: "Field engineer scheduling", description: "Stage 2: jobs created from cases and assigned to the 60 engineers by skill and area, on their rugged tablets with the parts check and job closure; every engineer trained before wave 3.", acceptance: "Four weeks in the North region from wave 3's start (6 July 2026) with every job scheduled and closed in the CRM and no paper job sheet.", owner: EN_TEAM("Hannah Cole"), "due-date": "2026-08-28" },
        { deliverable: "Retail partner portal", description: "Partners register sales and warranty claims and see their open cases.", acceptance: "Ten pilot partners register a warranty claim unaided.", owner: EN_TEAM("Priya Raman"), "due-date": "2026-09-30" },
        { deliverable: "Management dashboards", description: "Weekly service, retention and partner dashboards for the leadership team.", acceptance: "The Managing Director and Finance Director check the figures against the finance system for March 2026 before the project manager accepts them.", owner: EN_TEAM("Priya Raman"), "due-date": "2026-03-27" },
        { deliverable: "Data migration", description: "Households from the web shop, partner and association accounts from the ERP, and from the case spreadsheet (2022–2025) every open case and closed cases since April 2024; older rows stay in the archived spreadsheet.", acceptance: "Record counts reconcile; at least 98% of records migrate without rejection; 200-record sample checked by the service centre.", owner: EN_TEAM("Priya Raman"), "due-date": "2026-04-17" },
        { deliverable: "User training", description: "Role-based training for the Stage 1 users: service agents, partner managers and marketing (engineers are trained with Field engineer scheduling in Stage 2).", acceptance: "Every Stage 1 user trained before go-live; 90% pass the short practical test.", owner: EN_TEAM("Tom Becker"), "due-date": "2026-04-16" },
      ],
      "requirements.raci": raciRows(EN_RACI),
      "requirements.milestones": [
        { milestone: "Scope approved", date: "2025-12-12", deliverables: "Scope document, plan and budget", "acceptance-by": EN_TEAM("Margaret Ellis") },
        { milestone: "Prototypes accepted", date: "2026-03-27", deliverables: "Single customer record, Service case management, Management dashboards", "acceptance-by": EN_TEAM("Daniel Osei") },
        { milestone: "UAT complete", date: "2026-04-03", deliverables: "Single customer record, Service case management, Management dashboards", "acceptance-by": EN_TEAM("Daniel Osei") },
        { milestone: "Go-live, Stage 1", date: "2026-04-20", deliverables: "Data migration, User training", "acceptance-by": EN_TEAM("Daniel Osei") },
        { milestone: "Field service live (wave 3)", date: "2026-08-28", deliverables: "Field engineer scheduling", "acceptance-by": EN_TEAM("Tom Becker") },
        { milestone: "Partner portal live", date: "2026-09-30", deliverables: "Retail partner portal", "acceptance-by": EN_TEAM("Margaret Ellis") },
      ],
      "requirements.constraints": [
        { constraint: "No training or go-live during the winter peak of fault calls (November to February)", kind: "time", impact: "Stage 1 training in March and April, go-live on 20 April 2026; field service and the partner portal in Stage 2, before the next peak." },
        { constraint: "Programme budget capped at £480,000 for Stages 1 and 2", kind: "budget", impact: "Field scheduling uses the CRM's standard scheduler, not a specialist product." },
        { constraint: "Customer data stays in UK data centres (UK GDPR and partner contracts)", kind: "regulation", impact: "Hosting region fixed; the web-shop integration cannot use an overseas middleware service." },
        { constraint: "The finance system (Sage) stays as it is", kind: "technology", impact: "Invoices are read from Sage, not moved into the CRM." },
      ],
      "requirements.dependencies": [
        { dependency: "Web-shop order feed (API) from the e-commerce agency", "on-whom": "Northlight Digital (web agency)", "needed-by": "2026-01-30", status: "met" },
        { dependency: "Rugged tablets for all 60 field engineers", "on-whom": "IT Systems (Priya Raman)", "needed-by": "2026-06-01", status: "met" },
        { dependency: "Union agreement on the engineers' new job allocation", "on-whom": "HR and the engineers' representatives", "needed-by": "2026-03-16", status: "met" },
        { dependency: "Ten retail partners for the portal pilot", "on-whom": "Retail partner managers", "needed-by": "2026-07-01", status: "agreed" },
      ],
      "requirements.client-responsibilities": [
        { responsibility: "Release six service agents and two partner managers for the UAT and pilot week", owner: EN_TEAM("Tom Becker"), "needed-by": "2026-03-30" },
        { responsibility: "Clean the duplicate customer records flagged by the data profile", owner: EN_TEAM("Priya Raman"), "needed-by": "2026-03-06" },
        { responsibility: "Decide change requests within the agreed times", owner: EN_TEAM("Margaret Ellis"), "needed-by": "2025-12-12" },
        { responsibility: "Provide test and live access to the case spreadsheet, the ERP and Sage", owner: EN_TEAM("Priya Raman"), "needed-by": "2026-01-05" },
      ],
      "requirements.change-authority": [
        { size: "Small", threshold: "Up to 3 days' work, no change to budget or dates", approver: EN_TEAM("Daniel Osei"), "decision-within": "2 working days" },
        { size: "Medium", threshold: "Up to £15,000 or 2 weeks, no change to go-live", approver: EN_TEAM("James Whitfield"), "decision-within": "5 working days" },
        { size: "Large", threshold: "Over £15,000, or any change to go-live or to a stage's scope", approver: EN_TEAM("Margaret Ellis"), "decision-within": "Next steering meeting" },
      ],
      "requirements.adkar": [
        { group: EN_GROUP("Service centre agents"), awareness: "4", desire: "4", knowledge: "2", ability: "2", reinforcement: "2", evidence: "Agents asked for one screen in the September survey; none has used a CRM before." },
        { group: EN_GROUP("Field service engineers"), awareness: "3", desire: "2", knowledge: "2", ability: "2", reinforcement: "1", evidence: "Engineers fear being tracked; their union asked how job allocation will change." },
        { group: EN_GROUP("Retail partner managers"), awareness: "2", desire: "3", knowledge: "2", ability: "3", reinforcement: "2", evidence: "Most have not heard of the programme beyond the kick-off email." },
        { group: EN_GROUP("Marketing team"), awareness: "5", desire: "4", knowledge: "3", ability: "3", reinforcement: "2", evidence: "Marketing asked for the programme and already uses segment lists." },
      ],
      "requirements.resistance-management": [
        { group: EN_GROUP("Field service engineers"), resistance: "Jobs closed late or on paper; tablets left in the van.", "root-cause": "Fear that location data will be used to judge them, and that the new allocation cuts overtime.", response: "Written agreement with their representatives on what location data is used for; engineers co-design the job screen; overtime rules unchanged in 2026.", owner: EN_TEAM("Tom Becker") },
        { group: EN_GROUP("Service centre agents"), resistance: "Keeping notes in the case spreadsheet 'just in case' during the first weeks.", "root-cause": "Worry about handling times rising while they learn.", response: "Handling-time targets suspended for four weeks; floor-walkers on every shift; case spreadsheet read-only from day one.", owner: EN_TEAM("Tom Becker") },
        { group: EN_GROUP("Retail partner managers"), resistance: "Partners' claims still sent by email.", "root-cause": "They do not see what the portal gives their partners.", response: "Pilot with ten partners chosen by the managers; managers present the pilot results themselves.", owner: EN_TEAM("Daniel Osei") },
        { group: EN_GROUP("Marketing team"), resistance: "Campaign lists still built from the old web-shop exports.", "root-cause": "Worry that consent rules in the CRM will shrink their mailing lists.", response: "Consent rules explained with real list sizes; campaigns run from the CRM from wave 2 with the champion's help.", owner: EN_TEAM("Daniel Osei") },
      ],
      "requirements.sponsor-roadmap": [
        { when: "2025-09-29", activity: "Announces the programme and why at the all-staff briefing", audience: "All staff", message: "One customer record so no customer has to tell us twice." },
        { when: "2025-10-20", activity: "Opens the requirements kick-off", audience: "Project team and unit heads", message: "This is a business change, not an IT project." },
        { when: "2026-04-08", activity: "Announces the go decision and the support in place", audience: "All staff", message: "We go live on 20 April; here is who helps you." },
        { when: "2026-05-20", activity: "Thanks the service centre and engineers, with the first month's figures", audience: "Service centre and field service", message: "Cases closed faster; here is what you achieved." },
        { when: "2026-07-08", activity: "Rides along with two field engineers in the first week of wave 3 (tablets)", audience: "Field service engineers", message: "What the engineers tell us shapes the next release of the job screen." },
      ],
      "requirements.coaching-plan": [
        { managers: "Service centre team leaders (4)", group: EN_GROUP("Service centre agents"), coach: "Hannah Cole", focus: "Using the case dashboards in daily huddles; spotting agents who work around the system.", start: "2026-03-02", frequency: "weekly" },
        { managers: "Field service area managers (5)", group: EN_GROUP("Field service engineers"), coach: "Tom Becker", focus: "Talking about location data honestly; following up jobs closed late.", start: "2026-06-01", frequency: "fortnightly" },
        { managers: "Retail partner team lead", group: EN_GROUP("Retail partner managers"), coach: "Daniel Osei", focus: "Presenting the portal to partners; collecting their feedback.", start: "2026-06-01", frequency: "monthly" },
      ],
      "requirements.reinforcement-plan": [
        { mechanism: "CRM use in the monthly one-to-ones of agents and engineers", measure: "Share of cases and jobs closed in the CRM on the day", owner: EN_TEAM("Tom Becker"), when: "Monthly from May 2026" },
        { mechanism: "Leadership meeting runs on the CRM dashboards only", measure: "No spreadsheet reports circulated", owner: EN_TEAM("Margaret Ellis"), when: "Weekly from go-live" },
        { mechanism: "Case spreadsheet closed", measure: "Read-only from go-live, archived at three months", owner: EN_TEAM("Priya Raman"), when: "20 July 2026, three months after go-live" },
        { mechanism: "Quarterly recognition of the best-adopting team", measure: "Adoption and case-time figures", owner: EN_TEAM("Daniel Osei"), when: "Quarterly" },
      ],
      "deployment.go-thresholds": [
        { criterion: "uat", threshold: "At least 95% of UAT scripts pass; no critical or major defect open", minimum: "95" },
        { criterion: "training", threshold: "Every planned Stage 1 training session held before go-live", minimum: "100" },
        { criterion: "migration", threshold: "At least 98% of records migrated without rejection, every data set verified", minimum: "98" },
        { criterion: "support", threshold: "A named support team of at least four people on go-live day", minimum: "4" },
      ],
      "deployment.cutover-plan": [
        { step: "Freeze the case spreadsheet (read-only) and extract the changes since the 4–5 April migration", start: "2026-04-17", owner: "Priya Raman", "duration-hours": "2", verification: "No case saved after 18:00; extract counts logged." },
        { step: "Load the changed customers, accounts and cases into the CRM (delta load)", start: "2026-04-18", owner: "Priya Raman", "duration-hours": "10", verification: "Counts reconcile with the extract; rejects logged and reviewed." },
        { step: "Service centre sample check of 200 migrated records", start: "2026-04-19", owner: "Tom Becker", "duration-hours": "4", verification: "Fewer than 2% of the sample with an error." },
        { step: "Switch the web-shop and phone integrations to the CRM", start: "2026-04-19", owner: "Hannah Cole", "duration-hours": "3", verification: "Test case from each channel arrives in the right queue." },
        { step: "Go / stay decision call, then open the CRM to users", start: "2026-04-20", owner: "Daniel Osei", "duration-hours": "1", verification: "First 20 live cases checked by the floor-walkers." },
      ],
      "deployment.golive-risks": [
        { risk: "Agents' sign-on fails on go-live morning", likelihood: "medium", impact: "high", mitigation: "Every agent signed on once during training; IT on the service floor from 07:00 on 20 April.", owner: "Priya Raman" },
        { risk: "Migrated service history incomplete for older products", likelihood: "medium", impact: "medium", mitigation: "Case spreadsheet kept read-only and archived; agents shown how to look up cases from before April 2024.", owner: "Priya Raman" },
        { risk: "Case volumes above normal in the first week (post-launch enquiries)", likelihood: "high", impact: "medium", mitigation: "Two extra agents from marketing on each shift; handling-time targets suspended.", owner: "Tom Becker" },
      ],
      "deployment.hypercare-levels": [
        { level: "Level 1: floor-walkers and helpdesk", who: "Six trained champions and the IT helpdesk", hours: "Mon–Sat 07:00–20:00", response: "15 minutes" },
        { level: "Level 2: CRM specialists", who: "Harbourline Consulting and two IT analysts", hours: "Mon–Fri 08:00–18:00", response: "4 hours" },
        { level: "Level 3: vendor support", who: "CRM vendor premier support", hours: "24/7 for critical defects", response: "1 hour (critical)" },
      ],
    },
  },
  fa: {
    answers: {
      "vision.workshop-start-time": "۰۹:۰۰",
      "vision.workshop-end-time": "۱۴:۳۰",
      "vision.workshop-venue": "دفتر مرکزی مهرگان، تهران — سالن جلسات طبقه سوم",
      "vision.workshop-facilitator": "لیلا تهرانی (مشاوران آرمان)",
      "vision.workshop-note-taker": "سارا احمدی",
      "requirements.change-control":
        "هر عضو تیم پروژه درخواست تغییر را با دلیل و درخواست‌کننده در دفتر تغییرات پروژه ثبت می‌کند. سارا احمدی و لیلا تهرانی ظرف سه روز کاری اثر آن را بر هزینه، زمان‌بندی و ریسک ارزیابی می‌کنند و آن را به تأییدکننده متناسب با اندازه تغییر (جدول زیر) می‌دهند. کار روی تغییر فقط پس از تأیید آغاز می‌شود و تا آن زمان محدوده تأییدشده معتبر است. تغییرهای تأییدشده در این سند و برنامه پروژه وارد و در جلسه ماهانه هدایت پروژه گزارش می‌شوند.",
      "deployment.rollback-trigger": "هر یک از این‌ها: ویزیتورها بیش از دو ساعت نتوانند سفارش ثبت کنند؛ بیش از ۲٪ پرونده‌های فروشگاه در تطبیق روز بهره‌برداری خطا داشته باشند؛ شکایت‌های روز اول در سامانه ثبت نشوند.",
      "deployment.rollback-steps":
        "۱. دسترسی کاربران به سامانه جدید بسته می‌شود و ویزیتورها به فرم کاغذی برمی‌گردند. ۲. سامانه حسابداری از نسخه پشتیبان ۳۱ اردیبهشت به حالت عادی برمی‌گردد. ۳. سفارش‌های ثبت‌شده از زمان بهره‌برداری به دست کارشناسان فروش در سامانه حسابداری وارد می‌شوند. ۴. سارا احمدی مدیرعامل، سرپرستان پخش و فروشگاه‌های زنجیره‌ای را خبر می‌کند.",
      "deployment.rollback-owner": "فرهاد کریمی (مدیرعامل)، با نظر سارا احمدی و رضا موسوی",
      "deployment.rollback-time": "۶ ساعت؛ تا پایان ۳ خرداد، پس از آن داده سامانه قبلی بیش از حد کهنه است",
      "deployment.hypercare-start": "2027-05-22",
      "deployment.hypercare-end": "2027-06-19",
      "deployment.hypercare-exit": "دو هفته پیاپی بدون ایراد بحرانی یا جدی؛ دست‌کم ۸۰٪ ویزیتورها و کارشناسان خدمات هر هفته فعال؛ میانگین زمان ثبت سفارش به سطح پیش از بهره‌برداری برگشته باشد.",
    },
    rows: {
      "vision.workshop-agenda": [
        { topic: "چرا CRM و چرا اکنون", lead: "فرهاد کریمی", minutes: "30" },
        { topic: "CRM موفق برای فروشگاه‌ها و کارکنان چه شکلی است", lead: "لیلا تهرانی", minutes: "90" },
        { topic: "بخش‌های مشتریان و ارزش هر کدام", lead: "نرگس رحیمی", minutes: "60" },
        { topic: "پیش‌نویس بیانیه استراتژی CRM", lead: "لیلا تهرانی", minutes: "45" },
        { topic: "تصمیم‌ها، اقدام‌ها و گام بعد", lead: "سارا احمدی", minutes: "30" },
      ],
      "vision.workshop-absentees": [{ name: "حسین نظری", role: "مدیر مالی", attendance: "apologies", briefing: "سارا احمدی، ۱۵ آبان" }],
      "vision.actions": [
        { action: "پیش‌نویس بیانیه استراتژی برای نظرخواهی به مدیران ارسال شود", owner: "سارا احمدی", "due-date": "2026-11-08", status: "done" },
        { action: "سابقه سفارش سه سال گذشته به تفکیک بخش مشتریان استخراج شود", owner: "رضا موسوی", "due-date": "2026-11-15", status: "done" },
        { action: "پاسخ‌های کارگاه با حسین نظری مرور شود", owner: "سارا احمدی", "due-date": "2026-11-06", status: "done" },
        { action: "نظر ده فروشگاه زنجیره‌ای درباره گزارش فروش شعبه پرسیده شود", owner: "نرگس رحیمی", "due-date": "2026-11-17", status: "done" },
      ],
      "requirements.deliverables": [
        { deliverable: "پرونده واحد فروشگاه", description: "یک پرونده برای هر فروشگاه با سابقه سفارش، ویزیت و شکایت.", acceptance: "تکرار پرونده کمتر از ۲٪ در نمونه تطبیق؛ یافتن هر فروشگاه با نام یا کد در کمتر از ۱۰ ثانیه.", owner: FA_TEAM("رضا موسوی"), "due-date": "2027-04-10" },
        { deliverable: "ثبت و پیگیری شکایت", description: "ثبت شکایت با شماره پیگیری، ارجاع به واحد مسئول و اعلام نتیجه با پیامک.", acceptance: "همه سناریوهای آزمون پذیرش شکایت قبول شوند؛ پیامک نتیجه در ۹۸٪ موارد آزمون ارسال شود.", owner: FA_TEAM("نرگس رحیمی"), "due-date": "2027-04-15" },
        { deliverable: "برنامه ویزیت و سفارش‌گیری همراه", description: "برنامه ویزیت از سامانه و ثبت سفارش روی تبلت.", acceptance: "یک هفته آزمایشی در تهران بدون فرم کاغذی سفارش.", owner: FA_TEAM("نرگس رحیمی"), "due-date": "2027-04-20" },
        { deliverable: "گزارش ریزش و داشبورد مدیریت", description: "گزارش ماهانه فروشگاه‌های بدون سفارش و داشبورد هفتگی مدیران.", acceptance: "مدیرعامل ارقام یک ماه را با سامانه حسابداری تطبیق و تأیید کند.", owner: FA_TEAM("رضا موسوی"), "due-date": "2027-04-20" },
        { deliverable: "انتقال داده‌ها", description: "فروشگاه‌ها، سفارش‌های ۱۴۰۵ و دفتر شکایت‌ها از سامانه حسابداری و فایل‌های اکسل.", acceptance: "تعداد رکوردها تطبیق کند؛ دست‌کم ۹۸٪ رکوردها بدون رد منتقل شوند.", owner: FA_TEAM("رضا موسوی"), "due-date": "2027-05-16" },
        { deliverable: "آموزش کاربران", description: "آموزش نقش‌محور ویزیتورها، کارشناسان خدمات و سرپرستان پخش.", acceptance: "همه کاربران پیش از بهره‌برداری آموزش ببینند؛ ۹۰٪ آزمون عملی کوتاه را قبول شوند.", owner: FA_TEAM("سارا احمدی"), "due-date": "2027-05-12" },
      ],
      "requirements.raci": raciRows(FA_RACI),
      "requirements.milestones": [
        { milestone: "تأیید محدوده پروژه", date: "2027-01-10", deliverables: "سند محدوده پروژه، برنامه و بودجه", "acceptance-by": FA_TEAM("فرهاد کریمی") },
        { milestone: "پذیرش نمونه‌های اولیه", date: "2027-04-20", deliverables: "پرونده واحد فروشگاه، ثبت و پیگیری شکایت، برنامه ویزیت و سفارش‌گیری همراه", "acceptance-by": FA_TEAM("سارا احمدی") },
        { milestone: "پایان آزمون پذیرش کاربر", date: "2027-05-03", deliverables: "پرونده واحد فروشگاه، ثبت و پیگیری شکایت، برنامه ویزیت و سفارش‌گیری همراه", "acceptance-by": FA_TEAM("سارا احمدی") },
        { milestone: "بهره‌برداری", date: "2027-05-22", deliverables: "گزارش ریزش و داشبورد مدیریت، انتقال داده‌ها، آموزش کاربران", "acceptance-by": FA_TEAM("فرهاد کریمی") },
      ],
      "requirements.constraints": [
        { constraint: "بهره‌برداری پیش از اوج فروش تابستان (تیر تا شهریور)", kind: "time", impact: "مرحله ۱ باید تا خرداد ۱۴۰۶ بهره‌برداری شود." },
        { constraint: "سقف بودجه مرحله ۱ و ۲: ۱۹ میلیارد ریال", kind: "budget", impact: "برنامه ویزیت با امکانات استاندارد سامانه ساخته می‌شود." },
        { constraint: "سامانه حسابداری فعلی تغییر نمی‌کند", kind: "technology", impact: "فاکتورها از سامانه حسابداری خوانده می‌شوند و به CRM منتقل نمی‌شوند." },
      ],
      "requirements.dependencies": [
        { dependency: "رابط برنامه‌نویسی سامانه حسابداری", "on-whom": "شرکت نرم‌افزار حسابداری", "needed-by": "2027-02-15", status: "met" },
        { dependency: "تبلت برای ۴۵ ویزیتور", "on-whom": "فناوری اطلاعات (رضا موسوی)", "needed-by": "2027-04-01", status: "met" },
        { dependency: "توافق با پخش درباره برنامه تحویل از سفارش‌های ثبت‌شده", "on-whom": "سرپرستان پخش", "needed-by": "2027-04-15", status: "met" },
      ],
      "requirements.client-responsibilities": [
        { responsibility: "معرفی شش ویزیتور و دو کارشناس خدمات برای دو روز آزمون پذیرش", owner: FA_TEAM("نرگس رحیمی"), "needed-by": "2027-04-28" },
        { responsibility: "پاک‌سازی پرونده‌های تکراری فروشگاه‌ها", owner: FA_TEAM("رضا موسوی"), "needed-by": "2027-04-01" },
        { responsibility: "تصمیم درباره درخواست‌های تغییر در مهلت‌های توافق‌شده", owner: FA_TEAM("فرهاد کریمی"), "needed-by": "2027-01-10" },
      ],
      "requirements.change-authority": [
        { size: "کوچک", threshold: "تا ۳ روز کار، بدون تغییر بودجه یا زمان‌بندی", approver: FA_TEAM("سارا احمدی"), "decision-within": "۲ روز کاری" },
        { size: "میانه", threshold: "تا ۵۰۰ میلیون ریال یا دو هفته، بدون تغییر تاریخ بهره‌برداری", approver: FA_TEAM("فرهاد کریمی"), "decision-within": "۵ روز کاری" },
        { size: "بزرگ", threshold: "بیش از ۵۰۰ میلیون ریال یا هر تغییر در تاریخ بهره‌برداری", approver: FA_TEAM("فرهاد کریمی"), "decision-within": "جلسه بعدی هیئت‌مدیره" },
      ],
      "requirements.adkar": [
        { group: FA_GROUP("ویزیتورهای فروش"), awareness: "4", desire: "2", knowledge: "2", ability: "2", reinforcement: "1", evidence: "ویزیتورها نگران‌اند پاداششان به ثبت در سامانه گره بخورد." },
        { group: FA_GROUP("کارشناسان خدمات پس از فروش"), awareness: "4", desire: "4", knowledge: "2", ability: "3", reinforcement: "2", evidence: "خودشان شماره پیگیری را پیشنهاد کردند؛ با سامانه کار نکرده‌اند." },
        { group: FA_GROUP("سرپرستان پخش"), awareness: "2", desire: "3", knowledge: "2", ability: "3", reinforcement: "2", evidence: "جز در جلسه ماهانه کارکنان چیزی از پروژه نشنیده‌اند." },
      ],
      "requirements.resistance-management": [
        { group: FA_GROUP("ویزیتورهای فروش"), resistance: "ثبت سفارش روی کاغذ و ورود دیرهنگام در سامانه.", "root-cause": "ترس از شفاف شدن مسیر ویزیت و کم شدن پاداش.", response: "پاداش بر اساس فروشگاه‌های خدمت‌گرفته؛ ویزیتورها در طراحی صفحه تبلت شرکت می‌کنند.", owner: FA_TEAM("نرگس رحیمی") },
        { group: FA_GROUP("سرپرستان پخش"), resistance: "برنامه پخش همچنان بر اساس تجربه شخصی.", "root-cause": "نمی‌بینند سامانه چه چیزی به کارشان اضافه می‌کند.", response: "دو سرپرست در گروه آزمایشی؛ نتیجه را خودشان در جلسه هفتگی ارائه می‌کنند.", owner: FA_TEAM("سارا احمدی") },
      ],
      "requirements.sponsor-roadmap": [
        { when: "2026-12-01", activity: "اعلام چرایی پروژه در جلسه ماهانه کارکنان", audience: "همه کارکنان", message: "یک پرونده برای هر فروشگاه و شکایت‌های سه‌روزه." },
        { when: "2027-04-25", activity: "بازدید از گروه آزمایشی ویزیتورها", audience: "ویزیتورهای فروش", message: "نظر شما صفحه تبلت را شکل می‌دهد." },
        { when: "2027-05-20", activity: "اعلام تصمیم ادامه و پشتیبانی آماده", audience: "همه کارکنان", message: "از ۱ خرداد سفارش‌ها در سامانه ثبت می‌شود؛ این‌ها کمکتان می‌کنند." },
        { when: "2027-06-25", activity: "قدردانی با ارقام ماه نخست", audience: "فروش و خدمات", message: "شکایت‌ها زودتر بسته شد؛ این نتیجه کار شماست." },
      ],
      "requirements.coaching-plan": [
        { managers: "سرپرستان فروش مناطق (۵ نفر)", group: FA_GROUP("ویزیتورهای فروش"), coach: "لیلا تهرانی", focus: "پیگیری سفارش‌های ثبت‌نشده؛ گفت‌وگو درباره پاداش.", start: "2027-04-20", frequency: "weekly" },
        { managers: "سرپرست خدمات پس از فروش", group: FA_GROUP("کارشناسان خدمات پس از فروش"), coach: "نرگس رحیمی", focus: "استفاده از گزارش شکایت‌های باز در جلسه روزانه.", start: "2027-04-27", frequency: "fortnightly" },
      ],
      "requirements.reinforcement-plan": [
        { mechanism: "ثبت سفارش در سامانه در ارزیابی ماهانه ویزیتورها", measure: "سهم سفارش‌های ثبت‌شده در همان روز", owner: FA_TEAM("نرگس رحیمی"), when: "ماهانه از تیر ۱۴۰۶" },
        { mechanism: "جلسه مدیران فقط با داشبورد سامانه", measure: "هیچ گزارش اکسلی جداگانه", owner: FA_TEAM("فرهاد کریمی"), when: "هفتگی از بهره‌برداری" },
        { mechanism: "حذف فرم کاغذی سفارش", measure: "فرم کاغذی چاپ نمی‌شود", owner: FA_TEAM("سارا احمدی"), when: "یک ماه پس از بهره‌برداری" },
      ],
      "deployment.go-thresholds": [
        { criterion: "uat", threshold: "دست‌کم ۹۵٪ سناریوها قبول؛ هیچ ایراد بحرانی یا جدی باز نباشد", minimum: "95" },
        { criterion: "training", threshold: "همه جلسه‌های آموزشی برنامه‌ریزی‌شده پیش از بهره‌برداری برگزار شوند", minimum: "100" },
        { criterion: "migration", threshold: "دست‌کم ۹۸٪ رکوردها بدون رد منتقل شوند", minimum: "98" },
        { criterion: "support", threshold: "دست‌کم یک نفر پشتیبان نام‌برده در روز بهره‌برداری", minimum: "1" },
      ],
      "deployment.cutover-plan": [
        { step: "بستن ثبت در فرم‌های قدیمی و گرفتن خروجی نهایی", start: "2027-05-21", owner: "رضا موسوی", "duration-hours": "2", verification: "تعداد رکوردهای خروجی ثبت شود." },
        { step: "بارگذاری فروشگاه‌ها، سفارش‌ها و شکایت‌ها در سامانه", start: "2027-05-21", owner: "رضا موسوی", "duration-hours": "8", verification: "تطبیق تعداد با خروجی؛ رکوردهای ردشده بررسی شوند." },
        { step: "وارسی نمونه ۱۰۰ پرونده به دست کارشناسان فروش", start: "2027-05-21", owner: "نرگس رحیمی", "duration-hours": "3", verification: "کمتر از ۲٪ نمونه خطا داشته باشد." },
        { step: "باز کردن سامانه برای کاربران", start: "2027-05-22", owner: "سارا احمدی", "duration-hours": "1", verification: "۲۰ سفارش نخست به دست سفیران تغییر وارسی شود." },
      ],
      "deployment.golive-risks": [
        { risk: "تبلت برخی ویزیتورها تا صبح بهره‌برداری آماده نباشد", likelihood: "medium", impact: "high", mitigation: "تحویل تبلت در جلسه آموزش؛ پنج تبلت یدکی در انبار تهران.", owner: "رضا موسوی" },
        { risk: "سفارش‌های دستی روز انتقال دوبار ثبت شوند", likelihood: "medium", impact: "medium", mitigation: "یک روز بدون سفارش دستی؛ تطبیق روزانه در هفته نخست.", owner: "نرگس رحیمی" },
      ],
      "deployment.hypercare-levels": [
        { level: "سطح ۱: سفیران تغییر و میز پشتیبانی", who: "مهسا نوری و چهار سفیر تغییر", hours: "شنبه تا پنجشنبه ۷ تا ۱۹", response: "۱۵ دقیقه" },
        { level: "سطح ۲: کارشناسان CRM", who: "رضا موسوی و مشاوران آرمان", hours: "شنبه تا چهارشنبه ۸ تا ۱۶", response: "۴ ساعت" },
      ],
    },
  },
};
