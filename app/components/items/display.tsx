import type { TFunction } from "i18next";
import { formatDate, formatNumber, localDigits } from "#app/format.ts";
import { loc } from "#app/i18n.ts";
import type { Item, Language, RegisterColumn } from "#methodology/schema.ts";
import type { ChecklistValue, DiagramValue } from "#methodology/values.ts";

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
  if (item.kind === "diagram") return (value as DiagramValue).definition || t("common.empty");
  if (item.kind !== "question") return String(value);
  const a = item.answer;
  switch (a.type) {
    case "choice": {
      const ids = Array.isArray(value) ? value : [value];
      if (ids.length === 0) return t("common.empty");
      return ids.map((id) => loc(a.options.find((o) => o.id === id)?.label, lang) || String(id)).join(lang === "fa" ? "، " : ", ");
    }
    case "date":
      return formatDate(String(value), lang);
    case "number":
      return `${formatNumber(Number(value), lang)}${a.unit ? ` ${loc(a.unit, lang)}` : ""}`;
    case "scale":
      return `${localDigits(String(value), lang)} / ${localDigits(a.max, lang)}`;
    default:
      return String(value);
  }
}

export function displayCell(
  col: RegisterColumn,
  value: unknown,
  lang: Language,
  refOptions: Record<string, Array<{ id: number; label: string }>>,
): string {
  if (value === null || value === undefined || value === "") return "";
  switch (col.type) {
    case "choice":
      return loc(col.options.find((o) => o.id === value)?.label, lang) || String(value);
    case "date":
      return formatDate(String(value), lang);
    case "number":
      return formatNumber(Number(value), lang);
    case "scale":
      return `${localDigits(String(value), lang)} / ${localDigits(col.max, lang)}`;
    case "ref":
      return refOptions[col.register]?.find((o) => o.id === Number(value))?.label ?? "—";
    default:
      return String(value);
  }
}
