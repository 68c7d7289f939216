import { afterAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { seedDeliverableProject } from "#tests/fixtures/deliverable-project.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { findUserByEmail } from "./auth.server.ts";
import { getProject, listProjects, loadProjectData, packOf } from "./projects.server.ts";
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
