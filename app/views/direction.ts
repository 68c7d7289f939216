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
