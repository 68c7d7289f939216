/**
 * `npm start` as a new user runs it (decision 043): it builds only when the
 * build is missing or older than its sources, and stopping it — Ctrl+C in the
 * terminal, or a signal to npm alone, as a service manager or a script sends —
 * stops the server: the port is free and nothing it started is left running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { alive, descendants, waitFor } from "#tests/setup/processes.ts";
// @ts-expect-error a plain JavaScript module shared with `npm start` (no types)
import { buildStaleness, runBuild } from "../../scripts/build-freshness.mjs";

const staleness = buildStaleness as (root?: string) => string | null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-npm-start-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

type Started = { npm: ChildProcess; port: number; output: () => string; exited: Promise<void> };

// A failed test leaves nothing running either: whatever a start left is killed after each test.
const startedGroups: number[] = [];
afterEach(() => {
  for (const pgid of startedGroups.splice(0)) {
    for (const p of descendants(pgid)) if (alive(p.pid)) process.kill(p.pid, "SIGKILL");
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

async function npmStart(name: string): Promise<Started> {
  const port = await freePort();
  const npm = spawn("npm", ["start"], {
    // Its own process group, like a terminal's foreground job: Ctrl+C is a SIGINT to the whole group.
    detached: true,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, `${name}.sqlite`), GAMBEGAM_DEMO: "off", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  startedGroups.push(npm.pid!);
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start did not get ready:\n${output}`)), 120_000);
    npm.stdout!.on("data", () => {
      if (/ready on http/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
  });
  return { npm, port, output: () => output, exited };
}

async function stopAndCheck(s: Started, how: () => void) {
  // The first page, then what npm started (the server, and the diagram browser once it is up).
  expect((await fetch(`http://127.0.0.1:${s.port}/health`)).status).toBe(200);
  expect(await waitFor(() => /Diagram browser ready|No Chromium here|could not be started/.test(s.output()), 60_000)).toBe(true);
  const started = descendants(s.npm.pid!);
  expect(started.some((p) => /server\.js|scripts\/start\.mjs/.test(p.cmd))).toBe(true);
  how();
  await s.exited;
  // Anything left is given a moment to go, as a person would wait before looking.
  await waitFor(() => !started.some((p) => alive(p.pid)), 2000);
  const left = started.filter((p) => alive(p.pid));
  for (const p of left) process.kill(p.pid, "SIGKILL");
  expect(left.map((p) => p.cmd)).toEqual([]);
  expect(await portIsFree(s.port)).toBe(true);
}

describe("npm start", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    if (staleness()) {
      const r = (await runBuild(process.cwd(), { quiet: true })) as { code: number; output: string };
      if (r.code !== 0) throw new Error(r.output);
    }
  }, 300_000);

  test("with the build up to date, starts at once without building", async () => {
    const s = await npmStart("fresh");
    expect(s.output()).toContain("The build is up to date: starting at once.");
    expect(s.output()).not.toMatch(/vite v\d|building (client|server|SSR)/i);
    await stopAndCheck(s, () => process.kill(-s.npm.pid!, "SIGINT"));
  });

  test("Ctrl+C (SIGINT to the terminal's job) stops the server: the port is free, nothing left", async () => {
    const s = await npmStart("ctrl-c");
    await stopAndCheck(s, () => process.kill(-s.npm.pid!, "SIGINT"));
  });

  test("a SIGTERM to npm alone stops the server too", async () => {
    const s = await npmStart("sigterm");
    await stopAndCheck(s, () => process.kill(s.npm.pid!, "SIGTERM"));
  });

  test("a SIGINT to npm alone stops the server too", async () => {
    const s = await npmStart("sigint");
    await stopAndCheck(s, () => process.kill(s.npm.pid!, "SIGINT"));
  });
});

describe("whether the build is up to date", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-freshness-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (file: string, at: number) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), "x");
    fs.utimesSync(path.join(root, file), at / 1000, at / 1000);
    fs.utimesSync(path.dirname(path.join(root, file)), at / 1000, at / 1000);
  };
  const t0 = Date.parse("2026-12-01T10:00:00Z");

  test("no build: it must be made", () => {
    write("app/root.tsx", t0);
    expect(staleness(root)).toBe("there is no production build yet");
  });

  test("a build newer than every source is up to date; a source edited since names itself", () => {
    for (const f of ["app/root.tsx", "package.json", "package-lock.json", "vite.config.ts"]) write(f, t0);
    write("build/client/assets/a.js", t0 + 60_000);
    write("build/server/index.js", t0 + 60_000);
    expect(staleness(root)).toBeNull();
    write("templates/blocks.ts", t0 + 120_000);
    expect(staleness(root)).toBe(`templates${path.sep}blocks.ts changed since the last build`);
  });

  test("a test file or node_modules does not go into the build; the lock file does", () => {
    fs.rmSync(path.join(root, "templates"), { recursive: true });
    write("build/server/index.js", t0 + 180_000);
    write("app/domain/x.test.ts", t0 + 240_000);
    fs.utimesSync(path.join(root, "app/domain"), t0 / 1000, t0 / 1000);
    write("app/node_modules/y.js", t0 + 240_000);
    fs.utimesSync(path.join(root, "app/node_modules"), t0 / 1000, t0 / 1000);
    fs.utimesSync(path.join(root, "app"), t0 / 1000, t0 / 1000);
    expect(staleness(root)).toBeNull();
    write("package-lock.json", t0 + 300_000);
    expect(staleness(root)).toBe("package-lock.json changed since the last build");
  });
});
