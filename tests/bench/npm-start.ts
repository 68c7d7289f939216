/**
 * `npm start` as a person runs it, timed (decision 043): a first start on a fresh
 * database (the demo projects are created), stopped with Ctrl+C, then the second
 * start — the build up to date, the database there — from spawning npm to its
 * first page. Target: within 5 s.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Figure } from "./report.ts";

export const SECOND_START_TARGET_MS = 5000;

type Start = { readyMs: number; firstPageMs: number; built: boolean };

async function npmStart(databasePath: string): Promise<Start> {
  const t0 = performance.now();
  const npm = spawn("npm", ["start"], {
    detached: true,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, GAMBEGAM_DEMO: "on" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout!.on("data", (d) => (output += d));
  npm.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => npm.once("exit", () => resolve()));
  try {
    const { url, readyMs } = await new Promise<{ url: string; readyMs: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start was not ready within 300 s:\n${output}`)), 300_000);
      npm.stdout!.on("data", () => {
        const m = output.match(/ready on (http:\/\/localhost:\d+)/);
        if (m) {
          clearTimeout(timer);
          resolve({ url: m[1]!.replace("localhost", "127.0.0.1"), readyMs: performance.now() - t0 });
        }
      });
      void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
    });
    // The first page a person opens: the sign-in page, rendered by the app.
    const page = await fetch(`${url}/login`);
    const html = await page.text();
    if (page.status !== 200 || !html.includes("<form")) throw new Error(`the first page answered ${page.status}`);
    return { readyMs, firstPageMs: performance.now() - t0, built: !output.includes("The build is up to date") };
  } finally {
    // Ctrl+C: the whole job gets SIGINT.
    if (npm.exitCode === null) process.kill(-npm.pid!, "SIGINT");
    await exited;
  }
}

export async function benchNpmStart(dir: string): Promise<Figure[]> {
  const databasePath = path.join(dir, "npm-start.sqlite");
  const first = await npmStart(databasePath);
  const second = await npmStart(databasePath);
  if (second.built) throw new Error("bench: the second npm start built the app again");
  return [
    { key: "npmStart.first.firstPageMs", name: `npm start, first (${first.built ? "with a build" : "build up to date"}, demo created): to first page`, value: first.firstPageMs, unit: "ms" },
    { key: "npmStart.second.readyMs", name: "npm start, second (build up to date): to “ready”", value: second.readyMs, unit: "ms" },
    { key: "npmStart.second.firstPageMs", name: "npm start, second (build up to date): to first page", value: second.firstPageMs, unit: "ms", target: { value: SECOND_START_TARGET_MS, better: "lower" } },
  ];
}
