/**
 * The Persian glossary as data: for each concept, the accepted term and the
 * variants that must not appear in any Persian text of the product (the
 * interface, the method pack, the documents, the demo and fixture content).
 *
 * `shared/GLOSSARY.md` is the readable table; this file is what a test can
 * check (decision 036). A variant is a regular expression, not a plain string,
 * wherever a plain string would hit a correct word: «توسط» but not «متوسط»,
 * «مشتری» as the client firm only in the set phrases that mean the client
 * («سازمان مشتری»), never «رضایت مشتری» (customer satisfaction) as consent.
 *
 * The rule for «روش»: it stays for an ordinary "way of doing X" («روش
 * MoSCoW», «روش اتصال», «روش قدیم»); where it names the method itself — the
 * pack, its version, its phases, items or sources, a consultancy's method —
 * it is «متدولوژی».
 */

/** Letters (any script), combining marks and the zero-width non-joiner: what continues a Persian word. */
const LETTER = String.raw`[\p{L}\p{M}\u200c]`;

/** `source` as a whole word: no letter (or ZWNJ) right before or after it. */
function word(source: string): RegExp {
  return new RegExp(String.raw`(?<!${LETTER})(?:${source})(?!${LETTER})`, "gu");
}

/** `source` as the whole text of a string (a label). */
function whole(source: string): RegExp {
  return new RegExp(String.raw`^\s*(?:${source})\s*$`, "gu");
}

export type GlossaryRule = {
  /** The concept, in English (as in shared/GLOSSARY.md). */
  concept: string;
  /** The accepted Persian term, or for a style rule what to write instead. */
  accepted: string;
  /** Patterns of rejected variants (global, unicode). */
  rejected: RegExp[];
  /** Style rules are about the sentence, not a term. */
  kind: "term" | "style";
};

export const GLOSSARY: GlossaryRule[] = [
  {
    concept: "client (the firm the project is for)",
    accepted: "کارفرما",
    kind: "term",
    rejected: [
      word(String.raw`(?:سازمان|تیم|نماینده|نمایندگان|تأیید|امضای|طرف)\s+مشتری`),
      word(String.raw`برای\s+(?:هر\s+)?مشتری(?:\s+خود)?\s+یک\s+پروژه`),
      word(String.raw`پروژه‌های\s+مشتریان`),
      word(String.raw`سند\s+(?:دیگر\s+)?مشتری`),
    ],
  },
  {
    concept: "consent / permission to contact",
    accepted: "اجازه تماس",
    kind: "term",
    rejected: [
      word(String.raw`(?:بی‌|بی\s|بدون\s+)رضایت`),
      word(String.raw`رضایت\s+(?:داده|دادن|داد|می‌دهد|نداده|گرفته|گرفتن)`),
      word(String.raw`رضایت(?:\s+مشتری)?\s+(?:برای|به)\s+(?:این\s+)?تماس`),
      word(String.raw`رضایت‌نامه`),
    ],
  },
  {
    concept: "methodology (the method itself)",
    accepted: "متدولوژی",
    kind: "term",
    rejected: [
      word(String.raw`(?:منابع|موارد|فازهای|گام‌های|نسخه‌های)\s+روش`),
      word(String.raw`نسخه\s+(?:\{\{version\}\}\s+|[0-9۰-۹.]+\s+)?روش`),
      word(String.raw`(?:جدیدتر|قدیمی‌تر)\s+از\s+روش`),
      word(String.raw`از\s+روش\s+«`),
      word(String.raw`روش(?:\s+\S+){0,2}\s+را\s+(?:در\s+این‌جا\s+)?نصب`),
      word(String.raw`روش\s+(?:یک\s+شرکت\s+مشاور|گام‌به‌گام|پیاده‌سازی\s+CRM\s+گام‌به‌گام)`),
      word(String.raw`روش‌شناسی`),
    ],
  },
  {
    concept: "customisation",
    accepted: "اختصاصی‌سازی",
    kind: "term",
    rejected: [word(String.raw`(?:شخصی|ویژه|سفارشی)[\s\u200c]?سازی`)],
  },
  {
    concept: "quick win",
    accepted: "برد سریع",
    kind: "term",
    rejected: [
      word(String.raw`(?:پیروزی|دستاورد|موفقیت|برد)(?:‌ها|‌های|های)?\s+(?:زودهنگام|زودبازده)`),
      word(String.raw`(?:پیروزی|دستاورد|موفقیت)(?:‌ها|‌های)?\s+سریع`),
    ],
  },
  {
    // A workshop activity: one question, the room picks an option (decision 038). The pages and the documents say the same.
    concept: "quick poll",
    accepted: "نظرسنجی سریع",
    kind: "term",
    rejected: [word(String.raw`نظرسنجی\s+کوتاه`)],
  },
  {
    concept: "baseline",
    accepted: "مقدار مبنا",
    kind: "term",
    rejected: [word(String.raw`مقدار\s+پایه|خط\s+(?:مبنا|پایه)|وضعیت\s+پایه|مقدار\s+اولیه\s+شاخص`)],
  },
  {
    concept: "scope",
    accepted: "محدوده",
    kind: "term",
    rejected: [word(String.raw`دامنه`)],
  },
  {
    concept: "deployment",
    accepted: "استقرار",
    kind: "term",
    rejected: [word(String.raw`(?:فاز|مرحله)\s+راه‌اندازی`)],
  },
  {
    concept: "go / no-go decision",
    accepted: "تصمیم ادامه / توقف",
    kind: "term",
    rejected: [word(String.raw`تصمیم\s+(?:اجرا|رفتن|برو)(?:\s*/\s*(?:عدم\s+اجرا|نرفتن|نرو))?`)],
  },
  {
    concept: "post-launch review",
    accepted: "پایش پس از اجرا",
    kind: "term",
    rejected: [word(String.raw`(?:بازبینی|بازنگری|مرور)\s+پس\s+از\s+(?:اجرا|راه‌اندازی|استقرار)`)],
  },
  {
    concept: "benefit (criterion)",
    accepted: "منفعت",
    kind: "term",
    rejected: [whole(String.raw`سود`), word(String.raw`کنار\s+سود`)],
  },
  {
    concept: "effort",
    accepted: "میزان تلاش",
    kind: "term",
    rejected: [
      word(String.raw`تلاش\s+لازم`),
      new RegExp(String.raw`(?<![\p{L}\p{M}])(?:کم‌|پر‌|بی‌)?زحمت(?![\p{L}\p{M}\u200c])`, "gu"),
      whole(String.raw`تلاش`),
      word(String.raw`(?:در\s+برابر|محور)\s+تلاش|ارزش\s*/\s*تلاش`),
    ],
  },
  {
    concept: "health check",
    accepted: "پایش سلامت پروژه",
    kind: "term",
    rejected: [new RegExp(String.raw`(?<!پایش\s)(?<![\p{L}\p{M}\u200c])سلامت\s+پروژه`, "gu"), whole(String.raw`یافته‌های\s+سلامت`)],
  },
  {
    concept: "communication plan / training plan",
    accepted: "برنامه ارتباطی / برنامه آموزشی",
    kind: "term",
    rejected: [word(String.raw`برنامه\s+(?:ارتباطات|آموزش)`)],
  },
  {
    concept: "facilitator",
    accepted: "تسهیلگر",
    kind: "term",
    rejected: [word(String.raw`تسهیل(?:‌|\s)گر`)],
  },
  {
    concept: "remote users",
    accepted: "کاربران راه دور",
    kind: "term",
    rejected: [word(String.raw`کاربران\s+(?:دورکار|از\s+راه\s+دور)`)],
  },
  {
    // «متوسط» holds the letters of «توسط»: a plain search for the rejected passive finds it in
    // every "medium". One word, «میانه», for medium levels and mid-tech keeps that search clean.
    concept: "medium (a level) / mid-tech",
    accepted: "میانه / فناوری میانه",
    kind: "term",
    rejected: [word(String.raw`متوسط`)],
  },
  {
    concept: "assumptions",
    accepted: "فرض‌ها",
    kind: "term",
    rejected: [word(String.raw`مفروضات`)],
  },
  {
    concept: "style: no «توسط» passive (active voice, doer first)",
    accepted: "the doer as subject of an active verb («سارا احمدی تأیید کرد»)",
    kind: "style",
    rejected: [
      word(String.raw`توسط`),
      // A passive participle followed by its agent: «ثبت‌شده از سوی تیم», «تأییدشده به‌دست …».
      word(String.raw`\S*شده(?:‌اند|‌است)?\s+(?:از\s+سوی|از\s+طرف|به‌دست|به\s+دست)`),
      // «… به‌دست {{name}}» / «… به‌دست» at the end of a label: a passive's agent.
      word(String.raw`به‌دست(?=\s*(?:\{\{|$))`),
      // A label ending in the agent («درخواست تأیید از سوی»): name the doer instead.
      new RegExp(String.raw`از\s+سوی\s*$`, "gu"),
    ],
  },
  {
    concept: "style: calques of English idioms",
    accepted: "natural Persian («رابطه یک‌سویه نیست»; «چرا این را می‌پرسیم»)",
    kind: "style",
    rejected: [word(String.raw`(?:رابطه\s+)?خیابان(?:ی)?\s+دوطرفه`), word(String.raw`چرا\s+این\s+پرسیده\s+می‌شود`)],
  },
];

export type GlossaryHit = { concept: string; variant: string; accepted: string };

/** Every rejected variant in `text`, with the concept and the accepted term. */
export function glossaryHits(text: string): GlossaryHit[] {
  const hits: GlossaryHit[] = [];
  for (const rule of GLOSSARY) {
    for (const pattern of rule.rejected) {
      for (const m of text.matchAll(pattern)) hits.push({ concept: rule.concept, variant: m[0].trim(), accepted: rule.accepted });
    }
  }
  return hits;
}
