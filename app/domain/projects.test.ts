import { afterAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { findUserByEmail } from "./auth.server.ts";
import { getProject, listProjects, loadProjectData, packOf, type StoredRow } from "./projects.server.ts";
import { saveAnswer } from "./answers.server.ts";
import { openDatabase } from "#db/client.ts";
import { findItem } from "#methodology/load.ts";
import type { QuestionItem } from "#methodology/schema.ts";
import { projectProgress } from "#methodology/progress.ts";

const t = tempDatabase();
afterAll(() => t.cleanup());

describe("the portfolio list", () => {
  test("gives each project the same progress as its own page, in three queries however many projects there are", () => {
    seedDemoProject(t.db);
    seedDeliverableProject(t.db);
    seedDemoProject(t.db);
    const pm = findUserByEmail(t.db, "s.ahmadi@mehregan.example")!;
    const list = listProjects(t.db, pm.id);
    expect(list).toHaveLength(3);
    for (const entry of list) {
      const progress = projectProgress(packOf(getProject(t.db, entry.project.id)!)!, loadProjectData(t.db, entry.project.id).state);
      expect(entry.required).toBe(progress.reduce((n, p) => n + p.required, 0));
      expect(entry.requiredAnswered).toBe(progress.reduce((n, p) => n + p.requiredAnswered, 0));
      expect(entry.currentPhase?.id ?? null).toBe(progress.find((p) => p.requiredAnswered < p.required)?.phase.id ?? null);
    }
    // The project with deployment answers is further on than the bare demo.
    const answered = list.map((e) => e.requiredAnswered);
    expect(new Set(answered).size).toBeGreaterThan(1);
    const statements: string[] = [];
    const prepare = t.db.$client.prepare.bind(t.db.$client);
    t.db.$client.prepare = ((sql: string) => (statements.push(sql), prepare(sql))) as typeof t.db.$client.prepare;
    listProjects(t.db, pm.id);
    t.db.$client.prepare = prepare;
    expect(statements.length).toBeLessThanOrEqual(3);
  });
});

describe("a project's answers and rows", () => {
  test("are read again once they change, also when another connection (the export command, a second server) changed them", () => {
    const projectId = seedDemoProject(t.db);
    const pack = packOf(getProject(t.db, projectId)!)!;
    const item = findItem(pack, "vision.why-crm") as QuestionItem;
    const before = loadProjectData(t.db, projectId);
    expect(loadProjectData(t.db, projectId)).toBe(before);

    const other = openDatabase(t.file);
    try {
      const r = saveAnswer(other, { projectId, item, baseVersion: before.answers.get(item.id)?.version ?? 0, raw: "changed elsewhere" });
      expect(r.status).toBe("saved");
    } finally {
      other.$client.close();
    }
    const after = loadProjectData(t.db, projectId);
    expect(after).not.toBe(before);
    expect(after.answers.get(item.id)?.value).toBe("changed elsewhere");
    // What was handed out is never changed in place.
    expect(before.answers.get(item.id)?.value).not.toBe("changed elsewhere");
    expect(() => (before.rows.get("team.members") as StoredRow[]).push(before.rows.get("team.members")![0]!)).toThrow();
  });
});
