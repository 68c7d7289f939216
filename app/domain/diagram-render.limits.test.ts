/**
 * A definition can ask for a picture of any size: hundreds of nodes in a
 * row, labels thousands of characters long. The renderer must neither hand
 * back (nor hold in memory) an unbounded PNG or SVG, nor draw for ever:
 * past its limits the diagram becomes the table with a note, as when
 * Chromium is missing.
 */
import { afterAll, describe, expect, it } from "vitest";
import { PICTURE_LIMITS, createDiagramRenderer, findChromium, type RenderResult } from "./diagram-render.server.ts";

const hasChromium = Boolean(findChromium());
// A generous deadline: on a loaded machine the refusal itself can take seconds (the deadline has its own test).
const renderer = createDiagramRenderer({ cacheDir: null, timeoutMs: 90_000 });
afterAll(() => renderer.close());

const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
/** Whatever comes back is within the limits (or is no picture at all: the table with a note). */
function expectBounded(r: RenderResult) {
  if (!r.ok) return expect(r.reason).not.toBe("unavailable");
  const { width, height } = pngSize(r.diagram.png);
  expect(width * height).toBeLessThanOrEqual(PICTURE_LIMITS.pngPixels);
  expect(Math.max(width, height)).toBeLessThanOrEqual(PICTURE_LIMITS.pngSide);
  expect(r.diagram.svg.length).toBeLessThanOrEqual(PICTURE_LIMITS.svgBytes);
}

const chain = (n: number) => `flowchart LR\n  ${Array.from({ length: n }, (_, i) => `n${i}["step number ${i} of the long process"]`).join(" --> ")}`;

describe("the size of a drawn diagram is bounded", () => {
  it.skipIf(!hasChromium)("a process map of 120 steps in a row (a picture ~36,000 px wide) falls back to the table with a note", async () => {
    const r = await renderer.render(chain(120));
    expectBounded(r);
    expect(r).toMatchObject({ ok: false, reason: "too-large" });
  }, 120_000);

  it.skipIf(!hasChromium)("400 steps (a picture ~113,000 px wide, many seconds of layout) are refused before they are laid out", async () => {
    expect(await renderer.render(chain(400))).toMatchObject({ ok: false, reason: "too-large" });
  }, 120_000);

  it.skipIf(!hasChromium)("a label of 19,000 characters, and 450 nodes under one another, are bounded too", async () => {
    expectBounded(await renderer.render(`flowchart LR\n  a["${"مشتری CRM ".repeat(1900)}"] --> b`));
    expectBounded(await renderer.render(`flowchart TB\n  root --> ${Array.from({ length: 450 }, (_, i) => `c${i}`).join(" & ")}`));
  }, 120_000);

  it.skipIf(!hasChromium)("a generated definition longer than mermaid reads is too large, not a picture of mermaid's error message", async () => {
    expect(await renderer.render(chain(2000))).toMatchObject({ ok: false, reason: "too-large" });
  });

  it.skipIf(!hasChromium)("an ordinary diagram is still drawn at twice its size", async () => {
    const r = await renderer.render(chain(5));
    if (!r.ok) throw new Error(r.message);
    expect(pngSize(r.diagram.png).width).toBeGreaterThanOrEqual(2 * r.diagram.width - 4);
  });

  it.skipIf(!hasChromium)("gives up on a drawing that takes longer than its time limit, and says so", async () => {
    const slow = createDiagramRenderer({ cacheDir: null, timeoutMs: 1 });
    try {
      expect(await slow.render(chain(300))).toMatchObject({ ok: false, reason: "failed", message: expect.stringMatching(/longer than 1 ms/) });
    } finally {
      await slow.close();
    }
  });
});
