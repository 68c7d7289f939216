/**
 * The child process of tests/integration/durability.test.ts: opens the
 * database exactly as the app does (`openDatabase`: pragmas, migrations),
 * finds or creates its project, and makes N writes through the app's data
 * layer (saveAnswer, addRow, updateRow). After each call has RETURNED it
 * prints one acknowledgement line (JSON: what was written, its version), so
 * the parent knows which writes the app claimed to have stored before it
 * killed this process.
 *
 *   node --import tsx tests/setup/durable-writer.ts <database> <run> <writes> <seed>
 *
 * The writes are chosen by a PRNG seeded from <seed> and <run>, and every
 * value carries the marker `r<run>s<seq>`, so a value found in the file can
 * be traced back to the write that made it.
 */
import fs from "node:fs";
import { eq } from "drizzle-orm";
import { openDatabase } from "#db/client.ts";
import { projects } from "#db/schema.ts";
import { addRow, saveAnswer, updateRow, type SaveResult } from "#app/domain/answers.server.ts";
import { createProject, loadProjectData } from "#app/domain/projects.server.ts";
import type { Actor } from "#app/domain/audit.server.ts";
import { findItem } from "#methodology/load.ts";
import { getPacks } from "#methodology/registry.ts";
import type { AnswerableItem, RegisterItem } from "#methodology/schema.ts";

export const DURABILITY_PROJECT = "Durability test";
/** Answers of several kinds: long text, a checklist task, a rating. */
export const ANSWER_ITEMS = ["vision.why-crm", "vision.value-proposition", "team.readiness-work", "vision.communicate-strategy", "team.readiness-culture"] as const;
export const REGISTER_ITEMS = ["vision.decisions", "vision.open-points", "vision.workshop-participants"] as const;

export type Ack = { run: number; seq: number; op: "answer" | "row-add" | "row-update"; itemId: string; rowId?: number; version: number; value: unknown };

/** mulberry32: small, seedable, good enough to pick writes and kill moments. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function answerRaw(itemId: string, marker: string, n: number): unknown {
  if (itemId === "vision.communicate-strategy") return { owner: `Owner ${marker}`, dueDate: "2026-12-01", status: n % 2 ? "in-progress" : "done", evidence: `Evidence ${marker}` };
  if (itemId === "team.readiness-culture") return { score: String(n % 6), evidence: `Evidence ${marker}` };
  return `Answer ${marker} — پاسخ ${marker}`;
}

function rowRaw(itemId: string, marker: string): Record<string, string> {
  if (itemId === "vision.decisions") return { decision: `Decision ${marker}`, owner: `Owner ${marker}` };
  if (itemId === "vision.open-points") return { point: `Point ${marker}`, owner: `Owner ${marker}`, "due-date": "2026-12-15" };
  return { name: `Participant ${marker}`, role: "Observer", organisation: "Mehregan" };
}

/** Writes one line to stdout with a blocking write (retried if the pipe is momentarily full). */
function writeLine(line: string) {
  const buf = Buffer.from(line + "\n");
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(1, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EAGAIN") throw e;
    }
  }
}

function main() {
  const [file, runArg, writesArg, seedArg] = process.argv.slice(2);
  if (!file || !runArg || !writesArg || !seedArg) {
    process.stderr.write("usage: durable-writer.ts <database> <run> <writes> <seed>\n");
    process.exit(2);
  }
  const run = Number(runArg);
  const writes = Number(writesArg);
  const random = prng(Number(seedArg) * 1000 + run);

  const db = openDatabase(file);
  const pack = getPacks().get("crm-implementation", "1.0.0")!;
  const project =
    db.select().from(projects).where(eq(projects.name, DURABILITY_PROJECT)).get() ??
    createProject(db, { name: DURABILITY_PROJECT, clientOrganisation: "Mehregan", deliverableLanguage: "en", startDate: "2026-11-01", pack: "crm-implementation@1.0.0", description: "" });
  const by: Actor = { id: null, name: `durable-writer run ${run}` };

  // What is stored now, read through the data layer: the versions to base on.
  const data = loadProjectData(db, project.id);
  const answerVersion = new Map<string, number>(ANSWER_ITEMS.map((id) => [id, data.answers.get(id)?.version ?? 0]));
  const rows: Array<{ itemId: string; id: number; version: number }> = REGISTER_ITEMS.flatMap((itemId) => (data.rows.get(itemId) ?? []).map((r) => ({ itemId, id: r.id, version: r.version })));
  writeLine(JSON.stringify({ ready: true, run, project: project.id }));

  for (let seq = 0; seq < writes; seq++) {
    const marker = `r${run}s${seq}`;
    const pick = random();
    let ack: Ack;
    let result: SaveResult;
    if (pick < 0.05 || (pick < 0.35 && rows.length === 0)) {
      const itemId = REGISTER_ITEMS[seq % REGISTER_ITEMS.length]!;
      result = addRow(db, { projectId: project.id, item: findItem(pack, itemId) as RegisterItem, raw: rowRaw(itemId, marker), by });
      if (result.status !== "saved") throw new Error(`${marker}: row-add refused: ${JSON.stringify(result)}`);
      rows.push({ itemId, id: result.rowId!, version: result.version });
      ack = { run, seq, op: "row-add", itemId, rowId: result.rowId, version: result.version, value: result.value };
    } else if (pick < 0.35) {
      const row = rows[Math.floor(random() * rows.length)]!;
      result = updateRow(db, { projectId: project.id, item: findItem(pack, row.itemId) as RegisterItem, rowId: row.id, baseVersion: row.version, raw: rowRaw(row.itemId, marker), by });
      if (result.status !== "saved") throw new Error(`${marker}: row-update refused: ${JSON.stringify(result)}`);
      row.version = result.version;
      ack = { run, seq, op: "row-update", itemId: row.itemId, rowId: row.id, version: result.version, value: result.value };
    } else {
      const itemId = ANSWER_ITEMS[Math.floor(random() * ANSWER_ITEMS.length)]!;
      const item = findItem(pack, itemId) as Exclude<AnswerableItem, RegisterItem>;
      result = saveAnswer(db, { projectId: project.id, item, baseVersion: answerVersion.get(itemId)!, raw: answerRaw(itemId, marker, seq), by });
      if (result.status !== "saved") throw new Error(`${marker}: answer refused: ${JSON.stringify(result)}`);
      answerVersion.set(itemId, result.version);
      ack = { run, seq, op: "answer", itemId, version: result.version, value: result.value };
    }
    // Only now, after the data layer returned: the acknowledgement.
    writeLine(JSON.stringify(ack));
  }
  writeLine(JSON.stringify({ done: true, run }));
  db.$client.close();
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("durable-writer.ts")) main();
