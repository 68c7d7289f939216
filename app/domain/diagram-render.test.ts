import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDiagramRenderer, findChromium, type RenderResult } from "./diagram-render.server.ts";
import { type DiagramData, roadmapGantt } from "#app/views/diagrams.ts";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import { NEXT, processMapToMermaid } from "./process-map.ts";

const hasChromium = Boolean(findChromium());
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-diagrams-"));
const renderer = createDiagramRenderer({ cacheDir });
afterAll(async () => {
  await renderer.close();
  fs.rmSync(cacheDir, { recursive: true, force: true });
});

const FLOW = 'flowchart LR\n  a["مشتری"] --> b["CRM system"]';
const pngWidth = (png: Buffer) => png.readUInt32BE(16);
function ok(r: RenderResult) {
  if (!r.ok) throw new Error(`render failed: ${r.reason}: ${r.message}`);
  return r;
}

describe("server-side diagram rendering", () => {
  it.skipIf(!hasChromium)("draws a flowchart with Persian and English labels as SVG text, with a 2x PNG", async () => {
    const r = ok(await renderer.render(FLOW));
    const svg = r.diagram.svg.toString("utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toMatch(/<text|<tspan/);
    expect(svg).toContain("مشتری");
    expect(svg).toContain("CRM");
    expect(svg).toContain("system");
    expect(svg).not.toContain("<foreignObject");
    expect(svg).toMatch(/width="\d+"/);
    expect(r.diagram.png.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(Math.abs(pngWidth(r.diagram.png) - 2 * r.diagram.width)).toBeLessThanOrEqual(4);
  });

  it.skipIf(!hasChromium)("a label's escaped quote, '#', '|' and '--' read as typed in the picture, not as entity codes (a builder-made process map, decision 042)", async () => {
    const map = { direction: "across" as const, lanes: [{ id: "l1", label: 'Sales "North"' }], steps: [
      { id: "s1", kind: "decision" as const, label: 'Order #12 "urgent"?', lane: "l1", next: NEXT, branches: [{ label: "yes -- a | b", to: "s2" }] },
      { id: "s2", kind: "step" as const, label: "Ship", lane: null, next: NEXT, branches: [] },
    ] };
    const svg = ok(await renderer.render(processMapToMermaid(map))).diagram.svg.toString("utf8");
    const text = [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]*)</g)].map((m) => m[1]).join(" ");
    expect(text).not.toMatch(/&amp;(?:quot|#\d+);|&quot;|&#\d+;/);
    expect(text).toContain('"North"');
    expect(text).toContain("#12");
    expect(text).toMatch(/\byes\s+--\s+a\s+\|\s+b\b/);
  });

  it.skipIf(!hasChromium)("a label that starts in Persian and holds Latin words reads right to left, the Latin word at its end (decision 042)", async () => {
    const svg = ok(await renderer.render('flowchart RL\n  a["پیشنهاد کالای جایگزین در CRM"] --> b["Order entered in CRM"]')).diagram.svg.toString("utf8");
    const texts = [...svg.matchAll(/<text([^>]*)>(.*?)<\/text>/gs)].map((m) => ({ attrs: m[1]!, text: m[2]!.replace(/<[^>]+>/g, "") }));
    expect(texts.find((t) => t.text.includes("پیشنهاد"))?.attrs).toMatch(/direction="rtl"/);
    expect(texts.find((t) => t.text.includes("Order"))?.attrs).not.toMatch(/direction="rtl"/);
  });

  it.skipIf(!hasChromium)("draws a Gantt chart", async () => {
    const r = ok(await renderer.render("gantt\n  dateFormat YYYY-MM-DD\n  section Phase 1\n  Customer file :p1, 2027-01-01, 2027-06-30"));
    expect(r.diagram.svg.toString("utf8")).toContain("Customer file");
  });

  it.skipIf(!hasChromium)("draws a Persian roadmap's time axis in Jalali dates, with the year where it turns", async () => {
    const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
    const rows = new Map([["goals.roadmap", [{ id: 1, cells: { name: "مرحله ۱", start: "2026-12-22", end: "2027-06-21" } }]]]) as unknown as DiagramData["rows"];
    const fa = roadmapGantt(pack, { rows }, "fa", "نقشه راه");
    const svg = ok(await renderer.render(fa.definition!)).diagram.svg.toString("utf8");
    const ticks = [...svg.matchAll(/<g class="tick"[^>]*>(?:(?!<\/g>)[\s\S])*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/^\u2067|\u2069$/g, ""));
    expect(ticks.length).toBeGreaterThan(3);
    for (const t of ticks) expect(t).toMatch(/^[۰-۹]+ [\u0600-\u06FF\u200c ]+$/);
    expect(ticks[0]).toMatch(/۱۴۰۵$/);
    expect(ticks.filter((t) => /۱۴۰۶$/.test(t))).toHaveLength(1);
    expect(svg).not.toMatch(/>\d{4}-\d{2}-\d{2}</);
  });

  it.skipIf(!hasChromium)("serves a repeated diagram from the cache without drawing it again", async () => {
    const before = renderer.stats().renders;
    const r = ok(await renderer.render(FLOW));
    expect(r.cached).toBe(true);
    expect(renderer.stats().renders).toBe(before);
  });

  it.skipIf(!hasChromium)("reads the disk cache without a browser; a new diagram then is 'unavailable'", async () => {
    const offline = createDiagramRenderer({ cacheDir, chromiumPath: "/nonexistent/chromium" });
    expect(offline.available()).toBe(false);
    expect(ok(await offline.render(FLOW)).cached).toBe(true);
    const r = await offline.render("flowchart LR\n  x --> y");
    expect(r).toMatchObject({ ok: false, reason: "unavailable" });
  });

  it.skipIf(!hasChromium)("reports an invalid definition and keeps working", async () => {
    expect(await renderer.render("flowchart LR\n  a -->")).toMatchObject({ ok: false, reason: "invalid" });
    ok(await renderer.render("flowchart TB\n  one --> two"));
  });

  it.skipIf(!hasChromium)("draws several diagrams at once with one browser", async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => renderer.render(`flowchart LR\n  n${i}["node ${i}"] --> m${i}`)));
    for (const r of results) ok(r);
    expect(renderer.stats().launches).toBe(1);
  });
});
