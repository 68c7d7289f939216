import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { Link } from "#app/components/app-link.tsx";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.delete";
import { getDb } from "#db/client.ts";
import { answers, memberships, registerRows } from "#db/schema.ts";
import { authContext } from "#app/context.ts";
import { getProject } from "#app/domain/projects.server.ts";
import { deleteProject } from "#app/domain/archive.server.ts";
import { parseId, readForm } from "#app/http.server.ts";
import { localDigits } from "#app/views/format.ts";
import { Field, describedBy } from "#app/components/field.tsx";
import type { Language } from "#methodology/schema.ts";

/**
 * An administrator deletes a project (decision 047), member or not: its data
 * export first, on this page, then its name typed to confirm.
 */
export function loader({ params }: Route.LoaderArgs) {
  const db = getDb();
  const project = getProject(db, parseId(params.projectId));
  if (!project) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const n = (table: typeof answers | typeof registerRows | typeof memberships) => db.select({ n: count() }).from(table).where(eq(table.projectId, project.id)).get()!.n;
  return {
    project: { id: project.id, name: project.name, clientOrganisation: project.clientOrganisation, archivedAt: project.archivedAt },
    facts: { answers: n(answers), rows: n(registerRows), members: n(memberships) },
  };
}

const deleteForm = z.object({ intent: z.literal("delete"), name: z.string().max(1000).optional().default("") });

export async function action({ request, params, context }: Route.ActionArgs) {
  const user = context.get(authContext).user!;
  const db = getDb();
  const project = getProject(db, parseId(params.projectId));
  if (!project) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  const parsed = deleteForm.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: "errors.badForm", typed: "" }, { status: 400 });
  const actor = { id: user.id, name: user.displayName };
  const result = deleteProject(db, project.id, parsed.data.name, actor);
  if (!result.ok) return data({ error: result.error, typed: parsed.data.name }, { status: result.status });
  return redirect(`/admin/projects?deleted=${encodeURIComponent(project.name)}`);
}

export function meta({ matches, data }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("archive.delete.title"), data ? { name: data.project.name } : null]);
}

export default function DeleteProject({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state !== "idle";
  const { project, facts } = loaderData;
  const error = actionData && "error" in actionData ? actionData.error : null;
  return (
    <main id="main" className="page narrow stack">
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/admin/projects">{t("archive.admin.title")}</Link>
      </nav>
      <h1>
        {t("archive.delete.title")}: <bdi>{project.name}</bdi>
      </h1>
      <p className="muted">
        {t("archive.delete.facts", { client: `\u2068${project.clientOrganisation}\u2069`, members: localDigits(facts.members, lang), rows: localDigits(facts.rows, lang), answers: localDigits(facts.answers, lang) })}
        {project.archivedAt ? <> · <span className="badge">{t("archive.admin.archived")}</span></> : null}
      </p>
      <p className="banner banner-warning">{t("archive.delete.lead")}</p>
      <section className="card stack" aria-labelledby="export-title">
        <h2 id="export-title">{t("archive.delete.exportTitle")}</h2>
        <p>{t("archive.delete.exportLead")}</p>
        {/* A download, not a navigation: the page stays for the next step. */}
        <Form method="post" action={`/projects/${project.id}/delete/export`} reloadDocument>
          <input type="hidden" name="intent" value="export" />
          <button type="submit" className="button">{t("archive.delete.exportButton")}</button>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="type-title">
        <h2 id="type-title">{t("archive.delete.typeTitle")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="delete" />
          <Field id="delete-name" label={t("archive.delete.typeLabel")} hint={t("archive.delete.typeHint", { name: `\u2068${project.name}\u2069` })} error={error} required>
            <input id="delete-name" name="name" className="input" dir="auto" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={describedBy("delete-name", { hint: true, error: Boolean(error) })} defaultValue={actionData && "typed" in actionData ? actionData.typed : ""} maxLength={1000} />
          </Field>
          <p>
            <button type="submit" className="button danger" disabled={busy}>{t("archive.delete.button")}</button>
          </p>
        </Form>
      </section>
    </main>
  );
}
