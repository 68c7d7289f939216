/**
 * The post-launch review report's executive summary: three to six sentences
 * written from the figures themselves — adoption in the latest period against
 * the reference curve, how many goals are on track or behind (the best and
 * the worst), usage and data quality, and management's decision if recorded.
 * Pure, in the document's language; it states facts and never asks the reader
 * to do anything (decision 029).
 */
import { formatDate, formatNumber } from "#app/views/format.ts";
import { pct, referenceText } from "#app/views/change-views.ts";
import type { Adoption, MeasureSeries } from "#app/domain/adoption.ts";
import type { Language } from "#methodology/schema.ts";

export type ReviewSummaryInput = { adoption: Adoption | null; kpi: MeasureSeries[]; metrics: MeasureSeries[]; decision: string };

const MONTHS_EN = ["", "One month", "Two months", "Three months", "Four months", "Five months", "Six months", "Seven months", "Eight months", "Nine months", "Ten months", "Eleven months", "Twelve months"];

const T = {
  en: {
    q: (s: string) => `“${s}”`,
    list: (parts: string[]) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`),
    adoption: (date: string, rate: string, active: string, licensed: string) => `In the latest period (${date}) ${rate} of licensed users were active (${active} of ${licensed})`,
    trend: (up: boolean, rate: string, date: string) => `, ${up ? "up" : "down"} from ${rate} on ${date}`,
    months: (m: number) => MONTHS_EN[m] ?? `${m} months`,
    compared: (months: string, reference: string, met: boolean) => `${months} after go-live the reference set for this project is ${reference}: adoption is ${met ? "at or above it" : "behind it"}.`,
    before: (months: string, next: string) => `${months} after go-live it is too early for the first reference point (${next}).`,
    goals: (n: number) => `Of ${n} goal${n === 1 ? "" : "s"}, `,
    met: (n: number) => `${n} ${n === 1 ? "has" : "have"} reached ${n === 1 ? "its" : "their"} target`,
    moving: (n: number) => `${n} ${n === 1 ? "is" : "are"} moving towards it`,
    still: (n: number) => `${n} ${n === 1 ? "has" : "have"} not moved from ${n === 1 ? "its" : "their"} baseline`,
    noData: (n: number) => `${n} ${n === 1 ? "has" : "have"} no figures yet`,
    bestWorst: (best: string, bp: string, worst: string, wp: string) => `Furthest ahead: ${best} (${bp} of the way from baseline to target); furthest behind: ${worst} (${wp}).`,
    best: (best: string, bp: string) => `Furthest ahead: ${best} (${bp} of the way from baseline to target).`,
    indicators: (n: number, met: number) => `Of ${n} usage and data-quality indicator${n === 1 ? "" : "s"}, ${met} ${met === 1 ? "has" : "have"} reached ${met === 1 ? "its" : "their"} target`,
    lagging: (label: string, actual: string, target: string) => `; ${label} stands at ${actual} against a target of ${target}`,
    decision: (d: string) => `Management's decision: ${d}`,
  },
  fa: {
    q: (s: string) => `«${s}»`,
    list: (parts: string[]) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join("، ")} و ${parts.at(-1)}`),
    adoption: (date: string, rate: string, active: string, licensed: string) => `در آخرین دوره (${date}) ${rate} کاربران دارای مجوز فعال بودند (${active} از ${licensed})`,
    trend: (_up: boolean, rate: string, date: string) => `، در برابر ${rate} در ${date}`,
    months: (m: number) => `${formatNumber(m, "fa")} ماه`,
    compared: (months: string, reference: string, met: boolean) => `${months} پس از بهره‌برداری، مرجع تعیین‌شده برای این پروژه ${reference} است: پذیرش ${met ? "به آن رسیده است" : "از آن عقب است"}.`,
    before: (months: string, next: string) => `${months} پس از بهره‌برداری، هنوز به نخستین نقطه مرجع (${next}) نرسیده‌ایم.`,
    goals: (n: number) => `از ${formatNumber(n, "fa")} هدف، `,
    met: (n: number) => `${formatNumber(n, "fa")} هدف به مقدار هدف رسیده`,
    moving: (n: number) => `${formatNumber(n, "fa")} هدف در حال حرکت به سوی آن است`,
    still: (n: number) => `${formatNumber(n, "fa")} هدف از مقدار مبنا جلو نرفته`,
    noData: (n: number) => `${formatNumber(n, "fa")} هدف هنوز رقمی ندارد`,
    bestWorst: (best: string, bp: string, worst: string, wp: string) => `جلوتر از همه: ${best} (${bp} از مسیر مقدار مبنا تا مقدار هدف)؛ عقب‌تر از همه: ${worst} (${wp}).`,
    best: (best: string, bp: string) => `جلوتر از همه: ${best} (${bp} از مسیر مقدار مبنا تا مقدار هدف).`,
    indicators: (n: number, met: number) => `از ${formatNumber(n, "fa")} شاخص استفاده و کیفیت داده، ${formatNumber(met, "fa")} شاخص به مقدار هدف رسیده`,
    lagging: (label: string, actual: string, target: string) => `؛ ${label} ${actual} است در برابر مقدار هدف ${target}`,
    decision: (d: string) => `تصمیم مدیریت: ${d}`,
  },
} as const;

/** A measure with its unit: "70%" / "۷۰٪", "45 users". */
function withUnit(n: number, unit: string, lang: Language): string {
  const v = formatNumber(n, lang);
  if (unit === "%" || unit === "٪") return lang === "fa" ? `${v}٪` : `${v}%`;
  return unit ? `${v} ${unit}` : v;
}

const endSentence = (s: string, lang: Language) => (/[.!؟?]$/.test(s.trim()) ? s.trim() : `${s.trim()}${lang === "fa" ? "." : "."}`);

export function reviewSummary(input: ReviewSummaryInput, lang: Language): string[] {
  const t = T[lang];
  const out: string[] = [];
  const a = input.adoption;
  const points = (a?.overall ?? []).filter((p): p is NonNullable<typeof p> => Boolean(p && p.rate !== null));
  if (a && points.length) {
    const latest = points.at(-1)!;
    let s = t.adoption(formatDate(latest.period, lang), pct(latest.rate, lang), formatNumber(latest.active, lang), formatNumber(latest.licensed, lang));
    if (points.length > 1) s += t.trend(latest.rate! >= points[0]!.rate!, pct(points[0]!.rate, lang), formatDate(points[0]!.period, lang));
    out.push(`${s}.`);
    const v = a.verdict;
    if (v.kind === "compared") out.push(t.compared(t.months(v.months), pct(v.reference.percent, lang), v.met));
    else if (v.kind === "before-reference") out.push(t.before(t.months(v.months), referenceText(v.next, lang)));
  }
  if (input.kpi.length) {
    const count = (st: MeasureSeries["status"][]) => input.kpi.filter((s) => st.includes(s.status)).length;
    const parts = [
      [count(["met"]), t.met],
      [count(["moving"]), t.moving],
      [count(["not-moving"]), t.still],
      [count(["no-data", "no-target"]), t.noData],
    ] as const;
    out.push(`${t.goals(input.kpi.length)}${t.list(parts.filter(([n]) => n > 0).map(([n, f]) => f(n)))}.`);
    const ranked = input.kpi.filter((s) => s.latest?.progress !== null && s.latest?.progress !== undefined).sort((x, y) => y.latest!.progress! - x.latest!.progress!);
    if (ranked.length > 1) out.push(t.bestWorst(t.q(ranked[0]!.label), pct(ranked[0]!.latest!.progress, lang), t.q(ranked.at(-1)!.label), pct(ranked.at(-1)!.latest!.progress, lang)));
    else if (ranked.length === 1) out.push(t.best(t.q(ranked[0]!.label), pct(ranked[0]!.latest!.progress, lang)));
  }
  const measured = input.metrics.filter((s) => s.latest);
  if (measured.length) {
    const met = measured.filter((s) => s.status === "met").length;
    let s = t.indicators(measured.length, met);
    const lagging = measured.filter((m) => m.status !== "met" && m.latest!.progress !== null && m.target !== null).sort((x, y) => x.latest!.progress! - y.latest!.progress!)[0];
    if (lagging) s += t.lagging(t.q(lagging.label), withUnit(lagging.latest!.actual, lagging.measure, lang), withUnit(lagging.target!, lagging.measure, lang));
    out.push(`${s}.`);
  }
  if (input.decision.trim()) out.push(endSentence(t.decision(input.decision.trim()), lang));
  return out;
}
