import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { setPacksForTesting } from "#methodology/registry.ts";
import { findItem } from "#methodology/load.ts";
import type { ChecklistItem, QuestionItem, RegisterItem } from "#methodology/schema.ts";
import { addRow, deleteRow, saveAnswer, updateRow } from "#app/domain/answers.server.ts";
import { createProject, loadProjectData } from "#app/domain/projects.server.ts";
import { isItemAnswered, projectProgress } from "#methodology/progress.ts";
import { openDatabase } from "./client.ts";

// The firm's own pack from the test fixtures: the storage works for any method, not just the built-in one.
const registry = setPacksForTesting([path.resolve("tests/fixtures/packs")]);
const pack = registry.get("firm-quickstart", "2.1.0")!;
const sponsor = findItem(pack, "discovery.sponsor") as QuestionItem;
const budget = findItem(pack, "discovery.budget") as QuestionItem;
const objectives = findItem(pack, "discovery.objectives") as RegisterItem;
const kickoff = findItem(pack, "delivery.kickoff") as ChecklistItem;

let t: ReturnType<typeof tempDatabase>;
let projectId: number;
beforeAll(() => {
  t = tempDatabase();
  projectId = createProject(t.db, {
    name: "Test",
    clientOrganisation: "Client",
    deliverableLanguage: "en",
    startDate: "2026-11-23",
    pack: "firm-quickstart@2.1.0",
    description: "",
  }).id;
});
afterAll(() => t.cleanup());

describe("the database file", () => {
  test("runs in WAL mode with foreign keys, full sync and a busy timeout", () => {
    const c = t.db.$client;
    expect(c.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(c.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(c.pragma("synchronous", { simple: true })).toBe(2);
    expect(Number(c.pragma("busy_timeout", { simple: true }))).toBeGreaterThan(0);
  });

  test("a project pins the pack id and version it started with", () => {
    const row = t.db.$client.prepare("select pack_id, pack_version from projects where id = ?").get(projectId);
    expect(row).toEqual({ pack_id: "firm-quickstart", pack_version: "2.1.0" });
  });
});

describe("answers carry a version; a stale save is refused, never applied", () => {
  test("first save creates version 1, the next one version 2", () => {
    const a = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 0, raw: "Dr. Rahimi" });
    expect(a).toMatchObject({ status: "saved", version: 1, value: "Dr. Rahimi" });
    const b = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 1, raw: "Dr. Rahimi (CEO)" });
    expect(b).toMatchObject({ status: "saved", version: 2 });
  });

  test("a save based on version 1 after version 2 exists returns both values and changes nothing", () => {
    const r = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 1, raw: "Someone else" });
    expect(r.status).toBe("conflict");
    if (r.status !== "conflict") return;
    expect(r.conflict).toMatchObject({ theirs: "Dr. Rahimi (CEO)", theirsVersion: 2, yours: "Someone else" });
    expect(loadProjectData(t.db, projectId).answers.get(sponsor.id)).toMatchObject({ value: "Dr. Rahimi (CEO)", version: 2 });
  });

  test("saving the value already stored does not create a new version (autosave repeats are harmless)", () => {
    const r = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 1, raw: "Dr. Rahimi (CEO)" });
    expect(r).toMatchObject({ status: "saved", version: 2 });
  });

  test("a second connection (another server process) sees the same versions", () => {
    const other = openDatabase(t.file);
    try {
      const r = saveAnswer(other, { projectId, item: sponsor, baseVersion: 2, raw: "From the tablet" });
      expect(r).toMatchObject({ status: "saved", version: 3 });
      const stale = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 2, raw: "From the laptop" });
      expect(stale.status).toBe("conflict");
    } finally {
      other.$client.close();
    }
  });

  test("invalid values are refused before anything is written", () => {
    const r = saveAnswer(t.db, { projectId, item: budget, baseVersion: 0, raw: "-5" });
    expect(r).toEqual({ status: "invalid", errors: { value: 'validation.tooSmall|{"min":0}' } });
    expect(loadProjectData(t.db, projectId).answers.has(budget.id)).toBe(false);
    const long = saveAnswer(t.db, { projectId, item: sponsor, baseVersion: 3, raw: "x".repeat(121) });
    expect(long.status).toBe("invalid");
  });

  test("an empty number (also date or choice) is saved as no answer: first as an empty field, then clearing a value, each a new version", () => {
    const empty = saveAnswer(t.db, { projectId, item: budget, baseVersion: 0, raw: "" });
    expect(empty).toMatchObject({ status: "saved", version: 1, value: null });
    expect(saveAnswer(t.db, { projectId, item: budget, baseVersion: 1, raw: "1200" })).toMatchObject({ status: "saved", version: 2, value: 1200 });
    const cleared = saveAnswer(t.db, { projectId, item: budget, baseVersion: 2, raw: "" });
    expect(cleared).toMatchObject({ status: "saved", version: 3, value: null });
    expect(loadProjectData(t.db, projectId).answers.get(budget.id)).toMatchObject({ value: null, version: 3 });
    expect(isItemAnswered(budget, loadProjectData(t.db, projectId).state)).toBe(false);
  });

  test("checklist tasks store owner, due date, status and evidence", () => {
    const r = saveAnswer(t.db, { projectId, item: kickoff, baseVersion: 0, raw: { owner: "Sara", dueDate: "1405/09/10", status: "done", evidence: "Minutes #1" } });
    expect(r).toMatchObject({ status: "saved", value: { owner: "Sara", dueDate: "2026-12-01", status: "done", evidence: "Minutes #1" } });
  });
});

describe("register rows", () => {
  test("rows are added, updated with a version check, and deleted only when unchanged", () => {
    const a = addRow(t.db, { projectId, item: objectives, raw: { objective: "Reduce churn", urgency: "now" } });
    expect(a.status).toBe("saved");
    const rowId = a.status === "saved" ? a.rowId! : 0;
    const u = updateRow(t.db, { projectId, item: objectives, rowId, baseVersion: 1, raw: { objective: "Reduce churn by 5%", urgency: "now" } });
    expect(u).toMatchObject({ status: "saved", version: 2 });
    const stale = updateRow(t.db, { projectId, item: objectives, rowId, baseVersion: 1, raw: { objective: "Other", urgency: "later" } });
    expect(stale).toMatchObject({ status: "conflict", conflict: { theirsVersion: 2, theirs: { objective: "Reduce churn by 5%" } } });
    expect(deleteRow(t.db, { projectId, item: objectives, rowId, baseVersion: 1 }).status).toBe("conflict");
    expect(deleteRow(t.db, { projectId, item: objectives, rowId, baseVersion: 2 }).status).toBe("deleted");
    const gone = updateRow(t.db, { projectId, item: objectives, rowId, baseVersion: 2, raw: { objective: "Typed after delete", urgency: "" } });
    expect(gone).toMatchObject({ status: "conflict", conflict: { deleted: true, yours: { objective: "Typed after delete" } } });
  });

  test("a row missing its required column is refused on that column", () => {
    expect(addRow(t.db, { projectId, item: objectives, raw: { objective: "", urgency: "now" } })).toEqual({ status: "invalid", errors: { objective: "validation.required" } });
  });

  test("progress counts a register as answered once it has its minimum rows", () => {
    const before = projectProgress(pack, loadProjectData(t.db, projectId).state)[0]!;
    addRow(t.db, { projectId, item: objectives, raw: { objective: "One" } });
    addRow(t.db, { projectId, item: objectives, raw: { objective: "Two" } });
    const after = projectProgress(pack, loadProjectData(t.db, projectId).state)[0]!;
    expect(before.missing.map((m) => m.item.id)).toContain("discovery.objectives");
    expect(after.missing.map((m) => m.item.id)).not.toContain("discovery.objectives");
    expect(after.requiredAnswered).toBe(after.required);
  });
});
