/**
 * The production build the benchmark's server runs: made when `build/` is
 * missing or older than any source that goes into it.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const SOURCES = ["app", "db", "methodology", "templates", "public", "package.json", "vite.config.ts", "react-router.config.ts", "tsconfig.json"];
const BUILT = "build/server/index.js";

function newest(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let latest = st.mtimeMs;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".")) continue;
    latest = Math.max(latest, newest(path.join(p, e.name)));
  }
  return latest;
}

/** Why the build must be (re)made, or null when it is up to date. */
export function buildStaleness(root = process.cwd()): string | null {
  const built = path.join(root, BUILT);
  if (!fs.existsSync(built) || !fs.existsSync(path.join(root, "build/client"))) return "no production build";
  const builtAt = fs.statSync(built).mtimeMs;
  const changed = SOURCES.find((s) => newest(path.join(root, s)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

export function ensureProductionBuild(root = process.cwd()): { built: boolean; ms: number; reason: string | null } {
  const reason = buildStaleness(root);
  if (!reason) return { built: false, ms: 0, reason: null };
  console.log(`Building the production app (${reason}) …`);
  const t0 = performance.now();
  const r = spawnSync(path.join(root, "node_modules/.bin/react-router"), ["build"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`react-router build failed:\n${r.stdout}${r.stderr}`);
  return { built: true, ms: performance.now() - t0, reason };
}
