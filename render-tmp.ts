import fs from "node:fs";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { exportDeliverable } from "#app/domain/deliverables.server.ts";
import { saveBranding } from "#app/domain/branding.server.ts";
import { getDiagramRenderer } from "#app/domain/diagram-render.server.ts";
const env = tempDatabase();
const pid = seedDeliverableProject(env.db);
const actor = { id: null, name: "Leila Tehrani" };
saveBranding(env.db, actor, pid, { firmName: "مشاوران آرمان", primaryColor: "", font: "", removeLogo: undefined }, null);
const project = getProject(env.db, pid)!;
const renderer = process.env.NODRAW ? null : getDiagramRenderer();
const ids = (process.argv[2] ?? "scope-document,change-management-plan").split(",");
for (const id of ids) for (const lang of ["fa", "en"] as const) {
  const f = await exportDeliverable({ db: env.db, project, pack: packOf(project)!, data: loadProjectData(env.db, pid), id: id as never, lang, actor, renderer, draft: process.env.DRAFT === "1" });
  fs.writeFileSync(`/tmp/structure/out/${id}-${lang}${process.env.DRAFT === "1" ? "-draft" : ""}.docx`, f.buffer);
}
await renderer?.close();
env.cleanup();
