import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/project.export";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { postOnly } from "#app/domain/downloads.server.ts";
import { projectFileResponse } from "#app/domain/project-transfer.server.ts";
import { readForm } from "#app/http.server.ts";

const exportForm = z.object({ intent: z.literal("export") });

/** An export is recorded in the audit trail, so a GET may not make one: 405, and the Documents page's button. */
export function loader({ params }: Route.LoaderArgs) {
  return postOnly(`/projects/${params.projectId}/documents`);
}

/** The whole project as one JSON file, to import on another installation (recorded in the audit trail). */
export async function action({ params, request, context }: Route.ActionArgs) {
  const { db, project, actor, user } = requireProjectContext(params.projectId, context);
  if (!exportForm.safeParse(await readForm(request)).success) throw data({ error: "errors.badForm" }, { status: 400 });
  return projectFileResponse(db, project.id, { ...actor, email: user.email });
}
