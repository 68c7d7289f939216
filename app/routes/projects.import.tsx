import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/projects.import";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { IMPORT_MAX_BYTES, importProject } from "#app/domain/project-transfer.server.ts";
import { readUpload } from "#app/http.server.ts";
import { Field, describedBy } from "#app/components/field.tsx";
import { localDigits } from "#app/views/format.ts";
import { msg } from "#methodology/values.ts";
import type { Language } from "#methodology/schema.ts";

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

export function loader() {
  return { maxMb: MAX_MB };
}

export async function action({ request, context }: Route.ActionArgs) {
  const refuse = (error: string, status = 400) => data({ error }, { status });
  const form = await readUpload(request, IMPORT_MAX_BYTES);
  if (form === "too-large") return refuse(msg("transfer.errors.tooLarge", { max: MAX_MB }), 413);
  if (form === "bad-form") return refuse("errors.badForm");
  const file = form.get("file");
  if (!(file instanceof Blob) || file.size === 0) return refuse("transfer.errors.noFile");
  if (file.size > IMPORT_MAX_BYTES) return refuse(msg("transfer.errors.tooLarge", { max: MAX_MB }), 413);
  const user = context.get(authContext).user!;
  const fileName = file instanceof File ? file.name : null;
  const result = importProject(getDb(), new Uint8Array(await file.arrayBuffer()), { id: user.id, name: user.displayName, email: user.email }, { fileName });
  if (!result.ok) return refuse(result.error);
  return redirect(`/projects/${result.projectId}`);
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("transfer.importTitle")]);
}

export default function ImportProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state === "submitting";
  const error = actionData?.error ?? null;
  return (
    <main id="main" className="page narrow">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/projects">{t("projects.title")}</Link>
      </nav>
      <h1>{t("transfer.importTitle")}</h1>
      <p className="lead">{t("transfer.importLead")}</p>
      <p className="muted">{t("transfer.importPeople")}</p>
      {error ? (
        <p className="banner banner-error" role="alert">{t("transfer.refused")}</p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card form-card" noValidate>
        <Field id="file" label={t("transfer.file")} hint={t("transfer.fileHint", { max: localDigits(loaderData.maxMb, lang) })} error={error} required>
          <input id="file" name="file" type="file" className="input" accept="application/json,.json" required aria-describedby={describedBy("file", { hint: true, error: !!error })} aria-invalid={!!error || undefined} />
        </Field>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t("transfer.importing") : t("transfer.submit")}
          </button>
          <Link to="/projects" className="button ghost">{t("common.cancel")}</Link>
        </div>
      </Form>
    </main>
  );
}
