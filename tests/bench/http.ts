/**
 * The production server under load: `node server.js` on the large project's
 * database, started as a child process; start-up time, resident memory, and
 * autocannon runs against the bare route and the heavy pages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import type { Pack } from "../../methodology/schema.ts";
import { DEMO_PASSWORD } from "../../db/seed-demo.ts";

/** What a browser sends, so compression is part of what is measured. */
const BROWSER_HEADERS = { "accept-encoding": "gzip, deflate, br", accept: "text/html" };

/**
 * What a hard reload sends: the page is rendered afresh, not sent from the page
 * memo (decision 014). Used to find the page that costs most to make, and to
 * measure pages as they are the first time after a change.
 */
export const FRESH = { "cache-control": "no-cache" } as const;

export type Server = {
  url: string;
  pid: number;
  /** spawn → the "ready on" line. */
  readyMs: number;
  /** spawn → the first 200 response (the bare route). */
  firstOkMs: number;
  rssMiB: () => number;
  output: () => string;
  stop: () => Promise<void>;
};

export async function startProductionServer(databasePath: string, barePath: string): Promise<Server> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, GAMBEGAM_DEMO: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const { url, readyMs } = await new Promise<{ url: string; readyMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    child.stdout!.on("data", () => {
      const m = output.match(/ready on (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!.replace("localhost", "127.0.0.1"), readyMs: performance.now() - t0 });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  const first = await fetch(url + barePath);
  await first.arrayBuffer();
  if (first.status !== 200) throw new Error(`the bare route ${barePath} answered ${first.status}`);
  const firstOkMs = performance.now() - t0;
  return {
    url,
    pid: child.pid!,
    readyMs,
    firstOkMs,
    rssMiB: () => {
      const m = fs.readFileSync(`/proc/${child.pid}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
      return m ? Number(m[1]) / 1024 : Number.NaN;
    },
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.removeAllListeners("exit");
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function signIn(url: string, email: string): Promise<string> {
  const r = await fetch(`${url}/login`, { method: "POST", body: new URLSearchParams({ email, password: DEMO_PASSWORD }), redirect: "manual" });
  await r.arrayBuffer();
  const cookie = r.headers.get("set-cookie")?.split(";")[0];
  if (r.status !== 302 || !cookie?.startsWith("gambegam_session=")) throw new Error(`sign-in as ${email} failed: ${r.status}`);
  return cookie;
}

export type PageTiming = { path: string; ms: number; bytes: number };

/** One page, fetched `times` times in a row: the fastest time and the body's size (uncompressed). */
export async function timePage(url: string, path: string, cookie: string, times = 2, headers: Record<string, string> = {}): Promise<PageTiming> {
  let best = Infinity;
  let bytes = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const r = await fetch(url + path, { headers: { cookie, accept: "text/html", ...headers } });
    const body = await r.arrayBuffer();
    const ms = performance.now() - t;
    if (r.status !== 200) throw new Error(`GET ${path} answered ${r.status}`);
    best = Math.min(best, ms);
    bytes = body.byteLength;
  }
  return { path, ms: best, bytes };
}

/** One page fetched `times` times in a row: the median time. */
async function medianTime(url: string, path: string, cookie: string, times: number): Promise<PageTiming> {
  const runs: PageTiming[] = [];
  for (let i = 0; i < times; i++) runs.push(await timePage(url, path, cookie, 1, FRESH));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(times / 2)]!;
}

/**
 * Every step page of the project, slowest to render first (each request asks
 * for a fresh page, so the memo does not hide the cost). Each is timed five times
 * (the median); the five slowest are timed again, 25 times each, so that a
 * garbage collection during one request does not pick the page.
 */
export async function surveyStepPages(url: string, cookie: string, projectId: number, pack: Pack): Promise<PageTiming[]> {
  const paths = pack.phases.flatMap((p) => p.steps.map((s) => `/projects/${projectId}/phases/${p.id}/steps/${s.id}`));
  const first: PageTiming[] = [];
  for (const p of paths) first.push(await medianTime(url, p, cookie, 5));
  first.sort((a, b) => b.ms - a.ms);
  const again: PageTiming[] = [];
  for (const p of first.slice(0, 5)) again.push(await medianTime(url, p.path, cookie, 25));
  return [...again.sort((a, b) => b.ms - a.ms), ...first.slice(5)];
}

export type LoadResult = { path: string; rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; timeouts: number; bytesPerResponse: number };

export const LOAD = { connections: 50, seconds: 10 } as const;

/**
 * How the server made the page for these headers, from its Server-Timing
 * header: "rendered", "memo-data" or "memo-request" (app/page-memo.server.ts).
 * Asked twice, so that the answer is the one a repeated request gets.
 */
export async function pageSource(url: string, path: string, cookie: string, headers: Record<string, string> = {}): Promise<string> {
  let source = "";
  for (let i = 0; i < 2; i++) {
    const r = await fetch(url + path, { headers: { cookie, ...BROWSER_HEADERS, ...headers } });
    await r.arrayBuffer();
    source = /page;desc="([^"]+)"/.exec(r.headers.get("server-timing") ?? "")?.[1] ?? "unknown";
  }
  return source;
}

/** autocannon: LOAD.connections connections for LOAD.seconds seconds against one path. */
export async function load(url: string, path: string, cookie: string, seconds: number = LOAD.seconds, headers: Record<string, string> = {}): Promise<LoadResult> {
  const r = await autocannon({ url: url + path, connections: LOAD.connections, duration: seconds, headers: { cookie, ...BROWSER_HEADERS, ...headers } });
  const total = r.requests.total;
  return {
    path,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerResponse: total ? r.throughput.total / total : 0,
  };
}
