/**
 * A threshold as the pages and the documents write it: the value the project
 * uses, and whose number it is — Gambegam's default (the sources give none),
 * the source's figure, or the project's own (decision 035).
 */
import type { Language, Threshold } from "#methodology/schema.ts";
import type { ThresholdUse } from "#app/domain/thresholds.ts";
import { localDigits } from "./format.ts";

const UNITS: Record<Language, Record<Threshold["unit"], (n: string) => string>> = {
  en: {
    score: (n) => n,
    gaps: (n) => `${n} ${n === "1" ? "gap" : "gaps"}`,
    percent: (n) => `${n}%`,
    goals: (n) => `${n} ${n === "1" ? "goal" : "goals"}`,
    days: (n) => `${n} ${n === "1" ? "day" : "days"}`,
    segments: (n) => `${n} ${n === "1" ? "segment" : "segments"}`,
  },
  fa: {
    score: (n) => n,
    gaps: (n) => `${n} شکاف`,
    percent: (n) => `${n}٪`,
    goals: (n) => `${n} هدف`,
    days: (n) => `${n} روز`,
    segments: (n) => `${n} بخش مشتریان`,
  },
};

export function thresholdValueText(value: number, unit: Threshold["unit"], lang: Language): string {
  return UNITS[lang][unit](localDigits(value, lang));
}

/** Whose number the project uses, in a few words. */
export function thresholdOrigin(use: ThresholdUse, lang: Language): string {
  const d = thresholdValueText(use.default, use.threshold.unit, lang);
  if (lang === "fa") {
    if (use.gambegams) return use.isDefault ? "پیش‌فرض گام‌به‌گام، نه از منابع" : `تعیین‌شده برای این پروژه؛ پیش‌فرض گام‌به‌گام ${d} است و از منابع نیست`;
    return use.isDefault ? "رقم منبع" : `تعیین‌شده برای این پروژه؛ رقم منبع ${d} است`;
  }
  if (use.gambegams) return use.isDefault ? "Gambegam's default, not from the sources" : `set for this project; Gambegam's default, not from the sources, is ${d}`;
  return use.isDefault ? "the source's figure" : `set for this project; the source's figure is ${d}`;
}

/** "Largest share of the goals in the roadmap's first stage: 40% (Gambegam's default, not from the sources)". */
export function thresholdSentence(use: ThresholdUse, lang: Language): string {
  const value = thresholdValueText(use.value, use.threshold.unit, lang);
  return lang === "fa" ? `${use.threshold.title.fa}: ${value} (${thresholdOrigin(use, lang)})` : `${use.threshold.title.en}: ${value} (${thresholdOrigin(use, lang)})`;
}

/** What a page shows under "thresholds set for this project": plain data for the browser. */
export type ThresholdLine = { id: string; title: string; value: string; origin: string; own: boolean; gambegams: boolean };

export function thresholdLines(uses: ThresholdUse[], lang: Language): ThresholdLine[] {
  return uses.map((u) => ({
    id: u.threshold.id,
    title: u.threshold.title[lang],
    value: thresholdValueText(u.value, u.threshold.unit, lang),
    origin: thresholdOrigin(u, lang),
    own: !u.isDefault,
    gambegams: u.gambegams,
  }));
}
