/**
 * Every Word deliverable of the large project, in Persian and English: each
 * pair in a fresh process (so "cold" is really the first export a server
 * would make), then warm. One after another, never in parallel.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableDeliverables } from "../../app/domain/deliverables.server.ts";
import { findChromium } from "../../app/domain/diagram-render.server.ts";
import type { Pack } from "../../methodology/schema.ts";

export type ExportTiming = { id: string; lang: "fa" | "en"; coldMs: number; warmMs: number; bytes: number; diagrams: { renders: number; cacheHits: number; launches: number } | null };

export const WARM_RUNS = 3;

function runChild(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const tsx = path.resolve("node_modules/.bin/tsx");
    const child = spawn(tsx, [path.resolve("tests/bench/export-child.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`export of ${args.slice(2, 4).join(" ")} failed (${code}):\n${err}`))));
  });
}

export async function benchExports(databasePath: string, projectId: number, pack: Pack): Promise<{ rasterised: boolean; timings: ExportTiming[] }> {
  const rasterised = Boolean(findChromium());
  const timings: ExportTiming[] = [];
  for (const def of availableDeliverables(pack)) {
    for (const lang of ["fa", "en"] as const) {
      const cacheDir = rasterised ? fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-bench-diagrams-")) : "-";
      try {
        const line = (await runChild([databasePath, String(projectId), def.id, lang, cacheDir, String(WARM_RUNS)])).trim().split("\n").at(-1)!;
        const r = JSON.parse(line) as { coldMs: number; warmMs: number[]; bytes: number; diagrams: ExportTiming["diagrams"] };
        timings.push({ id: def.id, lang, coldMs: r.coldMs, warmMs: r.warmMs.reduce((a, b) => a + b, 0) / r.warmMs.length, bytes: r.bytes, diagrams: r.diagrams });
      } finally {
        if (cacheDir !== "-") fs.rmSync(cacheDir, { recursive: true, force: true });
      }
    }
  }
  return { rasterised, timings };
}
