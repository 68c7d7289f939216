import { loc, useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/projects.new";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { createProject, newProjectSchema } from "#app/domain/projects.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { readForm } from "#app/http.server.ts";
import { getPacks } from "#methodology/registry.ts";
import { fieldErrors } from "#methodology/values.ts";
import { localDigits } from "#app/views/format.ts";
import { DateInput } from "#app/components/date-input.tsx";
import { Field, describedBy } from "#app/components/field.tsx";
import type { Language } from "#methodology/schema.ts";

export async function loader({ request }: Route.LoaderArgs) {
  const { lang } = await getPreferences(request);
  return {
    packs: getPacks()
      .latest()
      .map((p) => ({ ref: `${p.id}@${p.version}`, title: p.title, description: p.description, version: p.version, phases: p.phases.length })),
    defaultLanguage: lang,
    today: new Date().toISOString().slice(0, 10),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await readForm(request);
  const parsed = newProjectSchema.safeParse(form);
  if (!parsed.success) {
    const values = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : v]));
    return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  }
  const user = context.get(authContext).user!;
  const project = createProject(getDb(), parsed.data, { creator: { id: user.id, displayName: user.displayName, email: user.email } });
  return redirect(`/projects/${project.id}`);
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("newProject.title")]);
}

export default function NewProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const navigation = useNavigation();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const busy = navigation.state === "submitting";
  const deliverable = values.deliverableLanguage ?? loaderData.defaultLanguage;
  return (
    <main id="main" className="page narrow">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("projects.title")}</Link>
      </nav>
      <h1>{t("newProject.title")}</h1>
      <p className="lead">{t("newProject.lead")}</p>
      <p>
        <Link to="/projects/import">{t("transfer.importLink")}</Link>
      </p>
      {Object.keys(errors).length ? (
        <p className="banner banner-error" role="alert">{t("newProject.fixErrors")}</p>
      ) : null}
      <Form method="post" className="card form-card" noValidate>
        <Field id="name" label={t("newProject.name")} hint={t("newProject.nameHint")} error={errors.name} required>
          <input id="name" name="name" dir="auto" className="input" defaultValue={values.name} maxLength={400} aria-describedby={describedBy("name", { hint: true, error: !!errors.name })} aria-invalid={!!errors.name || undefined} />
        </Field>
        <Field id="clientOrganisation" label={t("newProject.client")} error={errors.clientOrganisation} required>
          <input id="clientOrganisation" name="clientOrganisation" dir="auto" className="input" defaultValue={values.clientOrganisation} maxLength={400} aria-describedby={describedBy("clientOrganisation", { error: !!errors.clientOrganisation })} aria-invalid={!!errors.clientOrganisation || undefined} />
        </Field>
        <fieldset className={`field${errors.deliverableLanguage ? " has-error" : ""}`}>
          <legend className="field-label">{t("newProject.deliverableLanguage")}</legend>
          <p className="field-hint">{t("newProject.deliverableLanguageHint")}</p>
          {/* Keyed by the interface language so the default follows a language switch; typed fields are untouched. */}
          <div className="choice-row" key={loaderData.defaultLanguage}>
            {(["fa", "en"] as const).map((l) => (
              <label key={l} className="choice">
                <input type="radio" name="deliverableLanguage" value={l} defaultChecked={deliverable === l} />
                <span lang={l}>{t(`languages.${l}`)}</span>
              </label>
            ))}
          </div>
          {errors.deliverableLanguage ? <p className="field-error" role="alert">{t("validation.unknownOption")}</p> : null}
        </fieldset>
        <Field id="startDate" label={t("newProject.startDate")} hint={lang === "fa" ? t("common.jalaliHint") : undefined} error={errors.startDate} required>
          <DateInput
            id="startDate"
            name="startDate"
            defaultValue={values.startDate === undefined ? loaderData.today : undefined}
            invalidValue={values.startDate}
            describedBy={describedBy("startDate", { hint: lang === "fa", error: !!errors.startDate })}
            invalid={!!errors.startDate}
          />
        </Field>
        <fieldset className={`field${errors.pack ? " has-error" : ""}`}>
          <legend className="field-label">{t("newProject.pack")}</legend>
          <p className="field-hint">{t("newProject.packHint")}</p>
          <div className="pack-options">
            {loaderData.packs.map((p, i) => (
              <label key={p.ref} className="choice pack-choice">
                <input type="radio" name="pack" value={p.ref} defaultChecked={values.pack ? values.pack === p.ref : i === 0} />
                <span>
                  <strong>{loc(p.title, lang)}</strong> <span className="muted">{t("newProject.packVersion", { version: localDigits(p.version, lang) })}</span>
                  <span className="pack-description">{loc(p.description, lang)}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.pack ? <p className="field-error" role="alert">{t("validation.unknownOption")}</p> : null}
        </fieldset>
        <Field id="description" label={t("newProject.description")} hint={t("newProject.descriptionHint")} error={errors.description}>
          <textarea id="description" name="description" dir="auto" className="input" rows={3} defaultValue={values.description} aria-invalid={!!errors.description || undefined} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("common.saving") : t("newProject.create")}
          </button>
          <Link to="/projects" className="button ghost">{t("common.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}
