import { data } from "react-router";
import type { Route } from "./+types/project.document-download";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { availableDeliverables, exportDeliverable } from "#app/domain/deliverables.server.ts";
import { getDiagramRenderer } from "#app/domain/diagram-render.server.ts";
import { fileResponse, postOnly, readDownloadForm } from "#app/domain/downloads.server.ts";
import { readForm } from "#app/http.server.ts";
import type { DeliverableId } from "#templates/model.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * A download records the document's version, so a GET (a link, an `<img src>`
 * planted anywhere) may not make one: 405, and the Documents page's button.
 */
export function loader({ params }: Route.LoaderArgs) {
  return postOnly(`/projects/${params.projectId}/documents`);
}

/** The Word file of one deliverable, in the language the button names, as a draft when the consultant ticked it (a form posted from the Documents page). */
export async function action({ params, request, context }: Route.ActionArgs) {
  const { db, project, pack, data: projectData, actor } = requireProjectContext(params.projectId, context);
  const def = availableDeliverables(pack).find((d) => d.id === params.deliverable);
  if (!def) throw data({ error: "documents.errors.unknownDeliverable" }, { status: 404 });
  const form = readDownloadForm(await readForm(request));
  if (!form.ok) throw data({ error: form.error }, { status: 400 });
  const { lang, draft } = form.choice;
  const file = await exportDeliverable({ db, project, pack, data: projectData, id: def.id as DeliverableId, lang, draft, actor, renderer: getDiagramRenderer() });
  return fileResponse(file.buffer, DOCX_TYPE, file.fileName);
}
