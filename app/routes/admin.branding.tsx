import { useTranslation } from "#app/i18n.ts";
import { isolateName } from "#app/views/direction.ts";
import { data } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/admin.branding";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { effectiveBranding, installationBranding, logoDataUrl, readBrandingForm, saveBranding } from "#app/domain/branding.server.ts";
import { BrandingForm } from "#app/components/branding-form.tsx";
import { LocalTime } from "#app/components/local-time.tsx";
import type { Language } from "#methodology/schema.ts";
import { BrandPreview } from "./project.documents.tsx";

export function loader() {
  const db = getDb();
  const own = installationBranding(db);
  const effective = effectiveBranding(db, null);
  return {
    values: { firmName: own.firmName, primaryColor: own.primaryColor, font: own.font, logoUrl: logoDataUrl(own.logo) },
    effective: { firmName: effective.firmName, primaryColor: `#${effective.primaryColor}`, font: effective.font, logoUrl: logoDataUrl(effective.logo) },
    updatedBy: own.updatedBy,
    updatedAt: own.updatedAt,
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const me = context.get(authContext).user!;
  const submitted = await readBrandingForm(request);
  if (!submitted.ok) return data({ saved: false, errors: submitted.errors, echo: submitted.echo }, { status: 400 });
  if (submitted.intent !== "branding-save") return data({ saved: false, errors: { form: "errors.badForm" }, echo: null }, { status: 400 });
  saveBranding(getDb(), { id: me.id, name: me.displayName }, null, submitted.form, submitted.logo);
  return { saved: true, errors: {} as Record<string, string>, echo: null };
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("branding.title")]);
}

export default function AdminBranding({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const values = actionData?.echo ? { firmName: "", primaryColor: "", font: "", ...actionData.echo, logoUrl: loaderData.values.logoUrl } : loaderData.values;
  return (
    <main id="main" className="page stack">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/admin/users">{t("admin.users")}</Link>
      </nav>
      <header className="section-head">
        <h1 className="page-title">{t("branding.title")}</h1>
        <p className="lead">{t("branding.lead")}</p>
      </header>
      <section className="card form-card">
        <BrandPreview values={loaderData.effective} />
        {loaderData.updatedBy && loaderData.updatedAt ? (
          <p className="muted">
            {t("branding.lastChanged", { name: isolateName(loaderData.updatedBy, lang) })} <LocalTime iso={loaderData.updatedAt} lang={lang} />
          </p>
        ) : null}
        {actionData?.saved ? <p className="banner banner-info" role="status">{t("branding.saved")}</p> : null}
        <BrandingForm key={JSON.stringify(loaderData.values)} values={values} errors={actionData?.errors ?? {}} />
      </section>
    </main>
  );
}
