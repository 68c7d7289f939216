/**
 * What runs inside one request, timed in this process: loading the method,
 * durable saves, loading a large project, progress, the portfolio, and the
 * floor any Word output pays (a bare docx table).
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { openDatabase } from "../../db/client.ts";
import { seedDemoProject } from "../../db/seed-demo.ts";
import { saveAnswer } from "../../app/domain/answers.server.ts";
import { getProject, listProjects, loadProjectData, readProjectData } from "../../app/domain/projects.server.ts";
import { projectSendCheck } from "../../app/domain/send-check.server.ts";
import { BUILT_IN_PACKS_DIR, findItem, loadPacks } from "../../methodology/load.ts";
import { getPacks } from "../../methodology/registry.ts";
import { projectProgress } from "../../methodology/progress.ts";
import type { QuestionItem } from "../../methodology/schema.ts";
import { IMPORT_MAX_BYTES, TRANSFER_LIMITS, exportProject, importProject, serialiseProjectFile } from "../../app/domain/project-transfer.server.ts";
import { largestProjectFile } from "../fixtures/largest-project-file.ts";
import { findUserByEmail } from "../../app/domain/auth.server.ts";
import type { Figure } from "./report.ts";

function time(fn: () => void, runs: number): number {
  fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - start) / runs;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

/** `largeDb`: the large project's database (read only here); `dir`: where a scratch database may go. */
export async function benchInProcess(largeDb: string, largeProjectId: number, dir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  figures.push({ key: "loadPacksMs", name: "load and check every methodology pack", value: time(() => loadPacks([BUILT_IN_PACKS_DIR]), 10), unit: "ms", target: { value: 500, better: "lower" } });

  const db = openDatabase(path.join(dir, "scratch.sqlite"));
  try {
    const pack = getPacks().get("crm-implementation", "1.0.0")!;
    const projectId = seedDemoProject(db, pack);
    const question = findItem(pack, "vision.why-crm") as QuestionItem;
    let version = loadProjectData(db, projectId).answers.get(question.id)?.version ?? 0;
    const saves = 300;
    const start = performance.now();
    for (let i = 0; i < saves; i++) {
      const r = saveAnswer(db, { projectId, item: question, baseVersion: version, raw: `answer ${i}` });
      if (r.status !== "saved") throw new Error("save refused");
      version = r.version;
    }
    figures.push({ key: "durableSavesPerSecond", name: "durable answer saves (synchronous=FULL)", value: saves / ((performance.now() - start) / 1000), unit: "saves/s", target: { value: 100, better: "higher" } });
    for (let i = 0; i < 20; i++) seedDemoProject(db, pack);
    figures.push({ key: "portfolioMs", name: "portfolio list of 21 projects", value: time(() => listProjects(db, 1), 20), unit: "ms", target: { value: 200, better: "lower" } });
  } finally {
    db.$client.close();
  }

  const large = openDatabase(largeDb);
  try {
    const pack = getPacks().get("crm-implementation", "1.0.0")!;
    figures.push({ key: "readLargeProjectMs", name: "read the large project's answers and rows", value: time(() => readProjectData(large, largeProjectId), 30), unit: "ms", target: { value: 50, better: "lower" } });
    figures.push({ key: "loadUnchangedProjectMs", name: "  the same, unchanged since the last request", value: time(() => loadProjectData(large, largeProjectId), 1000), unit: "ms", target: { value: 1, better: "lower" } });
    const data = loadProjectData(large, largeProjectId);
    figures.push({ key: "progressMs", name: "progress of all eight phases (large project)", value: time(() => projectProgress(pack, data.state), 200), unit: "ms", target: { value: 5, better: "lower" } });
    // Every Documents page load runs it (decision 028).
    const largeRow = getProject(large, largeProjectId)!;
    figures.push({ key: "sendCheckMs", name: "ready-to-send check of every deliverable (large project)", value: time(() => projectSendCheck(large, largeRow, pack, data), 50), unit: "ms", target: { value: 20, better: "lower" } });
    const rows = [...data.rows.values()].reduce((n, r) => n + r.length, 0);
    const cells = (n: number) => new TableRow({ children: Array.from({ length: n }, (_, j) => new TableCell({ children: [new Paragraph(`cell ${j}`)] })) });
    const bare = () => Packer.toBuffer(new Document({ sections: [{ children: [new Table({ rows: Array.from({ length: rows }, () => cells(7)) })] }] }));
    figures.push({ key: "bareDocxTableMs", name: `bare docx table of the project's ${rows} rows (the floor)`, value: await timeAsync(bare, 3), unit: "ms" });
    // Moving the large project to another installation: its file, and the import into a fresh database.
    let json = "";
    figures.push({ key: "projectExportMs", name: "export the large project as one JSON file", value: time(() => (json = serialiseProjectFile(exportProject(large, largeProjectId))), 3), unit: "ms" });
    figures.push({ key: "projectFileKiB", name: "  its size", value: Buffer.byteLength(json) / 1024, unit: "KiB" });
    const target = openDatabase(path.join(dir, "import.sqlite"));
    try {
      seedDemoProject(target, pack);
      const user = findUserByEmail(target, "s.ahmadi@mehregan.example")!;
      const actor = { id: user.id, name: user.displayName, email: user.email };
      const imported = () => {
        const r = importProject(target, json, actor);
        if (!r.ok) throw new Error(`bench: the import was refused: ${JSON.stringify(r)}`);
      };
      figures.push({ key: "projectImportMs", name: "  import it into another installation (new ids, one transaction)", value: time(imported, 3), unit: "ms" });
      // The largest file an import accepts: every list at its limit (signed snapshots of 40 rows each), just under 20 MB.
      const largest = largestProjectFile(pack, { ...TRANSFER_LIMITS, snapshotRows: 40 }, IMPORT_MAX_BYTES - 64 * 1024);
      const importLargest = () => {
        const r = importProject(target, largest, actor);
        if (!r.ok) throw new Error(`bench: the largest file was refused: ${JSON.stringify(r)}`);
      };
      figures.push({ key: "largestFileImportMs", name: `largest allowed file (${(largest.length / 1024 / 1024).toFixed(1)} MB): import time`, value: time(importLargest, 1), unit: "ms" });
    } finally {
      target.$client.close();
    }
  } finally {
    large.$client.close();
  }
  return figures;
}
