/**
 * Tables laid out by their content, as a browser lays out an automatic table:
 * each column needs at least its longest unbreakable token (a word, a date, a
 * number with its unit, a ZWNJ-joined Persian word) and would like its longest
 * cell on one line; every column gets its minimum and the rest of the width is
 * shared in proportion to what each still wants. A table whose minimums do not
 * fit a portrait page goes on a landscape page; one that fits neither, or a
 * register of many long texts, is set one block per record. Decision 024.
 */
import { emToTwips, textExtentEm, type Measurer } from "./measure.ts";
import { PAGE, TEXT_WIDTH_TWIPS } from "./styles.ts";

/** Text width of a landscape page, in twips. */
export const LANDSCAPE_TEXT_WIDTH_TWIPS = PAGE.height - 2 * PAGE.margin;

/** A cell's left and right margins (twips), as `cell()` sets them, plus a little for rounding in Word and LibreOffice. */
export const CELL_PADDING_TWIPS = 2 * 80 + 30;

/**
 * LibreOffice sets a line of Persian about 2% wider than HarfBuzz's advances
 * add up to (it rounds each glyph's position; seen on a 120 pt label that
 * wrapped its last word): widths carry 3% to spare.
 */
const SLACK = 1.03;

/** Table text is 9 pt (the TableText style). */
export const TABLE_TEXT_HALF_POINTS = 18;

/**
 * One token longer than this (a pasted web address) may break rather than
 * push the whole table onto a landscape page.
 */
const MAX_COLUMN_MIN_TWIPS = Math.round(TEXT_WIDTH_TWIPS * 0.4);

const NBSP = "\u00A0";
const EN_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const FA_MONTHS = "فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند";
const DIGITS = "[0-9۰-۹٠-٩]";
const NUMBER = `${DIGITS}[0-9۰-۹٠-٩,.،٫٬]*`;
const DATE = new RegExp(`(${DIGITS}{1,2}) (${EN_MONTHS}|${FA_MONTHS})(?: (${DIGITS}{4}))?|(${EN_MONTHS}|${FA_MONTHS}) (${DIGITS}{4})`, "gu");
const UNITS = "%|٪|days?|weeks?|months?|years?|hours?|h|kB|MB|GB|روز|هفته|ماه|سال|ساعت|نفر|users?|کاربر|ریال|تومان|IRR|EUR|USD";
const NUMBER_UNIT = new RegExp(`(${NUMBER}) (${UNITS})(?![\\p{L}])`, "gu");
const SCORE = new RegExp(`(${NUMBER}) (/|از|of) (${NUMBER})`, "gu");

/**
 * Text with the spaces inside dates ("12 December 2027", «۱۲ آذر ۱۴۰۶»),
 * numbers with their unit ("40 %", «۳ ماه») and scores ("4 / 5", «۴ از ۵»)
 * made no-break spaces, so a line never breaks inside them.
 */
export function glueUnbreakables(text: string): string {
  if (!/[0-9۰-۹٠-٩]/.test(text)) return text;
  return text
    .replace(DATE, (m) => m.replace(/ /g, NBSP))
    .replace(NUMBER_UNIT, (_m, n: string, u: string) => `${n}${NBSP}${u}`)
    .replace(SCORE, (m) => m.replace(/ /g, NBSP));
}

export type ColumnNeed = { min: number; pref: number; fixed?: boolean };

/** A column's minimum and preferred width (twips, with cell margins) from its cells' texts. */
export function columnNeed(m: Measurer, cells: Array<{ text: string; bold?: boolean }>, opts: { fixed?: boolean; halfPoints?: number; maxMin?: number } = {}): ColumnNeed {
  const size = opts.halfPoints ?? TABLE_TEXT_HALF_POINTS;
  let minEm = 0;
  let prefEm = 0;
  for (const c of cells) {
    const e = textExtentEm(m, c.text, Boolean(c.bold));
    if (e.minEm > minEm) minEm = e.minEm;
    if (e.prefEm > prefEm) prefEm = e.prefEm;
  }
  const min = Math.min(Math.ceil(emToTwips(minEm, size) * SLACK) + CELL_PADDING_TWIPS, opts.maxMin ?? MAX_COLUMN_MIN_TWIPS);
  const pref = Math.max(min, Math.ceil(emToTwips(prefEm, size) * SLACK) + CELL_PADDING_TWIPS);
  return { min, pref, fixed: opts.fixed };
}

/**
 * Widths (twips) that fill `available`: each column its minimum, the rest in
 * proportion to (preferred − minimum), capped at the preferred width; what is
 * left when every column has its preferred width goes to the columns that are
 * not fixed, in proportion to their preferred widths. When the minimums do not
 * fit, the columns keep their minimums (the caller chooses another layout).
 */
export function distributeWidths(needs: ColumnNeed[], available: number): number[] {
  const widths = needs.map((n) => n.min);
  let left = available - sum(widths);
  if (left <= 0) return widths;
  const wants = needs.map((n) => n.pref - n.min);
  const totalWant = sum(wants);
  if (totalWant > left) {
    needs.forEach((_, i) => (widths[i]! += Math.floor((left * wants[i]!) / totalWant)));
  } else {
    needs.forEach((n, i) => (widths[i] = n.pref));
    left = available - sum(widths);
    const growable = needs.map((n, i) => (n.fixed ? 0 : widths[i]!));
    const totalGrow = sum(growable) || 1;
    needs.forEach((_, i) => (widths[i]! += Math.floor((left * growable[i]!) / totalGrow)));
  }
  // Rounding leftovers go to the widest column that may grow.
  const rest = available - sum(widths);
  if (rest > 0) {
    let target = widths.indexOf(Math.max(...widths.filter((_, i) => !needs[i]!.fixed)));
    if (target < 0) target = widths.length - 1;
    widths[target]! += rest;
  }
  return widths;
}

export type TablePlan = { layout: "portrait" | "landscape"; widths: number[] } | { layout: "records" };

/**
 * Where a table goes: across the portrait text width when its minimums fit,
 * on a landscape page when they fit there, otherwise one block per record.
 */
export function planTable(needs: ColumnNeed[], opts: { allowLandscape?: boolean; allowRecords?: boolean; landscape?: boolean } = {}): TablePlan {
  const minimum = sum(needs.map((n) => n.min));
  // A table that sits on a landscape page anyway (beneath a wide figure) takes that page's width.
  if (opts.landscape && minimum <= LANDSCAPE_TEXT_WIDTH_TWIPS) return { layout: "landscape", widths: distributeWidths(needs, LANDSCAPE_TEXT_WIDTH_TWIPS) };
  if (minimum <= TEXT_WIDTH_TWIPS) return { layout: "portrait", widths: distributeWidths(needs, TEXT_WIDTH_TWIPS) };
  if (opts.allowLandscape !== false && minimum <= LANDSCAPE_TEXT_WIDTH_TWIPS) return { layout: "landscape", widths: distributeWidths(needs, LANDSCAPE_TEXT_WIDTH_TWIPS) };
  if (opts.allowRecords) return { layout: "records" };
  // Nowhere to go: the columns share the landscape width (words may break).
  const scale = LANDSCAPE_TEXT_WIDTH_TWIPS / minimum;
  const widths = needs.map((n) => Math.floor(n.min * scale));
  widths[widths.length - 1]! += LANDSCAPE_TEXT_WIDTH_TWIPS - sum(widths);
  return { layout: "landscape", widths };
}

/** A facts table's value column may take most of the width for one long token (a SHA-256 fingerprint). */
export const FACTS_VALUE_MAX_MIN_TWIPS = Math.round(TEXT_WIDTH_TWIPS * 0.75);

/**
 * A label/value table: the label column as wide as its longest label (on one
 * line where it can), at most 40% of the width, never under its longest word.
 */
export function factsWidths(label: ColumnNeed, value: ColumnNeed, available = TEXT_WIDTH_TWIPS): number[] {
  const cap = Math.round(available * 0.4);
  let labelWidth = Math.max(label.min, Math.min(label.pref, cap));
  if (available - labelWidth < value.min) labelWidth = Math.max(label.min, available - value.min);
  return [labelWidth, available - labelWidth];
}

/**
 * A register whose rows are records rather than lines of a table: many
 * columns of long text (the customer segments: twelve columns, five of them
 * paragraphs) are read one record at a time.
 */
export function isRecordRegister(columnTypes: string[]): boolean {
  const long = columnTypes.filter((t) => t === "long-text").length;
  return long >= 4 || (long >= 3 && columnTypes.length >= 8);
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
