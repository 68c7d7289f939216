/**
 * npm run bench — speed and memory of the operations a workshop leans on.
 * Prints a table and checks each figure against its target; exits 1 when a
 * target is missed. Not part of npm test: timings belong here, not in tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDatabase } from "../../db/client.ts";
import { seedDemoProject } from "../../db/seed-demo.ts";
import { addRow, saveAnswer } from "../../app/domain/answers.server.ts";
import { loadProjectData, listProjects } from "../../app/domain/projects.server.ts";
import { BUILT_IN_PACKS_DIR, allItems, findItem, loadPacks } from "../../methodology/load.ts";
import { getPacks } from "../../methodology/registry.ts";
import { projectProgress } from "../../methodology/progress.ts";
import type { QuestionItem, RegisterItem } from "../../methodology/schema.ts";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { getProject } from "../../app/domain/projects.server.ts";
import { exportDeliverable } from "../../app/domain/deliverables.server.ts";
import { getDiagramRenderer, type DiagramRenderer } from "../../app/domain/diagram-render.server.ts";

/**
 * The scope document of a large project (500 requirements, 60 team members,
 * 40 goals): cold (first export in the process) and warm, against packing a
 * bare docx table of the same rows — the floor any Word output pays.
 */
async function benchDeliverables(db: ReturnType<typeof openDatabase>, pack: NonNullable<ReturnType<ReturnType<typeof getPacks>["get"]>>) {
  const projectId = seedDemoProject(db, pack);
  const reg = (id: string) => findItem(pack, id) as RegisterItem;
  for (let i = 0; i < 500; i++) addRow(db, { projectId, item: reg("requirements.register"), raw: { requirement: `نیازمندی ${i + 1}: ثبت سفارش از طریق CRM`, description: `Requirement ${i + 1} — the visit plan shows the store's last orders and open complaints.`, priority: "should", process: "ثبت سفارش", "crm-function": "sales" } });
  for (let i = 0; i < 60; i++) addRow(db, { projectId, item: reg("team.members"), raw: { name: `عضو ${i + 1}`, role: i % 2 ? "marketing-sales-service" : "other", unit: `واحد ${i % 7}`, responsibilities: "نمایندگی واحد در کارگاه‌ها" } });
  for (let i = 0; i < 40; i++) addRow(db, { projectId, item: reg("goals.register"), raw: { goal: `هدف ${i + 1}`, kpi: "Share of repeat orders", baseline: "10%", target: "20%", priority: String((i % 5) + 1), "roadmap-phase": `phase-${(i % 3) + 1}`, "target-date": "2027-06-21" } });
  const project = getProject(db, projectId)!;
  const data = loadProjectData(db, projectId);
  const exportOnce = async (renderer: DiagramRenderer | null) => {
    const t0 = performance.now();
    const file = await exportDeliverable({ db, project, pack, data, id: "scope-document", lang: "fa", actor: { id: null, name: "bench" }, renderer });
    if (file.buffer.length < 10_000) throw new Error("export produced no document");
    return performance.now() - t0;
  };
  results.push({ name: "scope document, large project, cold", value: await exportOnce(null), unit: "ms", target: 5000, better: "lower" });
  let warm = 0;
  for (let i = 0; i < 3; i++) warm += await exportOnce(null);
  results.push({ name: "scope document, large project, warm", value: warm / 3, unit: "ms", target: 2000, better: "lower" });

  const rows = data.rows.get("requirements.register")!.length + 60 + 40;
  const bare = async () => {
    const t0 = performance.now();
    const cells = (n: number) => new TableRow({ children: Array.from({ length: n }, (_, j) => new TableCell({ children: [new Paragraph(`cell ${j}`)] })) });
    const doc = new Document({ sections: [{ children: [new Table({ rows: Array.from({ length: rows }, () => cells(7)) })] }] });
    await Packer.toBuffer(doc);
    return performance.now() - t0;
  };
  await bare();
  let bareMs = 0;
  for (let i = 0; i < 3; i++) bareMs += await bare();
  results.push({ name: `bare docx table of the same ${rows} rows`, value: bareMs / 3, unit: "ms", target: 2000, better: "lower" });
  results.push({ name: "scope document ÷ bare table (warm)", value: warm / 3 / (bareMs / 3), unit: "x", target: 20, better: "lower" });

  const renderer = getDiagramRenderer();
  if (renderer.available()) {
    const cold = await exportOnce(renderer);
    results.push({ name: "scope document with diagrams, cold cache", value: cold, unit: "ms", target: 10000, better: "lower" });
    results.push({ name: "scope document with diagrams, warm cache", value: await exportOnce(renderer), unit: "ms", target: 2000, better: "lower" });
    await renderer.close();
  } else {
    console.log("(Chromium not installed: the export with diagrams drawn is not measured)");
  }
}

type Result = { name: string; value: number; unit: string; target: number; better: "lower" | "higher" };
const results: Result[] = [];

function time(fn: () => void, runs: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-bench-"));
try {
  results.push({ name: "load and check every methodology pack", value: time(() => loadPacks([BUILT_IN_PACKS_DIR]), 20), unit: "ms", target: 500, better: "lower" });

  const db = openDatabase(path.join(dir, "bench.sqlite"));
  const pack = getPacks().get("crm-implementation", "1.0.0")!;
  const projectId = seedDemoProject(db, pack);
  const question = findItem(pack, "vision.why-crm") as QuestionItem;
  const register = findItem(pack, "requirements.register") as RegisterItem;

  let version = (loadProjectData(db, projectId).answers.get(question.id)?.version ?? 0);
  const saves = 300;
  const start = performance.now();
  for (let i = 0; i < saves; i++) {
    const r = saveAnswer(db, { projectId, item: question, baseVersion: version, raw: `answer ${i}` });
    if (r.status !== "saved") throw new Error("save refused");
    version = r.version;
  }
  results.push({ name: "durable answer saves (synchronous=FULL)", value: saves / ((performance.now() - start) / 1000), unit: "saves/s", target: 100, better: "higher" });

  for (let i = 0; i < 400; i++) addRow(db, { projectId, item: register, raw: { requirement: `Requirement ${i}`, priority: "should" } });
  results.push({ name: "load a project with 400 requirement rows", value: time(() => loadProjectData(db, projectId), 50), unit: "ms", target: 50, better: "lower" });
  const data = loadProjectData(db, projectId);
  results.push({ name: "progress of all seven phases", value: time(() => projectProgress(pack, data.state), 200), unit: "ms", target: 5, better: "lower" });

  for (let i = 0; i < 20; i++) seedDemoProject(db, pack);
  results.push({ name: "portfolio list of 21 projects", value: time(() => listProjects(db, 1), 20), unit: "ms", target: 200, better: "lower" });

  await benchDeliverables(db, pack);

  results.push({ name: "items in the built-in pack", value: allItems(pack).length, unit: "items", target: 100, better: "higher" });
  results.push({ name: "heap used after the run", value: process.memoryUsage().heapUsed / 1024 / 1024, unit: "MiB", target: 200, better: "lower" });
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

let missed = 0;
console.log("benchmark".padEnd(48), "value".padStart(12), "target".padStart(14));
for (const r of results) {
  const ok = r.better === "lower" ? r.value <= r.target : r.value >= r.target;
  if (!ok) missed++;
  console.log(r.name.padEnd(48), `${r.value.toFixed(2)} ${r.unit}`.padStart(12), `${r.better === "lower" ? "≤" : "≥"} ${r.target} ${r.unit}`.padStart(14), ok ? "ok" : "MISSED");
}
process.exit(missed ? 1 : 0);
