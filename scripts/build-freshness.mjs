/**
 * Whether the production build in `build/` is up to date with the sources that
 * go into it. Shared by `npm start` (scripts/start.mjs) and the benchmark, so
 * both rebuild for the same reasons and only for them (decision 043).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** What goes into the build: the app and everything it imports, the static files, the configs and the installed packages (by their lock). */
export const BUILD_SOURCES = ["app", "db", "methodology", "templates", "public", "package.json", "package-lock.json", "vite.config.ts", "react-router.config.ts", "tsconfig.json"];
/** Written last by `react-router build` (the client is built first), so its time is the build's. */
export const BUILT_MARKER = "build/server/index.js";

// Tests sit beside the code but never go into the build; editing one needs no rebuild.
const NOT_BUILT = /\.test\.tsx?$/;

/** The newest modification time under a path, and the file that has it. */
function newest(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return { at: 0, file: null };
  }
  if (!st.isDirectory()) return { at: st.mtimeMs, file: p };
  // A folder's own time changes when a file is added, removed or renamed in it.
  let best = { at: st.mtimeMs, file: p };
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    if (e.name === "node_modules" || e.name.startsWith(".") || NOT_BUILT.test(e.name)) continue;
    const n = newest(path.join(p, e.name));
    // At the same time as its folder, the file itself is the better name for what changed.
    if (n.at >= best.at && n.at > 0) best = n;
  }
  return best;
}

/** Why the build must be (re)made — in words, naming the newer file — or null when it is up to date. */
export function buildStaleness(root = process.cwd()) {
  const built = path.join(root, BUILT_MARKER);
  if (!fs.existsSync(built) || !fs.existsSync(path.join(root, "build", "client"))) return "there is no production build yet";
  const builtAt = fs.statSync(built).mtimeMs;
  for (const s of BUILD_SOURCES) {
    const n = newest(path.join(root, s));
    if (n.at > builtAt) return `${path.relative(root, n.file) || s} changed since the last build`;
  }
  return null;
}

/**
 * Runs `react-router build`, its output shown as it comes; resolves with its exit code.
 * `signals`: stopping this process (Ctrl+C, SIGTERM) stops the build too.
 */
export function runBuild(root = process.cwd(), { quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", "react-router"), ["build"], { cwd: root, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    const stop = (signal) => child.kill(signal);
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve({ code: code ?? (signal ? 1 : 0), signal, output });
    });
  });
}
