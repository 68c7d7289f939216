/**
 * Zod schemas derived from methodology items: they turn what a form sends
 * (strings, in Persian or Latin digits, Jalali or Gregorian dates) into the
 * value that is stored, or into field errors. Error messages are i18n keys
 * (optionally `key|{"max":300}`), translated by the UI.
 */
import { z } from "zod";
import jalaali from "jalaali-js";
import type { AnswerableItem, ChecklistItem, DiagramItem, Language, QuestionItem, RatingItem, RegisterColumn, RegisterItem } from "./schema.ts";

export function msg(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
const ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩";

/** Latin digits to the language's own (Persian in Persian), for text that mixes digits with words. */
export function localDigits(text: string | number, lang: Language): string {
  const s = String(text);
  return lang === "fa" ? s.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)]!) : s;
}

/** Persian and Arabic-Indic digits to Latin; Persian separators to ASCII. */
export function toLatinDigits(input: string): string {
  return input
    .replace(/[۰-۹]/g, (d) => String(PERSIAN_DIGITS.indexOf(d)))
    .replace(/[٠-٩]/g, (d) => String(ARABIC_DIGITS.indexOf(d)))
    .replace(/٫/g, ".")
    .replace(/[٬،]/g, ",");
}

const DATE_MAX_LENGTH = 40;

/**
 * Reads a date typed as yyyy-mm-dd or yyyy/mm/dd. Years before 1700 are read as
 * Jalali (Persian calendar), later ones as Gregorian. Returns ISO yyyy-mm-dd or null.
 */
export function parseDateInput(input: string): string | null {
  // A date is ten characters or so: a longer text is not one, and is not converted digit by digit.
  if (input.length > DATE_MAX_LENGTH) return null;
  const m = toLatinDigits(input.trim()).match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  let gy = y, gm = mo, gd = d;
  if (y < 1700) {
    if (y < 1300 || !jalaali.isValidJalaaliDate(y, mo, d)) return null;
    ({ gy, gm, gd } = jalaali.toGregorian(y, mo, d));
  } else {
    if (y > 2200) return null;
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  }
  return `${String(gy).padStart(4, "0")}-${String(gm).padStart(2, "0")}-${String(gd).padStart(2, "0")}`;
}

/** ISO date to the Jalali yyyy/mm/dd a Persian user types (Latin digits). */
export function isoToJalaliInput(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return iso;
  const { jy, jm, jd } = jalaali.toJalaali(Number(m[1]), Number(m[2]), Number(m[3]));
  return `${jy}/${String(jm).padStart(2, "0")}/${String(jd).padStart(2, "0")}`;
}

/** A form value as text; absent or null means empty. */
const formString = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((v) => (v === null || v === undefined ? "" : String(v)));

function textSchema(maxLength: number) {
  return formString.pipe(z.string().max(maxLength, msg("validation.tooLong", { max: maxLength })));
}

/**
 * The longest number a form or an imported file may write, separators and
 * spaces included: far more than any real figure, and it keeps the text a
 * number is read from short (a megabyte of digits is refused at once).
 */
export const NUMBER_MAX_LENGTH = 100;
/** A decimal number: each digit can belong to one place only, so a mismatch is found in linear time. */
const DECIMAL = /^[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?$/i;

function optionalNumber(opts: { min?: number; max?: number; integer?: boolean }) {
  return formString.transform((raw, ctx) => {
    if (raw.length > NUMBER_MAX_LENGTH) {
      ctx.addIssue({ code: "custom", message: msg("validation.tooLong", { max: NUMBER_MAX_LENGTH }) });
      return z.NEVER;
    }
    const text = toLatinDigits(raw).replace(/,/g, "").trim();
    if (text === "") return null;
    const n = Number(text);
    if (!Number.isFinite(n) || !DECIMAL.test(text)) {
      ctx.addIssue({ code: "custom", message: msg("validation.notANumber") });
      return z.NEVER;
    }
    if (opts.integer && !Number.isInteger(n)) {
      ctx.addIssue({ code: "custom", message: msg("validation.notAnInteger") });
      return z.NEVER;
    }
    if (opts.min !== undefined && n < opts.min) {
      ctx.addIssue({ code: "custom", message: msg("validation.tooSmall", { min: opts.min }) });
      return z.NEVER;
    }
    if (opts.max !== undefined && n > opts.max) {
      ctx.addIssue({ code: "custom", message: msg("validation.tooLarge", { max: opts.max }) });
      return z.NEVER;
    }
    return n;
  });
}

const optionalDate = formString.transform((raw, ctx) => {
  if (raw.trim() === "") return null;
  const iso = parseDateInput(raw);
  if (!iso) {
    ctx.addIssue({ code: "custom", message: msg("validation.badDate") });
    return z.NEVER;
  }
  return iso;
});

function optionalChoice(ids: string[]) {
  return formString.transform((raw, ctx) => {
    if (raw === "") return null;
    if (!ids.includes(raw)) {
      ctx.addIssue({ code: "custom", message: msg("validation.unknownOption") });
      return z.NEVER;
    }
    return raw;
  });
}

const multiChoice = (ids: string[]) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((raw, ctx) => {
      const list = raw === undefined || raw === "" ? [] : Array.isArray(raw) ? raw.filter((v) => v !== "") : [raw];
      for (const v of list) {
        if (!ids.includes(v)) {
          ctx.addIssue({ code: "custom", message: msg("validation.unknownOption") });
          return z.NEVER;
        }
      }
      return [...new Set(list)];
    });

export type QuestionValue = string | number | string[] | null;

export function questionValueSchema(item: QuestionItem): z.ZodType<QuestionValue, unknown> {
  const a = item.answer;
  switch (a.type) {
    case "short-text":
      return textSchema(a.maxLength).pipe(z.string().refine((s) => !/[\r\n]/.test(s), msg("validation.singleLine")));
    case "long-text":
      return textSchema(a.maxLength);
    case "choice":
      return a.multiple ? multiChoice(a.options.map((o) => o.id)) : optionalChoice(a.options.map((o) => o.id));
    case "scale":
      return optionalNumber({ min: a.min, max: a.max, integer: true });
    case "number":
      return optionalNumber(a);
    case "date":
      return optionalDate;
  }
}

export const CHECKLIST_STATUSES = ["todo", "in-progress", "done", "not-applicable"] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
export type ChecklistValue = { owner: string; dueDate: string | null; status: ChecklistStatus; evidence: string };

export const checklistValueSchema = z.object({
  owner: textSchema(200),
  dueDate: optionalDate,
  status: formString.pipe(
    z.string().transform((s, ctx) => {
      const v = s === "" ? "todo" : s;
      if (!(CHECKLIST_STATUSES as readonly string[]).includes(v)) {
        ctx.addIssue({ code: "custom", message: msg("validation.unknownOption") });
        return z.NEVER;
      }
      return v as ChecklistStatus;
    }),
  ),
  evidence: textSchema(5000),
});

export type RatingValue = { score: number | null; evidence: string };

export function ratingValueSchema(item: RatingItem) {
  return z.object({ score: optionalNumber({ min: item.min, max: item.max, integer: true }), evidence: textSchema(5000) });
}

/**
 * A stored rating read leniently: a value saved before the item became a
 * rating (e.g. a checklist task with evidence) keeps its evidence.
 */
export function readRating(value: unknown): RatingValue {
  const v = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
  return { score: typeof v.score === "number" && Number.isFinite(v.score) ? v.score : null, evidence: typeof v.evidence === "string" ? v.evidence : "" };
}

export type DiagramValue = { definition: string };
export const DIAGRAM_MAX_LENGTH = 20000;
export const diagramValueSchema = z.object({ definition: textSchema(DIAGRAM_MAX_LENGTH) });

export type CellValue = string | number | null;
export type RegisterCells = Record<string, CellValue>;

function cellSchema(col: RegisterColumn) {
  switch (col.type) {
    case "text":
      return textSchema(col.maxLength);
    case "long-text":
      return textSchema(col.maxLength);
    case "choice":
      return optionalChoice(col.options.map((o) => o.id));
    case "number":
      return optionalNumber(col);
    case "scale":
      return optionalNumber({ min: col.min, max: col.max, integer: true });
    case "date":
      return optionalDate;
    case "ref":
      // The row id of another register; that it exists in the project is checked when saving.
      return optionalNumber({ min: 1, integer: true });
  }
}

export function registerRowSchema(item: RegisterItem): z.ZodType<RegisterCells, unknown> {
  const shape: Record<string, z.ZodType<CellValue, unknown>> = {};
  for (const col of item.columns) {
    const base = cellSchema(col) as z.ZodType<CellValue, unknown>;
    shape[col.id] = col.required
      ? base.refine((v) => v !== null && v !== "" && !(typeof v === "string" && v.trim() === ""), msg("validation.required"))
      : base;
  }
  return z.object(shape) as unknown as z.ZodType<RegisterCells, unknown>;
}

export type StoredValue = QuestionValue | ChecklistValue | DiagramValue | RatingValue;

export function valueSchemaFor(item: Exclude<AnswerableItem, RegisterItem>): z.ZodType<StoredValue, unknown> {
  if (item.kind === "question") return questionValueSchema(item);
  if (item.kind === "checklist") return checklistValueSchema as z.ZodType<StoredValue, unknown>;
  if (item.kind === "rating") return ratingValueSchema(item) as z.ZodType<StoredValue, unknown>;
  return diagramValueSchema as z.ZodType<StoredValue, unknown>;
}

/** Whether a stored value counts as an answer for progress. */
export function isValueAnswered(item: QuestionItem | ChecklistItem | DiagramItem | RatingItem, value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (item.kind === "rating") return readRating(value).score !== null;
  if (item.kind === "checklist") {
    const status = (value as ChecklistValue).status;
    return status === "done" || status === "not-applicable";
  }
  if (item.kind === "diagram") return ((value as DiagramValue).definition ?? "").trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value.trim() !== "";
  return true;
}

/** Field errors keyed by dotted path, first message per field. */
export function fieldErrors(error: z.ZodError, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || prefix || "value";
    const message = issue.message.startsWith("validation.") ? issue.message : msg("validation.invalid");
    out[key] ??= message;
  }
  return out;
}

/** The first number in a text such as "۱۸٪", "9 days" or "-2.5"; null when there is none. */
export function parseMeasure(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const m = toLatinDigits(value).replace(/(\d),(?=\d{3}\b)/g, "$1").match(/[-+]?\d+(?:\.\d+)?/);
  return m ? Number(m[0]) : null;
}

// ------------------------------------------------------------------ suggestions

export type Suggestion = RegisterItem["suggestions"][number];
type SuggestionValue = Suggestion[string];

/** A suggested value in one language: its words in that language; an id, a number or a symbol as it is. */
export function suggestionValue(v: SuggestionValue | undefined, lang: Language): string {
  if (v === undefined) return "";
  return typeof v === "object" ? v[lang] : String(v);
}

/** A suggested row as its form would send it, in the language of whoever adopts it. */
export function suggestionCells(s: Suggestion, lang: Language): Record<string, string> {
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, suggestionValue(v, lang)]));
}

const textKey = (x: unknown) => String(x ?? "").trim().toLowerCase();

/**
 * The suggestions (by index) still worth offering: those whose first column
 * no row already says, in either language.
 */
export function suggestionsToOffer(item: RegisterItem, rows: ReadonlyArray<{ cells: Readonly<Record<string, unknown>> }>): number[] {
  const first = item.columns[0]!.id;
  const present = new Set(rows.map((r) => textKey(r.cells[first])));
  return item.suggestions.flatMap((s, i) => {
    const v = s[first];
    const says = v === undefined ? [] : typeof v === "object" ? [v.fa, v.en] : [v];
    return says.some((x) => present.has(textKey(x))) ? [] : [i];
  });
}
