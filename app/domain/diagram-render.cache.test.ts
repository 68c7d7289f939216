/**
 * Every distinct definition drawn leaves an entry in the diagram cache. A
 * member who keeps editing a diagram (or a script that does) must not be able
 * to fill the disk or the server's memory with them: both caches are bounded
 * and forget the least recently used entries first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDiagramRenderer, findChromium } from "./diagram-render.server.ts";

const hasChromium = Boolean(findChromium());
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-cache-"));
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

const LIMIT = { entries: 4, bytes: 400_000 };
const definition = (i: number) => `flowchart LR\n  a${i}["step ${i}"] --> b${i}["next"]`;
function usage() {
  const files = fs.readdirSync(cacheDir);
  return { entries: files.filter((f) => f.endsWith(".json")).length, bytes: files.reduce((sum, f) => sum + fs.statSync(path.join(cacheDir, f)).size, 0), files };
}

describe("the diagram caches are bounded", () => {
  it.skipIf(!hasChromium)("the folder on disk keeps at most its entries and bytes, forgetting the least recently used first", async () => {
    const renderer = createDiagramRenderer({ cacheDir, cacheMaxEntries: LIMIT.entries, cacheMaxBytes: LIMIT.bytes, memoryEntries: 2 });
    try {
      for (let i = 0; i < 4; i++) expect((await renderer.render(definition(i))).ok).toBe(true);
      // Diagram 0 is used again: it is now the most recently used.
      expect(await renderer.render(definition(0))).toMatchObject({ ok: true, cached: true });
      for (let i = 4; i < 12; i++) {
        expect((await renderer.render(definition(i))).ok).toBe(true);
        const u = usage();
        expect(u.entries).toBeLessThanOrEqual(LIMIT.entries);
        expect(u.bytes).toBeLessThanOrEqual(LIMIT.bytes);
        if (i === 4) {
          // The oldest unused (1) went, not the one used again (0).
          const again = createDiagramRenderer({ cacheDir, chromiumPath: "/nonexistent/chromium" });
          expect(await again.render(definition(0))).toMatchObject({ ok: true, cached: true });
          expect(await again.render(definition(1))).toMatchObject({ ok: false, reason: "unavailable" });
        }
      }
      expect(usage().files.every((f) => /^[0-9a-f]{64}\.(svg|png|json)$/.test(f))).toBe(true);
      // Memory: at most its entries, whatever was drawn.
      expect(renderer.stats().memoryEntries).toBeLessThanOrEqual(2);
    } finally {
      await renderer.close();
    }
  }, 120_000);

  it.skipIf(!hasChromium)("memory holds at most its bytes, and a folder filled by an earlier, unbounded version is trimmed on the next drawing", async () => {
    // 30 entries of 50 kB each, as an older version would have left them.
    for (let i = 0; i < 30; i++) {
      const key = i.toString(16).padStart(64, "0");
      fs.writeFileSync(path.join(cacheDir, `${key}.svg`), Buffer.alloc(25_000, 1));
      fs.writeFileSync(path.join(cacheDir, `${key}.png`), Buffer.alloc(25_000, 1));
      fs.writeFileSync(path.join(cacheDir, `${key}.json`), '{"width":1,"height":1}');
    }
    fs.writeFileSync(path.join(cacheDir, "notes.txt"), "not the cache's: left alone");
    const renderer = createDiagramRenderer({ cacheDir, cacheMaxEntries: LIMIT.entries, cacheMaxBytes: LIMIT.bytes, memoryBytes: 30_000 });
    try {
      for (let i = 20; i < 24; i++) expect((await renderer.render(definition(i))).ok).toBe(true);
      expect(renderer.stats().memoryBytes).toBeLessThanOrEqual(30_000);
      const u = usage();
      expect(u.entries).toBeLessThanOrEqual(LIMIT.entries);
      expect(u.bytes - fs.statSync(path.join(cacheDir, "notes.txt")).size).toBeLessThanOrEqual(LIMIT.bytes);
      expect(u.files).toContain("notes.txt");
    } finally {
      await renderer.close();
    }
  }, 120_000);
});
