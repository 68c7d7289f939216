/**
 * `npm start`: builds the app only when the build is missing or older than its
 * sources (scripts/build-freshness.mjs), then runs the production server in
 * this same process — no child to leave behind. package.json starts it with
 * `exec`, so npm's shell is replaced by this process and Ctrl+C or a SIGTERM
 * sent to npm reaches the server itself (decision 043).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildStaleness, runBuild } from "./build-freshness.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);

const reason = buildStaleness(root);
if (reason) {
  console.log(`Building the app first (${reason}): a minute or two. Later starts skip this while nothing changes.\n`);
  const started = Date.now();
  const built = await runBuild(root);
  if (built.signal) process.exit(130);
  if (built.code !== 0) {
    console.error("\nThe build failed (above), so the server was not started.");
    process.exit(built.code);
  }
  console.log(`\nBuilt in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
} else {
  console.log("The build is up to date: starting at once.");
}

// Whoever started us is gone (npm killed outright, a closed terminal): stop too,
// rather than keep the port as an orphan.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000).unref();

await import(pathToFileURL(path.join(root, "server.js")).href);
