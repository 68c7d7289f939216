/**
 * Stored values as readable text in a language: shared by the pages and the
 * Word deliverables, so both say the same thing.
 */
import { formatDate, formatNumber, localDigits } from "#app/views/format.ts";
import { loc } from "#app/i18n.ts";
import type { TFunction } from "i18next";
import type { ChecklistItem, Item, Language, QuestionItem, RatingItem, RegisterColumn } from "#methodology/schema.ts";
import { readRating, type ChecklistValue, type DiagramValue } from "#methodology/values.ts";

export type RefOptions = Record<string, Array<{ id: number; label: string }>>;

/** A score out of a maximum: "3 / 5", or in Persian "۳ از ۵" (which reads the same way in right-to-left text). */
export function scoreOf(score: number | string, max: number, lang: Language): string {
  return lang === "fa" ? `${localDigits(score, lang)} از ${localDigits(max, lang)}` : `${score} / ${max}`;
}

/** A question's stored answer as text; "" when it has none. */
export function answerText(item: QuestionItem, value: unknown, lang: Language): string {
  if (value === null || value === undefined || value === "") return "";
  const a = item.answer;
  switch (a.type) {
    case "choice": {
      const ids = Array.isArray(value) ? value : [value];
      return ids.map((id) => loc(a.options.find((o) => o.id === id)?.label, lang) || String(id)).join(lang === "fa" ? "، " : ", ");
    }
    case "date":
      return formatDate(String(value), lang);
    case "number":
      return `${formatNumber(Number(value), lang)}${a.unit ? ` ${loc(a.unit, lang)}` : ""}`;
    case "scale":
      return scoreOf(String(value), a.max, lang);
    default:
      return String(value);
  }
}

/** A rating's score as "3 / 5"; "" when not scored. */
export function ratingText(item: RatingItem, value: unknown, lang: Language): string {
  const { score } = readRating(value);
  return score === null ? "" : scoreOf(score, item.max, lang);
}

/** A register cell as text; "" when empty. */
export function displayCell(col: RegisterColumn, value: unknown, lang: Language, refOptions: RefOptions): string {
  if (value === null || value === undefined || value === "") return "";
  switch (col.type) {
    case "choice":
      return loc(col.options.find((o) => o.id === value)?.label, lang) || String(value);
    case "date":
      return formatDate(String(value), lang);
    case "number":
      return formatNumber(Number(value), lang);
    case "scale":
      return scoreOf(String(value), col.max, lang);
    case "ref":
      return refOptions[col.register]?.find((o) => o.id === Number(value))?.label ?? "—";
    default:
      return String(value);
  }
}

/**
 * The beginning of a long text, for a summary (a register's table of rows):
 * cut at a word near `limit` characters, with an ellipsis. The whole text is
 * in the row itself.
 */
export function clip(text: string, limit = 160): string {
  if (text.length <= limit) return text;
  // The end of the first `limit` characters (code points: an emoji is one), in UTF-16 units.
  let end = 0;
  for (let n = 0; n < limit && end < text.length; n++) end += text.codePointAt(end)! > 0xffff ? 2 : 1;
  if (end >= text.length) return text;
  const head = text.slice(0, end);
  let space = head.length - 1;
  while (space >= 0 && !/\s/.test(head[space]!)) space--;
  return `${space > head.length * 0.7 ? head.slice(0, space) : head}…`;
}

/** How many characters (code points) a text has. */
export function characterCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++, n++) if (text.codePointAt(i)! > 0xffff) i++;
  return n;
}

/**
 * A checklist's or a rating's answer as label and text pairs — status, owner, due date,
 * evidence; score, evidence — in the user's language: a printed page lists them, displayValue
 * joins them. Empty when a rating has neither score nor evidence.
 */
export function answerFacts(item: ChecklistItem | RatingItem, value: unknown, lang: Language, t: TFunction): Array<[string, string]> {
  if (item.kind === "checklist") {
    const v = value as ChecklistValue;
    const facts: Array<[string, string] | null> = [
      [t("checklist.status"), t(`checklist.statuses.${v.status}`)],
      v.owner ? [t("checklist.owner"), v.owner] : null,
      v.dueDate ? [t("checklist.dueDate"), formatDate(v.dueDate, lang)] : null,
      v.evidence ? [t("checklist.evidence"), v.evidence] : null,
    ];
    return facts.filter((f): f is [string, string] => f !== null);
  }
  const { evidence } = readRating(value);
  const score = ratingText(item, value, lang);
  if (!score && !evidence) return [];
  return [[t("rating.score"), score || t("rating.notScored")], ...(evidence ? [[t("rating.evidence"), evidence] as [string, string]] : [])];
}

/** A stored value as readable text in the user's language (used for conflicts and summaries). */
export function displayValue(item: Item, value: unknown, lang: Language, t: TFunction): string {
  if (value === null || value === undefined || value === "") return t("common.empty");
  if (item.kind === "checklist" || item.kind === "rating") {
    const facts = answerFacts(item, value, lang, t);
    return facts.length ? facts.map(([label, text]) => `${label}: ${text}`).join("\n") : t("common.empty");
  }
  if (item.kind === "diagram") return (value as DiagramValue).definition || t("common.empty");
  if (item.kind !== "question") return String(value);
  return answerText(item, value, lang) || t("common.empty");
}
