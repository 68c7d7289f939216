import { useTranslation } from "#app/i18n.ts";
import { Field, describedBy } from "./field.tsx";

/** A field no person sees or fills; a bot that fills it is refused. */
export function Honeypot() {
  return (
    <div className="hp-field" aria-hidden="true">
      <label>
        Website
        <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
      </label>
    </div>
  );
}

type Props = { errors: Record<string, string>; values?: Record<string, string> };

export function NameField({ errors, values }: Props) {
  const { t } = useTranslation();
  return (
    <Field id="displayName" label={t("auth.displayName")} error={errors.displayName} required>
      <input id="displayName" name="displayName" className="input" dir="auto" autoComplete="name" defaultValue={values?.displayName} maxLength={200} aria-invalid={!!errors.displayName || undefined} aria-describedby={describedBy("displayName", { error: !!errors.displayName })} />
    </Field>
  );
}

export function EmailField({ errors, values, autoFocus }: Props & { autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Field id="email" label={t("auth.email")} error={errors.email} required>
      <input id="email" name="email" type="email" dir="ltr" className="input" autoComplete="username" defaultValue={values?.email} maxLength={254} autoFocus={autoFocus} aria-invalid={!!errors.email || undefined} aria-describedby={describedBy("email", { error: !!errors.email })} />
    </Field>
  );
}

/** A new password and its confirmation, with the length rule stated up front. */
export function NewPasswordFields({ errors, label }: Props & { label?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Field id="password" label={label ?? t("auth.password")} hint={t("auth.passwordRule")} error={errors.password} required>
        <input id="password" name="password" type="password" dir="ltr" className="input" autoComplete="new-password" aria-invalid={!!errors.password || undefined} aria-describedby={describedBy("password", { hint: true, error: !!errors.password })} />
      </Field>
      <Field id="confirm" label={t("auth.confirmPassword")} error={errors.confirm} required>
        <input id="confirm" name="confirm" type="password" dir="ltr" className="input" autoComplete="new-password" aria-invalid={!!errors.confirm || undefined} aria-describedby={describedBy("confirm", { error: !!errors.confirm })} />
      </Field>
    </>
  );
}
