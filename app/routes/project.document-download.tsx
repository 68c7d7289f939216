import { data } from "react-router";
import type { Route } from "./+types/project.document-download";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { availableDeliverables, contentDisposition, exportDeliverable } from "#app/domain/deliverables.server.ts";
import { getDiagramRenderer } from "#app/domain/diagram-render.server.ts";
import type { DeliverableId } from "#templates/model.ts";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** The Word file of one deliverable, in the project's language or `?lang=`. */
export async function loader({ params, request, context }: Route.LoaderArgs) {
  const { db, project, pack, data: projectData, actor } = requireProjectContext(params.projectId, context);
  const def = availableDeliverables(pack).find((d) => d.id === params.deliverable);
  if (!def) throw data({ error: "documents.errors.unknownDeliverable" }, { status: 404 });
  const requested = new URL(request.url).searchParams.get("lang");
  if (requested !== null && requested !== "fa" && requested !== "en") throw data({ error: "documents.errors.badLanguage" }, { status: 400 });
  const lang = requested ?? project.deliverableLanguage;
  const file = await exportDeliverable({ db, project, pack, data: projectData, id: def.id as DeliverableId, lang, actor, renderer: getDiagramRenderer() });
  return new Response(new Uint8Array(file.buffer), {
    headers: {
      "Content-Type": DOCX_TYPE,
      "Content-Disposition": contentDisposition(file.fileName),
      "Content-Length": String(file.buffer.length),
      "Cache-Control": "private, no-store",
    },
  });
}
