/**
 * One deliverable in one language, exported in a fresh process: the first
 * export (cold: modules, fonts and templates loaded for the first time, and
 * an empty diagram cache, so drawing launches Chromium) and then `warm`
 * more (diagrams from the in-memory cache). Prints one JSON line.
 *
 * Run by exports.ts:  tsx tests/bench/export-child.ts <db> <projectId> <deliverable> <fa|en> <cacheDir|-> <warm>
 */
import { performance } from "node:perf_hooks";
import { openDatabase } from "../../db/client.ts";
import { getProject, loadProjectData, packOf } from "../../app/domain/projects.server.ts";
import { exportDeliverable } from "../../app/domain/deliverables.server.ts";
import { createDiagramRenderer, findChromium } from "../../app/domain/diagram-render.server.ts";
import type { DeliverableId } from "../../templates/model.ts";

const [file, rawProjectId, id, lang, cacheDir, rawWarm] = process.argv.slice(2);
if (!file || !rawProjectId || !id || (lang !== "fa" && lang !== "en") || !cacheDir) throw new Error("usage: export-child.ts <db> <projectId> <deliverable> <fa|en> <cacheDir|-> <warm>");

const db = openDatabase(file);
const project = getProject(db, Number(rawProjectId));
if (!project) throw new Error(`no project ${rawProjectId}`);
const pack = packOf(project)!;
const renderer = cacheDir !== "-" && findChromium() ? createDiagramRenderer({ cacheDir }) : null;
try {
  const data = loadProjectData(db, project.id);
  const once = async () => {
    const t0 = performance.now();
    const out = await exportDeliverable({ db, project, pack, data, id: id as DeliverableId, lang, actor: { id: null, name: "bench" }, renderer });
    return { ms: performance.now() - t0, bytes: out.buffer.length };
  };
  const cold = await once();
  const warm: number[] = [];
  for (let i = 0; i < Number(rawWarm ?? 3); i++) warm.push((await once()).ms);
  console.log(JSON.stringify({ id, lang, coldMs: cold.ms, warmMs: warm, bytes: cold.bytes, diagrams: renderer ? renderer.stats() : null }));
} finally {
  await renderer?.close();
  db.$client.close();
}
