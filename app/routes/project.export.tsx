import type { Route } from "./+types/project.export";
import { requireProjectContext } from "#app/domain/project-context.server.ts";
import { contentDisposition } from "#app/domain/deliverables.server.ts";
import { exportProject, projectFileName, serialiseProjectFile } from "#app/domain/project-transfer.server.ts";

/** The whole project as one JSON file, to import on another installation (recorded in the audit trail). */
export function loader({ params, context }: Route.LoaderArgs) {
  const { db, project, actor, user } = requireProjectContext(params.projectId, context);
  const file = exportProject(db, project.id, { by: { ...actor, email: user.email } });
  const body = Buffer.from(serialiseProjectFile(file), "utf8");
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": contentDisposition(projectFileName(file)),
      "Content-Length": String(body.length),
      "Cache-Control": "private, no-store",
    },
  });
}
