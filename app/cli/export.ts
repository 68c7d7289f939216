/**
 * npm run export -- --project <id> --deliverable scope-document --lang fa --out <file>
 * npm run export -- --project <id> --all [--lang en] [--draft] [--strict] --out <folder>
 *
 * Writes Word deliverables from the command line, exactly as the download
 * button does (same builder, same version numbering, same diagrams). Before
 * writing, it prints the same "Ready to send?" check as the Documents page
 * (decision 028): it informs and does not block, unless --strict.
 */
import fs from "node:fs";
import { COMMAND_LINE_NAME } from "#app/actors.ts";
import path from "node:path";
import { parseArgs } from "node:util";
import { getDb, closeDb } from "#db/client.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { availableDeliverables, exportDeliverable } from "#app/domain/deliverables.server.ts";
import { getDiagramRenderer } from "#app/domain/diagram-render.server.ts";
import { DELIVERABLE_IDS, type DeliverableId } from "#templates/model.ts";
import { projectSendCheck } from "#app/domain/send-check.server.ts";
import { sendCheckLines, sendCheckView } from "#app/views/send-check.ts";
import { i18nFor } from "#app/i18n.ts";

const USAGE = `Usage:
  npm run export -- --project <id> --deliverable <${DELIVERABLE_IDS.join("|")}> [--lang fa|en] [--draft] [--strict] [--author "<name>"] --out <file.docx>
  npm run export -- --project <id> --all [--lang fa|en] [--draft] [--strict] [--author "<name>"] --out <folder>
The language defaults to the project's deliverable language.
Before writing, each deliverable's "Ready to send?" check is printed: its open items
(required items unanswered) and its contradictions, each with the page that fixes it.
  --draft   a draft for the team: open items shown in place; the file name ends in -draft
  --strict  write nothing and exit 3 when a deliverable to be written has contradictions
            (without it the check only informs, and the exit status is 0)
  --author "<name>"  names the document's author on its cover and revision history
            (by default the project's consultant, else its project manager)`;

function fail(message: string): never {
  console.error(`export: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const { values } = parseArgs({
    options: { project: { type: "string" }, deliverable: { type: "string" }, lang: { type: "string" }, out: { type: "string" }, author: { type: "string" }, all: { type: "boolean", default: false }, draft: { type: "boolean", default: false }, strict: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const projectId = Number(values.project);
  if (!values.project || !Number.isInteger(projectId) || projectId < 1) fail("--project needs a project id (a whole number)");
  if (!values.out) fail("--out is required");
  if (!values.all && !values.deliverable) fail("give --deliverable <id> or --all");
  if (values.lang && values.lang !== "fa" && values.lang !== "en") fail("--lang must be fa or en");
  const db = getDb();
  const project = getProject(db, projectId) ?? fail(`there is no project ${projectId}`);
  const pack = packOf(project) ?? fail(`the methodology pack ${project.packId} ${project.packVersion} of project ${projectId} is not installed`);
  const available = availableDeliverables(pack).map((d) => d.id);
  const ids: DeliverableId[] = values.all ? available : [values.deliverable as DeliverableId];
  for (const id of ids) if (!available.includes(id)) fail(`unknown deliverable '${id}' for this project (available: ${available.join(", ")})`);
  const lang = (values.lang as "fa" | "en" | undefined) ?? project.deliverableLanguage;
  const renderer = getDiagramRenderer();
  if (!renderer.available()) console.warn("export: Chromium was not found, so diagrams are written as tables (install it with: apt-get install -y --no-install-recommends chromium)");
  const data = loadProjectData(db, projectId);
  const { t } = i18nFor(lang);
  const checks = new Map(sendCheckView(projectSendCheck(db, project, pack, data), lang).map((c) => [c.id, c]));
  for (const id of ids) {
    const check = checks.get(id);
    if (check) console.log(sendCheckLines(check, t(`documents.items.${id}.title`), lang).join("\n"));
  }
  const contradictory = ids.filter((id) => checks.get(id)?.verdict === "contradictions");
  if (values.strict && contradictory.length) {
    console.error(`export: --strict: nothing written, ${contradictory.join(", ")} ${contradictory.length === 1 ? "has" : "have"} contradictions (listed above)`);
    await renderer.close();
    closeDb();
    process.exit(3);
  }
  try {
    if (values.all) fs.mkdirSync(values.out, { recursive: true });
    for (const id of ids) {
      const started = performance.now();
      const file = await exportDeliverable({ db, project, pack, data, id, lang, draft: values.draft, actor: { id: null, name: COMMAND_LINE_NAME }, renderer, author: values.author });
      const target = values.all ? path.join(values.out, file.fileName) : values.out;
      fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
      fs.writeFileSync(target, file.buffer);
      console.log(`${target}  (${id}, ${lang}, v${file.version}${values.draft ? ", draft" : ""}, ${(file.buffer.length / 1024).toFixed(0)} KiB, ${Math.round(performance.now() - started)} ms)`);
    }
  } finally {
    await renderer.close();
    closeDb();
  }
}

main().catch((error) => {
  console.error(`export: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
