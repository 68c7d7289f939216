/**
 * Text as it goes into a Word document: made safe for XML, stripped of
 * bidi controls and invisible characters (by the same rule as every saved
 * value, so a text stored before that rule existed reads in the document as
 * it will once saved again), and split into runs by writing direction so that
 * mixed Persian/English keeps its order in a right-to-left paragraph.
 */
import { formatDate, formatNumber } from "#app/views/format.ts";
import { stripInvisible } from "#app/domain/text-hygiene.ts";
import { LTR_STRONG, RTL_STRONG, dominantDirection, textDirection, type Sentence, type UserText } from "#app/views/direction.ts";
import type { DocLang } from "./model.ts";

// Characters XML 1.0 cannot carry, plus the non-characters U+FFFE/U+FFFF.
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a user typed, safe to put in a document: line breaks kept as "\n". */
export function cleanText(input: unknown): string {
  const s = input === null || input === undefined ? "" : String(input);
  return stripInvisible(s.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(XML_INVALID, "").replace(LONE_SURROGATE, ""));
}

export { dominantDirection, textDirection };
export { user, fillSentence, isUserText, sentenceText, type Sentence, type UserText } from "#app/views/direction.ts";

/**
 * What a paragraph or cell holds (decision 025): Gambegam's own words (a
 * string: the document's direction), the user's words alone (`user(...)`:
 * the direction of their dominant script), or a sentence of Gambegam's with
 * the user's words inside (the document's direction; each user part an
 * embedded unit in its own direction).
 */
export type DocText = string | UserText | Sentence;

export type DirectedText = { text: string; rtl: boolean };

/**
 * Splits a line into pieces of one writing direction. Neutral characters
 * (spaces, punctuation) between two pieces of the same direction join them;
 * between different directions they take the paragraph's direction.
 */
export function splitByDirection(line: string, paragraphRtl: boolean): DirectedText[] {
  const out: DirectedText[] = [];
  let neutral = "";
  for (const ch of line) {
    const dir = RTL_STRONG.test(ch) ? true : LTR_STRONG.test(ch) ? false : null;
    if (dir === null) {
      neutral += ch;
      continue;
    }
    const last = out.at(-1);
    if (last && last.rtl === dir) {
      last.text += neutral + ch;
    } else {
      if (neutral) {
        if (last && last.rtl === paragraphRtl) last.text += neutral;
        else out.push({ text: neutral, rtl: paragraphRtl });
      }
      out.push({ text: ch, rtl: dir });
    }
    neutral = "";
  }
  if (neutral) {
    const last = out.at(-1);
    if (last) last.text += neutral;
    else out.push({ text: neutral, rtl: paragraphRtl });
  }
  return mergeSameDirection(out);
}

function mergeSameDirection(parts: DirectedText[]): DirectedText[] {
  const merged: DirectedText[] = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (last && last.rtl === p.rtl) last.text += p.text;
    else merged.push({ ...p });
  }
  return merged;
}

export function num(n: number | null | undefined, lang: DocLang): string {
  return formatNumber(n ?? 0, lang);
}

const NBSP = "\u00A0";

/**
 * Every date a document prints: «۱۲ آذر ۱۴۰۶» (Jalali, Persian digits) or
 * "12 December 2027", its parts joined by no-break spaces so that a line or a
 * narrow column never splits it. Not a calendar date: printed as it is.
 */
export function date(iso: string | null | undefined, lang: DocLang): string {
  return formatDate(iso ?? null, lang).replace(/ /g, NBSP);
}

/** A moment (ISO timestamp) as a date and time in Tehran (fa) or UTC (en). */
export function dateTime(iso: string, lang: DocLang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const locale = lang === "fa" ? "fa-IR-u-ca-persian" : "en-GB";
  const timeZone = lang === "fa" ? "Asia/Tehran" : "UTC";
  const text = new Intl.DateTimeFormat(locale, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone }).format(d);
  const kept = text.replace(/ /g, NBSP);
  return lang === "fa" ? `${kept} (به وقت تهران)` : `${kept}${NBSP}UTC`;
}
