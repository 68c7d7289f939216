import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { loadProjectData, listProjects, getProject, packOf } from "#app/domain/projects.server.ts";
import { teamCoverage } from "#app/domain/team.server.ts";
import { projectProgress } from "#methodology/progress.ts";
import { seedDemoIfEmpty } from "./seed-demo.ts";

let t: ReturnType<typeof tempDatabase>;
beforeAll(() => {
  t = tempDatabase();
});
afterAll(() => t.cleanup());

describe("the demo project", () => {
  test("is created on a fresh database, once", () => {
    const id = seedDemoIfEmpty(t.db);
    expect(id).toBe(1);
    expect(seedDemoIfEmpty(t.db)).toBeNull();
    expect(listProjects(t.db, 1)).toHaveLength(1);
  });

  test("is part-way through the method: some phases complete, some started, some untouched", () => {
    const project = getProject(t.db, 1)!;
    const progress = projectProgress(packOf(project)!, loadProjectData(t.db, 1).state);
    const state = (id: string) => {
      const p = progress.find((x) => x.phase.id === id)!;
      return p.requiredAnswered === p.required ? "complete" : p.requiredAnswered > 0 ? "started" : "untouched";
    };
    expect(state("vision")).toBe("complete");
    expect(state("team")).toBe("started");
    expect(state("goals")).toBe("started");
    expect(state("requirements")).toBe("started");
    expect(state("review")).toBe("untouched");
  });

  test("has a team with two of the six recommended roles still empty", () => {
    const project = getProject(t.db, 1)!;
    const coverage = teamCoverage(packOf(project)!, loadProjectData(t.db, 1))!;
    expect(coverage.unfilled).toBe(2);
    expect(coverage.roles.filter((r) => r.members.length === 0).map((r) => r.role.id)).toEqual(["production-technical", "hr-support"]);
  });

  test("links requirements to the goals they serve", () => {
    const data = loadProjectData(t.db, 1);
    const goalIds = new Set(data.rows.get("goals.register")!.map((r) => r.id));
    const reqs = data.rows.get("requirements.register")!;
    expect(reqs.length).toBeGreaterThan(0);
    for (const r of reqs) expect(goalIds.has(Number(r.cells.goal))).toBe(true);
  });
});
