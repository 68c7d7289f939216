/**
 * Durability: a child process writes through the app's own data layer and
 * is killed with SIGKILL at a random moment, 20 times in a row on the same
 * database file. After every kill the file passes `PRAGMA integrity_check`,
 * the app opens it (migrations run), and every write acknowledged before the
 * kill is there — in the stored value or, for a value overwritten later, in
 * the audit trail written in the same transaction. At most one write per run
 * landed without being acknowledged (the one the kill interrupted).
 *
 * The kill moments come from a seeded PRNG; the seed is printed, and
 * GAMBEGAM_DURABILITY_SEED=<seed> replays the same schedule.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { openDatabase } from "#db/client.ts";
import { auditLog, projects } from "#db/schema.ts";
import { loadProjectData } from "#app/domain/projects.server.ts";
import { DURABILITY_PROJECT, prng, type Ack } from "#tests/setup/durable-writer.ts";

const RUNS = 20;
const WRITES = 1000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-durability-"));
const file = path.join(dir, "gambegam.sqlite");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const seed = Number(process.env.GAMBEGAM_DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** How a run ends: killed once `afterAcks` writes were acknowledged, or after `afterMs` from spawn (often during start-up). */
type KillPlan = { afterAcks: number } | { afterMs: number };

type RunResult = { acks: Ack[]; ready: boolean; done: boolean; signal: NodeJS.Signals | null; code: number | null; stderr: string };

function runWriter(run: number, plan: KillPlan): Promise<RunResult> {
  return new Promise((resolve) => {
    // node itself runs the writer (tsx as a loader, not the tsx CLI, which would
    // run it in a grandchild that SIGKILL to the CLI does not reach).
    const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/durable-writer.ts", file, String(run), String(WRITES), String(seed)], { stdio: ["ignore", "pipe", "pipe"] });
    const acks: Ack[] = [];
    let ready = false;
    let done = false;
    let pending = "";
    let stderr = "";
    const kill = () => child.kill("SIGKILL");
    const timer = "afterMs" in plan ? setTimeout(kill, plan.afterMs) : undefined;
    child.stderr.on("data", (d) => (stderr += d));
    child.stdout.on("data", (d: Buffer) => {
      pending += d.toString("utf8");
      const lines = pending.split("\n");
      pending = lines.pop()!; // an incomplete last line is not an acknowledgement
      for (const line of lines) {
        const msg = JSON.parse(line) as Ack & { ready?: boolean; done?: boolean };
        if (msg.ready) ready = true;
        else if (msg.done) done = true;
        else acks.push(msg);
      }
      if ("afterAcks" in plan && acks.length >= plan.afterAcks) kill();
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ acks, ready, done, signal, code, stderr });
    });
  });
}

/** Key order does not matter when comparing stored JSON with acknowledged JSON. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

describe("durability under SIGKILL", () => {
  test(`${RUNS} writers killed at random moments lose no acknowledged write`, async () => {
    console.log(`durability: seed ${seed} (replay with GAMBEGAM_DURABILITY_SEED=${seed})`);
    const random = prng(seed);
    /** The last acknowledged state of every answer and row, over all runs so far. */
    const answers = new Map<string, Ack>();
    const rows = new Map<number, Ack>();
    const allAcks: Ack[] = [];
    let unacknowledgedLanded = 0;
    let killedMidRun = 0;
    const summary: string[] = [];

    for (let run = 1; run <= RUNS; run++) {
      const plan: KillPlan = random() < 0.15 ? { afterMs: Math.floor(random() * 2500) } : { afterAcks: 1 + Math.floor(random() * (WRITES - 2)) };
      const r = await runWriter(run, plan);
      const where = `seed ${seed}, run ${run}, plan ${JSON.stringify(plan)}`;
      // Killed (or, rarely, finished first) — never failed on its own.
      expect(r.signal === "SIGKILL" || (r.code === 0 && r.done), `${where}: writer ended with ${r.code}/${r.signal}\n${r.stderr}`).toBe(true);
      if (r.signal === "SIGKILL" && r.acks.length > 0 && !r.done) killedMidRun++;
      summary.push(`run ${run}: ${r.acks.length} acknowledged, ${r.done ? "finished" : r.ready ? "killed while writing" : "killed during start-up"}`);

      // 1. The file is whole.
      const raw = new Database(file);
      expect(raw.pragma("integrity_check", { simple: true }), where).toBe("ok");
      expect(raw.pragma("foreign_key_check"), where).toEqual([]);
      raw.close();

      // 2. The app opens it: pragmas, migrations (a no-op or the first run's, never half-applied).
      const db = openDatabase(file);
      try {
        const project = db.select().from(projects).where(eq(projects.name, DURABILITY_PROJECT)).get();
        if (!r.ready) {
          // Killed before the writer had its project: nothing was acknowledged.
          expect(r.acks, where).toEqual([]);
          if (!project) continue;
        }
        expect(project, where).toBeDefined();
        const data = loadProjectData(db, project!.id);

        for (const ack of r.acks) {
          allAcks.push(ack);
          if (ack.op === "answer") answers.set(ack.itemId, ack);
          else rows.set(ack.rowId!, ack);
        }

        // 3. Every acknowledged answer and row holds its acknowledged value, or the one
        //    write after it that this run made but was killed before acknowledging.
        const later: string[] = [];
        const check = (what: string, stored: { version: number; value: unknown } | undefined, ack: Ack, model: Map<string | number, Ack>, key: string | number) => {
          expect(stored, `${where}: ${what} acknowledged as ${ack.op} r${ack.run}s${ack.seq} is missing`).toBeDefined();
          if (stored!.version === ack.version) {
            expect(canonical(stored!.value), `${where}: ${what} v${ack.version}`).toBe(canonical(ack.value));
            return;
          }
          expect(stored!.version, `${where}: ${what} went back from the acknowledged version`).toBe(ack.version + 1);
          const marker = canonical(stored!.value).match(/r(\d+)s(\d+)/);
          expect(marker && Number(marker[1]), `${where}: ${what} holds a later value from another run`).toBe(run);
          expect(Number(marker![2]), `${where}: ${what}`).toBeGreaterThan(r.acks.at(-1)?.seq ?? -1);
          later.push(what);
          // From now on this is the state later runs must keep.
          model.set(key, { ...ack, run, seq: Number(marker![2]), version: stored!.version, value: stored!.value });
        };
        for (const [itemId, ack] of answers) check(`answer ${itemId}`, data.answers.get(itemId), ack, answers as Map<string | number, Ack>, itemId);
        const storedRows = new Map([...data.rows.values()].flat().map((row) => [row.id, { version: row.version, value: row.cells }]));
        for (const [rowId, ack] of rows) check(`row ${rowId} of ${ack.itemId}`, storedRows.get(rowId), ack, rows as Map<string | number, Ack>, rowId);

        // 4. Every acknowledged write is in the audit trail (written in the same transaction),
        //    even when a later write replaced the value; only the interrupted write is extra.
        const trail = db
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.projectId, project!.id), inArray(auditLog.action, ["answer.save", "row.add", "row.update"])))
          .all();
        const inTrail = new Set(trail.map((e) => `${e.itemId}|${e.rowId ?? ""}|${canonical(e.after)}`));
        for (const ack of allAcks) expect(inTrail.has(`${ack.itemId}|${ack.rowId ?? ""}|${canonical(ack.value)}`), `${where}: r${ack.run}s${ack.seq} not in the audit trail`).toBe(true);
        const extra = trail.length - allAcks.length - unacknowledgedLanded;
        expect(extra, `${where}: writes in the file that were never acknowledged`).toBeGreaterThanOrEqual(0);
        expect(extra, `${where}: writes in the file that were never acknowledged`).toBeLessThanOrEqual(1);
        expect(later.length, `${where}: later values ${later.join(", ")}`).toBeLessThanOrEqual(extra);
        unacknowledgedLanded += extra;

        // 5. Versions count the writes: no write applied twice, none skipped.
        const saves = new Map<string, number>();
        const updates = new Map<number, number>();
        for (const e of trail) {
          if (e.action === "answer.save") saves.set(e.itemId!, (saves.get(e.itemId!) ?? 0) + 1);
          if (e.action === "row.update") updates.set(e.rowId!, (updates.get(e.rowId!) ?? 0) + 1);
        }
        for (const [itemId, stored] of data.answers) expect(stored.version, `${where}: ${itemId}`).toBe(saves.get(itemId) ?? 0);
        for (const [rowId, stored] of storedRows) expect(stored.version, `${where}: row ${rowId}`).toBe((updates.get(rowId) ?? 0) + 1);
      } finally {
        db.$client.close();
      }
    }
    console.log(`durability: ${summary.join("; ")}; ${allAcks.length} writes acknowledged in all, ${unacknowledgedLanded} landed unacknowledged`);
    // The kills must really land while writes are going on, not only after the run finished.
    expect(killedMidRun, summary.join("\n")).toBeGreaterThanOrEqual(RUNS / 2);
  }, 300_000);
});
