/**
 * Which way a text is written: shared by what the app draws (diagram labels)
 * and what the Word documents set (runs split by direction). Pure and
 * browser-safe.
 */

export const RTL_STRONG = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
export const LTR_LETTER = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/;
export const LTR_STRONG = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF0-9]/;

/** Whether a text has letters of both writing directions ("پیاده‌سازی CRM مهرگان"). */
export function hasBothDirections(text: string): boolean {
  return RTL_STRONG.test(text) && LTR_LETTER.test(text);
}

/** Like the browser's dir="auto": the direction of the first strong character, or null. */
export function textDirection(text: string): "rtl" | "ltr" | null {
  for (const ch of text) {
    if (RTL_STRONG.test(ch)) return "rtl";
    if (LTR_LETTER.test(ch)) return "ltr";
  }
  return null;
}

/**
 * The direction of a text that stands alone (a user's answer, a cell's
 * value): that of the script most of its letters are in, so a Persian note
 * that opens with "Dynamics 365" stays right to left and an English answer in
 * a Persian document is left to right. Digits and punctuation do not count;
 * a text with no letters, or as many of each, takes `fallback` (the document's).
 */
export function dominantDirection(text: string, fallback: "rtl" | "ltr"): "rtl" | "ltr" {
  let rtl = 0;
  let ltr = 0;
  for (const ch of text) {
    if (RTL_STRONG.test(ch)) rtl++;
    else if (LTR_LETTER.test(ch)) ltr++;
  }
  return rtl === ltr ? fallback : rtl > ltr ? "rtl" : "ltr";
}

/** The user's own words inside a sentence Gambegam writes: set apart as a unit with its own direction. */
export type UserText = { user: string };
/** A sentence Gambegam writes: its own words, and the user's marked as such. */
export type Sentence = ReadonlyArray<string | UserText>;

export function user(text: string): UserText {
  return { user: text };
}

export function isUserText(x: unknown): x is UserText {
  return typeof x === "object" && x !== null && !Array.isArray(x) && typeof (x as UserText).user === "string";
}

/** A sentence as plain text (pages render it as text; the user's words stay as they are). */
export function sentenceText(s: Sentence): string {
  return s.map((p) => (typeof p === "string" ? p : p.user)).join("");
}

/** Fills `{name}` placeholders, keeping which parts are the user's words. */
export function fillSentence(template: string, values: Record<string, string | UserText>): Sentence {
  const out: Array<string | UserText> = [];
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    if (m.index! > last) out.push(template.slice(last, m.index));
    const v = values[m[1]!] ?? "";
    if (typeof v === "string" ? v : v.user) out.push(v);
    last = m.index! + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
}

/**
 * A name the user typed, set inside a sentence or title of the reader's
 * language: wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE when it
 * holds letters of the other direction, so its words keep their own order and
 * do not pull the text around them ("مهرگان CRM" in an English title would
 * otherwise show as "CRM · Gambegam … مهرگان"). Left as it is otherwise.
 */
export function isolateName(text: string, lang: "fa" | "en"): string {
  const foreign = lang === "en" ? RTL_STRONG : LTR_LETTER;
  return foreign.test(text) ? `\u2068${text}\u2069` : text;
}
