import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, MethodologyError, allItems, checkReferences, loadPackDir, loadPacks } from "./load.ts";
import { GOOD_PRACTICE_SOURCE } from "./schema.ts";

const fixtures = path.resolve("tests/fixtures");

describe("the built-in CRM implementation pack", () => {
  const registry = loadPacks([BUILT_IN_PACKS_DIR]);
  const pack = registry.get("crm-implementation", "1.0.0")!;

  test("has the eight phases of the design, in order: selection after the requirements, before customisation", () => {
    expect(pack.phases.map((p) => p.id)).toEqual(["team", "vision", "goals", "requirements", "selection", "customisation", "deployment", "review"]);
  });

  test("every item names a source document that exists in shared seeds, or says it is good practice", () => {
    const seeds = new Set(["000_74c65b5ae4899564.txt", "001_b04033163c34d6f0.txt", "002_99db6750ae937841.txt", "003_4280b644f5134a55.txt", "004_66590585499c929c.txt", GOOD_PRACTICE_SOURCE]);
    for (const { item } of allItems(pack)) expect(seeds.has(item.source), `${item.id} → ${item.source}`).toBe(true);
  });

  test("every item has Persian and English wording that differ", () => {
    for (const { item } of allItems(pack)) {
      expect(item.title.fa).toMatch(/[\u0600-\u06FF]/);
      expect(item.title.en).toMatch(/[A-Za-z]/);
      if (item.guidance) expect(item.guidance.fa).toMatch(/[\u0600-\u06FF]/);
    }
  });

  test("every phase has required items, so progress means something", () => {
    for (const phase of pack.phases) {
      const required = phase.steps.flatMap((s) => s.items).filter((i) => "required" in i && i.required);
      expect(required.length, phase.id).toBeGreaterThan(0);
    }
  });

  test("offers all four item kinds the walkthrough needs, and all question types", () => {
    const items = allItems(pack).map((x) => x.item);
    const kinds = new Set(items.map((i) => i.kind));
    for (const k of ["question", "checklist", "register", "diagram", "info"]) expect(kinds).toContain(k);
    const types = new Set(items.flatMap((i) => (i.kind === "question" ? [i.answer.type] : [])));
    for (const t of ["short-text", "long-text", "choice", "scale", "date", "number"]) expect(types).toContain(t);
  });

  test("the team register offers the six recommended roles", () => {
    expect(pack.team?.roles.map((r) => r.id)).toEqual([
      "executive-sponsor",
      "project-manager",
      "crm-technology-manager",
      "marketing-sales-service",
      "production-technical",
      "hr-support",
    ]);
  });

  test("the process maps of requirements analysis are diagrams with starter templates", () => {
    const diagrams = allItems(pack).filter((x) => x.item.kind === "diagram" && x.phase.id === "requirements");
    expect(diagrams.map((d) => d.item.id)).toEqual(expect.arrayContaining(["requirements.current-process-map", "requirements.future-process-map"]));
  });
});

describe("a firm's own pack", () => {
  test("loads beside the built-in one without code changes", () => {
    const registry = loadPacks([BUILT_IN_PACKS_DIR, path.join(fixtures, "packs")]);
    expect(registry.latest().map((p) => p.id)).toEqual(["crm-implementation", "firm-quickstart"]);
    const firm = registry.get("firm-quickstart", "2.1.0")!;
    expect(firm.phases.map((p) => p.id)).toEqual(["discovery", "delivery"]);
  });
});

describe("a bad definition stops loading with a message naming the item", () => {
  test("missing Persian wording", () => {
    expect(() => loadPackDir(path.join(fixtures, "bad-packs/missing-persian"))).toThrowError(/'one\.no-persian'.*title\.fa.*Persian text \(fa\) is empty/s);
  });

  test("a source that the pack does not list", () => {
    expect(() => loadPackDir(path.join(fixtures, "bad-packs/unknown-source"))).toThrowError(/item 'one\.orphan': source 'not-listed\.txt'/);
  });

  test("the same item id twice", () => {
    expect(() => loadPackDir(path.join(fixtures, "bad-packs/duplicate-id"))).toThrowError(MethodologyError);
    expect(() => loadPackDir(path.join(fixtures, "bad-packs/duplicate-id"))).toThrowError(/item id 'one\.twice' is used twice/);
  });

  test("a suggested row whose words are in one language only, or that is not a valid row", () => {
    const load = () => loadPackDir(path.join(fixtures, "bad-packs/suggestion-words"));
    expect(load).toThrowError(/item 'one\.risks': suggestion 2: the words in column 'risk' need a Persian and an English version/);
    expect(load).toThrowError(/item 'one\.risks': suggestion 3: column 'level' holds an option id, not words in two languages/);
    expect(load).toThrowError(/item 'one\.risks': suggestion 4 is not a valid row in fa: level/);
    expect(load).not.toThrowError(/suggestion 1\b/);
  });

  test("a folder with no pack", () => {
    expect(() => loadPacks([path.join(fixtures, "no-such-folder")])).toThrowError(/methodology folder not found/);
  });
});

describe("the customers' voice is data the pack checks", () => {
  /** The built-in pack copied to a temporary folder, with one file changed. */
  function builtInWith(file: string, change: (text: string) => string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-"));
    const src = path.join(BUILT_IN_PACKS_DIR, "crm-implementation", "1.0.0");
    fs.cpSync(src, dir, { recursive: true });
    const target = path.join(dir, file);
    fs.writeFileSync(target, change(fs.readFileSync(target, "utf8")));
    return dir;
  }

  test("the pack names its customer-research register, and research informs answers by item ids", () => {
    const pack = loadPackDir(path.join(BUILT_IN_PACKS_DIR, "crm-implementation", "1.0.0"));
    expect(pack.planning?.customerResearch).toBe("vision.customer-research");
  });

  test("an answer the research informs that is not an item of the pack stops loading, naming it", () => {
    const dir = builtInWith("phases/02-vision.yaml", (t) => t.replace("- id: vision.value-proposition\n                label:", "- id: vision.no-such-answer\n                label:"));
    expect(() => loadPackDir(dir)).toThrowError(/customer research informs 'vision\.no-such-answer', which is not an answerable item/);
  });

  test("business co-owners and champions are named when the team is formed, not at deployment", () => {
    const pack = loadPackDir(path.join(BUILT_IN_PACKS_DIR, "crm-implementation", "1.0.0"));
    const where = (id: string) => allItems(pack).find((x) => x.item.id === id)?.phase.id;
    for (const id of ["team.task-co-owners", "team.co-owners", "team.task-champions", "team.champions"]) expect(where(id), id).toBe("team");
    for (const id of ["deployment.task-co-owners", "deployment.co-owners", "deployment.task-champions", "deployment.champions"]) expect(where(id), id).toBeUndefined();
    expect(where("customisation.design-sessions")).toBe("customisation");
    expect(pack.changeManagement?.sections).toEqual(expect.arrayContaining(["team.co-owners", "team.champions"]));
  });
});

describe("the selection block is checked against the items it names", () => {
  const built = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
  const broken = (change: (sel: NonNullable<typeof built.selection>) => void) => {
    const copy = structuredClone(built);
    change(copy.selection!);
    return () => checkReferences(copy, "test");
  };

  test("names the selection items and the evaluation's defaults (good practice)", () => {
    expect(built.selection).toMatchObject({ source: GOOD_PRACTICE_SOURCE, candidates: "selection.candidates", vendorResponses: "selection.vendor-responses", sensitivityStep: 10 });
    expect(built.selection!.defaultWeights).toEqual({ fit: 40, demo: 25, cost: 15, references: 10, partner: 10 });
  });

  test("a fit level without a score, a priority without a weight, a register that is not one, a knock-out level that does not exist", () => {
    expect(broken((s) => delete (s.fitScores as Record<string, number>)["third-party"])).toThrowError(/fitScores has no score for the fit level 'third-party'/);
    expect(broken((s) => delete (s.priorityWeights as Record<string, number>).could)).toThrowError(/priorityWeights has no weight for the priority 'could'/);
    expect(broken((s) => (s.demoScores = "selection.purpose"))).toThrowError(/selection: 'selection.purpose' is not a register item/);
    expect(broken((s) => (s.knockOut.fit = "maybe"))).toThrowError(/knockOut fit 'maybe' is not a fit level/);
    expect(broken((s) => (s.costPeriod = "selection.decision-date"))).toThrowError(/'selection.decision-date' must be a question answered by number/);
  });
});

describe("which columns a register's table shows (decision 048)", () => {
  const built = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
  const registers = () => allItems(built).flatMap((x) => (x.item.kind === "register" ? [x.item] : []));
  const broken = (id: string, change: (columns: { tableColumns?: string[] }) => void) => {
    const copy = structuredClone(built);
    const reg = allItems(copy).find((x) => x.item.id === id)!.item as { tableColumns?: string[] };
    change(reg);
    return () => checkReferences(copy, "test");
  };

  test("the goals register shows the goal, its indicator, baseline, target, priority and stage", () => {
    const goals = registers().find((r) => r.id === "goals.register")!;
    expect(goals.tableColumns).toEqual(["goal", "kpi", "baseline", "target", "priority", "stage"]);
  });

  test("every register of the pack says which columns its table shows, each a column of its own", () => {
    for (const reg of registers()) {
      expect(reg.tableColumns, reg.id).toBeDefined();
      const ids = reg.columns.map((c) => c.id);
      for (const c of reg.tableColumns!) expect(ids, `${reg.id}: ${c}`).toContain(c);
    }
  });

  test("an unknown column, a column named twice, or a wide register without the list is refused when the pack loads", () => {
    expect(broken("goals.register", (r) => (r.tableColumns = ["goal", "nonsense"]))).toThrowError(/item 'goals.register': tableColumns names 'nonsense', which is not one of its columns/);
    expect(broken("goals.register", (r) => (r.tableColumns = ["goal", "goal"]))).toThrowError(/item 'goals.register': tableColumns names 'goal' twice/);
    expect(broken("goals.register", (r) => delete r.tableColumns)).toThrowError(/item 'goals.register' has 12 columns: say which its table shows \(tableColumns\)/);
    // Four columns or fewer: the table shows them all unless the pack says otherwise.
    expect(broken("team.unit-involvement", (r) => delete r.tableColumns)).not.toThrow();
  });
});
