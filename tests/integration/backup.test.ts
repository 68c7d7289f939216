/**
 * npm run backup while the server is taking writes, then a restore: the
 * copy passes its integrity check, holds everything written before the
 * backup started, and a server started on it serves it.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const tsx = path.resolve("node_modules/.bin/tsx");
const keep = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-backup-"));
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(keep, { recursive: true, force: true });
});

const VISION = "/projects/1/phases/vision/steps/vision-workshop";
const addDecision = (url: string, cookie: string, text: string) =>
  fetch(url + VISION, { method: "POST", body: form({ intent: "row-add", itemId: "vision.decisions", "c.decision": text, "c.owner": "Test" }), headers: { Cookie: cookie, Origin: url }, redirect: "manual" });

function runBackup(databasePath: string, out: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ["db/backup.ts", "--out", out, ...extra], { env: { ...process.env, DATABASE_PATH: databasePath } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("online backup and restore", () => {
  test("a backup taken while edits keep arriving is consistent, and a restored server serves it", async () => {
    const live = await startServer();
    servers.push(live);
    const pm = await signIn(live.url, "s.ahmadi@mehregan.example");
    expect((await addDecision(live.url, pm, "Decided before the backup")).status).toBe(200);

    // Edits keep arriving while the backup runs.
    let writing = true;
    let during = 0;
    const writer = (async () => {
      while (writing) {
        const r = await addDecision(live.url, pm, `Decided during the backup ${during}`);
        expect(r.status).toBe(200);
        during++;
      }
    })();
    const out = path.join(keep, "backup.sqlite");
    const result = await runBackup(live.databasePath, out);
    writing = false;
    await writer;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/integrity ok/);
    expect(during).toBeGreaterThan(0);
    expect((await addDecision(live.url, pm, "Decided after the backup")).status).toBe(200);

    // The copy stands alone and is whole.
    const copy = new Database(out, { readonly: true });
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(copy.pragma("journal_mode", { simple: true })).toBe("delete");
    const decisions = copy.prepare("SELECT cells FROM register_rows WHERE item_id = 'vision.decisions'").all().map((r) => (JSON.parse((r as { cells: string }).cells) as { decision: string }).decision);
    copy.close();
    expect(decisions).toContain("Decided before the backup");
    expect(decisions).not.toContain("Decided after the backup");
    // Rows written during the backup are either all in or a prefix: never a gap.
    const duringIn = decisions.filter((d) => d.startsWith("Decided during")).map((d) => Number(d.split(" ").at(-1)));
    expect(duringIn).toEqual(duringIn.map((_, i) => i));

    // An existing file is not overwritten without --force.
    const again = await runBackup(live.databasePath, out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");

    // Restore: a server started on the backup file serves what it holds.
    const restoredPath = path.join(keep, "restored", "gambegam.sqlite");
    fs.mkdirSync(path.dirname(restoredPath), { recursive: true });
    fs.copyFileSync(out, restoredPath);
    const restored = await startServer({ DATABASE_PATH: restoredPath });
    servers.push(restored);
    const cookie = await signIn(restored.url, "s.ahmadi@mehregan.example");
    const html = await (await fetch(restored.url + VISION, { headers: { Cookie: cookie } })).text();
    expect(html).toContain("Decided before the backup");
    expect(html).not.toContain("Decided after the backup");
  }, 120_000);

  test("without --out it explains itself and exits 2", async () => {
    const r = await new Promise<number | null>((resolve) => spawn(tsx, ["db/backup.ts"], { stdio: "ignore" }).on("exit", resolve));
    expect(r).toBe(2);
  });
});
