/**
 * Dates and numbers as each language writes them: Persian uses the Jalali
 * calendar and Persian digits, English the Gregorian calendar.
 */
import type { Language } from "#methodology/schema.ts";
import { isoToJalaliInput, localDigits } from "#methodology/values.ts";

const locales: Record<Language, string> = { fa: "fa-IR-u-ca-persian-nu-arabext", en: "en-GB" };

/**
 * Formatters are costly to make (the Persian calendar most of all) and
 * cheap to reuse: one per locale and options, made on first use.
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, f);
  }
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();

function isoDateToUtc(iso: string): Date | null {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** A calendar date (yyyy-mm-dd) in the language's calendar (Jalali in Persian), or null when it is not one. */
function formatCalendarDate(iso: string, lang: Language, options: Intl.DateTimeFormatOptions): string | null {
  const d = isoDateToUtc(iso);
  return d ? dateFormat(lang === "fa" ? "fa-IR-u-ca-persian" : locales.en, { ...options, timeZone: "UTC" }).format(d) : null;
}

/** A calendar date (yyyy-mm-dd) as "۲ آذر ۱۴۰۵" or "23 November 2026". */
export function formatDate(iso: string | null | undefined, lang: Language, style: "long" | "short" = "long"): string {
  if (!iso) return "";
  const options: Intl.DateTimeFormatOptions = style === "long" ? { year: "numeric", month: "long", day: "numeric" } : { year: "numeric", month: "2-digit", day: "2-digit" };
  return formatCalendarDate(iso, lang, options) ?? iso;
}

/**
 * A chart axis tick's label for a date: day and month, and the year when asked
 * (the first tick, and wherever the year turns). In Persian, Jalali.
 */
export function formatTickDate(iso: string, lang: Language, withYear: boolean): string {
  return formatCalendarDate(iso, lang, { day: "numeric", month: "long", ...(withYear ? { year: "numeric" } : {}) }) ?? iso;
}

/** The year of a date in the language's calendar (Jalali in Persian), as digits of that language. */
export function calendarYear(iso: string, lang: Language): string {
  return formatCalendarDate(iso, lang, { year: "numeric" }) ?? "";
}

/** A moment (ISO timestamp) with its time, in the viewer's time zone. */
export function formatDateTime(isoTimestamp: string | null | undefined, lang: Language, timeZone?: string): string {
  if (!isoTimestamp) return "";
  const d = new Date(isoTimestamp);
  if (Number.isNaN(d.getTime())) return isoTimestamp;
  return dateFormat(lang === "fa" ? "fa-IR-u-ca-persian" : locales.en, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(d);
}

export function formatTime(isoTimestamp: string, lang: Language): string {
  const d = new Date(isoTimestamp);
  return dateFormat(lang === "fa" ? "fa-IR" : locales.en, { hour: "2-digit", minute: "2-digit" }).format(d);
}

export function formatNumber(n: number | null | undefined, lang: Language): string {
  if (n === null || n === undefined) return "";
  let f = numberFormats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === "fa" ? "fa-IR" : locales.en, { maximumFractionDigits: 2 });
    numberFormats.set(lang, f);
  }
  return f.format(n);
}

// Latin digits to Persian ones (localDigits) live beside toLatinDigits in methodology/values.ts, so the server's files use them too.
export { localDigits };

/** The value a date field shows for editing: Jalali (yyyy/mm/dd) in Persian, ISO in English. */
export function dateInputValue(iso: string | null | undefined, lang: Language): string {
  if (!iso) return "";
  return lang === "fa" ? localDigits(isoToJalaliInput(iso), "fa") : iso;
}

export function percent(part: number, whole: number): number {
  return whole === 0 ? 100 : Math.round((part / whole) * 100);
}
