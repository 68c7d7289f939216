/**
 * Co-owners and champions moved from deployment to team formation (decision
 * 033): a database made before the move keeps its answers and rows, under the
 * new ids, once the migration has run.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { describe, expect, test } from "vitest";
import { MIGRATIONS_DIR, openDatabase } from "./client.ts";
import { RENAMED_ITEMS } from "#methodology/renamed-items.ts";

const BEFORE_THE_MOVE = "0004_imported_records";

/** A database migrated only up to the last migration before the move. */
function databaseBeforeTheMove(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "moved-items-"));
  const folder = path.join(dir, "migrations");
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
  const upTo = journal.entries.findIndex((e: { tag: string }) => e.tag === BEFORE_THE_MOVE);
  journal.entries = journal.entries.slice(0, upTo + 1);
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
  const file = path.join(dir, "old.db");
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.exec(`INSERT INTO projects (id, name, client_organisation, deliverable_language, start_date, pack_id, pack_version) VALUES (1, 'P', 'C', 'en', '2026-01-01', 'crm-implementation', '1.0.0'), (2, 'Q', 'C', 'fa', '2026-01-01', 'crm-implementation', '1.0.0')`);
  const answer = sqlite.prepare("INSERT INTO answers (project_id, item_id, value, updated_by) VALUES (?, ?, ?, ?)");
  const row = sqlite.prepare("INSERT INTO register_rows (project_id, item_id, position, cells, updated_by) VALUES (?, ?, ?, ?, ?)");
  const task = JSON.stringify({ owner: "Margaret Ellis", dueDate: "2026-03-02", status: "done", evidence: "Named below." });
  answer.run(1, "deployment.task-co-owners", task, "Margaret Ellis");
  answer.run(1, "deployment.co-owners", JSON.stringify("Tom Becker (Head of Customer Service) and Amira Shah"), "Margaret Ellis");
  answer.run(1, "deployment.task-champions", task, "Tom Becker");
  answer.run(1, "vision.why-crm", JSON.stringify("To keep customers."), "Margaret Ellis");
  row.run(1, "deployment.champions", 0, JSON.stringify({ name: "Chloe Brennan", unit: "Service", covers: "Agents", wave: "1", contribution: "Reviewed prototypes." }), "Tom Becker");
  row.run(1, "deployment.champions", 1, JSON.stringify({ name: "Marcus Hale", unit: "Service", covers: "Agents", wave: "1", contribution: "" }), "Tom Becker");
  // A project whose co-owner answer is blank gets no empty row.
  answer.run(2, "deployment.co-owners", JSON.stringify("  "), "x");
  sqlite.close();
  return file;
}

describe("migration 0005: co-owners and champions move to team formation", () => {
  test("answers and rows of the moved items are kept under the new ids; the free-text co-owners become a row", () => {
    const db = openDatabase(databaseBeforeTheMove());
    const answers = db.$client.prepare("SELECT project_id AS p, item_id AS id, value FROM answers ORDER BY project_id, item_id").all() as Array<{ p: number; id: string; value: string }>;
    expect(answers.map((a) => `${a.p} ${a.id}`)).toEqual(["1 team.task-champions", "1 team.task-co-owners", "1 vision.why-crm"]);
    expect(JSON.parse(answers.find((a) => a.id === "team.task-co-owners")!.value).evidence).toBe("Named below.");
    const rows = db.$client.prepare("SELECT project_id AS p, item_id AS id, position, cells FROM register_rows ORDER BY project_id, item_id, position").all() as Array<{ p: number; id: string; position: number; cells: string }>;
    expect(rows.map((r) => `${r.p} ${r.id} ${JSON.parse(r.cells).name}`)).toEqual([
      "1 team.champions Chloe Brennan",
      "1 team.champions Marcus Hale",
      "1 team.co-owners Tom Becker (Head of Customer Service) and Amira Shah",
    ]);
    expect(JSON.parse(rows[0]!.cells)).toEqual({ name: "Chloe Brennan", unit: "Service", covers: "Agents", wave: "1", contribution: "Reviewed prototypes." });
    db.$client.close();
  });

  test("the migration moves exactly the items of the renamed-items table", () => {
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, fs.readdirSync(MIGRATIONS_DIR).find((f) => f.includes("moved-ownership-items"))!), "utf8");
    for (const r of RENAMED_ITEMS["crm-implementation"]!) {
      expect(sql, r.from).toContain(`'${r.from}'`);
      expect(sql, r.to).toContain(`'${r.to}'`);
    }
  });
});
