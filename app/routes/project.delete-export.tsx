import { data } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/project.delete-export";
import { getDb } from "#db/client.ts";
import { authContext } from "#app/context.ts";
import { getProject } from "#app/domain/projects.server.ts";
import { postOnly } from "#app/domain/downloads.server.ts";
import { projectFileResponse } from "#app/domain/project-transfer.server.ts";
import { parseId, readForm } from "#app/http.server.ts";

const exportForm = z.object({ intent: z.literal("export") });

/** A POST from the delete page (it records an export): a GET answers 405 and records nothing. */
export function loader({ params }: Route.LoaderArgs) {
  return postOnly(`/projects/${params.projectId}/delete`);
}

/**
 * The project's data file offered before it is deleted (decision 047): the
 * same file as the project's own export, for an administrator who need not
 * be a member; recorded in the project's history as an export.
 */
export async function action({ params, request, context }: Route.ActionArgs) {
  const user = context.get(authContext).user!;
  const db = getDb();
  const project = getProject(db, parseId(params.projectId));
  if (!project) throw data({ error: "errors.projectNotFound" }, { status: 404 });
  if (!exportForm.safeParse(await readForm(request)).success) throw data({ error: "errors.badForm" }, { status: 400 });
  return projectFileResponse(db, project.id, { id: user.id, name: user.displayName, email: user.email });
}
