/**
 * The change-management and post-launch review figures as charts (SVG) with
 * the same content as tables, in one language. Pure: the pages show them and
 * the Word deliverables print them, so both say the same thing.
 */
import { loc } from "#app/i18n.ts";
import { formatDate, formatNumber, localDigits } from "#app/views/format.ts";
import { scoreOf } from "#app/views/display.ts";
import { lineChart, radarChart } from "#app/views/charts.ts";
import type { Language } from "#methodology/schema.ts";
import { isoToJalaliInput, parseDateInput } from "#methodology/values.ts";
import type { ImpactView, Readiness } from "#app/domain/change.ts";
import type { Adoption, MeasureSeries } from "#app/domain/adoption.ts";
import { fillSentence, sentenceText, user, type Sentence } from "#app/views/direction.ts";

/** How a date in a table is written: the documents pass their own rule (no-break spaces). */
export type DateFormat = (iso: string, lang: Language) => string;
const longDate: DateFormat = (iso, lang) => formatDate(iso, lang);

export type ChartView = {
  title: string;
  /** SVG text; null when there is nothing to draw yet. */
  svg: string | null;
  table: { columns: string[]; rows: string[][] };
};

const TEXT = {
  fa: {
    readiness: "آمادگی سازمان برای CRM",
    topic: "موضوع",
    score: "نمره",
    evidence: "شاهد",
    gap: "شکاف",
    notScored: "نمره‌ای ندارد",
    gapBelow: (n: number) => `زیر ${localDigits(n, "fa")}: شکاف`,
    adoption: "نرخ پذیرش و به‌کارگیری (کاربران فعال به کاربران دارای مجوز)",
    allGroups: "همه گروه‌ها",
    period: "پایان دوره",
    group: "گروه",
    activeOfLicensed: (a: number, l: number) => `${localDigits(a, "fa")} از ${localDigits(l, "fa")}`,
    noRate: "بدون کاربر دارای مجوز",
    kpi: "پیشرفت اهداف به سوی مقدار هدف (۰٪ = مقدار مبنا، ۱۰۰٪ = هدف)",
    metrics: "پیشرفت شاخص‌های استفاده و کیفیت داده به سوی هدف",
    targetLine: "مقدار هدف (۱۰۰٪)",
    goal: "هدف",
    indicator: "شاخص",
    measure: "سنجه",
    baseline: "مقدار مبنا",
    target: "مقدار هدف",
    latest: "آخرین مقدار",
    progress: "پیشرفت",
    status: "وضعیت",
    statuses: { met: "به هدف رسید", moving: "در حرکت به سوی هدف", "not-moving": "بدون پیشرفت", "no-target": "مقدار مبنا یا هدف عددی نیست", "no-data": "هنوز مقداری ثبت نشده" },
    impact: "میانگین تغییر",
    resistance: "مقاومت",
    sponsor: "حامی",
    people: "افراد",
  },
  en: {
    readiness: "Organisational readiness for CRM",
    topic: "Topic",
    score: "Score",
    evidence: "Evidence",
    gap: "Gap",
    notScored: "not scored",
    gapBelow: (n: number) => `Below ${n}: a gap`,
    adoption: "Adoption rate (active users as a share of licensed users)",
    allGroups: "All groups",
    period: "Period ending",
    group: "Group",
    activeOfLicensed: (a: number, l: number) => `${a} of ${l}`,
    noRate: "no licensed users",
    kpi: "Goals' progress towards their targets (0% = baseline, 100% = target)",
    metrics: "Usage and data-quality indicators' progress towards their targets",
    targetLine: "Target (100%)",
    goal: "Goal",
    indicator: "Indicator",
    measure: "Measure",
    baseline: "Baseline",
    target: "Target",
    latest: "Latest value",
    progress: "Progress",
    status: "Status",
    statuses: { met: "Target reached", moving: "Moving towards the target", "not-moving": "No progress", "no-target": "Baseline or target is not a number", "no-data": "No value recorded yet" },
    impact: "Mean change",
    resistance: "Resistance",
    sponsor: "Sponsor",
    people: "People",
  },
} as const;

/**
 * Sentences that judge the figures, shared by the pages and the documents so
 * both say the same thing. `{x}` placeholders are filled by `fill`.
 */
const SENTENCES = {
  fa: {
    outsideHelp: {
      advised: "کمک بیرونی توصیه می‌شود: {gaps} موضوع یا بیشتر شکاف‌اند. برای ضعیف‌ترین موضوع‌ها از مشاوران باتجربه مدیریت تغییر و CRM کمک بگیرید.",
      incomplete: "نیاز به کمک بیرونی وقتی روشن می‌شود که به همه موضوع‌ها نمره داده شود ({left} موضوع مانده).",
      "not-needed": "تیم داخلی می‌تواند تغییر را رهبری کند: کمتر از {gaps} موضوع شکاف‌اند.",
      "incomplete-document": "تا همه موضوع‌ها نمره نگیرند نمی‌توان درباره نیاز به کمک بیرونی داوری کرد ({left} موضوع بی‌نمره است).",
      "advised-document": "کمک بیرونی توصیه می‌شود: {gaps} موضوع یا بیشتر شکاف‌اند؛ ضعیف‌ترین موضوع‌ها به پشتیبانی مشاوران باتجربه مدیریت تغییر و CRM نیاز دارند.",
    },
    verdict: {
      "no-data": "ارقام نخستین دوره را وارد کنید تا نرخ پذیرش و به‌کارگیری دیده شود.",
      "no-go-live": "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}. تاریخ استقرار را ثبت کنید تا با معیار مقایسه شود.",
      "no-data-document": "برای هیچ دوره‌ای رقم پذیرش و به‌کارگیری ثبت نشده است.",
      "no-go-live-document": "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}. تاریخ استقرار ثبت نشده، از این رو این نرخ با معیار مقایسه نشده است.",
      "before-reference": "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}، {months} ماه پس از استقرار. نخستین نقطه معیار: {next}.",
      met: "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}، {months} ماه پس از استقرار؛ هم‌تراز معیار یا بالاتر از آن ({reference}).",
      behind: "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}، {months} ماه پس از استقرار؛ پایین‌تر از معیار ({reference}). پیش از نرم‌افزار، آموزش، انگیزش و فرایند را بررسی کنید.",
      "behind-document": "آخرین نرخ کل پذیرش و به‌کارگیری: {rate}، {months} ماه پس از استقرار؛ پایین‌تر از معیار ({reference}). علت را پیش از نرم‌افزار باید در آموزش، انگیزش و فرایند جست.",
    },
    issues: {
      "zero-licensed": "{group}، {period}: کاربر دارای مجوزی ثبت نشده، پس نرخی نیست؛ ارقام را بررسی کنید.",
      "over-100": "{group}، {period}: کاربران فعال بیش از کاربران دارای مجوزند ({rate})؛ ارقام را بررسی کنید.",
      "missing-period": "{group}: برای {period} رقمی نیست؛ خط نمودار آنجا قطع است.",
      duplicate: "{group}، {period}: دو بار وارد شده؛ ردیف بعدی به کار رفته است.",
      "zero-licensed-document": "{group}، {period}: کاربر دارای مجوزی ثبت نشده است، از این رو نرخی برای این دوره نیست.",
      "over-100-document": "{group}، {period}: کاربران فعال بیش از کاربران دارای مجوزند ({rate})؛ این ارقام با هم نمی‌خوانند.",
    },
    attention: {
      "high-impact-high-resistance": "{group}: تغییر بزرگ با مقاومت زیاد؛ ارتباط، آموزش و حامی این گروه را پیش از همه برنامه‌ریزی کنید.",
      "high-impact-high-resistance-document": "{group}: تغییر بزرگ با مقاومت زیاد؛ ارتباط، آموزش و حامی این گروه در این برنامه در اولویت نخست‌اند.",
      "no-sponsor": "{group}: کارش تغییر می‌کند ولی حامی پاسخ‌گویی ندارد.",
    },
  },
  en: {
    outsideHelp: {
      advised: "Outside help is advised: {gaps} or more topics are gaps. Bring in experienced change-management and CRM advisers for the weakest topics.",
      incomplete: "Whether outside help is needed shows once every topic is scored ({left} left).",
      "not-needed": "The internal team can lead the change: fewer than {gaps} topics are gaps.",
      "incomplete-document": "Whether outside help is needed cannot be judged until every topic is scored ({left} topics are not scored).",
      "advised-document": "Outside help is advised: {gaps} or more topics are gaps, and the weakest topics need the support of experienced change-management and CRM advisers.",
    },
    verdict: {
      "no-data": "Enter the first period's figures to see the adoption rate.",
      "no-go-live": "Latest overall adoption: {rate}. Record the go-live date to compare it with the reference.",
      "no-data-document": "No adoption figures have been recorded for any period.",
      "no-go-live-document": "Latest overall adoption: {rate}. The go-live date is not recorded, so the rate is not compared with the reference.",
      "before-reference": "Latest overall adoption: {rate}, {months} months after go-live. The first reference point is {next}.",
      met: "Latest overall adoption: {rate}, {months} months after go-live — at or above the reference ({reference}).",
      behind: "Latest overall adoption: {rate}, {months} months after go-live — below the reference ({reference}). Look at training, incentives and process before the software.",
      "behind-document": "Latest overall adoption: {rate}, {months} months after go-live — below the reference ({reference}). The causes are to be sought in training, incentives and process before the software.",
    },
    issues: {
      "zero-licensed": "{group}, {period}: no licensed users, so no rate — check the figures.",
      "over-100": "{group}, {period}: more active than licensed users ({rate}) — check the figures.",
      "missing-period": "{group}: no figures for {period}; the line has a gap there.",
      duplicate: "{group}, {period}: entered twice; the later row is used.",
      "zero-licensed-document": "{group}, {period}: no licensed users are recorded, so there is no rate for this period.",
      "over-100-document": "{group}, {period}: more active than licensed users are recorded ({rate}); the figures do not agree.",
    },
    attention: {
      "high-impact-high-resistance": "{group}: large change met with high resistance — plan its communication, training and sponsor first.",
      "high-impact-high-resistance-document": "{group}: large change met with high resistance — its communication, training and sponsor come first in this plan.",
      "no-sponsor": "{group}: its work changes but no sponsor answers for it.",
    },
  },
} as const;

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
}

/**
 * Sentences for a page may tell the user what to do next ("Record the
 * go-live date…"); a document is read by the client, so it gets the
 * `-document` wording that states the fact instead (decision 023).
 */
type Audience = "page" | "document";

function forAudience<T extends Record<string, string>>(t: T, key: string, audience: Audience): string {
  return (audience === "document" ? t[`${key}-document`] : undefined) ?? t[key]!;
}

export function outsideHelpText(r: Readiness, lang: Language, audience: Audience = "page"): string {
  return fill(forAudience(SENTENCES[lang].outsideHelp, r.outsideHelp, audience), { gaps: localDigits(r.outsideHelpGaps, lang), left: localDigits(r.unscored.length, lang) });
}

/** Why a group needs attention first; the group's name is the user's words (a document sets it apart in its own direction). */
export function attentionSentence(kind: ImpactView["groups"][number]["attention"][number], group: string, lang: Language, audience: Audience = "page"): Sentence {
  return fillSentence(forAudience(SENTENCES[lang].attention, kind, audience), { group: user(group) });
}

export function attentionText(kind: ImpactView["groups"][number]["attention"][number], group: string, lang: Language): string {
  return sentenceText(attentionSentence(kind, group, lang));
}

export function adoptionVerdictText(a: Adoption, lang: Language, audience: Audience = "page"): string {
  const v = a.verdict;
  const t = SENTENCES[lang].verdict;
  switch (v.kind) {
    case "no-data":
      return forAudience(t, "no-data", audience);
    case "no-go-live":
      return fill(forAudience(t, "no-go-live", audience), { rate: pct(v.rate, lang) });
    case "before-reference":
      return fill(t["before-reference"], { rate: pct(v.rate, lang), months: localDigits(v.months, lang), next: referenceText(v.next, lang) });
    case "compared":
      return fill(v.met ? t.met : forAudience(t, "behind", audience), { rate: pct(v.rate, lang), months: localDigits(v.months, lang), reference: referenceText(v.reference, lang) });
  }
}

/** A note on the adoption figures; the group's name is the user's words. A document says it without the page's instructions. */
export function adoptionIssueSentence(x: Adoption["issues"][number], lang: Language, dateFormat: DateFormat = longDate, audience: Audience = "page"): Sentence {
  return fillSentence(forAudience(SENTENCES[lang].issues, x.kind, audience), { group: user(x.group), period: dateFormat(x.period, lang), rate: "rate" in x ? pct(x.rate, lang) : "" });
}

export function adoptionIssueText(x: Adoption["issues"][number], lang: Language, audience: Audience = "page"): string {
  return sentenceText(adoptionIssueSentence(x, lang, longDate, audience));
}

/** A reference level in words: the project's share and when it applies ("80%, six months after go-live"). */
export function referenceText(r: Adoption["references"][number], lang: Language): string {
  return `${pct(r.percent, lang)}${lang === "fa" ? "، " : ", "}${loc(r.label, lang)}`;
}

/**
 * The label of an adoption reference line: the level, when it applies, and the
 * date it falls on — go-live plus its months in the reader's calendar, so a
 * year after 1 Khordad 1406 reads 1 Khordad 1407 (the Gregorian year added
 * lands a day later across 29 February 2028).
 */
export function referenceLabel(r: Adoption["references"][number], lang: Language, goLive: string | null = null): string {
  const date = lang === "fa" && goLive ? jalaliAddMonths(goLive, r.months) ?? r.date : r.date;
  return referenceText(r, lang) + (date ? ` — ${formatDate(date, lang, "short")}` : "");
}

/** ISO date plus whole months counted in the Jalali calendar (a day past the month's end is its last day). */
export function jalaliAddMonths(iso: string, months: number): string | null {
  const m = isoToJalaliInput(iso).match(/^(\d{4})\/(\d{2})\/(\d{2})$/);
  if (!m) return null;
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const [y, mo] = [Math.floor(total / 12), (total % 12) + 1];
  for (let d = Number(m[3]); d >= 28; d--) {
    const out = parseDateInput(`${y}/${mo}/${d}`);
    if (out) return out;
  }
  return parseDateInput(`${y}/${mo}/${m[3]}`);
}

export function pct(n: number | null, lang: Language): string {
  if (n === null) return "—";
  const r = Math.round(n * 10) / 10;
  return lang === "fa" ? `${formatNumber(r, "fa")}٪` : `${r}%`;
}

const short = (period: string, lang: Language) => formatDate(period, lang, "short");

export function readinessView(r: Readiness, lang: Language): ChartView {
  const s = TEXT[lang];
  const title = s.readiness;
  return {
    title,
    svg: radarChart({
      title,
      lang,
      min: r.min,
      max: r.max,
      threshold: { value: r.gapBelow, label: s.gapBelow(r.gapBelow) },
      unscoredLabel: s.notScored,
      axes: r.topics.map((t) => ({ label: loc(t.item.shortTitle ?? t.item.title, lang), value: t.score })),
    }),
    table: {
      columns: [s.topic, s.score, s.gap, s.evidence],
      rows: r.topics.map((t) => [loc(t.item.shortTitle ?? t.item.title, lang), t.score === null ? s.notScored : scoreOf(t.score, r.max, lang), t.gap ? s.gap : "", t.evidence]),
    },
  };
}

export function impactTable(v: ImpactView, lang: Language): { columns: string[]; rows: string[][] } {
  const s = TEXT[lang];
  const col = v.register.columns.find((c) => c.id === "resistance");
  const resistance = (id: string | null) => (id && col?.type === "choice" ? loc(col.options.find((o) => o.id === id)?.label, lang) || id : "");
  return {
    columns: [s.group, s.people, ...v.aspects.map((a) => loc(a.label, lang)), s.impact, s.resistance, s.sponsor],
    rows: v.groups.map((g) => [
      g.group,
      g.people === null ? "" : formatNumber(g.people, lang),
      ...g.scores.map((x) => (x.score === null ? "" : localDigits(x.score, lang))),
      g.impact === null ? "" : scoreOf(formatNumber(Math.round(g.impact * 10) / 10, lang), v.aspects[0]?.max ?? 5, lang),
      resistance(g.resistance),
      g.sponsor,
    ]),
  };
}

export function adoptionView(a: Adoption, lang: Language, dateFormat: DateFormat = longDate): ChartView {
  const s = TEXT[lang];
  const title = s.adoption;
  const series = [
    ...a.series.map((x) => ({ name: x.group, values: x.points.map((p) => p?.rate ?? null) })),
    ...(a.series.length > 1 ? [{ name: s.allGroups, values: a.overall.map((p) => p?.rate ?? null) }] : []),
  ];
  const cell = (p: { active: number; licensed: number; rate: number | null } | null) => (p ? `${pct(p.rate, lang)} (${s.activeOfLicensed(p.active, p.licensed)})${p.rate === null ? ` — ${s.noRate}` : ""}` : "—");
  return {
    title,
    svg: a.periods.length
      ? lineChart({ title, lang, xLabels: a.periods.map((p) => short(p, lang)), series, yUnit: lang === "fa" ? "٪" : "%", yMin: 0, yMax: 100, references: a.references.map((r) => ({ value: r.percent, label: referenceLabel(r, lang, a.goLive) })) })
      : null,
    table: {
      columns: [s.period, ...a.series.map((x) => x.group), ...(a.series.length > 1 ? [s.allGroups] : [])],
      rows: a.periods.map((p, i) => [dateFormat(p, lang), ...a.series.map((x) => cell(x.points[i] ?? null)), ...(a.series.length > 1 ? [cell(a.overall[i] ?? null)] : [])]),
    },
  };
}

/** KPI or indicator progress: one line per series, the target drawn at 100%. */
export function progressView(kind: "kpi" | "metrics", periods: string[], series: MeasureSeries[], lang: Language, dateFormat: DateFormat = longDate): ChartView {
  const s = TEXT[lang];
  const title = kind === "kpi" ? s.kpi : s.metrics;
  const drawn = series.filter((x) => x.points.some((p) => p && p.progress !== null));
  const num = (n: number) => formatNumber(n, lang);
  // A baseline or target is a number in the language's digits; a goal's written one ("under 3 days") stays as written.
  const figure = (text: string) => (text === "" ? "" : Number.isFinite(Number(text)) ? num(Number(text)) : text);
  return {
    title,
    svg: drawn.length
      ? lineChart({ title, lang, xLabels: periods.map((p) => short(p, lang)), series: drawn.map((x) => ({ name: x.label, values: x.points.map((p) => p?.progress ?? null) })), yUnit: lang === "fa" ? "٪" : "%", yMin: 0, yMax: 100, references: [{ value: 100, label: s.targetLine }] })
      : null,
    table: {
      columns: [kind === "kpi" ? s.goal : s.indicator, s.measure, s.baseline, s.target, s.latest, s.progress, s.status],
      rows: series.map((x) => [
        x.label,
        x.measure,
        figure(x.baselineText),
        figure(x.targetText),
        x.latest ? `${num(x.latest.actual)} (${dateFormat(x.latest.period, lang)})` : "",
        x.latest ? pct(x.latest.progress, lang) : "",
        s.statuses[x.status],
      ]),
    },
  };
}
