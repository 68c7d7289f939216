#!/usr/bin/env node
// npm test: typecheck, unit + integration tests (vitest), production build,
// end-to-end tests in Debian's Chromium (Playwright). Prints one closing line
// "tests: N passed, N failed, N skipped". Without Chromium the browser tests
// are skipped loudly, unless CI=true, where a skip is a failure.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const artifacts = path.join(root, "tests", ".artifacts");
fs.mkdirSync(artifacts, { recursive: true });
const ci = process.env.CI === "true" || process.env.CI === "1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function run(title, cmd, args, env = {}) {
  console.log(`\n━━ ${title} ━━`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return r.status === 0;
}

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

// 1. Types
if (run("typecheck", bin("react-router"), ["typegen"]) && run("typecheck (tsc)", bin("tsc"), [])) totals.passed++;
else {
  totals.failed++;
  problems.push("typecheck failed");
}

// 2. Production build (the integration and browser tests run against it)
const built = run("build", bin("react-router"), ["build"]);
if (!built) {
  totals.failed++;
  problems.push("build failed");
}

// 3. Unit and integration tests. Some need programs from Debian: say loudly which
// ones will be skipped without them (and in CI, skipping is a failure).
const banner = (lines) => console.log(`\n${"=".repeat(78)}\n${lines.join("\n")}\n${"=".repeat(78)}`);
const onPath = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const soffice = [process.env.SOFFICE_PATH, "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"].filter(Boolean).find((p) => fs.existsSync(p));
if (!soffice || !onPath("pdftotext")) {
  banner([
    "SKIPPED: the LibreOffice checks of the Word deliverables (templates/deliverables.test.ts,",
    "'printed with LibreOffice', and tests/integration/client-ready-documents.test.ts) —",
    "LibreOffice or pdftotext is not installed.",
    "Install them with:  apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils",
  ]);
  if (ci) problems.push("CI=true but LibreOffice/pdftotext is missing: the document conversion test may not be skipped in CI");
}
if (!findChromium()) {
  banner([
    "SKIPPED: server-side diagram rendering tests (app/domain/diagram-render.test.ts) — Chromium is not installed.",
    "Install it with:  apt-get update && apt-get install -y --no-install-recommends chromium",
  ]);
}
const vitestJson = path.join(artifacts, "vitest.json");
fs.rmSync(vitestJson, { force: true });
run("unit and integration tests (vitest)", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const report = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  if (report.numFailedTests || report.numFailedTestSuites) problems.push(`${report.numFailedTests} vitest test(s) failed (${report.numFailedTestSuites} suite(s) or file(s) with a failure or an error)`);
  if (report.numTotalTests === 0) problems.push("vitest ran no test");
  const skippedNames = report.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === "pending" || a.status === "skipped").map((a) => `${path.relative(root, f.name)}: ${a.title}`));
  if (skippedNames.length) {
    banner(["SKIPPED vitest tests:", ...skippedNames.map((n) => `  - ${n}`)]);
    if (ci) problems.push(`CI=true but ${skippedNames.length} vitest test(s) were skipped`);
  }
} else {
  totals.failed++;
  problems.push("vitest did not produce a report");
}

// 4. End-to-end tests in a real browser
const chromium = findChromium();
if (!chromium) {
  const line = "=".repeat(78);
  console.log(`\n${line}\nSKIPPED: end-to-end browser tests (tests/e2e/*) — Chromium is not installed.\nInstall it with:  apt-get update && apt-get install -y --no-install-recommends chromium\n(or set CHROMIUM_PATH to a Chromium binary), then run npm test again.\n${line}`);
  totals.skipped++;
  if (ci) problems.push("CI=true but Chromium is missing: the browser tests may not be skipped in CI");
} else if (built) {
  const pwJson = path.join(artifacts, "playwright.json");
  fs.rmSync(pwJson, { force: true });
  run("end-to-end tests (Playwright + Chromium)", bin("playwright"), ["test"], { CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson });
  if (fs.existsSync(pwJson)) {
    const s = JSON.parse(fs.readFileSync(pwJson, "utf8")).stats;
    totals.passed += s.expected;
    totals.failed += s.unexpected + (s.flaky ?? 0);
    totals.skipped += s.skipped;
    if (s.unexpected || s.flaky) problems.push(`${s.unexpected + (s.flaky ?? 0)} browser test(s) failed`);
    if (ci && s.skipped) problems.push(`CI=true but ${s.skipped} browser test(s) were skipped`);
    if (s.expected + s.unexpected === 0) problems.push("Playwright ran no test");
  } else {
    totals.failed++;
    problems.push("Playwright did not produce a report");
  }
}

console.log("");
for (const p of problems) console.log(`✗ ${p}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(problems.length ? 1 : 0);
