import { performance } from "node:perf_hooks";
import { openDatabase } from "./db/client.ts";
import { getProject, loadProjectData, packOf } from "./app/domain/projects.server.ts";
import { contentParts, documentAuthor, projectPeople, revisionHistory, deliverableInput } from "./app/domain/deliverables.server.ts";
import { deliverable } from "./templates/index.ts";
import { Packer } from "docx";
const db = openDatabase("/tmp/structure/large.db");
const project = getProject(db, 1)!;
const pack = packOf(project)!;
const data = loadProjectData(db, project.id);
const t = (label: string, f: () => unknown) => { const a = performance.now(); const r = f(); console.log(label, Math.round(performance.now() - a), "ms"); return r; };
for (let i = 0; i < 2; i++) {
  t("parts", () => contentParts(project, pack, data, null));
  t("author", () => documentAuthor(db, 1, data, "bench"));
  t("people", () => projectPeople(db, project, pack, data, null, "fa", "Firm"));
  t("revisions", () => revisionHistory(db, 1, "vision-minutes", (n) => n));
  const input = await deliverableInput({ db, project, pack, data, id: "vision-minutes", lang: "fa", actor: { id: null, name: "bench" }, renderer: null });
  console.log("revisions", input.revisions?.length, "distribution", input.distribution?.length);
  const doc = t("build", () => deliverable("vision-minutes")!.build(input)) as never;
  const a = performance.now(); await Packer.toBuffer(doc); console.log("pack", Math.round(performance.now() - a));
}
