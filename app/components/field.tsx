import { translateError, useTranslation } from "#app/i18n.ts";
import type { Language } from "#methodology/schema.ts";

// Pure, so the server can use it too: it lives beside the i18n instances.
export { translateError } from "#app/i18n.ts";

export function FieldError({ id, message }: { id: string; message?: string | null }) {
  const { t, i18n } = useTranslation();
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {translateError(t, i18n.language as Language, message)}
    </p>
  );
}

/** A label, an optional hint, the control and its error, wired for screen readers. */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string | null;
  required?: boolean;
  children: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " has-error" : ""}`}>
      <label htmlFor={id} id={`${id}-label`} className="field-label">
        {label}
        {required ? <span className="required-mark" title={t("common.required")}> *</span> : null}
      </label>
      {hint ? <p className="field-hint" id={`${id}-hint`}>{hint}</p> : null}
      {children}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** aria-describedby for a control rendered inside <Field>. */
export function describedBy(id: string, opts: { hint?: boolean; error?: boolean }): string | undefined {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
