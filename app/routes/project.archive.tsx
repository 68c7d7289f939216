import { useTranslation } from "#app/i18n.ts";
import { Form, data, redirect, useNavigation } from "react-router";
import { z } from "zod";
import { pageTitle } from "#app/meta.ts";
import type { Route } from "./+types/project.archive";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { archiveProject, restoreProject } from "#app/domain/archive.server.ts";
import { readForm } from "#app/http.server.ts";
import { formatDate } from "#app/views/format.ts";
import type { Language } from "#methodology/schema.ts";

/** Archiving and restoring a project (decision 047): the project manager, after confirming. */
export function loader({ params, context }: Route.LoaderArgs) {
  const { project } = requireProjectContext(params.projectId, context);
  return { projectId: project.id, archivedAt: project.archivedAt, archivedBy: project.archivedBy };
}

const archiveForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("archive"), confirm: z.literal("yes", { error: "archive.confirmRequired" }) }),
  z.object({ intent: z.literal("restore") }),
]);

export async function action({ request, params, context }: Route.ActionArgs) {
  const { db, project, actor } = requireProjectContext(params.projectId, context);
  const parsed = archiveForm.safeParse(await readForm(request));
  if (!parsed.success) return data({ error: "archive.confirmRequired" }, { status: 400 });
  const result = parsed.data.intent === "archive" ? archiveProject(db, project.id, actor) : restoreProject(db, project.id, actor);
  if (!result.ok) return data({ error: result.error }, { status: result.status });
  return parsed.data.intent === "archive" ? redirect("/projects?archived=1&done=archived") : redirect(`/projects/${project.id}?restored=1`);
}

export function meta({ matches }: Route.MetaArgs) {
  return pageTitle(matches, (t) => [t("archive.pageTitle")]);
}

export default function ArchivePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const busy = useNavigation().state !== "idle";
  const error = actionData && "error" in actionData ? actionData.error : null;
  if (loaderData.archivedAt) {
    return (
      <section className="card stack" aria-labelledby="archive-title">
        <h2 id="archive-title">{t("archive.listTitle")}</h2>
        <p>{t("archive.banner", { name: `\u2068${loaderData.archivedBy ?? ""}\u2069`, date: formatDate(loaderData.archivedAt.slice(0, 10), lang) })}</p>
        <p className="muted">{t("archive.restoreLead")}</p>
        {error ? <p className="field-error" role="alert">{t(error)}</p> : null}
        <Form method="post">
          <input type="hidden" name="intent" value="restore" />
          <button type="submit" className="button primary" disabled={busy}>{t("archive.restore")}</button>
        </Form>
      </section>
    );
  }
  return (
    <section className="card stack" aria-labelledby="archive-title">
      <h2 id="archive-title">{t("archive.pageTitle")}</h2>
      <p>{t("archive.lead")}</p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="archive" />
        <label className="checkbox-label">
          <input type="checkbox" name="confirm" value="yes" required aria-invalid={error ? true : undefined} aria-describedby={error ? "archive-error" : undefined} />{" "}
          {t("archive.confirm")}
        </label>
        {error ? <p className="field-error" id="archive-error" role="alert">{t(error)}</p> : null}
        <p>
          <button type="submit" className="button danger" disabled={busy}>{t("archive.submit")}</button>
        </p>
      </Form>
    </section>
  );
}
