import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { loadProjectData, getProject, packOf } from "#app/domain/projects.server.ts";
import { teamCoverage } from "#app/domain/team.server.ts";
import { projectProgress } from "#methodology/progress.ts";
import { DEMO_USERS, seedDemoIfEmpty } from "./seed-demo.ts";
import { demoAccounts } from "#app/domain/demo-accounts.server.ts";
import { gateView, projectGates } from "#app/domain/signoff.server.ts";

let t: ReturnType<typeof tempDatabase>;
beforeAll(() => {
  t = tempDatabase();
});
afterAll(() => t.cleanup());

describe("the demo projects", () => {
  test("are created on a fresh database, once: Mehregan in Persian and Alder & Finch in English", () => {
    const id = seedDemoIfEmpty(t.db);
    expect(id).toBe(1);
    expect(seedDemoIfEmpty(t.db)).toBeNull();
    const all = [getProject(t.db, 1)!, getProject(t.db, 2)!].map((p) => [p.name, p.deliverableLanguage, p.isDemo]);
    expect(all).toEqual([
      ["پیاده‌سازی CRM مهرگان", "fa", true],
      ["Alder & Finch CRM programme", "en", true],
    ]);
    expect(getProject(t.db, 3)).toBeFalsy();
  });

  test("list each engagement's own people as demo accounts, with its project, Mehregan's first", () => {
    const accounts = demoAccounts(t.db, true);
    expect([...new Set(accounts.map((a) => a.project))]).toEqual(["پیاده‌سازی CRM مهرگان", "Alder & Finch CRM programme"]);
    const emails = accounts.map((a) => a.email);
    expect(emails.slice(0, 5)).toEqual(DEMO_USERS.map((u) => u.email));
    expect(emails.slice(5)).toEqual(["d.osei@alderfinch.example", "h.cole@harbourline.example", "m.ellis@alderfinch.example", "p.raman@alderfinch.example", "t.becker@alderfinch.example", "j.whitfield@alderfinch.example"]);
  });

  test("is part-way through the method: some phases complete, some started, some untouched", () => {
    const project = getProject(t.db, 1)!;
    const progress = projectProgress(packOf(project)!, loadProjectData(t.db, 1).state);
    const state = (id: string) => {
      const p = progress.find((x) => x.phase.id === id)!;
      return p.requiredAnswered === p.required ? "complete" : p.requiredAnswered > 0 ? "started" : "untouched";
    };
    expect(state("vision")).toBe("complete");
    expect(state("team")).toBe("complete");
    expect(state("goals")).toBe("started");
    expect(state("requirements")).toBe("started");
    expect(state("review")).toBe("untouched");
  });

  test("has its team and vision phases signed by the demo sponsor, with the fingerprint of the content as it is", () => {
    const project = getProject(t.db, 1)!;
    const pack = packOf(project)!;
    const data = loadProjectData(t.db, 1);
    const gates = projectGates(t.db, 1, pack);
    const signed = pack.phases.map((phase) => {
      const view = gateView(pack, phase, gates, data);
      return [phase.id, view.status, view.lastApproval?.userName ?? null, view.changedSinceSignoff, view.lastApproval?.fingerprint === view.fingerprint];
    });
    expect(signed.slice(0, 3)).toEqual([
      ["team", "signed", "فرهاد کریمی", false, true],
      ["vision", "signed", "فرهاد کریمی", false, true],
      ["goals", "open", null, false, false],
    ]);
    // The next phase can be asked for once complete: nothing earlier is left unsigned.
    expect(gateView(pack, pack.phases[2]!, gates, data).blockedBy).toEqual([]);
  });

  test("without its signatures (GAMBEGAM_DEMO_SIGNOFFS=off, for tests that edit those phases) every phase is open", () => {
    const other = tempDatabase();
    try {
      seedDemoIfEmpty(other.db, { signOffs: false });
      const pack = packOf(getProject(other.db, 1)!)!;
      expect([...projectGates(other.db, 1, pack).values()].filter((g) => g.status !== "open")).toEqual([]);
    } finally {
      other.cleanup();
    }
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
