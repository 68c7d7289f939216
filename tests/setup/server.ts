/**
 * Starts the real production server (node server.js on the built app) on a
 * free port with its own database file, for integration tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type RunningServer = { url: string; dir: string; databasePath: string; pid: number; stop: () => Promise<void>; output: () => string };

export function ensureBuilt() {
  if (fs.existsSync("build/server/index.js")) return;
  const r = spawnSync(path.resolve("node_modules/.bin/react-router"), ["build"], { stdio: "inherit" });
  if (r.status !== 0) throw new Error("react-router build failed");
}

/**
 * `env`: variables for the server; a null one is left out (unset).
 * `nodeArgs`: options for node before `server.js` (e.g. a module to preload).
 */
export async function startServer(env: Record<string, string | null> = {}, nodeArgs: string[] = []): Promise<RunningServer> {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-server-"));
  const databasePath = path.join(dir, "app.sqlite");
  // The diagram browser starts at a server's first drawing, not at every test server's start
  // (tests/integration/diagram-browser.test.ts starts one the way `npm start` does). The demo's
  // team and vision are not signed, as the tests that edit them expect (demo-signed.test.ts
  // starts a server with the signed demo a fresh installation has).
  const merged: Record<string, string | null | undefined> = { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: databasePath, GAMBEGAM_DIAGRAM_BROWSER: "on-first-use", GAMBEGAM_DEMO_SIGNOFFS: "off", ...env };
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, "server.js"], {
    env: Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string")),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const check = () => {
      const m = output.match(/ready on (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dir,
    databasePath,
    pid: child.pid!,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", () => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Runs the server's start-up only, returning its exit code and output (for start-up failures). */
export function runServerOnce(env: Record<string, string>): { status: number | null; output: string } {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-server-"));
  const r = spawnSync(process.execPath, ["server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", DATABASE_PATH: path.join(dir, "app.sqlite"), ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function form(fields: Record<string, string | string[]>): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p;
}

export const DEMO_PASSWORD = "gambegam-demo";

/** The one-time set-up code a fresh server wrote beside its database (and printed). */
export function setupCode(server: RunningServer): string {
  return fs.readFileSync(path.join(path.dirname(server.databasePath), "setup-code.txt"), "utf8").trim();
}

/**
 * Signs in over HTTP and returns the session cookie (`name=value`) to send back.
 * Without a forwarded address the request comes from this computer, where the
 * published demo password works.
 */
export async function signIn(url: string, email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}): Promise<string> {
  const r = await fetch(`${url}/login`, { method: "POST", body: form({ email, password }), headers, redirect: "manual" });
  const cookie = r.headers.get("set-cookie")?.split(";")[0];
  if (r.status !== 302 || !cookie?.startsWith("gambegam_session=")) throw new Error(`sign-in as ${email} failed: ${r.status}`);
  return cookie;
}
