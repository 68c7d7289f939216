import { useTranslation } from "react-i18next";
import { dateInputValue } from "#app/format.ts";
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
  invalid?: boolean;
  form?: string;
  required?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const value = invalidValue ?? dateInputValue(defaultValue, lang);
  if (lang === "fa") {
    return (
      <input
        id={id}
        name={name}
        type="text"
        inputMode="numeric"
        dir="ltr"
        className="input date-input"
        placeholder={t("common.jalaliPlaceholder")}
        defaultValue={value}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        form={form}
        required={required}
        maxLength={20}
      />
    );
  }
  return (
    <input
      id={id}
      name={name}
      type={invalidValue ? "text" : "date"}
      className="input date-input"
      defaultValue={value}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      form={form}
      required={required}
      maxLength={20}
    />
  );
}
