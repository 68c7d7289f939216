/** Quotation marks around a user's text on a page: «…» in Persian, “…” in English (issue 20 review, finding 11). */
import type { Language } from "#methodology/schema.ts";

export const QUOTE_MARKS: Record<Language, readonly [string, string]> = { fa: ["«", "»"], en: ["“", "”"] };

export function quoted(text: string, lang: Language): string {
  const [open, close] = QUOTE_MARKS[lang];
  return `${open}${text}${close}`;
}
