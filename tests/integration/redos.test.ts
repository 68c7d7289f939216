/**
 * Issue 16, item 1: no text a person or a file controls can freeze the
 * server. Every function that applies a pattern to such text (the table in
 * tests/setup/user-text-parsers.ts, which lists them with where their text
 * comes from) is fed the classic pathological inputs at the longest length
 * that can reach it, and must finish in well under a second each.
 *
 * Functions covered: diagramFallbackTable, mermaidLabel, teamStructure,
 * roadmapGantt, the Word text functions (cleanText, splitByDirection), chart
 * labels (esc, wrapLabel), clip and shorten, a document's file name
 * (deliverableFileName, contentDisposition), number, date and register-cell
 * parsing (questionValueSchema, parseDateInput, registerRowSchema), parseMeasure,
 * emailSchema, displayNameSchema, readProjectFile (the import), safeReturnTo,
 * readCookie, getPreferences (Accept-Language), wantsFreshPage and acceptsGzip,
 * requestedRowPage.
 *
 * They run in one worker thread, stopped at the bound (and replaced) when a
 * text takes too long, so a catastrophic pattern fails this test instead of
 * hanging it.
 *
 * And the attack itself over HTTP: a member saves such a diagram answer in
 * the demo project and exports the scope document that shows it.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import Database from "better-sqlite3";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { documentText, malformedParts } from "#tests/setup/docx.ts";
import { DIAGRAM_MAX_LENGTH } from "#methodology/values.ts";
import { getPacks } from "#methodology/registry.ts";
import { PATHOLOGICAL_TEXTS, USER_TEXT_PARSERS } from "#tests/setup/user-text-parsers.ts";
import { timeEach, type Job, type Outcome } from "#tests/setup/time-limit.ts";

/** Generous, so that a loaded machine does not make it flake: a backtracking pattern takes minutes to hours. */
const BOUND_MS = 1500;

function* allJobs(): Generator<Job> {
  for (const [parser, entry] of Object.entries(USER_TEXT_PARSERS)) {
    const frames = entry.frames?.length ?? 1;
    for (const input of Object.keys(PATHOLOGICAL_TEXTS))
      for (let frame = 0; frame < frames; frame++) yield { parser, input: frames > 1 ? `${input} (frame ${frame + 1})` : input, made: { input, frame }, limitMs: entry.boundMs };
  }
}

// All of them in one run (the worker loads the whole app once), shared by the tests below.
let outcomes: Promise<Outcome[]> | null = null;
const outcomesOf = async (parser: string) => (await (outcomes ??= timeEach(allJobs(), BOUND_MS))).filter((o) => o.parser === parser);

describe("every pattern applied to user text finishes in well under a second on pathological input at the field's maximum length", () => {
  test.each(Object.keys(USER_TEXT_PARSERS))("%s", async (parser) => {
    const mine = await outcomesOf(parser);
    const bound = USER_TEXT_PARSERS[parser]!.boundMs ?? BOUND_MS;
    const limit = USER_TEXT_PARSERS[parser]!.limit;
    const slow = mine.filter((o) => o.ms === null).map((o) => `${o.input} (${limit} characters): still running after ${bound} ms`);
    const failed = mine.filter((o) => o.error).map((o) => `${o.input}: threw ${o.error}`);
    expect([...slow, ...failed]).toEqual([]);
    expect(mine.length).toBeGreaterThanOrEqual(Object.keys(PATHOLOGICAL_TEXTS).length);
  }, 600_000);
});

describe("over HTTP: a diagram answer that made the old fallback backtrack", () => {
  let server: RunningServer;
  let cookie: string;
  beforeAll(async () => {
    // No Chromium: the Word export writes each diagram as its fallback table (as it does when Chromium cannot draw one).
    server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
    cookie = await signIn(server.url, "s.ahmadi@mehregan.example");
  });
  afterAll(async () => {
    if (!server) return;
    // A server whose event loop is stuck never runs its SIGTERM handler: then it is killed.
    const killer = setTimeout(() => {
      try {
        process.kill(server.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await server.stop();
    clearTimeout(killer);
  });

  test("is saved, and the scope document that shows it is exported while the server keeps answering others", async () => {
    const itemId = "requirements.current-process-map";
    const pack = getPacks().get("crm-implementation", "1.0.0")!;
    const phase = pack.phases.find((p) => p.steps.some((s) => s.items.some((i) => i.id === itemId)))!;
    const step = phase.steps.find((s) => s.items.some((i) => i.id === itemId))!;
    const db = new Database(server.databasePath, { readonly: true });
    const stored = () => db.prepare("SELECT version, value FROM answers WHERE project_id = 1 AND item_id = ?").get(itemId) as { version: number; value: string } | undefined;

    const definition = `flowchart\na[${" ".repeat(DIAGRAM_MAX_LENGTH - "flowchart\na[x".length)}x`;
    expect(definition.length).toBe(DIAGRAM_MAX_LENGTH);
    const saved = await fetch(`${server.url}/projects/1/phases/${phase.id}/steps/${step.id}.data`, {
      method: "POST",
      body: form({ intent: "answer", itemId, version: String(stored()?.version ?? 0), definition }),
      headers: { Cookie: cookie, Origin: server.url },
      signal: AbortSignal.timeout(15_000),
    });
    expect(saved.status).toBe(200);
    expect(JSON.parse(stored()!.value)).toEqual({ definition });
    db.close();

    const download = fetch(`${server.url}/projects/1/documents/scope-document/download`, {
      method: "POST",
      body: new URLSearchParams({ intent: "download", lang: "en" }),
      headers: { Cookie: cookie, Origin: server.url },
      signal: AbortSignal.timeout(30_000),
    });
    download.catch(() => undefined); // awaited below; when the test fails earlier, its end is not an unhandled error
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Someone else's page while the document is made: the old parser kept the event loop for hours.
    const other = await fetch(`${server.url}/login`, { signal: AbortSignal.timeout(10_000) });
    expect(other.status).toBe(200);
    const r = await download;
    expect(r.status).toBe(200);
    const body = new Uint8Array(await r.arrayBuffer());
    expect(malformedParts(body)).toEqual([]);
    const text = documentText(body);
    expect(text).toContain("The diagram could not be drawn on this server");
    expect(text).toContain("flowchart");
  }, 90_000);
});
