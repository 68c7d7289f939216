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
 */
import { describe, expect, test } from "vitest";
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
