/**
 * The production build the benchmark's server runs: made when `build/` is
 * missing or older than any source that goes into it — the same rule as
 * `npm start` (scripts/build-freshness.mjs).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
// @ts-expect-error a plain JavaScript module shared with `npm start` (no types)
import { buildStaleness as staleness } from "../../scripts/build-freshness.mjs";

/** Why the build must be (re)made, or null when it is up to date. */
export const buildStaleness = staleness as (root?: string) => string | null;

export function ensureProductionBuild(root = process.cwd()): { built: boolean; ms: number; reason: string | null } {
  const reason = buildStaleness(root);
  if (!reason) return { built: false, ms: 0, reason: null };
  console.log(`Building the production app (${reason}) …`);
  const t0 = performance.now();
  const r = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`react-router build failed:\n${r.stdout}${r.stderr}`);
  return { built: true, ms: performance.now() - t0, reason };
}
