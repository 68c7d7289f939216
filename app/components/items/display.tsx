import type { TFunction } from "i18next";
import { formatDate } from "#app/views/format.ts";
import { answerText, displayCell } from "#app/views/display.ts";
import type { Item, Language } from "#methodology/schema.ts";
import { readRating, type ChecklistValue, type DiagramValue } from "#methodology/values.ts";
import { ratingText } from "#app/views/display.ts";

/** A stored value as readable text in the user's language (used for conflicts and summaries). */
export function displayValue(item: Item, value: unknown, lang: Language, t: TFunction): string {
  if (value === null || value === undefined || value === "") return t("common.empty");
  if (item.kind === "checklist") {
    const v = value as ChecklistValue;
    return [
      `${t("checklist.status")}: ${t(`checklist.statuses.${v.status}`)}`,
      v.owner ? `${t("checklist.owner")}: ${v.owner}` : null,
      v.dueDate ? `${t("checklist.dueDate")}: ${formatDate(v.dueDate, lang)}` : null,
      v.evidence ? `${t("checklist.evidence")}: ${v.evidence}` : null,
    ]
      .filter(Boolean)
      .join("\n");
  }
  if (item.kind === "rating") {
    const v = readRating(value);
    return [ratingText(item, value, lang) || t("common.empty"), v.evidence ? `${t("rating.evidence")}: ${v.evidence}` : null].filter(Boolean).join("\n");
  }
  if (item.kind === "diagram") return (value as DiagramValue).definition || t("common.empty");
  if (item.kind !== "question") return String(value);
  return answerText(item, value, lang) || t("common.empty");
}

export { displayCell };
