import { performance } from "node:perf_hooks";
import { openDatabase } from "./db/client.ts";
import { getProject, loadProjectData, packOf } from "./app/domain/projects.server.ts";
import { exportDeliverable } from "./app/domain/deliverables.server.ts";
const db = openDatabase(process.argv[2]!);
const project = getProject(db, 1)!;
const pack = packOf(project)!;
const data = loadProjectData(db, project.id);
for (const id of ["vision-minutes", "scope-document", "go-no-go", "change-management-plan", "post-launch-review"] as const) for (const lang of ["fa", "en"] as const) {
  const ms: number[] = [];
  for (let i = 0; i < 4; i++) { const a = performance.now(); await exportDeliverable({ db, project, pack, data, id, lang, actor: { id: null, name: "bench" }, renderer: null }); ms.push(performance.now() - a); }
  console.log(id, lang, ms.slice(1).map((m) => Math.round(m)).join(" "));
}
