import { useTranslation } from "#app/i18n.ts";
import { dateInputValue } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/**
 * A date field: in Persian a text field taking a Jalali date (yyyy/mm/dd, Persian
 * or Latin digits), in English the browser's date picker. The server reads both.
 */
export function DateInput({
  id,
  name,
  defaultValue,
  invalidValue,
  describedBy,
  labelledBy,
  invalid,
  form,
  required,
}: {
  id: string;
  name: string;
  /** Stored ISO date. */
  defaultValue?: string | null;
  /** What the user typed, when it could not be read as a date. */
  invalidValue?: string;
  describedBy?: string;
  /** The visible text naming the field, when it is not a <label> (a question's title). */
  labelledBy?: string;
  invalid?: boolean;
  form?: string;
  required?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const value = invalidValue ?? dateInputValue(defaultValue, lang);
  const shared = {
    id,
    name,
    defaultValue: value,
    "aria-describedby": describedBy,
    "aria-labelledby": labelledBy,
    "aria-invalid": invalid || undefined,
    form,
    required,
    maxLength: 20,
    className: "input date-input",
  };
  if (lang === "fa") {
    return <input {...shared} type="text" inputMode="numeric" dir="ltr" placeholder={t("common.jalaliPlaceholder")} />;
  }
  // A value the browser's date picker cannot hold (an invalid entry shown back) needs a text field.
  return <input {...shared} type={invalidValue ? "text" : "date"} />;
}
