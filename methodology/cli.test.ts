import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, allItems, loadPacks } from "./load.ts";

const tsx = path.resolve("node_modules/.bin/tsx");

describe("npm run methodology", () => {
  test("--json prints every phase, step and item with id, kind, Persian and English text and source", () => {
    const r = spawnSync(tsx, ["methodology/cli.ts", "--json"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { packs: Array<{ id: string; phases: Array<{ id: string; steps: Array<{ items: Array<Record<string, unknown>> }> }> }> };
    const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
    const printed = out.packs.find((p) => p.id === "crm-implementation")!;
    expect(printed.phases.map((p) => p.id)).toEqual(pack.phases.map((p) => p.id));
    const items = printed.phases.flatMap((p) => p.steps.flatMap((s) => s.items));
    expect(items.map((i) => i.id)).toEqual(allItems(pack).map((x) => x.item.id));
    for (const i of items) {
      expect(i).toEqual(expect.objectContaining({ id: expect.any(String), kind: expect.any(String), fa: expect.any(String), en: expect.any(String), source: expect.stringMatching(/\.txt$|^good-practice$/) }));
    }
  });

  test("names the bad item and exits 1 when a pack is invalid", () => {
    const r = spawnSync(tsx, ["methodology/cli.ts", "--dir", "tests/fixtures/bad-packs/unknown-source"], { encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("item 'one.orphan'");
  });
});
