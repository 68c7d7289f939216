/**
 * A fresh clone's `npm install` must leave package-lock.json as committed
 * (decision 043). It did not when the lock had been written by an install that
 * left out other platforms' optional builds (rollup's, esbuild's…): npm put
 * them back, 345 lines, on every fresh clone.
 */
import fs from "node:fs";
import { describe, expect, test } from "vitest";

type LockEntry = { version?: string; optionalDependencies?: Record<string, string>; dependencies?: Record<string, string>; resolved?: string; libc?: string[] };
type Lock = { lockfileVersion: number; packages: Record<string, LockEntry> };

/** Where npm looks for `name` needed by the package at `from`: its own node_modules, then each parent's. */
function resolves(lock: Lock, from: string, name: string): boolean {
  let base = from;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ""}node_modules/${name}`]) return true;
    if (!base) return false;
    const at = base.lastIndexOf("/node_modules/");
    base = at < 0 ? "" : base.slice(0, at);
  }
}

/** Every optional dependency of every package in the lock that the lock has no entry for. */
export function missingOptionalBuilds(lock: Lock): string[] {
  const missing: string[] = [];
  for (const [where, entry] of Object.entries(lock.packages)) {
    for (const name of Object.keys(entry.optionalDependencies ?? {})) if (!resolves(lock, where, name)) missing.push(`${where || "(root)"} → ${name}`);
  }
  return missing;
}

describe("package-lock.json", () => {
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as Lock;

  test("lists every platform's optional build, so npm install on a fresh clone has nothing to add", () => {
    expect(missingOptionalBuilds(lock)).toEqual([]);
  });

  test("is npm's lockfile version 3 and names no registry (project .npmrc: omit-lockfile-registry-resolved)", () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(Object.values(lock.packages).filter((p) => p.resolved?.startsWith("http"))).toEqual([]);
    expect(fs.readFileSync(".npmrc", "utf8")).toMatch(/^omit-lockfile-registry-resolved=true$/m);
  });

  test("keeps the libc of the Linux builds that npm 11 writes (npm 10 would remove them: package.json asks for npm 11)", () => {
    expect(Object.values(lock.packages).filter((p) => p.libc).length).toBeGreaterThan(0);
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { engines: Record<string, string> };
    expect(pkg.engines.npm).toBe(">=11");
  });
});
