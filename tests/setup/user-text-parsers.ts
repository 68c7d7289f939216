/**
 * Every function that applies a regular expression (or parses in its own
 * way) to text a person or a file controls: answers, register cells, names,
 * emails, diagram definitions, imported files, headers and query strings.
 *
 * Each entry says where the text comes from and the longest text that can
 * reach it (`limit`): the field's own maximum where the field has one, else
 * what the server lets in (1 MB for a form, 20 MB for an imported file,
 * 16 KB for a header or a URL). `frames` put the text where the function
 * looks hardest (after `flowchart` and an opened node for a diagram, inside
 * a whole project file for the import). tests/integration/redos.test.ts feeds
 * each one the classic pathological inputs at that length, in a worker that
 * is stopped when one takes too long (tests/setup/time-limit.ts).
 */
import { diagramFallbackTable } from "#templates/fallback.ts";
import { STRINGS } from "#templates/strings.ts";
import { cleanText, splitByDirection } from "#templates/text.ts";
import { mermaidLabel, roadmapGantt, teamStructure } from "#app/views/diagrams.ts";
import { roadmapTimeline } from "#app/views/roadmap-timeline.ts";
import { inReadingDirection } from "#app/views/diagram-direction.ts";
import { mermaidToProcessMap, processMapToMermaid } from "#app/domain/process-map.ts";
import { esc, wrapLabel } from "#app/views/charts.ts";
import { clip } from "#app/views/display.ts";
import { shorten } from "#app/views/history-view.server.ts";
import { deliverableFileName } from "#app/domain/deliverables.server.ts";
import { contentDisposition } from "#app/domain/downloads.server.ts";
import { DIAGRAM_MAX_LENGTH, parseDateInput, parseMeasure, questionValueSchema, registerRowSchema } from "#methodology/values.ts";
import { displayNameSchema, emailSchema, readCookie } from "#app/domain/auth.server.ts";
import { safeReturnTo } from "#app/domain/account.server.ts";
import { getPreferences } from "#app/domain/preferences.server.ts";
import { acceptsGzip, wantsFreshPage } from "#app/page-memo.server.ts";
import { requestedRowPage } from "#app/register-pages.ts";
import { IMPORT_MAX_BYTES, readProjectFile, TRANSFER_FORMAT, TRANSFER_FORMAT_VERSION } from "#app/domain/project-transfer.server.ts";
import { getPacks } from "#methodology/registry.ts";
import { findItem } from "#methodology/load.ts";
import type { QuestionItem, RegisterColumn, RegisterItem } from "#methodology/schema.ts";

/** What the server accepts in one form (server.js MAX_BODY_BYTES). */
export const FORM_LIMIT = 1024 * 1024;
/** Node's default limit on a request's headers, URL included. */
export const HEADER_LIMIT = 16 * 1024;
/** The longest answer text a pack may allow (a long-text question's maxLength ceiling). */
export const LONG_TEXT_LIMIT = 50_000;
/** The longest register cell a pack may allow (a long-text column's maxLength ceiling). */
export const CELL_LIMIT = 20_000;

export type UserTextParser = {
  /** Where the text comes from and which file holds the function. */
  source: string;
  limit: number;
  /** Where the text goes around it; the whole framed text is `limit` long. Default: the text alone. */
  frames?: Array<(text: string) => string>;
  parse: (text: string) => unknown;
  /** A bound of its own, where linear work on the longest text takes a good part of a second. */
  boundMs?: number;
};

const pack = getPacks().packs[0]!;
const numberQuestion = { kind: "question", id: "q", answer: { type: "number" } } as unknown as QuestionItem;
const dateQuestion = { kind: "question", id: "q", answer: { type: "date" } } as unknown as QuestionItem;
const column = (id: string, type: string, extra: object = {}) => ({ id, type, required: false, label: { fa: id, en: id }, ...extra }) as unknown as RegisterColumn;
const cellRegister = {
  kind: "register",
  id: "r",
  columns: [column("n", "number"), column("s", "scale", { min: 1, max: 5 }), column("d", "date"), column("t", "long-text", { maxLength: CELL_LIMIT }), column("ref", "ref", { register: "r" })],
} as unknown as RegisterItem;

/** A register of the built-in pack with a number column, and cells that satisfy its required columns. */
function importTarget(): { itemId: string; numberColumn: string; cells: Record<string, string | number> } {
  for (const phase of pack.phases)
    for (const step of phase.steps)
      for (const item of step.items) {
        if (item.kind !== "register") continue;
        const num = item.columns.find((c) => c.type === "number");
        if (!num || item.columns.some((c) => c.required && c.type === "ref")) continue;
        const cells: Record<string, string | number> = {};
        for (const c of item.columns) {
          if (!c.required) continue;
          cells[c.id] = c.type === "choice" ? c.options[0]!.id : c.type === "date" ? "2026-01-01" : c.type === "number" ? 1 : c.type === "scale" ? c.min : "Text";
        }
        return { itemId: item.id, numberColumn: num.id, cells };
      }
  throw new Error("no register with a number column in the built-in pack");
}
const target = importTarget();
const at = "2026-01-01T00:00:00.000Z";

/** A whole, valid project file whose one register row holds `text` in a number column (or, with `everywhere`, in every string field). */
function projectFile(text: string, everywhere = false): string {
  const t = (valid: string) => (everywhere ? text : valid);
  return JSON.stringify({
    format: TRANSFER_FORMAT,
    formatVersion: TRANSFER_FORMAT_VERSION,
    exportedAt: t(at),
    exportedBy: { name: t("Someone"), email: t("someone@example.com") },
    methodology: { packId: pack.id, packVersion: t(pack.version) },
    project: { id: 1, name: t("P"), clientOrganisation: t("C"), deliverableLanguage: "en", startDate: t("2026-01-01"), description: t(""), isDemo: false, createdAt: t(at), updatedAt: t(at) },
    members: [],
    answers: [],
    rows: [{ id: 1, itemId: target.itemId, position: 0, cells: { ...target.cells, [target.numberColumn]: text }, version: 1, updatedBy: null, createdAt: t(at), updatedAt: t(at) }],
    signoffs: [],
    audit: [],
    branding: null,
    documentVersions: [],
  });
}

const team = pack.team!;
const teamRows = (text: string) => ({ rows: new Map([[team.register, [{ id: 1, cells: { name: text, unit: text, [team.roleColumn]: text } }]]]) });
const planning = pack.planning!;
const roadmapRows = (text: string) => ({
  rows: new Map([
    [planning.roadmap, [{ id: 1, cells: { name: text, start: "2026-01-01", end: "2026-06-30" } }]],
    [planning.goals, [{ id: 2, cells: { goal: text, stage: 1 } }]],
  ]),
});
const headers = (name: string, value: string) => new Request("http://localhost/", { headers: { [name]: value } });
// A header's value cannot hold line breaks or other control characters: those are replaced, as a client would have to.
const headerSafe = (text: string) => text.replace(/[\u0000-\u001F\u007F-\uFFFF]/g, "a");

export const USER_TEXT_PARSERS: Record<string, UserTextParser> = {
  diagramFallbackTable: {
    source: "a diagram answer (saved or imported), as a table in a Word export — templates/fallback.ts",
    limit: DIAGRAM_MAX_LENGTH,
    frames: [(t) => t, (t) => `flowchart LR\n${t}`, (t) => `flowchart LR\na[${t}`, (t) => `flowchart LR\na["${t}`, (t) => `flowchart LR\na -->|${t}`, (t) => `graph TD\na --> ${t}`, (t) => `flowchart\na${t}`],
    parse: (t) => diagramFallbackTable(t, STRINGS.en),
  },
  mermaidLabel: { source: "a register cell drawn in a diagram — app/views/diagrams.ts", limit: CELL_LIMIT, parse: mermaidLabel },
  teamStructure: {
    source: "the team register's names and units, as a diagram — app/views/diagrams.ts",
    limit: CELL_LIMIT,
    parse: (t) => [teamStructure(pack, teamRows(t), "fa", t), teamStructure(pack, teamRows(t), "en", t)],
  },
  roadmapGantt: {
    source: "roadmap stages' and goals' names, as a Gantt chart — app/views/diagrams.ts",
    limit: CELL_LIMIT,
    parse: (t) => [roadmapGantt(pack, roadmapRows(t), "fa", t), roadmapGantt(pack, roadmapRows(t), "en", t)],
  },
  roadmapTimeline: {
    source: "roadmap stages' and goals' names, as the roadmap Gambegam draws — app/views/roadmap-timeline.ts",
    limit: CELL_LIMIT,
    parse: (t) => [roadmapTimeline(pack, roadmapRows(t), "fa", t), roadmapTimeline(pack, roadmapRows(t), "en", t)],
  },
  inReadingDirection: {
    source: "a diagram answer turned right to left for a Persian reader — app/views/diagram-direction.ts",
    limit: DIAGRAM_MAX_LENGTH,
    frames: [(t) => t, (t) => `flowchart LR\n${t}`, (t) => `---\n${t}`, (t) => `%%${t}\nflowchart LR`, (t) => `flowchart LR\n  direction LR${t}`],
    parse: (t) => inReadingDirection(t, "fa"),
  },
  processMap: {
    source: "a diagram answer read into the process-map builder's list, and labels written as code — app/domain/process-map.ts",
    limit: DIAGRAM_MAX_LENGTH,
    frames: [(t) => t, (t) => `flowchart LR\n${t}`, (t) => `flowchart LR\n  a["${t}`, (t) => `flowchart LR\n  a -- ${t}`, (t) => `flowchart LR\n  a -->|${t}`, (t) => `flowchart LR\n  subgraph ${t}`, (t) => `flowchart LR\n  a[#${t}]`],
    parse: (t) => {
      const read = mermaidToProcessMap(t);
      return [read, processMapToMermaid({ direction: "across", lanes: [{ id: "l1", label: t }], steps: [{ id: "s1", kind: "decision", label: t, lane: "l1", next: "+next", branches: [{ label: t, to: "s1" }] }] })];
    },
  },
  wordText: {
    source: "any answer as it goes into a Word document — templates/text.ts (cleanText, splitByDirection)",
    limit: LONG_TEXT_LIMIT,
    parse: (t) => cleanText(t).split("\n").map((line) => splitByDirection(line, true)),
  },
  chartLabel: { source: "a register cell as a chart label — app/views/charts.ts (esc, wrapLabel)", limit: CELL_LIMIT, parse: (t) => [esc(t), wrapLabel(t, 24, 2)] },
  clipAndShorten: { source: "long text in a register's table and in history — app/views/display.ts, app/views/history-view.server.ts", limit: LONG_TEXT_LIMIT, parse: (t) => [clip(t), shorten(t)] },
  documentFileName: {
    source: "the client organisation (at most 200 characters, in a form or a file) in a document's file name — app/domain/deliverables.server.ts",
    limit: 200,
    parse: (t) => contentDisposition(deliverableFileName("scope-document", t, 1, "fa")),
  },
  numberAnswer: { source: "a number answer as typed in a form — methodology/values.ts", limit: FORM_LIMIT, frames: [(t) => t, (t) => `-${t}`, (t) => `${t}e`], parse: (t) => questionValueSchema(numberQuestion).safeParse(t) },
  dateAnswer: { source: "a date answer as typed in a form — methodology/values.ts (parseDateInput)", limit: FORM_LIMIT, parse: (t) => [questionValueSchema(dateQuestion).safeParse(t), parseDateInput(t)] },
  registerCells: {
    source: "a register row's number, scale, date, text and reference cells as typed — methodology/values.ts",
    limit: FORM_LIMIT,
    parse: (t) => registerRowSchema(cellRegister).safeParse({ n: t, s: t, d: t, t, ref: t }),
  },
  parseMeasure: { source: "a measure written in a text cell (\"۱۸٪\") — methodology/values.ts", limit: CELL_LIMIT, parse: parseMeasure },
  email: {
    source: "an email at sign-in, set-up, invitation or an account — app/domain/auth.server.ts",
    limit: FORM_LIMIT,
    frames: [(t) => t, (t) => `a@${t}`, (t) => `${t}@example.com`],
    parse: (t) => emailSchema.safeParse(t),
  },
  displayName: { source: "a person's name — app/domain/auth.server.ts", limit: FORM_LIMIT, parse: (t) => displayNameSchema.safeParse(t) },
  projectImport: {
    source: "an imported project file: a register's number cell, or every string field — app/domain/project-transfer.server.ts",
    limit: IMPORT_MAX_BYTES,
    frames: [(t) => projectFile(t), (t) => projectFile(t.slice(0, 200_000), true)],
    parse: readProjectFile,
    // Reading a 20 MB file is linear work of a few hundred milliseconds; a backtracking pattern over it would take days.
    boundMs: 5000,
  },
  returnTo: { source: "the returnTo query parameter after sign-in — app/domain/account.server.ts", limit: HEADER_LIMIT, frames: [(t) => t, (t) => `/${t}`, (t) => `/.//${t}`], parse: (t) => safeReturnTo(t) },
  cookie: { source: "the Cookie header — app/domain/auth.server.ts (readCookie)", limit: HEADER_LIMIT, parse: (t) => readCookie(headers("Cookie", headerSafe(t)), "gambegam_session") },
  acceptLanguage: { source: "the Accept-Language and Cookie headers — app/domain/preferences.server.ts", limit: HEADER_LIMIT, parse: (t) => getPreferences(headers("Accept-Language", headerSafe(t))) },
  cacheHeaders: {
    source: "the Cache-Control, Pragma and Accept-Encoding headers — app/page-memo.server.ts",
    limit: HEADER_LIMIT,
    parse: (t) => [wantsFreshPage(new Request("http://localhost/", { headers: { "Cache-Control": headerSafe(t), Pragma: headerSafe(t) } })), acceptsGzip(headerSafe(t))],
  },
  rowPage: { source: "a register's page number in the query string — app/register-pages.ts", limit: HEADER_LIMIT, parse: (t) => requestedRowPage(new URLSearchParams({ "page.r": t }), "r") },
};

/**
 * The texts every parser is fed, each made at a given length: long runs and
 * repetitions that make a backtracking pattern explode.
 */
export const PATHOLOGICAL_TEXTS: Record<string, (length: number) => string> = {
  "spaces, then x": (n) => fill(n, " ", "x"),
  "a run of a": (n) => fill(n, "a"),
  "a run of a, then !": (n) => fill(n, "a", "!"),
  "[[[[": (n) => fill(n, "["),
  "((((": (n) => fill(n, "("),
  "{{{{": (n) => fill(n, "{"),
  abab: (n) => fill(n, "ab"),
  "one long line of words": (n) => fill(n, "word ", "!"),
  "many newlines": (n) => fill(n, "\n", "x"),
  "short lines": (n) => fill(n, "a\n"),
  "zeros, then 1.": (n) => fill(n, "0", "1."),
  "Persian zeros, then ۱٫": (n) => fill(n, "۰", "۱٫"),
  "1,1,1,": (n) => fill(n, "1,", "x"),
  "dashes, then x": (n) => fill(n, "-", "x"),
  "a-a-a-": (n) => fill(n, "a-", "!"),
  "dots, then x": (n) => fill(n, ".", "x"),
  "a.a.a.": (n) => fill(n, "a.", "@"),
  "slashes, then x": (n) => fill(n, "/", "x"),
  'quotes """': (n) => fill(n, '"'),
  "pipes |||": (n) => fill(n, "|"),
  "-- -- --": (n) => fill(n, "-- "),
  "a --> a --> ": (n) => fill(n, "a --> "),
  "a[ a[ a[": (n) => fill(n, "a[ "),
  "####": (n) => fill(n, "#", ";"),
  "a@a@a@": (n) => fill(n, "a@"),
  "<script<script": (n) => fill(n, "<script"),
  "tabs and no-break spaces": (n) => fill(n, "\t\u00a0 ", "x"),
};

/** One of PATHOLOGICAL_TEXTS in one of a parser's frames, `limit` characters in all. */
export function framedText(parser: string, input: string, frameIndex: number): string {
  const entry = USER_TEXT_PARSERS[parser]!;
  const frame = (entry.frames ?? [(t: string) => t])[frameIndex]!;
  return frame(PATHOLOGICAL_TEXTS[input]!(entry.limit - frame("").length));
}

/** `unit` repeated to `length` characters, ending with `tail`. */
function fill(length: number, unit: string, tail = ""): string {
  const body = Math.max(0, length - tail.length);
  return unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + tail;
}
