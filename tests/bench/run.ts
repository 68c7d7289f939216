/**
 * npm run bench — Gambegam under load, on the production build.
 *
 * 1. Builds the app if `build/` is missing or stale; times `npm start` as a
 *    person runs it, the second start (build up to date) to its first page.
 * 2. Creates a large project (500 requirements, 60 team members, 40 goals,
 *    200 audit-heavy edits) in a fresh database through the app's data layer.
 * 3. Times the hot single-row queries and what runs inside a request.
 * 4. Starts the real server (`node server.js`) on that database: start-up
 *    time and resident memory; signs in; finds the heaviest step page; warms
 *    the three routes up (3 s of load each, not measured); then autocannon
 *    (50 connections, 10 s each, one after another) on the bare route
 *    (/health), the project home and that step page as a browser asks for
 *    them again (from the page memo), the step page's data (`.data`) asked
 *    for again (from the memo), and the two heavy pages once more with every
 *    request a hard reload (rendered afresh: home ≥ 0.3 and step ≥ 0.2 of the
 *    bare route, issue 19).
 * 5. Exports every Word deliverable in both languages, cold and warm.
 * 6. Runs a live workshop on its own server: 60 phones each casting and
 *    changing 10 votes over two minutes, a projector and three team members
 *    listening (tests/bench/workshop.ts).
 *
 * Prints a table (figure, value, target, ok/MISSED) and ends with one JSON
 * line of every figure. Exits 1 when a target is missed. Not part of
 * `npm test`: timings belong here, never in tests.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ensureProductionBuild } from "./build.ts";
import { buildLargeProject, LARGE } from "./large-project.ts";
import { benchHotQueries } from "./queries.ts";
import { benchInProcess } from "./in-process.ts";
import { FRESH, LOAD, load, pageSource, signIn, startProductionServer, surveyStepPages, timePage, type LoadResult } from "./http.ts";
import { benchExports } from "./exports.ts";
import { benchNpmStart } from "./npm-start.ts";
import { benchWorkshop, WORKSHOP } from "./workshop.ts";
import { jsonLine, printTable, type Figure } from "./report.ts";
import { openDatabase } from "../../db/client.ts";

/** The trivial page of the same server the heavy pages are compared with. */
const BARE_PATH = "/health";
const RATIO_TARGET = 0.6;
/** Pages rendered afresh (the first view after a change, or a hard reload): issue 19's targets. */
const FRESH_RATIO_TARGET = { home: 0.3, step: 0.2 } as const;
const WARM_EXPORT_TARGET_MS = 2000;
const WARM_UP_SECONDS = 3;

const started = performance.now();
const step = (what: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${what}`);

const build = ensureProductionBuild();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-bench-"));
const sections: Array<{ title: string; figures: Figure[] }> = [];
const extra: Record<string, unknown> = {};
let failure: string | null = null;

try {
  step("npm start, twice: a first start on a fresh database, then the second");
  sections.push({ title: "Starting (`npm start`, stopped with Ctrl+C between the two)", figures: await benchNpmStart(dir) });

  step("creating the large project");
  const databasePath = path.join(dir, "large.sqlite");
  const t0 = performance.now();
  const large = buildLargeProject(databasePath);
  const setupMs = performance.now() - t0;
  for (const [k, want] of [["requirements", LARGE.requirements], ["members", LARGE.members], ["goals", LARGE.goals]] as const) {
    if (large.counts[k] !== want) throw new Error(`bench: the large project has ${large.counts[k]} ${k}, not ${want}`);
  }
  extra.project = { ...large.counts, edits: LARGE.edits };

  step("hot single-row queries");
  const qdb = openDatabase(databasePath);
  let queries;
  try {
    queries = benchHotQueries(qdb, large.projectId, large.signInEmail);
  } finally {
    qdb.$client.close();
  }
  sections.push({
    title: "Hot single-row queries (through the app's functions, 20,000 calls each)",
    figures: queries.flatMap((q) => [
      { key: `query.${q.key}.us`, name: q.name, value: q.microseconds, unit: "µs", target: { value: 50, better: "lower" as const } },
      { key: `query.${q.key}.preparesPerCall`, name: `  statements prepared per call`, value: q.preparesPerCall, unit: "", target: { value: 0, better: "lower" as const } },
    ]),
  });

  step("in-process figures");
  sections.push({
    title: "Inside a request",
    figures: [
      { key: "largeProjectSetupMs", name: `create the large project (${LARGE.requirements} req., ${LARGE.members} members, ${LARGE.goals} goals, ${LARGE.edits} edits)`, value: setupMs, unit: "ms" },
      ...(await benchInProcess(databasePath, large.projectId, dir)),
    ],
  });

  step("starting the production server");
  const server = await startProductionServer(databasePath, BARE_PATH);
  const httpFigures: Figure[] = [];
  try {
    httpFigures.push({ key: "startup.readyMs", name: "start-up: spawn → “ready on”", value: server.readyMs, unit: "ms" });
    httpFigures.push({ key: "startup.firstOkMs", name: "start-up: spawn → first 200 response", value: server.firstOkMs, unit: "ms" });
    await new Promise((r) => setTimeout(r, 1000));
    httpFigures.push({ key: "rss.idleMiB", name: "resident memory, idle after start-up", value: server.rssMiB(), unit: "MiB" });

    const cookie = await signIn(server.url, large.signInEmail);
    step("timing every step page once");
    const survey = await surveyStepPages(server.url, cookie, large.projectId, large.pack);
    const heaviest = survey[0]!;
    extra.stepPages = survey.slice(0, 5).map((p) => ({ path: p.path, ms: Math.round(p.ms * 10) / 10, kB: Math.round(p.bytes / 1024) }));
    const home = `/projects/${large.projectId}`;
    // Each page's size, and the time to make it alone, rendered afresh.
    const sizes = {
      bare: await timePage(server.url, BARE_PATH, cookie, 5, FRESH),
      home: await timePage(server.url, home, cookie, 5, FRESH),
      step: await timePage(server.url, heaviest.path, cookie, 5, FRESH),
      stepData: await timePage(server.url, `${heaviest.path}.data`, cookie, 5),
    };

    // Every route is loaded for a few seconds first, unmeasured: the server's
    // code is then compiled and its caches warm for all three alike (measured
    // cold, the first route came out at half its steady rate).
    step(`warming up: ${WARM_UP_SECONDS} s of load on each route`);
    for (const p of [BARE_PATH, home, heaviest.path]) await load(server.url, p, cookie, WARM_UP_SECONDS);

    // How each run's pages are made, checked before it: a repeated request for a
    // project page comes from the page memo, a hard reload's is rendered.
    // The step page's data (.data, what the browser's router fetches on navigation and
    // revalidation) asked for again is answered from the memo too.
    const expected = { bare: "memo-data", home: "memo-request", step: "memo-request", stepData: "memo-request", homeFresh: "rendered", stepFresh: "rendered" } as const;
    const plan = [
      ["bare", BARE_PATH, {}],
      ["home", home, {}],
      ["step", heaviest.path, {}],
      ["stepData", `${heaviest.path}.data`, {}],
      ["homeFresh", home, FRESH],
      ["stepFresh", heaviest.path, FRESH],
    ] as const;
    const runs: Record<(typeof plan)[number][0], LoadResult> = {} as never;
    for (const [which, p, headers] of plan) {
      const source = await pageSource(server.url, p, cookie, headers);
      if (source !== expected[which]) throw new Error(`bench: ${p}${headers === FRESH ? " (hard reload)" : ""} was made as "${source}", not "${expected[which]}"`);
      step(`autocannon ${LOAD.connections} connections × ${LOAD.seconds} s: ${p}${headers === FRESH ? ", every request a hard reload" : ""}`);
      runs[which] = await load(server.url, p, cookie, LOAD.seconds, headers);
    }
    httpFigures.push({ key: "rss.afterLoadMiB", name: "resident memory after the load", value: server.rssMiB(), unit: "MiB" });

    const label = {
      bare: `bare route ${BARE_PATH}`,
      home: "project home",
      step: "heaviest step page",
      stepData: "heaviest step page's data (.data), asked for again",
      homeFresh: "project home, rendered afresh",
      stepFresh: "heaviest step page, rendered afresh",
    } as const;
    for (const which of ["bare", "home", "step", "stepData", "homeFresh", "stepFresh"] as const) {
      const r = runs[which];
      const size = sizes[which === "homeFresh" ? "home" : which === "stepFresh" ? "step" : which];
      const note = `${r.path} (${Math.round(size.bytes / 1024)} kB, ${size.ms.toFixed(1)} ms to render alone)`;
      httpFigures.push({ key: `http.${which}.rps`, name: `${label[which]}: requests/s`, value: r.rps, unit: "req/s", note });
      httpFigures.push({ key: `http.${which}.p50Ms`, name: `${label[which]}: latency p50`, value: r.p50, unit: "ms" });
      httpFigures.push({ key: `http.${which}.p99Ms`, name: `${label[which]}: latency p99`, value: r.p99, unit: "ms" });
      httpFigures.push({ key: `http.${which}.non2xx`, name: `${label[which]}: non-2xx responses and errors`, value: r.non2xx + r.errors + r.timeouts, unit: "", target: { value: 0, better: "lower" } });
      if (r.non2xx + r.errors + r.timeouts > 0) {
        console.error(`\n!!! ${r.path}: ${r.non2xx} non-2xx responses, ${r.errors} errors, ${r.timeouts} timeouts under load\n${server.output().slice(-2000)}`);
      }
    }
    httpFigures.push({ key: "ratio.home", name: "project home ÷ bare route (requests/s)", value: runs.home.rps / runs.bare.rps, unit: "", target: { value: RATIO_TARGET, better: "higher" } });
    httpFigures.push({ key: "ratio.step", name: "heaviest step page ÷ bare route (requests/s)", value: runs.step.rps / runs.bare.rps, unit: "", target: { value: RATIO_TARGET, better: "higher" }, note: heaviest.path });
    httpFigures.push({ key: "ratio.stepData", name: "heaviest step page's data (.data) ÷ bare route", value: runs.stepData.rps / runs.bare.rps, unit: "", note: "from the page memo; no target" });
    // What a page costs the first time after a change (or on a hard reload): issue 19's targets.
    httpFigures.push({ key: "ratio.homeFresh", name: "project home rendered afresh ÷ bare route", value: runs.homeFresh.rps / runs.bare.rps, unit: "", target: { value: FRESH_RATIO_TARGET.home, better: "higher" } });
    httpFigures.push({ key: "ratio.stepFresh", name: "heaviest step page rendered afresh ÷ bare route", value: runs.stepFresh.rps / runs.bare.rps, unit: "", target: { value: FRESH_RATIO_TARGET.step, better: "higher" }, note: heaviest.path });
    extra.heaviestStep = heaviest.path;
  } finally {
    await server.stop();
  }
  sections.push({ title: `The production server (autocannon, ${LOAD.connections} connections, ${LOAD.seconds} s per route, gzip accepted)`, figures: httpFigures });

  step("exporting every deliverable, fa and en, each in a fresh process");
  const exports = await benchExports(databasePath, large.projectId, large.pack);
  extra.diagramsRasterised = exports.rasterised;
  sections.push({
    title: `Word deliverables of the large project (cold: first export in a fresh process, empty diagram cache; warm: mean of 3) — diagrams ${exports.rasterised ? "rasterised by Chromium" : "NOT rasterised (no Chromium: tables instead)"}`,
    figures: exports.timings.flatMap((t) => [
      { key: `export.${t.id}.${t.lang}.coldMs`, name: `${t.id} (${t.lang}), cold`, value: t.coldMs, unit: "ms", note: t.diagrams ? `${t.diagrams.renders} drawn, Chromium launched ${t.diagrams.launches}×` : undefined },
      { key: `export.${t.id}.${t.lang}.warmMs`, name: `${t.id} (${t.lang}), warm`, value: t.warmMs, unit: "ms", target: { value: WARM_EXPORT_TARGET_MS, better: "lower" as const }, note: `${Math.round(t.bytes / 1024)} kB` },
    ]),
  });

  step(`a live workshop: ${WORKSHOP.participants} phones × ${WORKSHOP.votesEach} votes over ${WORKSHOP.seconds} s, a projector and ${WORKSHOP.teamStreams} team members listening`);
  const workshop = await benchWorkshop(databasePath, large.projectId, large.pack, large.signInEmail);
  Object.assign(extra, workshop.extra);
  sections.push({ title: `A live workshop (production server; ${WORKSHOP.participants} phones join by name and each cast and change ${WORKSHOP.votesEach} ballots at random moments over ${WORKSHOP.seconds} s, as the phone page posts them; the projector, ${WORKSHOP.teamStreams} team members and every phone listening)`, figures: workshop.figures });
} catch (error) {
  failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const missed = printTable(sections);
const figures = sections.flatMap((s) => s.figures);
extra.build = build.built ? `built (${build.reason}) in ${(build.ms / 1000).toFixed(1)} s` : "up to date";
extra.runSeconds = Math.round((performance.now() - started) / 100) / 10;
if (failure) {
  console.error(`\nThe benchmark failed:\n${failure}`);
  extra.failure = failure.split("\n")[0];
}
console.log(`\n${missed ? `${missed} target(s) MISSED` : failure ? "" : "every target met"}`);
console.log(jsonLine(figures, extra));
process.exit(missed || failure ? 1 : 0);
