import { useState } from "react";
import { useTranslation } from "#app/i18n.ts";
import { Form, useNavigation } from "react-router";
import { Field, describedBy } from "#app/components/field.tsx";
import { BRAND_FONTS } from "#templates/model.ts";
import { localDigits } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

export type BrandingFormValues = { firmName: string; primaryColor: string; font: string; logoUrl: string | null };

const LOGO_LIMIT_KB = 512;

/**
 * The firm name, colour, font and logo the Word deliverables use. On a
 * project, empty fields fall back to the installation's branding (`inherited`).
 */
export function BrandingForm({
  values,
  errors,
  inherited,
  canReset,
}: {
  values: BrandingFormValues;
  errors: Record<string, string>;
  inherited?: BrandingFormValues;
  canReset?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state !== "idle";
  const [colour, setColour] = useState(values.primaryColor || inherited?.primaryColor || "#1F4E79");
  const [colourText, setColourText] = useState(values.primaryColor);
  const [logoProblem, setLogoProblem] = useState<string | null>(null);
  const fallback = (v: string | undefined) => (inherited && v ? t("branding.inherits", { value: v }) : undefined);
  const logoError = logoProblem ?? errors.logo;
  return (
    <Form method="post" encType="multipart/form-data" noValidate className="stack" aria-label={t("branding.title")}>
      {errors.form ? <p className="banner banner-error" role="alert">{t(errors.form)}</p> : null}
      <Field id="firmName" label={t("branding.firmName")} hint={fallback(inherited?.firmName) ?? t("branding.firmNameHint")} error={errors.firmName}>
        <input id="firmName" name="firmName" className="input" dir="auto" maxLength={120} defaultValue={values.firmName} aria-invalid={!!errors.firmName || undefined} aria-describedby={describedBy("firmName", { hint: true, error: !!errors.firmName })} />
      </Field>
      <Field id="primaryColor" label={t("branding.primaryColor")} hint={fallback(inherited?.primaryColor) ?? t("branding.colourHint")} error={errors.primaryColor}>
        <div className="colour-row">
          <input
            type="color"
            aria-labelledby="primaryColor-label"
            value={/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : "#1F4E79"}
            onChange={(e) => {
              setColour(e.target.value);
              setColourText(e.target.value.toUpperCase());
            }}
          />
          <input
            id="primaryColor"
            name="primaryColor"
            className="input colour-text"
            dir="ltr"
            maxLength={7}
            placeholder="#1F4E79"
            value={colourText}
            onChange={(e) => {
              setColourText(e.target.value);
              if (/^#?[0-9a-fA-F]{6}$/.test(e.target.value)) setColour(e.target.value.startsWith("#") ? e.target.value : `#${e.target.value}`);
            }}
            aria-invalid={!!errors.primaryColor || undefined}
            aria-describedby={describedBy("primaryColor", { hint: true, error: !!errors.primaryColor })}
          />
        </div>
      </Field>
      <Field id="font" label={t("branding.font")} hint={t("branding.fontHint")} error={errors.font}>
        <select id="font" name="font" className="input" defaultValue={values.font} aria-describedby={describedBy("font", { hint: true, error: !!errors.font })}>
          <option value="">{inherited ? t("branding.inheritFont", { value: inherited.font || "Vazirmatn" }) : t("branding.defaultFont")}</option>
          {BRAND_FONTS.map((f) => (
            <option key={f} value={f}>{f}</option>
          ))}
        </select>
      </Field>
      <Field id="logo" label={t("branding.logo")} hint={t("branding.logoHint", { max: localDigits(LOGO_LIMIT_KB, i18n.language as Language) })} error={logoError}>
        {values.logoUrl ? (
          <div className="logo-preview">
            <img src={values.logoUrl} alt={t("branding.currentLogo")} />
            <label className="checkbox">
              <input type="checkbox" name="removeLogo" value="1" /> {t("branding.removeLogo")}
            </label>
          </div>
        ) : inherited?.logoUrl ? (
          <div className="logo-preview">
            <img src={inherited.logoUrl} alt={t("branding.inheritedLogo")} />
            <span className="muted">{t("branding.inheritedLogo")}</span>
          </div>
        ) : null}
        <input
          id="logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
          className="input"
          aria-invalid={!!logoError || undefined}
          aria-describedby={describedBy("logo", { hint: true, error: !!logoError })}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            // Refused here, before sending, so the other fields are not lost to a too-large upload.
            if (file && file.size > LOGO_LIMIT_KB * 1024) {
              setLogoProblem(`branding.logoTooLarge|${JSON.stringify({ max: LOGO_LIMIT_KB })}`);
              e.currentTarget.value = "";
            } else setLogoProblem(null);
          }}
        />
      </Field>
      <div className="form-actions">
        <button type="submit" className="button primary" name="intent" value="branding-save" disabled={busy}>{t("branding.save")}</button>
        {canReset ? (
          <button type="submit" className="button ghost" name="intent" value="branding-reset" formNoValidate disabled={busy}>
            {t("branding.reset")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}
