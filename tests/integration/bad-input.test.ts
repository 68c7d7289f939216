/**
 * Bad input against every action, as property tests (fast-check) over HTTP
 * against the production server.
 *
 * Every route module that exports an `action` (read from app/routes.ts) has a
 * driver here that generates submissions for it: the route's real intents
 * mixed with unknown ones; its real fields with wrong types, huge strings
 * (over each field's limit and over the 1 MB body limit), nothing, repeated
 * values, control characters, NUL, bidi overrides, lone surrogates; unknown
 * ids, ids of rows, invitations and people of another project, stale,
 * negative, huge and non-numeric ids and versions; the project ids of
 * someone else's project and of none; urlencoded, multipart, JSON, plain
 * text, garbage and empty bodies; document and `.data` (script) requests;
 * signed in, signed out, or with a garbled session cookie.
 *
 * For every request:
 * - the status is never 5xx;
 * - a refusal (4xx, or a redirect to sign in) wrote nothing: every table of
 *   the database is compared before and after, read-only from this process.
 *   Left out: `sessions.last_seen_at` (any signed-in request may touch it,
 *   at most once a minute) and, for POST /login only, `login_failures` and
 *   its autoincrement counter (a refused sign-in is counted there by design,
 *   for throttling; the server runs with a high GAMBEGAM_LOGIN_LIMIT so that
 *   sign-in is still checked after many failures from 127.0.0.1);
 * - the other project's data never changes (no request here addresses it);
 * - the server still answers after each route's run;
 * - an accepted request (2xx/3xx) stored what was sent: the text the user
 *   typed is saved as typed (as it travels: lone surrogates become U+FFFD;
 *   multipart turns line breaks into CRLF and the server's parser drops a
 *   leading BOM; fields the app trims are compared trimmed), less its bidi
 *   controls and invisible format characters (decision 017: every visible
 *   character kept, in order; none of those controls kept), typed values are
 *   stored as the app's own schema reads them, and nothing else changed.
 *
 * The database: the demo project (1) plus a second project (2) created by the
 * administrator, which the demo project manager is not a member of, with a
 * row in every register the drivers touch, a pending invitation and a member
 * of its own. POST /setup needs an installation without an administrator and
 * gets a server of its own.
 *
 * The seed is fixed and printed; BAD_INPUT_SEED replays another one,
 * BAD_INPUT_SCALE multiplies the number of runs (e.g. 4 for a longer soak)
 * and BAD_INPUT_DEBUG=1 prints every request with its outcome.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import fc from "fast-check";
import { verify } from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ROUTE_ACCESS, type Requirement } from "#app/access.ts";
import { readinessTopics } from "#app/domain/change.ts";
import { stripInvisibleDeep } from "#app/domain/text-hygiene.ts";
import { BUILT_IN_PACKS_DIR, allItems, findItem, loadPacks } from "#methodology/load.ts";
import { registerRowSchema, suggestionCells, valueSchemaFor } from "#methodology/values.ts";
import type { Item, Pack, Phase, RegisterColumn, RegisterItem, Step } from "#methodology/schema.ts";
import { BRAND_FONTS } from "#templates/model.ts";
import { cleanRoomText } from "#app/domain/workshop.ts";
import { actionRoutes } from "#tests/setup/routes.ts";
import { DbWatcher, differences, type Row, type Snapshot } from "#tests/setup/db-watch.ts";
import { DEMO_PASSWORD, setupCode, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { buildResponseSheet } from "#app/domain/response-sheet.server.ts";
import { fitLevelsOf } from "#app/domain/response-sheet.ts";

const SEED = Number(process.env.BAD_INPUT_SEED ?? "20261123");
const SCALE = Number(process.env.BAD_INPUT_SCALE ?? "1");
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
console.log(`bad input: fast-check seed ${SEED}, scale ${SCALE} (BAD_INPUT_SEED / BAD_INPUT_SCALE to change)`);

const pack: Pack = (() => {
  const p = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0");
  if (!p) throw new Error("the crm-implementation@1.0.0 pack is missing");
  return p;
})();
const where = new Map(allItems(pack).map(({ phase, step, item }) => [item.id, { phase, step, item }]));
const OWN = 1;
/** Project 2 is the English demo (Alder & Finch); the administrator's own project comes after it. */
const OTHER = 3;

// ---------------------------------------------------------------------------
// What a submission is
// ---------------------------------------------------------------------------

type Who = "anonymous" | "garbled-cookie" | "unknown-session" | "throwaway" | "pm" | "sponsor" | "viewer" | "admin" | "account" | "participant" | "participant-2" | "forged-participant";

/** A value worked out from the database when the request is sent (ids and versions that exist then). */
type Live =
  | { live: "answer-version"; itemId: string; delta: number }
  | { live: "row-id"; itemId: string; project: "own" | "other"; index: number }
  | { live: "row-version"; itemId: string; project: "own" | "other"; index: number; delta: number }
  | { live: "invitation-id"; project: "own" | "other"; index: number }
  | { live: "account-password" }
  /** The fingerprint the sign-off form carries (what the sponsor reviewed). */
  | { live: "gate-fingerprint" }
  /** A register spreadsheet uploaded for import by the demo project manager when sent: its upload id (decision 045). */
  | { live: "sheet-upload"; kind: RegSheetKind }
  /** The fingerprint the preview of the last such upload carries. */
  | { live: "sheet-fingerprint" };
/** A long run of one text, kept symbolic so a failing case prints short. */
type Huge = { huge: number; of: string };
type FileValue = { file: "png" | "jpeg" | "garbage" | "empty" | "too-big" | "json-other" | "json-newer" | "json-truncated" | SheetKind; name: string; type: string };
type V = string | Live | Huge | FileValue | RegSheetFile;
type Entry = readonly [string, V];
type Encoding = "urlencoded" | "multipart" | "json" | "text" | "garbage" | "none";
type Garbage = { bytes: Uint8Array; contentType: string | null };
type Req = { who: Who; path: string; data: boolean; encoding: Encoding; entries: readonly Entry[]; garbage: Garbage };

type Sent = string | { bytes: Uint8Array; name: string; type: string };

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

/**
 * fc.oneof with the weights as written. (Left alone, fc.oneof nested inside
 * other generators picks its first option more and more often with depth,
 * so the rarer cases here, such as another project's row, would hardly ever
 * be sent.)
 */
function oneof<T>(...arbs: Array<fc.Arbitrary<T> | fc.WeightedArbitrary<T>>): fc.Arbitrary<T> {
  return fc.oneof({ depthSize: "max" }, ...arbs);
}

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];
const piece = oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 5 }) },
  { weight: 2, arbitrary: fc.constantFrom(...BIDI) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom("\u007F", "\u0085", "\u2028", "\u2029", "\uFEFF", "\u200B", "\u200C", "\u200D", "\uFFFD", "\uFFFF") },
  { weight: 1, arbitrary: fc.constantFrom("\uD800", "\uDBFF", "\uDC00", "\uDFFF") },
  { weight: 2, arbitrary: fc.constantFrom("پیاده‌سازی", "۱۲۳۴", "٣", "مهرگان", "👩🏽‍💻", "🇮🇷", "e\u0301", " ", "\t") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("<script>alert(1)</script>", "'; DROP TABLE answers; --", "%00", "%ZZ", "&amp;", "{{x}}", "${x}", "\\", '"', "../../etc/passwd", "null", "undefined", "[object Object]", "__proto__", "</textarea>", "]]>"),
  },
);
/** Text nobody should have to type, but someone will. */
const nasty: fc.Arbitrary<string> = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(""));
const plain = fc.constantFrom("Mehregan", "پیاده‌سازی CRM مهرگان", "Sales team", "۱۲ فروشگاه", "a", "Dynamics 365 در فروش", "x y z", "  spaces around  ", "\tTabbed\t", "line one\r\nline two\n", "\u00A0non-breaking\u00A0");
const text: fc.Arbitrary<string> = oneof({ weight: 3, arbitrary: plain }, { weight: 4, arbitrary: nasty }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) });
const numberish: fc.Arbitrary<string> = oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double().map(String),
  fc.constantFrom("1e308", "-0", "NaN", "Infinity", "-Infinity", "0x1A", "1_000", "۱۲", "٣", "1,5", "1٫5", " 7 ", "+3", "--1", "1e-400", "9007199254740993", "99999999999999999999999", "3.", ".5", "1 2"),
);
/** Dates a person types: Gregorian or Jalali, Latin or Persian digits. */
const dateValid: fc.Arbitrary<string> = oneof(
  fc.constantFrom("2026-11-23", "1404/09/02", "۱۴۰۴/۰۹/۰۲", "2026-1-1", "2026/11/23", "1403/12/30"),
  fc.date({ min: new Date("1800-01-01"), max: new Date("2199-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const dateish: fc.Arbitrary<string> = oneof(
  dateValid,
  fc.constantFrom("2026-02-30", "2026-13-01", "0000-00-00", "9999-12-31", "1299/01/01", "2026/11/23T00:00", "yesterday", "1404/12/30", "۲۰۲۶-۰۲-۳۰"),
  fc.date({ min: new Date(-1e13), max: new Date(1e13), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
/** Whole numbers in range as people type them: Latin or Persian digits, with thousands separators. */
const wholeNumber = (min = -1000, max = 100_000): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom("latin", "persian", "grouped")).map(([n, style]) =>
    style === "persian" ? String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!) : style === "grouped" ? n.toLocaleString("en-US") : String(n),
  );
const idish: fc.Arbitrary<string> = oneof(
  fc.constantFrom("0", "-1", "abc", "1.5", "1e3", " 7", "0x10", "9007199254740993", "99999999999999999999", "", "NaN", "Infinity", "-0", "٣", "۱", "1; DROP TABLE users"),
  fc.integer().map(String),
  fc.nat({ max: 60 }).map(String),
);
const huge = (maxLength?: number): fc.Arbitrary<Huge> =>
  fc.record({
    huge: fc.constantFrom(...[maxLength ? maxLength + 1 : 5_001, 70_000, 1_040_000, 1_100_000]),
    of: fc.constantFrom("x", "ب", "\u202E", "\u0000", "a\n", "\uD800"),
  });

/**
 * Half-clean submissions are a real intent with every real field once and a
 * value of the right kind (text may still hold anything a person can paste):
 * the ones that get accepted, so that what is stored can be checked. The rest
 * are messy.
 */
type G = { clean: boolean };

/** A field's value: usually the kind it expects, otherwise anything else. */
function messy(g: G, valid: fc.Arbitrary<V>, maxLength?: number): fc.Arbitrary<V> {
  if (g.clean) return valid;
  return oneof(
    { weight: 10, arbitrary: valid },
    { weight: 3, arbitrary: nasty },
    { weight: 2, arbitrary: oneof(numberish, dateish, idish) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: huge(maxLength) },
  );
}

/** Each real field present once (mostly), missing, or repeated; plus now and then a field nobody asked for. */
function fields(g: G, spec: ReadonlyArray<readonly [string, fc.Arbitrary<V>]>): fc.Arbitrary<Entry[]> {
  if (g.clean) return fc.tuple(...spec.map(([name, arb]) => arb.map((v): Entry => [name, v])));
  const one = ([name, arb]: readonly [string, fc.Arbitrary<V>]) =>
    oneof(
      { weight: 10, arbitrary: arb.map((v): Entry[] => [[name, v]]) },
      { weight: 2, arbitrary: fc.constant<Entry[]>([]) },
      { weight: 1, arbitrary: fc.tuple(arb, arb).map(([a, b]): Entry[] => [[name, a], [name, b]]) },
    );
  const extraName = oneof(
    fc.constantFrom("foo", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "c.nope", "c.__proto__", "c.constructor", "", "INTENT", "intent ", "itemId[]", "x".repeat(300), "\u202Eevil"),
    nasty,
  );
  const extras = oneof(
    { weight: 3, arbitrary: fc.constant<Entry[]>([]) },
    { weight: 1, arbitrary: fc.array(fc.tuple(extraName, messy(g, text)), { minLength: 1, maxLength: 3 }).map((l) => l.map(([n, v]): Entry => [n, v])) },
  );
  return fc.tuple(fc.tuple(...spec.map(one)), extras).map(([parts, extra]) => [...parts.flat(), ...extra]);
}

const UNKNOWN_INTENTS = ["", "ANSWER", "answer ", "row-add\u0000", "__proto__", "toString", "constructor", "hasOwnProperty", "no-such-intent"];
/** The `intent` field: a real one (mostly), an unknown one, none, or two. */
function intents(g: G, real: readonly string[]): fc.Arbitrary<Entry[]> {
  if (g.clean) return fc.constantFrom(...real).map((i): Entry[] => [["intent", i]]);
  const anyIntent = oneof({ weight: 12, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.constantFrom(...UNKNOWN_INTENTS) }, { weight: 1, arbitrary: nasty });
  return oneof(
    { weight: 14, arbitrary: anyIntent.map((i): Entry[] => [["intent", i]]) },
    { weight: 1, arbitrary: fc.constant<Entry[]>([]) },
    { weight: 1, arbitrary: fc.tuple(anyIntent, anyIntent).map(([a, b]): Entry[] => [["intent", a], ["intent", b]]) },
  );
}

const encodings = (g: G, multipartWeight = 6): fc.Arbitrary<Encoding> =>
  g.clean
    ? oneof({ weight: 10, arbitrary: fc.constant<Encoding>("urlencoded") }, { weight: multipartWeight, arbitrary: fc.constant<Encoding>("multipart") })
    : oneof(
    { weight: 10, arbitrary: fc.constant<Encoding>("urlencoded") },
    { weight: multipartWeight, arbitrary: fc.constant<Encoding>("multipart") },
    { weight: 1, arbitrary: fc.constantFrom<Encoding>("json", "text", "garbage", "none") },
  );
const garbage: fc.Arbitrary<Garbage> = fc.record({
  bytes: fc.uint8Array({ maxLength: 200 }),
  contentType: fc.constantFrom(
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=----bad-input",
    "application/octet-stream",
    "text/plain",
    "application/x-www-form-urlencoded; charset=utf-16",
    null,
  ),
});

function request(g: G, parts: { who: fc.Arbitrary<Who>; path: fc.Arbitrary<string>; entries: fc.Arbitrary<Entry[]>; encoding?: fc.Arbitrary<Encoding> }): fc.Arbitrary<Req> {
  return fc.record({ who: parts.who, path: parts.path, data: fc.boolean(), encoding: parts.encoding ?? encodings(g), entries: parts.entries, garbage });
}

/** Who sends it: the person the route is for, or (messy) now and then someone else. */
const who = (g: G, main: Who, ...others: Array<[number, Who]>): fc.Arbitrary<Who> => (g.clean ? fc.constant(main) : weighted<Who>([others.length * 6 || 1, main], ...others));

const weighted = <T,>(...pairs: Array<[number, T]>): fc.Arbitrary<T> => oneof(...pairs.map(([weight, v]) => ({ weight, arbitrary: fc.constant(v) })));
const both = (a: fc.Arbitrary<Entry[]>, b: fc.Arbitrary<Entry[]>, intentLast: fc.Arbitrary<boolean> = fc.boolean()) =>
  fc.tuple(a, b, intentLast).map(([i, f, last]) => (last ? [...f, ...i] : [...i, ...f]));

/** The project id in a project URL: the demo project, or someone else's, none, or not an id at all. */
const projectInPath = (g: G) => (g.clean ? fc.constant(String(OWN)) : projectIds);
const projectIds = oneof({ weight: 14, arbitrary: fc.constant(String(OWN)) }, { weight: 1, arbitrary: fc.constantFrom(String(OTHER), "999999", "0", "-1", "abc", "1e3", "01", "1.0", "%20", "9".repeat(30)) });

// ---------------------------------------------------------------------------
// Item forms (step pages and workbenches)
// ---------------------------------------------------------------------------

const STATUSES = ["todo", "in-progress", "done", "not-applicable"];

function columnValue(g: G, col: RegisterColumn): fc.Arbitrary<V> {
  switch (col.type) {
    case "text":
    case "long-text":
      return messy(g, text, col.maxLength);
    case "choice":
      return messy(g, fc.constantFrom(...col.options.map((o) => o.id)));
    case "number":
      return messy(g, wholeNumber(col.min, col.max));
    case "scale":
      return messy(g, wholeNumber(col.min, col.max));
    case "date":
      return messy(g, dateValid);
    case "ref":
      return messy(g, 
        fc.record({ project: g.clean ? fc.constant<"own" | "other">("own") : weighted<"own" | "other">([3, "own"], [1, "other"]), index: fc.nat({ max: 10 }) }).map(({ project, index }): Live => ({ live: "row-id", itemId: col.register, project, index })),
      );
  }
}

function answerFields(g: G, item: Item | undefined): Array<readonly [string, fc.Arbitrary<V>]> {
  if (!item || item.kind === "info" || item.kind === "register") return [["value", messy(g, text)]];
  if (item.kind === "checklist")
    return [
      ["owner", messy(g, text, 200)],
      ["dueDate", messy(g, dateValid)],
      ["status", messy(g, fc.constantFrom(...STATUSES))],
      ["evidence", messy(g, text, 5000)],
    ];
  if (item.kind === "rating") return [["score", messy(g, g.clean ? wholeNumber(item.min, item.max) : wholeNumber(item.min - 1, item.max + 1))], ["evidence", messy(g, text, 5000)]];
  if (item.kind === "diagram") return [["definition", messy(g, oneof(text, fc.constantFrom("flowchart LR\n  A[شروع] --> B{?}", "graph TD; A-->B; click A callback")), 20_000)]];
  const a = item.answer;
  switch (a.type) {
    case "short-text":
    case "long-text":
      return [["value", messy(g, text, a.maxLength)]];
    case "choice":
      return [["value", messy(g, fc.constantFrom(...a.options.map((o) => o.id)))]];
    case "scale":
      return [["value", messy(g, g.clean ? wholeNumber(a.min, a.max) : wholeNumber(a.min - 1, a.max + 1))]];
    case "number":
      return [["value", messy(g, wholeNumber(a.min, a.max))]];
    case "date":
      return [["value", messy(g, dateValid)]];
  }
}

/** A row of a register, by position among that project's rows, with its current version (± delta). */
const rowRef = (g: G, itemId: string) =>
  fc
    .record({
      // A well-formed form with the id of another project's row is the case that matters most: clean forms get them too.
      project: g.clean ? weighted<"own" | "other">([3, "own"], [1, "other"]) : weighted<"own" | "other">([1, "own"], [1, "other"]),
      index: fc.nat({ max: 12 }),
      delta: g.clean ? fc.constant(0) : weighted([10, 0], [1, -1], [1, 1], [1, 1_000_000]),
      garbled: g.clean ? fc.constant(false) : weighted([12, false], [1, true]),
    })
    .chain(({ project, index, delta, garbled }) =>
      garbled
        ? fc.tuple(idish, idish).map(([id, v]): Array<readonly [string, fc.Arbitrary<V>]> => [["rowId", fc.constant(id)], ["version", fc.constant(v)]])
        : fc.constant<Array<readonly [string, fc.Arbitrary<V>]>>([
            ["rowId", fc.constant<V>({ live: "row-id", itemId, project, index })],
            ["version", fc.constant<V>({ live: "row-version", itemId, project, index, delta })],
          ]),
    );

const STEP_INTENTS = ["answer", "row-add", "row-suggest", "row-save", "row-delete", "row-move"];

/** The form of one item's intent, for the items a page shows (and now and then someone else's). */
function itemSubmission(g: G, items: readonly Item[], elsewhere: readonly Item[]): fc.Arbitrary<Entry[]> {
  const itemArb: fc.Arbitrary<Item | string> = g.clean ? fc.constantFrom(...items) : oneof<Item | string>(
    { weight: 14, arbitrary: fc.constantFrom(...items) },
    { weight: 1, arbitrary: fc.constantFrom(...elsewhere) },
    { weight: 1, arbitrary: oneof(fc.constantFrom("", "nope", "x".repeat(201), "vision.why-crm ", "VISION.WHY-CRM"), nasty) },
  );
  return itemArb.chain((picked) => {
    const item = typeof picked === "string" ? undefined : picked;
    const itemId = typeof picked === "string" ? picked : picked.id;
    const natural = item?.kind === "register" ? ["row-add", "row-add", "row-save", "row-save", "row-delete", "row-delete", "row-move", ...(item.suggestions.length ? ["row-suggest"] : [])] : ["answer"];
    const intentArb = g.clean ? fc.constantFrom(...natural) : oneof({ weight: 8, arbitrary: fc.constantFrom(...natural) }, { weight: 1, arbitrary: fc.constantFrom(...STEP_INTENTS) });
    return intentArb.chain((intent) => {
      const idField: readonly [string, fc.Arbitrary<V>] = ["itemId", g.clean ? fc.constant<V>(itemId) : oneof({ weight: 14, arbitrary: fc.constant<V>(itemId) }, { weight: 1, arbitrary: nasty })];
      const cells: Array<readonly [string, fc.Arbitrary<V>]> = item?.kind === "register" ? item.columns.map((c) => [`c.${c.id}`, columnValue(g, c)] as const) : [["c.x", messy(g, text)]];
      const rowFields = rowRef(g, itemId);
      let spec: fc.Arbitrary<Array<readonly [string, fc.Arbitrary<V>]>>;
      switch (intent) {
        case "answer":
          spec = fc.constant([
            idField,
            ["version", g.clean ? fc.constant<V>({ live: "answer-version", itemId, delta: 0 }) : oneof({ weight: 10, arbitrary: weighted(...([[8, 0], [1, -1], [1, 1]] as Array<[number, number]>)).map((delta): V => ({ live: "answer-version", itemId, delta })) }, { weight: 1, arbitrary: idish })],
            ...answerFields(g, item),
          ]);
          break;
        case "row-add":
          spec = fc.constant([idField, ...cells]);
          break;
        case "row-suggest":
          spec = fc.constant([idField, ["suggestion", messy(g, fc.nat({ max: item?.kind === "register" ? item.suggestions.length : 3 }).map(String))]]);
          break;
        case "row-save":
          spec = rowFields.map((r) => [idField, ...r, ...cells]);
          break;
        case "row-delete":
          spec = rowFields.map((r) => [idField, ...r]);
          break;
        default:
          spec = rowFields.map((r) => [idField, r[0]!, ["direction", messy(g, fc.constantFrom("up", "down"))]]);
      }
      return both(intents(g, [intent]), spec.chain((s) => fields(g, s)));
    });
  });
}

/** Steps to fuzz: the fewest steps (outside `skip`) that together have every kind of item, answer type and column type of the pack. */
function coveringSteps(skip: Phase): Array<{ phase: Phase; step: Step }> {
  const features = (s: Step) =>
    new Set(
      s.items.flatMap((i): string[] => {
        if (i.kind === "question") return [`question:${i.answer.type}${i.answer.type === "choice" && i.answer.multiple ? ":multiple" : ""}`];
        if (i.kind === "register") return ["register", ...(i.suggestions.length ? ["suggestions"] : []), ...i.columns.map((c) => `column:${c.type}${c.required ? ":required" : ""}`)];
        return [i.kind];
      }),
    );
  const candidates = pack.phases.filter((p) => p.id !== skip.id).flatMap((phase) => phase.steps.map((step) => ({ phase, step, has: features(step) })));
  const wanted = new Set(candidates.flatMap((c) => [...c.has]));
  const chosen: Array<{ phase: Phase; step: Step }> = [];
  while (wanted.size) {
    const best = candidates.map((c) => ({ c, n: [...c.has].filter((f) => wanted.has(f)).length })).sort((a, b) => b.n - a.n)[0]!;
    chosen.push({ phase: best.c.phase, step: best.c.step });
    for (const f of best.c.has) wanted.delete(f);
  }
  return chosen;
}

// ---------------------------------------------------------------------------
// The world the requests are sent into
// ---------------------------------------------------------------------------

type Env = { server: RunningServer; watcher: DbWatcher; cookies: Map<Who, string>; accountPassword: string };

type World = Env & {
  users: Record<"admin" | "pm" | "sponsor" | "viewer" | "account" | "consultant" | "teamMember" | "other", number> & { targets: number[] };
  invitationTokens: string[];
  revokedInvitation: string;
  usedInvitation: string;
  resetTokens: string[];
  revokedReset: string;
  workshop: WorkshopWorld;
};

const ADMIN = { displayName: "Bad Input Admin", email: "bad.input.admin@firm.example", password: "bad input admin password" };
const ACCOUNT = { displayName: "Account Fuzz", email: "account.fuzz@firm.example", password: "account fuzz password 1" };
const DEMO = { pm: "s.ahmadi@mehregan.example", sponsor: "f.karimi@mehregan.example", viewer: "h.nazari@mehregan.example", consultant: "l.tehrani@arman.example", teamMember: "n.rahimi@mehregan.example" };
const GATE_PHASE = pack.phases[0]!;
const STEPS = coveringSteps(GATE_PHASE);
const stepItems = STEPS.flatMap((s) => s.step.items);
const CHANGE_ITEMS = pack.changeManagement ? [...readinessTopics(pack).map((i) => i.id), ...pack.changeManagement.sections].map((id) => findItem(pack, id)!).filter(Boolean) : [];
const REVIEW_ITEMS = pack.postLaunchReview ? pack.postLaunchReview.sections.map((id) => findItem(pack, id)!).filter(Boolean) : [];
const ELSEWHERE = allItems(pack)
  .map((x) => x.item)
  .filter((i, n) => n % 7 === 0 || i.kind === "info");

let world: World;
let setupServer: { env: Env } | null = null;

function cookieHeader(env: Env, who: Who): Record<string, string> {
  if (who === "garbled-cookie") return { Cookie: "gambegam_session=%E0%A4%A; other=%" };
  if (who === "unknown-session") return { Cookie: "gambegam_session=bad-input-unknown-session-0123456789abcdefghijkl" };
  const c = env.cookies.get(who);
  return c ? { Cookie: c } : {};
}

async function postForm(env: Env, path: string, body: Record<string, string>, who: Who = "anonymous"): Promise<{ status: number; body: string; location: string | null; cookie: string | null }> {
  const r = await fetch(env.server.url + path, { method: "POST", body: new URLSearchParams(body), headers: cookieHeader(env, who), redirect: "manual" });
  return { status: r.status, body: await r.text(), location: r.headers.get("location"), cookie: r.headers.get("set-cookie")?.split(";")[0] ?? null };
}

function linkToken(body: string, kind: "invitations" | "reset"): string {
  const m = body.match(new RegExp(`/${kind}/([A-Za-z0-9_-]{20,})`));
  if (!m) throw new Error(`no ${kind} link in ${body.slice(0, 300)}`);
  return m[1]!;
}

function userId(env: Env, email: string): number {
  const id = env.watcher.db.prepare("SELECT id FROM users WHERE email = ?").pluck().get(email) as number | undefined;
  if (!id) throw new Error(`no user ${email}`);
  return id;
}

function stepPath(projectId: number | string, itemId: string): string {
  const w = where.get(itemId)!;
  return `/projects/${projectId}/phases/${w.phase.id}/steps/${w.step.id}`;
}

/** Adds a row with only its required cells to a register of a project (and, first, a row its references need); returns its id. */
async function addRow(env: Env, projectId: number, item: RegisterItem, who: Who): Promise<number> {
  const body: Record<string, string> = { intent: "row-add", itemId: item.id };
  for (const col of item.columns) {
    if (!col.required) continue;
    if (col.type === "ref") {
      const existing = env.watcher.db.prepare("SELECT min(id) FROM register_rows WHERE project_id = ? AND item_id = ?").pluck().get(projectId, col.register) as number | null;
      body[`c.${col.id}`] = String(existing ?? (await addRow(env, projectId, findItem(pack, col.register) as RegisterItem, who)));
    } else body[`c.${col.id}`] = col.type === "choice" ? col.options[0]!.id : col.type === "date" ? "2026-01-01" : col.type === "number" ? "1" : col.type === "scale" ? String(col.min) : "Another row";
  }
  const r = await postForm(env, `${stepPath(projectId, item.id)}.data`, body, who);
  if (r.status !== 200) throw new Error(`row of ${item.id} in project ${projectId}: ${r.status} ${r.body.slice(0, 300)}`);
  return env.watcher.db.prepare("SELECT max(id) FROM register_rows WHERE project_id = ? AND item_id = ?").pluck().get(projectId, item.id) as number;
}

/** Answers what a phase requires that the demo leaves open (e.g. the team's six members), so its sign-off can be requested. */
async function completeRequired(env: Env, phase: Phase): Promise<void> {
  for (const item of phase.steps.flatMap((st) => st.items)) {
    if (item.kind === "info" || !item.required) continue;
    if (item.kind === "register") {
      const count = () => env.watcher.db.prepare("SELECT count(*) FROM register_rows WHERE project_id = ? AND item_id = ?").pluck().get(OWN, item.id) as number;
      while (count() < item.minRows) await addRow(env, OWN, item, "pm");
      continue;
    }
    if (env.watcher.db.prepare("SELECT id FROM answers WHERE project_id = ? AND item_id = ?").get(OWN, item.id)) continue;
    const fields: Record<string, string> =
      item.kind === "checklist" ? { status: "done" } : item.kind === "rating" ? { score: String(item.max) } : item.kind === "diagram" ? { definition: "flowchart LR\n  A --> B" } : { value: item.answer.type === "choice" ? item.answer.options[0]!.id : item.answer.type === "date" ? "2026-01-01" : item.answer.type === "scale" || item.answer.type === "number" ? "1" : "Answered" };
    const r = await postForm(env, `${stepPath(OWN, item.id)}.data`, { intent: "answer", itemId: item.id, version: "0", ...fields }, "pm");
    if (r.status !== 200) throw new Error(`answering ${item.id}: ${r.status}`);
  }
}

async function invite(env: Env, projectId: number, who: Who, note: string): Promise<string> {
  const r = await postForm(env, `/projects/${projectId}/members.data`, { intent: "invite", role: "team-member", note }, who);
  if (r.status !== 200) throw new Error(`invitation in ${projectId}: ${r.status}`);
  return linkToken(r.body, "invitations");
}

async function join(env: Env, token: string, displayName: string, email: string, password: string): Promise<string> {
  const r = await postForm(env, `/invitations/${token}`, { displayName, email, password, confirm: password });
  if (r.status !== 302 || !r.cookie) throw new Error(`accepting an invitation as ${email}: ${r.status} ${r.body.slice(0, 200)}`);
  return r.cookie;
}

async function buildWorld(): Promise<World> {
  const server = await startServer({ GAMBEGAM_LOGIN_LIMIT: "1000000" });
  const watcher = new DbWatcher(server.databasePath, { sessions: ["last_seen_at"] });
  const env: Env = { server, watcher, cookies: new Map(), accountPassword: ACCOUNT.password };
  const setup = await postForm(env, "/setup", { ...ADMIN, confirm: ADMIN.password, code: setupCode(server) });
  if (setup.status !== 302 || !setup.cookie) throw new Error(`set-up: ${setup.status}`);
  env.cookies.set("admin", setup.cookie);
  env.cookies.set("pm", await signIn(server.url, DEMO.pm));
  env.cookies.set("sponsor", await signIn(server.url, DEMO.sponsor));
  env.cookies.set("viewer", await signIn(server.url, DEMO.viewer));

  // The other project: the administrator's, with a row in every register the drivers touch.
  const created = await postForm(env, "/projects/new", { name: "The other project", clientOrganisation: "Elsewhere Ltd", deliverableLanguage: "en", startDate: "2026-01-01", pack: `${pack.id}@${pack.version}` }, "admin");
  if (created.status !== 302 || !created.location?.endsWith(`/projects/${OTHER}`)) throw new Error(`project ${OTHER}: ${created.status} ${created.location}`);
  for (const item of new Set([...stepItems, ...CHANGE_ITEMS, ...REVIEW_ITEMS])) {
    if (item.kind === "register" && !env.watcher.db.prepare("SELECT id FROM register_rows WHERE project_id = ? AND item_id = ?").get(OTHER, item.id)) await addRow(env, OTHER, item, "admin");
  }
  await completeRequired(env, GATE_PHASE);
  // Someone who belongs to the other project only, and an invitation of it still pending.
  await join(env, await invite(env, OTHER, "admin", "other project"), "Other Project Member", "other.member@elsewhere.example", "other member password");
  await invite(env, OTHER, "admin", "pending in the other project");

  // People of the demo project the drivers may change (the account page's user, and targets for roles, removal, disabling and resets).
  env.cookies.set("account", await join(env, await invite(env, OWN, "pm", "account"), ACCOUNT.displayName, ACCOUNT.email, ACCOUNT.password));
  const targets: number[] = [];
  for (const n of [1, 2, 3]) {
    const email = `target.${n}@firm.example`;
    await join(env, await invite(env, OWN, "pm", `target ${n}`), `Target ${n}`, email, `target ${n} password!`);
    targets.push(userId(env, email));
  }
  const invitationTokens: string[] = [];
  for (let n = 0; n < 6; n++) invitationTokens.push(await invite(env, OWN, "pm", `pending ${n}`));
  const revokedInvitation = await invite(env, OWN, "pm", "to be revoked");
  const revokeId = env.watcher.db.prepare("SELECT max(id) FROM one_time_links WHERE project_id = ? AND kind = 'invitation'").pluck().get(OWN) as number;
  if ((await postForm(env, `/projects/${OWN}/members.data`, { intent: "revoke", invitationId: String(revokeId) }, "pm")).status !== 200) throw new Error("revoking an invitation failed");
  const usedInvitation = await invite(env, OWN, "pm", "to be used");
  await join(env, usedInvitation, "Used Link", "used.link@firm.example", "used link password");

  const resetLink = async (user: number) => {
    const r = await postForm(env, "/admin/users.data", { intent: "reset-link", userId: String(user) }, "admin");
    if (r.status !== 200) throw new Error(`reset link: ${r.status}`);
    return linkToken(r.body, "reset");
  };
  const revokedReset = await resetLink(targets[0]!);
  const resetTokens = [];
  for (const t of targets) resetTokens.push(await resetLink(t));
  const workshop = await workshopWorld(env);

  return {
    ...env,
    workshop,
    users: {
      admin: userId(env, ADMIN.email),
      pm: userId(env, DEMO.pm),
      sponsor: userId(env, DEMO.sponsor),
      viewer: userId(env, DEMO.viewer),
      account: userId(env, ACCOUNT.email),
      consultant: userId(env, DEMO.consultant),
      teamMember: userId(env, DEMO.teamMember),
      other: userId(env, "other.member@elsewhere.example"),
      targets,
    },
    invitationTokens,
    revokedInvitation,
    usedInvitation,
    resetTokens,
    revokedReset,
  };
}

// ---------------------------------------------------------------------------
// Sending a submission and judging the answer
// ---------------------------------------------------------------------------

const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
const crlf = (s: string) => s.replace(/\r(?!\n)|(?<!\r)\n/g, "\r\n");

function pngBytes(width = 40, height = 20): Uint8Array {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write("IHDR", 12, "ascii");
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 6, 0, 0, 0], 24);
  return new Uint8Array(b);
}
function jpegBytes(): Uint8Array {
  return new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
}

async function resolve(env: Env, v: V): Promise<Sent> {
  if (typeof v === "string") return v;
  if ("huge" in v) return v.of.repeat(Math.ceil(v.huge / v.of.length)).slice(0, v.huge);
  if ("regSheet" in v) return { bytes: await regSheetBytes(env, v.regSheet), name: v.name, type: v.type };
  if ("randomBytes" in v) return { bytes: v.randomBytes, name: v.name, type: v.type };
  if ("live" in v && v.live === "sheet-upload") return uploadRegSheet(env, v.kind);
  if ("live" in v && v.live === "sheet-fingerprint") return previewFingerprint(env);
  if ("file" in v && v.file.startsWith("xlsx-")) return { bytes: await sheetBytes(env, v.file as SheetKind), name: v.name, type: v.type };
  if ("file" in v) {
    const bytes =
      v.file === "png" ? pngBytes() : v.file === "jpeg" ? jpegBytes() : v.file === "empty" ? new Uint8Array() : v.file === "too-big" ? new Uint8Array(600 * 1024).fill(7) : v.file in PROJECT_FILES ? new TextEncoder().encode(PROJECT_FILES[v.file as keyof typeof PROJECT_FILES]) : new Uint8Array([1, 2, 3, 0, 255, 0x89, 0x50]);
    return { bytes, name: v.name, type: v.type };
  }
  const db = env.watcher.db;
  const projectOf = (p: "own" | "other") => (p === "own" ? OWN : OTHER);
  const rows = (itemId: string, p: "own" | "other") =>
    db.prepare("SELECT id, version FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY position, id").all(projectOf(p), itemId) as Array<{ id: number; version: number }>;
  switch (v.live) {
    case "answer-version": {
      const version = (db.prepare("SELECT version FROM answers WHERE project_id = ? AND item_id = ?").pluck().get(OWN, v.itemId) as number | undefined) ?? 0;
      return String(version + v.delta);
    }
    case "row-id": {
      const list = rows(v.itemId, v.project);
      return String(list.length ? list[v.index % list.length]!.id : 999_999);
    }
    case "row-version": {
      const list = rows(v.itemId, v.project);
      return String((list.length ? list[v.index % list.length]!.version : 1) + v.delta);
    }
    case "invitation-id": {
      const ids = db.prepare("SELECT id FROM one_time_links WHERE project_id = ? AND kind = 'invitation' AND used_at IS NULL AND revoked_at IS NULL ORDER BY id").pluck().all(projectOf(v.project)) as number[];
      return String(ids.length ? ids[v.index % ids.length] : 999_999);
    }
    case "account-password":
      return env.accountPassword;
    case "gate-fingerprint": {
      const r = await fetch(`${env.server.url}/projects/${OWN}/phases/${GATE_PHASE.id}`, { headers: cookieHeader(env, "sponsor") });
      return (await r.text()).match(/name="fingerprint" value="([0-9a-f]{64})"/)?.[1] ?? "0".repeat(64);
    }
  }
}

/** The form as the server reads it (repeated names as lists), or null when the body is no form. */
type Fields = Map<string, string[]>;

function serverView(encoding: Encoding, sent: ReadonlyArray<readonly [string, Sent]>): Fields | null {
  if (encoding !== "urlencoded" && encoding !== "multipart") return null;
  const out: Fields = new Map();
  for (const [name, v] of sent) {
    if (typeof v !== "string" && encoding === "multipart") continue;
    const raw = typeof v === "string" ? v : v.name;
    // Multipart: line breaks travel as CRLF, and the server's parser decodes each value as UTF-8 with a leading BOM dropped.
    const value = encoding === "multipart" ? crlf(wellFormed(raw)).replace(/^\uFEFF/, "") : wellFormed(raw);
    out.set(wellFormed(name), [...(out.get(wellFormed(name)) ?? []), value]);
  }
  return out;
}

type Response_ = { status: number; location: string | null; body: string; cookie: string | null };
/** `sign-in`: sent to the sign-in page (not signed in), which refuses as much as a 4xx does. */
type Outcome = "accepted" | "refused" | "sign-in";

/** Where a redirect goes: the Location header, or the target inside a `.data` answer. */
function redirectTarget(res: Response_): string | null {
  if (res.location) return res.location;
  const m = res.body.match(/"redirect","((?:[^"\\]|\\.)*)"/);
  return m ? (JSON.parse(`"${m[1]}"`) as string) : null;
}

function outcome(env: Env, res: Response_): Outcome {
  if (res.status >= 400) return "refused";
  const target = res.status >= 300 || res.status === 202 ? redirectTarget(res) : null;
  if (target) {
    const u = new URL(target, env.server.url);
    if (u.pathname === "/login" && u.searchParams.has("returnTo")) return "sign-in";
  }
  return "accepted";
}

async function send(env: Env, req: Req, sent: ReadonlyArray<readonly [string, Sent]>): Promise<Response_> {
  const headers: Record<string, string> = { ...cookieHeader(env, req.who) };
  let body: BodyInit | undefined;
  switch (req.encoding) {
    case "urlencoded":
      body = new URLSearchParams(sent.map(([k, v]) => [k, typeof v === "string" ? v : v.name]));
      break;
    case "multipart": {
      const fd = new FormData();
      for (const [k, v] of sent) {
        if (typeof v === "string") fd.append(k, v);
        else fd.append(k, new Blob([new Uint8Array(v.bytes)], { type: v.type }), v.name);
      }
      body = fd;
      break;
    }
    case "json": {
      const obj: Record<string, unknown> = {};
      for (const [k, v] of sent) obj[k] = typeof v === "string" ? v : v.name;
      body = JSON.stringify(obj);
      headers["Content-Type"] = "application/json";
      break;
    }
    case "text":
      body = sent.map(([k, v]) => `${k}=${typeof v === "string" ? v : v.name}`).join("\r\n");
      headers["Content-Type"] = "text/plain;charset=UTF-8";
      break;
    case "garbage":
      body = new Uint8Array(req.garbage.bytes);
      if (req.garbage.contentType) headers["Content-Type"] = req.garbage.contentType;
      break;
    case "none":
      break;
  }
  const url = env.server.url + req.path + (req.data ? ".data" : "");
  const r = await fetch(url, { method: "POST", body, headers, redirect: "manual" });
  const text = await r.text();
  return { status: r.status, location: r.headers.get("location"), body: text, cookie: r.headers.get("set-cookie")?.split(";")[0] ?? null };
}

type Ctx = {
  env: Env;
  req: Req;
  fields: Fields | null;
  res: Response_;
  before: Snapshot;
  after: Snapshot;
  /** The only value of a field (undefined when absent); fails when it came twice (the action should have refused it). */
  one: (name: string) => string | undefined;
  /** Everything but the rows `ignore` allows to change is as it was. */
  unchangedBut: (ignore: (table: string, row: Row) => boolean, skipTables?: string[]) => void;
};

type Driver = {
  runs: number;
  arbitrary: (w: World, g: G) => fc.Arbitrary<Req>;
  /** Requests with a known answer, sent before the random ones (each also meets the properties). */
  examples?: (w: World) => Array<{ label: string; req: Req; expect: Outcome | number }>;
  /** The same, with ids of the other project. */
  foreign?: (w: World) => Array<{ label: string; req: Req; expect: Outcome | number }>;
  /** Tables a refused request writes by design, and why. */
  writesWhenRefused?: { tables: string[]; why: string };
  /** What an accepted request must have stored. */
  accepted?: (ctx: Ctx) => void | Promise<void>;
  /** Bookkeeping after an answer (e.g. a new session cookie after a password change). */
  after?: (ctx: Ctx, outcome: Outcome) => void;
  /** Runs against a server of its own (POST /setup needs one without an administrator). */
  ownServer?: boolean;
};

const otherProjectRows = new WeakMap<Snapshot, string>();
/** Everything of the other project, as one string. */
function otherProject(s: Snapshot): string {
  let v = otherProjectRows.get(s);
  if (v === undefined) {
    const parts: string[] = [];
    for (const [table, rows] of s.tables) {
      for (const { row, key } of rows) {
        if (row.project_id === OTHER || (table === "projects" && row.id === OTHER) || (table === "branding" && row.scope === `project:${OTHER}`)) parts.push(`${table}:${key}`);
      }
    }
    v = parts.join("\n");
    otherProjectRows.set(s, v);
  }
  return v;
}

const cut = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
const show = (v: unknown) => cut(JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? `<${x.length} bytes>` : x)) ?? "", 600);

let throwawayCount = 0;
async function exercise(env: Env, driver: Driver, req: Req): Promise<{ outcome: Outcome; res: Response_ }> {
  if (req.who === "throwaway") {
    env.cookies.set("throwaway", await signIn(env.server.url, DEMO.pm));
    throwawayCount++;
  }
  const outputBefore = env.server.output().length;
  const serverSaid = () => env.server.output().slice(outputBefore).slice(0, 3000);
  const sent: Array<readonly [string, Sent]> = [];
  for (const [k, v] of req.entries) sent.push([k, await resolve(env, v)]);
  const before = env.watcher.snapshot();
  let res: Response_;
  try {
    res = await send(env, req, sent);
  } catch (error) {
    throw new Error(`POST ${req.path}: no answer (${String(error)})\nserver output:\n${serverSaid()}`);
  }
  const after = env.watcher.snapshot();
  const fieldsSeen = serverView(req.encoding, sent);
  const label = `POST ${req.path}${req.data ? ".data" : ""} as ${req.who}, ${req.encoding}: ${show(sent)} → ${res.status}${res.location ? ` ${res.location}` : ""}`;
  if (res.status >= 500) throw new Error(`${label}\nanswered ${res.status}\nserver output:\n${serverSaid()}`);
  const result = outcome(env, res);
  if (process.env.BAD_INPUT_DEBUG) console.log(`${result}: ${cut(label, 500)}\n  ${cut(show(req.entries.filter(([, v]) => typeof v === "object" && "live" in v)), 300)}`);
  if (result !== "accepted") {
    const changed = differences(before, after, { skipTables: driver.writesWhenRefused?.tables });
    expect(changed, `${label}\nwas refused but wrote to the database:\n${changed.join("\n")}`).toEqual([]);
  } else if (driver.accepted) {
    const ctx: Ctx = {
      env,
      req,
      fields: fieldsSeen,
      res,
      before,
      after,
      one: (name) => {
        expect(fieldsSeen, `${label}\naccepted a body that is not a form`).not.toBeNull();
        const v = fieldsSeen!.get(name);
        expect(v?.length ?? 0, `${label}\naccepted '${name}' sent ${v?.length} times`).toBeLessThanOrEqual(1);
        return v?.[0];
      },
      unchangedBut: (ignore, skipTables) => {
        // An accepted change is announced to open pages (decision 037): its row in the change
        // feed (and the feed's id counter) is expected. A refused one announces nothing (checked above).
        const announced = (table: string, r: Row) => table === "live_changes" || (table === "sqlite_sequence" && r.name === "live_changes");
        const changed = differences(before, after, { ignore: (table, r) => announced(table, r) || ignore(table, r), skipTables });
        expect(changed, `${label}\nchanged more than it should:\n${changed.join("\n")}`).toEqual([]);
      },
    };
    try {
      await driver.accepted(ctx);
    } catch (error) {
      throw new Error(`${label}\n${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (env !== setupServer?.env) expect(otherProject(after) === otherProject(before), `${label}\nchanged the other project's data`).toBe(true);
  driver.after?.({ env, req, fields: fieldsSeen, res, before, after, one: () => undefined, unchangedBut: () => undefined }, result);
  return { outcome: result, res };
}

// ---------------------------------------------------------------------------
// What accepted requests must have stored
// ---------------------------------------------------------------------------

const trimmed = (s: string | undefined) => (s ?? "").trim();

/**
 * Saved text is what was typed less its bidi controls and invisible format
 * characters (decision 017), judged here on its own terms rather than by the
 * app's function: everything a reader can see was kept, in order (only
 * invisible characters may go; the half-space, ZWNJ, is visible spacing);
 * none of the controls and invisible characters the issue names survived;
 * a zero-width joiner survived only inside an emoji or next to an
 * Arabic-script letter. `trim`: the app trims this field.
 */
const INVISIBLE = /[\p{Cf}\u115F\u1160\u3164\uFFA0]/gu;
const seen = (s: string) => s.replace(INVISIBLE, (c) => (c === "\u200C" ? c : ""));
const NEVER_KEPT = /[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u115F\u1160\u3164\uFFA0]/u;
const LONE_JOINER =
  /(?<![\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\p{Script=Arabic}])\u200D(?!\p{Script=Arabic})|(?<!\p{Script=Arabic})\u200D(?![\p{Extended_Pictographic}\p{Script=Arabic}])/u;
function expectSaved(stored: unknown, typed: string | undefined, what: string, opts: { trim?: boolean } = {}) {
  const text = stored === null || stored === undefined ? "" : String(stored);
  const want = seen(typed ?? "");
  expect(seen(text), `${what}: what a reader sees is what was typed`).toBe(opts.trim ? want.trim() : want);
  expect(text, `${what}: a bidi control or invisible character was kept`).not.toMatch(NEVER_KEPT);
  expect(text, `${what}: a zero-width joiner was kept outside an emoji or Arabic script`).not.toMatch(LONE_JOINER);
}
const row = (env: Env, sql: string, ...args: unknown[]) => env.watcher.db.prepare(sql).get(...args) as Row | undefined;
const json = (v: unknown) => (typeof v === "string" ? (JSON.parse(v) as unknown) : v);

/** The form value of an item's answer, read the way the step action reads it. */
function answerRaw(item: Item, ctx: Ctx): unknown {
  const all = (n: string) => ctx.fields!.get(n);
  const single = (n: string) => {
    const v = all(n);
    return v === undefined ? undefined : v.length === 1 ? v[0] : v;
  };
  if (item.kind === "checklist") return { owner: single("owner"), dueDate: single("dueDate"), status: single("status"), evidence: single("evidence") };
  if (item.kind === "diagram") return { definition: single("definition") };
  if (item.kind === "rating") return { score: single("score"), evidence: single("evidence") };
  if (item.kind === "question" && item.answer.type === "choice" && item.answer.multiple) return single("value") ?? [];
  return single("value");
}

function cellsOf(ctx: Ctx): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of ctx.fields!) if (k.startsWith("c.")) out[k.slice(2)] = v.length === 1 ? v[0]! : v;
  return out;
}

/** Text columns hold what was typed (less invisible characters). */
function expectTextCells(item: RegisterItem, stored: Record<string, unknown>, ctx: Ctx) {
  for (const col of item.columns) if (col.type === "text" || col.type === "long-text") expectSaved(stored[col.id], ctx.one(`c.${col.id}`), `cell ${col.id}`);
}

function stepAccepted(itemsOf: (ctx: Ctx) => readonly Item[]) {
  return (ctx: Ctx) => {
    const allowed = new Set(itemsOf(ctx).map((i) => i.id));
    const intent = ctx.one("intent");
    const itemId = ctx.one("itemId")!;
    expect(allowed.has(itemId), `accepted an intent for ${itemId}, which this page does not show`).toBe(true);
    const item = findItem(pack, itemId)!;
    const maxAudit = Math.max(0, ...(ctx.before.tables.get("audit_log") ?? []).map((r) => r.row.id as number));
    // Nothing but this item's answer or rows (and the project's "last changed" time and the audit trail) changed.
    ctx.unchangedBut(
      (table, r) =>
        ((table === "answers" || table === "register_rows") && r.project_id === OWN && r.item_id === itemId) ||
        (table === "projects" && r.id === OWN) ||
        (table === "audit_log" && (r.id as number) > maxAudit),
      ["sqlite_sequence"],
    );
    const env = ctx.env;
    if (intent === "answer") {
      expect(item.kind === "register" || item.kind === "info", `answer accepted for a ${item.kind}`).toBe(false);
      const stored = row(env, "SELECT value FROM answers WHERE project_id = ? AND item_id = ?", OWN, itemId);
      expect(stored, "no answer stored").toBeDefined();
      const value = json(stored!.value);
      // The schema's reading of the form once invisible characters are gone (what that removal does is judged just below).
      expect(value).toEqual(valueSchemaFor(item as Parameters<typeof valueSchemaFor>[0]).parse(stripInvisibleDeep(answerRaw(item, ctx))));
      // What the user typed is saved as typed.
      const v = value as Record<string, unknown>;
      if (item.kind === "question" && (item.answer.type === "short-text" || item.answer.type === "long-text")) expectSaved(value, ctx.one("value"), "answer");
      if (item.kind === "checklist") {
        expectSaved(v.owner, ctx.one("owner"), "owner");
        expectSaved(v.evidence, ctx.one("evidence"), "evidence");
      }
      if (item.kind === "rating") expectSaved(v.evidence, ctx.one("evidence"), "evidence");
      if (item.kind === "diagram") {
        expect(Object.keys(v)).toEqual(["definition"]);
        expectSaved(v.definition, ctx.one("definition"), "definition");
      }
      return;
    }
    expect(item.kind, `${intent} accepted for a ${item.kind}`).toBe("register");
    const reg = item as RegisterItem;
    const maxRow = Math.max(0, ...(ctx.before.tables.get("register_rows") ?? []).map((r) => r.row.id as number));
    if (intent === "row-add" || intent === "row-suggest") {
      const added = env.watcher.db.prepare("SELECT cells FROM register_rows WHERE id > ?").all(maxRow) as Row[];
      expect(added.length, "one row added").toBe(1);
      const cells = json(added[0]!.cells) as Record<string, unknown>;
      if (intent === "row-add") {
        expect(cells).toEqual(registerRowSchema(reg).parse(stripInvisibleDeep(cellsOf(ctx))));
        expectTextCells(reg, cells, ctx);
      } else {
        const suggestion = reg.suggestions[Number(ctx.one("suggestion"))]!;
        // These requests state no language, so the suggestion's words are adopted in the default, Persian.
        expect(cells).toEqual(registerRowSchema(reg).parse(suggestionCells(suggestion, "fa")));
      }
      return;
    }
    const rowId = Number(ctx.one("rowId"));
    const stored = row(env, "SELECT cells FROM register_rows WHERE id = ? AND project_id = ? AND item_id = ?", rowId, OWN, itemId);
    if (intent === "row-save") {
      expect(stored, `row ${rowId} saved but not there`).toBeDefined();
      const cells = json(stored!.cells) as Record<string, unknown>;
      expect(cells).toEqual(registerRowSchema(reg).parse(stripInvisibleDeep(cellsOf(ctx))));
      expectTextCells(reg, cells, ctx);
    }
    if (intent === "row-delete") expect(stored, `row ${rowId} still there after its deletion was accepted`).toBeUndefined();
  };
}

// ---------------------------------------------------------------------------
// The drivers: one per route pattern with an action
// ---------------------------------------------------------------------------

const emails = oneof(
  { weight: 3, arbitrary: fc.nat({ max: 1_000_000 }).map((n) => `fuzz.${n}@firm.example`) },
  { weight: 1, arbitrary: fc.constantFrom(DEMO.pm, ADMIN.email, " S.AHMADI@Mehregan.Example ", "a@b", "@x.example", "x@", "x@y.example".repeat(30), "ali@مهرگان.ایران") },
  { weight: 2, arbitrary: nasty },
);
const passwords = oneof(
  { weight: 3, arbitrary: fc.constantFrom("a new password 1", "another long password", "پسورد بلند فارسی ۱۲") },
  { weight: 1, arbitrary: fc.constantFrom("short", "x".repeat(257), "            ", DEMO_PASSWORD) },
  { weight: 2, arbitrary: nasty },
);
/** A password form: often the same password twice, sometimes a different confirmation. */
const newPassword = (g: G) =>
  g.clean
    ? fc.constantFrom("a new password 1", "another long password", "پسورد بلند فارسی ۱۲", "\u202Epassword with bidi\u0000").map((p) => ({ password: p, confirm: p }))
    : fc.tuple(passwords, fc.boolean(), passwords).map(([p, same, other]) => ({ password: p, confirm: same ? p : other }));
const confirmField = (g: G, confirm: string): readonly [string, fc.Arbitrary<V>] => ["confirm", g.clean ? fc.constant<V>(confirm) : oneof({ weight: 4, arbitrary: fc.constant<V>(confirm) }, { weight: 1, arbitrary: nasty })];
const honeypot = (g: G): readonly [string, fc.Arbitrary<V>] => ["website", g.clean ? fc.constant<V>("") : oneof({ weight: 4, arbitrary: fc.constant<V>("") }, { weight: 1, arbitrary: nasty })];
/** A new account's form (first administrator, accepted invitation): name, email, password twice, honeypot. */
const signUpEntries = (g: G, extra: ReadonlyArray<readonly [string, fc.Arbitrary<V>]> = []) =>
  newPassword(g).chain(({ password, confirm }) =>
    fields(g, [
      ...extra,
      ["displayName", messy(g, text, 120)],
      ["email", emails],
      ["password", messy(g, fc.constant(password), 256)],
      confirmField(g, confirm),
      honeypot(g),
    ]),
  );
/** The set-up server's one-time code (read when its server starts), mostly given right. */
let currentSetupCode = "";
const setupCodeField = (g: G): readonly [string, fc.Arbitrary<V>] => [
  "code",
  g.clean ? fc.constant<V>(currentSetupCode) : oneof({ weight: 4, arbitrary: fc.constant<V>(currentSetupCode) }, { weight: 1, arbitrary: fc.constant<V>(currentSetupCode.toLowerCase().replace(/-/g, " ")) }, { weight: 2, arbitrary: messy(g, text, 200) }),
];

/**
 * Ids of people may come out of any generator (a random small number is
 * someone's id): the ones other drivers sign in as are spared, so that
 * disabling or demoting them does not turn every later request into a
 * sign-in redirect. (Disabling yourself is an example of its own.)
 */
const sparing = (w: World, arb: fc.Arbitrary<V>): fc.Arbitrary<V> => {
  const spared = [w.users.admin, w.users.pm, w.users.sponsor, w.users.viewer, w.users.account];
  return arb.filter((v) => typeof v !== "string" || !spared.includes(Number(v)));
};

/** A workbench page: one URL, the items it shows. */
const workbenchDriver = (page: string, items: readonly Item[], runs: number): Driver => ({
  runs,
  arbitrary: (_w: World, g: G) =>
    request(g, {
      who: who(g, "pm", [1, "viewer"], [1, "anonymous"], [1, "garbled-cookie"], [1, "unknown-session"]),
      path: projectInPath(g).map((p) => `/projects/${p}/${page}`),
      entries: itemSubmission(g, items, ELSEWHERE),
    }),
  accepted: stepAccepted(() => items),
});

const urlencoded = (who: Who, path: string, entries: Entry[]): Req => ({ who, path, data: false, encoding: "urlencoded", entries, garbage: { bytes: new Uint8Array(), contentType: null } });

function brandingDriver(scope: "installation" | "project"): Driver {
  const path = (g: G) => (scope === "installation" ? fc.constant("/admin/branding") : projectInPath(g).map((p) => `/projects/${p}/documents`));
  const realIntents = scope === "installation" ? ["branding-save"] : ["branding-save", "branding-reset"];
  const logo = (g: G) => g.clean ? fc.constantFrom<V>({ file: "png", name: "logo.png", type: "image/png" }, { file: "jpeg", name: "لوگو.jpg", type: "image/jpeg" }, { file: "empty", name: "", type: "application/octet-stream" }) : oneof(
    { weight: 2, arbitrary: fc.constantFrom<FileValue>({ file: "png", name: "logo.png", type: "image/png" }, { file: "jpeg", name: "لوگو.jpg", type: "image/jpeg" }) },
    { weight: 2, arbitrary: fc.constantFrom<FileValue>({ file: "garbage", name: "logo.png", type: "image/png" }, { file: "empty", name: "", type: "application/octet-stream" }, { file: "too-big", name: "big.png", type: "image/png" }) },
    { weight: 1, arbitrary: messy(g, text) },
  );
  const scopeKey = scope === "installation" ? "installation" : `project:${OWN}`;
  return {
    runs: scope === "installation" ? 50 : 70,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: scope === "installation" ? who(g, "admin", [1, "pm"], [1, "anonymous"]) : who(g, "pm", [1, "viewer"], [1, "garbled-cookie"]),
        path: path(g),
        encoding: encodings(g, 14),
        entries: both(
          intents(g, realIntents),
          fields(g, [
            ["firmName", messy(g, text, 120)],
            ["primaryColor", messy(g, fc.constantFrom("#1F6FEB", "1f6feb", "#12345G", "#FFF", " #00aa00 ", "red"))],
            ["font", messy(g, fc.constantFrom(...BRAND_FONTS, "Comic Sans", "vazirmatn"))],
            ["removeLogo", g.clean ? fc.constantFrom<V>("on", "") : oneof(fc.constant<V>("on"), nasty)],
            ["logo", logo(g)],
          ]),
        ),
      }),
    examples: () => [
      {
        label: "a valid branding form is saved",
        req: urlencoded(scope === "installation" ? "admin" : "pm", scope === "installation" ? "/admin/branding" : `/projects/${OWN}/documents`, [
          ["intent", "branding-save"],
          ["firmName", "  Arman \u202Eمشاوران\u202C  "],
          ["primaryColor", "#1f6feb"],
          ["font", "Calibri"],
        ]),
        expect: "accepted",
      },
    ],
    accepted: (ctx) => {
      // Like the action, the last value of a repeated field counts.
      const last = (n: string) => ctx.fields!.get(n)?.at(-1);
      expect(ctx.fields, "accepted a body that is not a form").not.toBeNull();
      const stored = row(ctx.env, "SELECT * FROM branding WHERE scope = ?", scopeKey);
      if (last("intent") === "branding-reset") {
        expect(stored, "the project's branding is still there after a reset").toBeUndefined();
        return;
      }
      expect(stored, "no branding stored").toBeDefined();
      expectSaved(stored!.firm_name, last("firmName"), "firm name", { trim: true });
      expect(stored!.font ?? "").toBe(last("font") ?? "");
      expect(stored!.primary_color ?? "").toBe(trimmed(last("primaryColor")).replace(/^#/, "").toUpperCase());
      ctx.unchangedBut((table, r) => (table === "branding" && r.scope === scopeKey) || table === "audit_log", ["sqlite_sequence"]);
    },
  };
}

// ---------------------------------------------------------------------------
// The selection page: item forms, a vendor's response sheet, demo scores
// ---------------------------------------------------------------------------

/** Response sheets as a vendor sends them back: filled, or each way a file can be wrong. */
type SheetKind = "xlsx-filled" | "xlsx-other-project" | "xlsx-edited" | "xlsx-formula" | "xlsx-damaged" | "xlsx-bomb";
let bombBytes: Uint8Array | null = null;

/** The demo project's response sheet (built from its requirements when sent), filled with exceljs, then spoilt as `kind` says. */
async function sheetBytes(env: Env, kind: SheetKind): Promise<Uint8Array> {
  if (kind === "xlsx-bomb") {
    // 40 MB of one character compresses to a few kilobytes: refused before it is parsed.
    if (!bombBytes) {
      const zip = new JSZip();
      zip.file("[Content_Types].xml", "<Types/>");
      zip.file("xl/worksheets/sheet1.xml", Buffer.alloc(40 * 1024 * 1024, 0x20));
      bombBytes = new Uint8Array(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    }
    return bombBytes;
  }
  const db = env.watcher.db;
  const project = db.prepare("SELECT id, created_at FROM projects WHERE id = ?").get(OWN) as { id: number; created_at: string };
  const requirements = (db.prepare("SELECT id, cells FROM register_rows WHERE project_id = ? AND item_id = 'requirements.register' ORDER BY position, id").all(OWN) as Row[]).map((r, i) => ({
    rowId: r.id as number,
    number: `R${i + 1}`,
    text: String((json(r.cells) as Record<string, unknown>).requirement ?? ""),
    description: "",
    priority: "",
    goal: "",
  }));
  const issued = await buildResponseSheet({
    lang: "en",
    project: { id: kind === "xlsx-other-project" ? OTHER : project.id, createdAt: project.created_at, name: "Demo", client: "Demo" },
    requirementsItemId: "requirements.register",
    requirements,
    fitLevels: fitLevelsOf(pack),
    rfp: { issueDate: null, dueDate: null, contact: null },
    vendor: null,
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(issued as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[1]!;
  for (let r = 2; r <= ws.rowCount; r++) {
    ws.getCell(r, 6).value = "Standard (out of the box)";
    ws.getCell(r, 7).value = 2;
    ws.getCell(r, 8).value = 100;
  }
  if (kind === "xlsx-edited") ws.getCell("A2").value = "R77";
  if (kind === "xlsx-formula") ws.getCell("H2").value = { formula: "G2*50", result: 100 };
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  return kind === "xlsx-damaged" ? bytes.slice(0, Math.floor(bytes.length * 0.6)) : bytes;
}

const SELECTION_ITEMS = pack.phases.find((p) => p.id === "selection")?.steps.flatMap((s) => s.items) ?? [];
const liveRow = (g: G, itemId: string): fc.Arbitrary<V> => {
  const own = fc.nat(30).map((index): V => ({ live: "row-id", itemId, project: "own", index }));
  return g.clean ? own : oneof<V>({ weight: 8, arbitrary: own }, { weight: 1, arbitrary: fc.nat(5).map((index): V => ({ live: "row-id", itemId, project: "other", index })) }, { weight: 2, arbitrary: idish }, { weight: 1, arbitrary: nasty });
};
const SHEETS: FileValue[] = (["xlsx-filled", "xlsx-other-project", "xlsx-edited", "xlsx-formula", "xlsx-damaged", "xlsx-bomb"] as const).map((file) => ({ file, name: `${file}.xlsx`, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));

const selectionDriver = (runs: number): Driver => {
  const generic = workbenchDriver("selection", SELECTION_ITEMS, runs);
  const path = (g: G) => projectInPath(g).map((p) => `/projects/${p}/selection`);
  return {
    runs,
    arbitrary: (w: World, g: G) =>
      fc.oneof(
        generic.arbitrary(w, g),
        request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "anonymous"]),
          path: path(g),
          encoding: g.clean ? fc.constant<Encoding>("multipart") : encodings(g, 20),
          entries: both(
            intents(g, ["import"]),
            fields(g, [
              ["vendor", liveRow(g, "selection.candidates")],
              ["file", oneof<V>({ weight: 5, arbitrary: fc.constantFrom(...SHEETS) }, { weight: 2, arbitrary: fc.constantFrom<FileValue>({ file: "garbage", name: "sheet.xlsx", type: "application/octet-stream" }, { file: "empty", name: "", type: "application/octet-stream" }, { file: "png", name: "sheet.png", type: "image/png" }) }, { weight: 1, arbitrary: messy(g, text) })],
            ]),
          ),
        }),
        request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "anonymous"]),
          path: path(g),
          entries: both(
            intents(g, ["demo-scores"]),
            fields(g, [
              ["scriptId", liveRow(g, "selection.demo-scripts")],
              ["scorer", messy(g, text, 300)],
              ["score-1", messy(g, fc.constantFrom("", "1", "3", "5", "6", "2.5"))],
              ["version-1", messy(g, fc.constantFrom("0", "1", "2"))],
            ]),
          ),
        }),
      ),
    accepted: (ctx: Ctx) => {
      const intent = ctx.one("intent");
      if (intent === "import") {
        onlyRegisterChanged(ctx, "selection.vendor-responses");
        // Only a filled sheet of this project is accepted, and it answers every requirement for that vendor.
        const vendor = Number(ctx.one("vendor"));
        const rows = (ctx.env.watcher.db.prepare("SELECT cells FROM register_rows WHERE project_id = ? AND item_id = 'selection.vendor-responses'").all(OWN) as Row[]).filter((r) => Number((json(r.cells) as Record<string, unknown>).vendor) === vendor);
        const requirements = demoRowIds(ctx.env, "requirements.register").length;
        expect(rows.length).toBe(requirements);
        expect(rows.every((r) => (json(r.cells) as Record<string, unknown>).fit === "standard")).toBe(true);
      } else if (intent === "demo-scores") onlyRegisterChanged(ctx, "selection.demo-scores");
      else generic.accepted!(ctx);
    },
  };
};

// ---------------------------------------------------------------------------
// Planning pages (customer strategy, journey map, prioritisation, roadmap)
// ---------------------------------------------------------------------------

const PLANNING = pack.planning!;
const planningItems = (page: keyof typeof PLANNING.pages) => PLANNING.pages[page].map((id) => findItem(pack, id)!).filter(Boolean);
/** Row ids of the demo project's registers, read once the server has seeded it. */
const demoRowIds = (env: Env, itemId: string): number[] =>
  (env.watcher.db.prepare("SELECT id FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY position").all(OWN, itemId) as Row[]).map((r) => r.id as number);
const rowIdOf = (env: Env, itemId: string) => (g: G) => {
  const ids = demoRowIds(env, itemId);
  const real = ids.length ? fc.constantFrom(...ids.map(String)) : idish;
  return g.clean ? real : fc.oneof({ weight: 6, arbitrary: real }, { weight: 2, arbitrary: idish }, { weight: 1, arbitrary: nasty });
};

/** A page's own intent besides the item forms it shares with every workbench. */
function planningDriver(page: keyof typeof PLANNING.pages, own: { intent: string; fields: (w: World, g: G) => ReadonlyArray<readonly [string, fc.Arbitrary<V>]>; accepted: (ctx: Ctx) => void } | null, runs: number): Driver {
  const items = planningItems(page);
  const generic = workbenchDriver(page, items, runs);
  return {
    runs,
    arbitrary: (w: World, g: G) =>
      own
        ? fc.oneof(
            generic.arbitrary(w, g),
            request(g, {
              who: who(g, "pm", [1, "viewer"], [1, "anonymous"]),
              path: projectInPath(g).map((p) => `/projects/${p}/${page}`),
              entries: both(intents(g, [own.intent]), fields(g, own.fields(w, g))),
            }),
          )
        : generic.arbitrary(w, g),
    accepted: (ctx: Ctx) => (own && ctx.one("intent") === own.intent ? own.accepted(ctx) : generic.accepted!(ctx)),
  };
}

/** Only the rows of one register of the demo project (and the audit trail, the project's time) may change. */
function onlyRegisterChanged(ctx: Ctx, itemId: string) {
  const maxAudit = Math.max(0, ...(ctx.before.tables.get("audit_log") ?? []).map((r) => r.row.id as number));
  ctx.unchangedBut(
    (table, r) => (table === "register_rows" && r.project_id === OWN && r.item_id === itemId) || (table === "projects" && r.id === OWN) || (table === "audit_log" && (r.id as number) > maxAudit),
    ["sqlite_sequence"],
  );
}

const PLANNING_DRIVERS: Record<string, Driver> = {
  "/projects/:projectId/strategy": planningDriver("strategy", null, 60),
  "/projects/:projectId/roadmap": planningDriver("roadmap", null, 60),
  "/projects/:projectId/journey": planningDriver(
    "journey",
    {
      intent: "gap-requirement",
      fields: (w, g) => [["touchpointId", rowIdOf(w, PLANNING.touchpoints)(g)]],
      accepted: (ctx) => {
        onlyRegisterChanged(ctx, PLANNING.requirements);
        const added = ctx.env.watcher.db.prepare("SELECT cells FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY id DESC LIMIT 1").get(OWN, PLANNING.requirements) as Row;
        expect((json(added.cells) as Record<string, unknown>).touchpoint).toBe(Number(ctx.one("touchpointId")));
      },
    },
    60,
  ),
  "/projects/:projectId/prioritisation": planningDriver(
    "prioritisation",
    {
      intent: "scores",
      fields: (w, g) => {
        const criteria = demoRowIds(w, PLANNING.criteria);
        return [
          ["goalId", rowIdOf(w, PLANNING.goals)(g)],
          ...criteria.flatMap((c): Array<readonly [string, fc.Arbitrary<V>]> => [
            [`score-${c}`, messy(g, fc.constantFrom("", "0", "1", "2", "3", "4", "5"))],
            [`version-${c}`, messy(g, fc.constantFrom("0", "1", "2"))],
          ]),
        ];
      },
      accepted: (ctx) => {
        onlyRegisterChanged(ctx, PLANNING.scores);
        // Every score the form set is stored for that goal, as a whole number 0–5.
        const goal = Number(ctx.one("goalId"));
        const rows = (ctx.env.watcher.db.prepare("SELECT cells FROM register_rows WHERE project_id = ? AND item_id = ?").all(OWN, PLANNING.scores) as Row[]).map((r) => json(r.cells) as Record<string, unknown>);
        for (const c of demoRowIds(ctx.env, PLANNING.criteria)) {
          const sent = ctx.one(`score-${c}`);
          if (sent === undefined) continue;
          const stored = rows.find((r) => r.goal === goal && r.criterion === c);
          if (sent.trim() === "") expect(stored, `score ${c} cleared`).toBeUndefined();
          else expect(stored?.score, `score ${c}`).toBe(Number(sent));
        }
      },
    },
    80,
  ),
};


// ---------------------------------------------------------------------------
// Importing a project from a file: every refusal writes nothing
// ---------------------------------------------------------------------------

/** Project files that are not (or no longer) acceptable; the accepted path is tested in project-transfer-http.test.ts. */
const PROJECT_FILES = {
  "json-other": JSON.stringify({ hello: "world", projects: [1, 2, 3] }),
  "json-newer": JSON.stringify({ format: "gambegam-project", formatVersion: 99, pack: { id: "crm-implementation", version: "9.0.0" }, project: {} }),
  "json-truncated": '{"format":"gambegam-project","formatVersion":1,"pack":{"id":"crm-implementation","vers',
} as const;

const importDriver: Driver = {
  runs: 60,
  arbitrary: (_w: World, g: G) =>
    request(g, {
      who: who(g, "pm", [1, "anonymous"], [1, "garbled-cookie"]),
      path: fc.constant("/projects/import"),
      encoding: g.clean ? fc.constant<Encoding>("multipart") : encodings(g, 20),
      entries: fields(g, [
        [
          "file",
          oneof<V>(
            { weight: 4, arbitrary: fc.constantFrom<FileValue>({ file: "json-other", name: "project.json", type: "application/json" }, { file: "json-newer", name: "پروژه.json", type: "application/json" }, { file: "json-truncated", name: "cut.json", type: "application/json" }) },
            { weight: 2, arbitrary: fc.constantFrom<FileValue>({ file: "garbage", name: "x.json", type: "application/json" }, { file: "empty", name: "", type: "application/octet-stream" }, { file: "png", name: "photo.png", type: "image/png" }) },
            { weight: 1, arbitrary: messy(g, text) },
          ),
        ],
      ]),
    }),
  examples: () => [
    { label: "a project file from a newer Gambegam is refused", req: { who: "pm", path: "/projects/import", data: false, encoding: "multipart", entries: [["file", { file: "json-newer", name: "p.json", type: "application/json" }]], garbage: { bytes: new Uint8Array(), contentType: null } }, expect: 400 },
  ],
};

// ---------------------------------------------------------------------------
// A register imported from a spreadsheet (decision 045): upload, confirm, cancel
// ---------------------------------------------------------------------------

const SHEET_REGISTER = "requirements.register";
const SHEET_IMPORT = `/projects/${OWN}/registers/${SHEET_REGISTER}/import`;
const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
type RegSheetKind = "reg-xlsx" | "reg-csv" | "reg-edited" | "reg-truncated" | "reg-formula" | "reg-other-project" | "reg-other-register" | "reg-100k" | "reg-wrong-header";
type RegSheetFile = { regSheet: RegSheetKind; name: string; type: string } | { randomBytes: Uint8Array; name: string; type: string };
const EDITED_TEXT = "Edited by the bad-input walk";
const ADDED_TEXT = "Added by the bad-input walk";

/** A register's spreadsheet as the server gives it (the download route), fresh each time: its ids and versions are the register's now. */
async function downloadSheet(env: Env, projectId: number, itemId: string, format: "xlsx" | "csv", who: Who): Promise<Uint8Array> {
  const r = await fetch(`${env.server.url}/projects/${projectId}/registers/${itemId}/sheet?format=${format}&lang=en`, { headers: cookieHeader(env, who) });
  if (r.status !== 200) throw new Error(`downloading ${itemId} of project ${projectId} as ${format}: ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The demo's requirements register as a file, edited with exceljs or as CSV text, or spoilt as `kind` says. */
async function regSheetBytes(env: Env, kind: RegSheetKind): Promise<Uint8Array> {
  if (kind === "reg-other-project") return downloadSheet(env, OTHER, SHEET_REGISTER, "xlsx", "admin");
  if (kind === "reg-other-register") return downloadSheet(env, OWN, "goals.register", "xlsx", "pm");
  if (kind === "reg-csv" || kind === "reg-100k" || kind === "reg-wrong-header") {
    const csv = new TextDecoder().decode(await downloadSheet(env, OWN, SHEET_REGISTER, "csv", "pm"));
    const lines = csv.split(/\r\n|\n/);
    if (kind === "reg-wrong-header") return new TextEncoder().encode([...lines.slice(0, 2), lines[2]!.replace("Requirement", "Something else"), ...lines.slice(3)].join("\r\n"));
    if (kind === "reg-100k") {
      const blank = ",".repeat((lines[2]!.match(/,/g) ?? []).length - 2);
      const rows = Array.from({ length: 100_000 }, (_, i) => `,,Row ${i + 1}${blank}`);
      return new TextEncoder().encode([...lines.slice(0, 3), ...rows].join("\r\n"));
    }
    return new TextEncoder().encode(csv);
  }
  const bytes = await downloadSheet(env, OWN, SHEET_REGISTER, "xlsx", "pm");
  if (kind === "reg-xlsx") return bytes;
  if (kind === "reg-truncated") return bytes.slice(0, Math.floor(bytes.length * 0.6));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0]!;
  // Line 3 is the header (row id, version, then the register's columns); rows start on line 4.
  if (kind === "reg-formula") ws.getCell(4, 3).value = { formula: 'CONCATENATE("a","b")', result: "ab" };
  if (kind === "reg-edited") {
    ws.getCell(4, 3).value = EDITED_TEXT;
    // Other drivers may have deleted the goal or touchpoint this row points at; an edited row is
    // checked as the form checks it, so its references ("12 · name") are cleared to keep it valid.
    // (A reference to a deleted row is written as its bare number, so the reference columns are found by their header.)
    ws.getRow(4).eachCell((cell, col) => {
      if (col > 3 && /^(Goal served|Journey gap it closes)/.test(String(ws.getCell(3, col).value ?? ""))) cell.value = null;
    });
    ws.getCell(ws.rowCount + 1, 3).value = ADDED_TEXT;
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

let lastSheetUpload = "0".repeat(32);
/** Which file each upload id came from, so a confirm's check knows what it must have written. */
const sheetUploadKinds = new Map<string, RegSheetKind>();
/** Uploads a register spreadsheet as the demo project manager (nothing is written until confirmed): the preview's upload id. */
async function uploadRegSheet(env: Env, kind: RegSheetKind): Promise<string> {
  const fd = new FormData();
  fd.append("intent", "upload");
  fd.append("file", new Blob([new Uint8Array(await regSheetBytes(env, kind))], { type: XLSX_MIME }), `${kind}.${kind === "reg-csv" ? "csv" : "xlsx"}`);
  const r = await fetch(env.server.url + SHEET_IMPORT, { method: "POST", body: fd, headers: cookieHeader(env, "pm"), redirect: "manual" });
  await r.body?.cancel();
  lastSheetUpload = new URL(r.headers.get("location") ?? "/", env.server.url).searchParams.get("upload") ?? "0".repeat(32);
  sheetUploadKinds.set(lastSheetUpload, kind);
  return lastSheetUpload;
}

async function previewFingerprint(env: Env): Promise<string> {
  const r = await fetch(`${env.server.url}${SHEET_IMPORT}?upload=${lastSheetUpload}`, { headers: cookieHeader(env, "pm") });
  return (await r.text()).match(/name="fingerprint" value="([0-9a-f]{32})"/)?.[1] ?? "f".repeat(32);
}

const regFile = (kind: RegSheetKind): RegSheetFile => ({ regSheet: kind, name: `${kind}.${kind === "reg-csv" || kind === "reg-100k" || kind === "reg-wrong-header" ? "csv" : "xlsx"}`, type: XLSX_MIME });
const REG_KINDS: RegSheetKind[] = ["reg-xlsx", "reg-csv", "reg-edited", "reg-truncated", "reg-formula", "reg-other-project", "reg-other-register", "reg-100k", "reg-wrong-header"];
const multipart = (who: Who, path: string, entries: Entry[]): Req => ({ who, path, data: false, encoding: "multipart", entries, garbage: { bytes: new Uint8Array(), contentType: null } });

const registerImportDriver: Driver = {
  runs: 50,
  arbitrary: (_w: World, g: G) => {
    const path = g.clean
      ? fc.constant(SHEET_IMPORT)
      : oneof(
          { weight: 12, arbitrary: fc.constant(SHEET_IMPORT) },
          { weight: 2, arbitrary: fc.constantFrom(`/projects/${OTHER}/registers/${SHEET_REGISTER}/import`, `/projects/${OWN}/registers/goals.scores/import`, `/projects/${OWN}/registers/team.members/import`, `/projects/${OWN}/registers/no.such/import`, `/projects/999999/registers/${SHEET_REGISTER}/import`) },
        );
    const upload = oneof<V>(
      { weight: 6, arbitrary: fc.constantFrom<RegSheetKind>("reg-edited", "reg-xlsx", "reg-csv").map((kind): V => ({ live: "sheet-upload", kind })) },
      ...(g.clean ? [] : [{ weight: 2, arbitrary: fc.constantFrom<V>("0".repeat(32), "../../etc/passwd", "", "a".repeat(33)) }, { weight: 1, arbitrary: idish as fc.Arbitrary<V> }]),
    );
    const file = oneof<V>(
      { weight: 6, arbitrary: fc.constantFrom(...REG_KINDS).map(regFile) },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b): V => ({ randomBytes: b, name: "random.xlsx", type: XLSX_MIME })) },
      { weight: 1, arbitrary: fc.constantFrom<FileValue>({ file: "empty", name: "", type: "application/octet-stream" }, { file: "png", name: "sheet.png", type: "image/png" }) },
      ...(g.clean ? [] : [{ weight: 1, arbitrary: messy(g, text) }]),
    );
    const encoding = g.clean ? fc.constant<Encoding>("multipart") : encodings(g, 20);
    return oneof(
      { weight: 3, arbitrary: request(g, { who: who(g, "pm", [1, "viewer"], [1, "sponsor"], [1, "anonymous"]), path, encoding, entries: both(intents(g, ["upload"]), fields(g, [["file", file]])) }) },
      {
        weight: 3,
        arbitrary: request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "anonymous"]),
          path,
          encoding,
          entries: both(
            intents(g, ["confirm"]),
            fields(g, [
              ["upload", upload],
              ["fingerprint", g.clean ? fc.constant<V>({ live: "sheet-fingerprint" }) : oneof<V>({ weight: 4, arbitrary: fc.constant<V>({ live: "sheet-fingerprint" }) }, { weight: 1, arbitrary: messy(g, fc.constantFrom("", "0".repeat(32))) })],
            ]),
            fc.constant(false),
          ),
        }),
      },
      { weight: 1, arbitrary: request(g, { who: who(g, "pm", [1, "viewer"]), path, encoding, entries: both(intents(g, ["cancel"]), fields(g, [["upload", upload]])) }) },
    );
  },
  examples: () => [
    { label: "an upload is previewed (303 to the preview), nothing written yet", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-edited")]]), expect: 303 },
    { label: "random bytes are refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", { randomBytes: new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9, 0, 255, 1, 2]), name: "r.xlsx", type: XLSX_MIME }]]), expect: 400 },
    { label: "a truncated workbook is refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-truncated")]]), expect: 400 },
    { label: "a formula cell is refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-formula")]]), expect: 400 },
    { label: "another project's register is refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-other-project")]]), expect: 400 },
    { label: "another register of the project is refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-other-register")]]), expect: 400 },
    { label: "100,000 rows are refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-100k")]]), expect: "refused" },
    { label: "a CSV whose header was changed is refused", req: multipart("pm", SHEET_IMPORT, [["intent", "upload"], ["file", regFile("reg-wrong-header")]]), expect: 400 },
    { label: "a register edited in its own grid is not imported", req: multipart("pm", `/projects/${OWN}/registers/goals.scores/import`, [["intent", "upload"], ["file", regFile("reg-xlsx")]]), expect: 409 },
    // Refused as another register's file (400), or as a write to a signed phase (409) once the sign-off driver has signed it.
    { label: "the requirements file uploaded to the team register is refused", req: multipart("pm", `/projects/${OWN}/registers/team.members/import`, [["intent", "upload"], ["file", regFile("reg-xlsx")]]), expect: "refused" },
    { label: "confirming an upload that is not there (or not yours) writes nothing", req: urlencoded("pm", SHEET_IMPORT, [["intent", "confirm"], ["upload", "0".repeat(32)], ["fingerprint", "0".repeat(32)]]), expect: 410 },
    { label: "confirming against a fingerprint the register never had writes nothing", req: urlencoded("pm", SHEET_IMPORT, [["intent", "confirm"], ["upload", { live: "sheet-upload", kind: "reg-edited" }], ["fingerprint", "0".repeat(32)]]), expect: 409 },
    { label: "a confirmed edit writes the changed and added rows", req: urlencoded("pm", SHEET_IMPORT, [["intent", "confirm"], ["upload", { live: "sheet-upload", kind: "reg-edited" }], ["fingerprint", { live: "sheet-fingerprint" }]]), expect: 303 },
  ],
  accepted: (ctx: Ctx) => {
    const intent = ctx.one("intent");
    if (intent !== "confirm") return ctx.unchangedBut(() => false);
    onlyRegisterChanged(ctx, SHEET_REGISTER);
    // Each row written has its own history entry naming the file (decision 045).
    const maxAudit = Math.max(0, ...(ctx.before.tables.get("audit_log") ?? []).map((r) => r.row.id as number));
    const entries = (ctx.after.tables.get("audit_log") ?? []).map((r) => r.row).filter((r) => (r.id as number) > maxAudit);
    for (const e of entries) {
      expect(["row.add", "row.update"]).toContain(e.action);
      expect(String(e.subject)).toMatch(/^reg-(edited|xlsx|csv)\.(xlsx|csv)$/);
    }
    if (sheetUploadKinds.get(ctx.one("upload") ?? "") !== "reg-edited") return;
    // The edited file adds one row each time it is confirmed (its edited row may already hold the text from an earlier confirm).
    expect(entries.filter((e) => e.action === "row.add").length, "a confirmed edit added no row").toBeGreaterThanOrEqual(1);
    const texts = (s: Snapshot) => (s.tables.get("register_rows") ?? []).map((r) => r.row).filter((r) => r.project_id === OWN && r.item_id === SHEET_REGISTER).map((r) => (json(r.cells) as Record<string, unknown>).requirement);
    expect(texts(ctx.after).filter((t) => t === ADDED_TEXT).length, "the added row is not stored").toBe(texts(ctx.before).filter((t) => t === ADDED_TEXT).length + 1);
    expect(texts(ctx.after)).toContain(EDITED_TEXT);
  },
};

// ---------------------------------------------------------------------------
// Method settings: a project's own thresholds (decision 035)
// ---------------------------------------------------------------------------

const SETTINGS_PATH = `/projects/${OWN}/method-settings`;
const methodSettingsDriver: Driver = {
  runs: 60,
  arbitrary: (_w: World, g: G) =>
    request(g, {
      who: who(g, "pm", [1, "viewer"], [1, "sponsor"], [1, "anonymous"], [1, "garbled-cookie"]),
      path: projectInPath(g).map((p) => `/projects/${p}/method-settings`),
      entries: both(
        intents(g, ["threshold-save", "threshold-reset"]),
        fields(g, [
          ["key", messy(g, fc.constantFrom(...pack.thresholds.map((t) => t.id)))],
          ["version", messy(g, fc.constantFrom("0", "1", "2", "3"))],
          ["value", messy(g, oneof(wholeNumber(-10, 400), fc.constantFrom("40%", "۴۰٪", "3.5", "", " 7 ")))],
        ]),
      ),
    }),
  examples: () => [
    { label: "a threshold within its range is saved", req: urlencoded("pm", SETTINGS_PATH, [["intent", "threshold-save"], ["key", "decided-segments"], ["version", "0"], ["value", "۳"]]), expect: "accepted" },
    { label: "a threshold out of its range is refused", req: urlencoded("pm", SETTINGS_PATH, [["intent", "threshold-save"], ["key", "first-stage-share"], ["version", "0"], ["value", "5"]]), expect: 400 },
    { label: "a stale version is refused", req: urlencoded("pm", SETTINGS_PATH, [["intent", "threshold-save"], ["key", "decided-segments"], ["version", "0"], ["value", "4"]]), expect: 409 },
    { label: "an unknown threshold is refused", req: urlencoded("pm", SETTINGS_PATH, [["intent", "threshold-save"], ["key", "__proto__"], ["version", "0"], ["value", "4"]]), expect: 400 },
    { label: "the executive sponsor may not change the method", req: urlencoded("sponsor", SETTINGS_PATH, [["intent", "threshold-save"], ["key", "decided-segments"], ["version", "1"], ["value", "4"]]), expect: 403 },
  ],
  accepted: (ctx) => {
    const key = ctx.one("key")!;
    const stored = row(ctx.env, "SELECT value FROM project_settings WHERE project_id = ? AND key = ?", OWN, key);
    if (ctx.one("intent") === "threshold-reset") expect(stored?.value ?? null, "a reset leaves no value").toBeNull();
    else {
      const sent = [...ctx.one("value")!.trim().replace(/[%٪]$/, "")].map((c) => { const d = PERSIAN_DIGITS.indexOf(c); return d >= 0 ? String(d) : c; }).join("").trim();
      expect(stored?.value, `threshold ${key}`).toBe(Number(sent));
    }
    ctx.unchangedBut((table, r) => (table === "project_settings" && r.project_id === OWN && r.key === key) || (table === "projects" && r.id === OWN) || table === "audit_log", ["sqlite_sequence"]);
  },
};


// ---------------------------------------------------------------------------
// Workshop sessions (decision 039): the world the phone and facilitator drivers send into
// ---------------------------------------------------------------------------

/**
 * Three sessions of the demo project, each on its own step: A (a poll open, another closed;
 * "participant" joined), B (an ideas activity open; "participant-2" joined) and C, which the
 * facilitator's random requests work on (so ending it spares A and B).
 */
type WorkshopWorld = {
  a: { id: number; token: string; code: string; openPoll: number; closedPoll: number };
  b: { id: number; token: string; openIdeas: number };
  c: { id: number; activities: number[]; participants: number[] };
};

async function workshopWorld(env: Env): Promise<WorkshopWorld> {
  const db = env.watcher.db;
  const start = async (phaseId: string, stepId: string) => {
    const r = await postForm(env, `/projects/${OWN}/workshops`, { intent: "start", phaseId, stepId }, "pm");
    const m = /^gambegam_ws_(\d+)=(.+)$/.exec(r.cookie ?? "");
    if (r.status !== 302 || !m) throw new Error(`starting a workshop on ${stepId}: ${r.status}`);
    return { id: Number(m[1]), token: decodeURIComponent(m[2]!) };
  };
  const act = async (sessionId: number, fields: Record<string, string>) => {
    const r = await postForm(env, `/projects/${OWN}/workshops/${sessionId}.data`, fields, "pm");
    if (r.status !== 200) throw new Error(`workshop ${sessionId} ${fields.intent}: ${r.status} ${r.body.slice(0, 200)}`);
  };
  const activities = (sessionId: number) => (db.prepare("SELECT id FROM workshop_activities WHERE session_id = ? ORDER BY id").pluck().all(sessionId) as number[]);
  const joinAs = async (token: string, name: string) => {
    const r = await postForm(env, `/w/${token}`, { intent: "join", name });
    if (r.status !== 303 || !r.cookie) throw new Error(`joining a workshop: ${r.status}`);
    return r.cookie;
  };
  const ideaItem = (stepId: string) => pack.phases.flatMap((p) => p.steps).find((s) => s.id === stepId)!.items.find((i) => i.kind === "question" && (i.answer.type === "long-text" || i.answer.type === "short-text"))!.id;

  const a = await start("vision", "vision-workshop");
  await act(a.id, { intent: "add", kind: "poll", question: "Ready to go live?", options: "Yes\nNot yet" });
  await act(a.id, { intent: "add", kind: "poll", question: "Which first?", options: "Sales\nService" });
  const [openPoll, closedPoll] = activities(a.id) as [number, number];
  await act(a.id, { intent: "open", activityId: String(closedPoll) });
  await act(a.id, { intent: "open", activityId: String(openPoll) });
  env.cookies.set("participant", await joinAs(a.token, "Phone Fuzz"));
  env.cookies.set("forged-participant", `gambegam_wp_${a.id}=forged-secret-of-nobody-0123456789`);
  const code = db.prepare("SELECT code FROM workshop_sessions WHERE id = ?").pluck().get(a.id) as string;

  const b = await start("goals", "goals-prioritise");
  await act(b.id, { intent: "add", kind: "ideas", itemId: ideaItem("goals-prioritise"), question: "Why this order?" });
  const [openIdeas] = activities(b.id) as [number];
  await act(b.id, { intent: "open", activityId: String(openIdeas) });
  env.cookies.set("participant-2", await joinAs(b.token, "Second Phone"));

  const c = await start("team", "team-readiness");
  await act(c.id, { intent: "add", kind: "poll", question: "Lunch?", options: "Now\nLater" });
  await act(c.id, { intent: "add", kind: "ideas", itemId: ideaItem("team-readiness"), question: "What worries you?" });
  await act(c.id, { intent: "add", kind: "readiness" });
  await joinAs(c.token, "Someone In C");
  const participants = db.prepare("SELECT id FROM workshop_participants WHERE session_id = ?").pluck().all(c.id) as number[];
  return { a: { ...a, code, openPoll, closedPoll }, b: { ...b, openIdeas }, c: { id: c.id, activities: activities(c.id), participants } };
}

/**
 * The room's writes (joins, ballots, ideas) are announced inside their own transactions like every
 * other write (decision 038; the live stream coalesces them for the pages), so a refused one writes
 * nothing at all — the change feed included.
 */

/** Only the session tables, the live feed and the history may change when a workshop request is accepted. */
const workshopTables = (table: string) => table.startsWith("workshop_") || table === "live_changes" || table === "audit_log";

function workshopDrivers(): Record<string, Driver> {
  const phoneFields = (w: World, g: G) =>
    fields(g, [
      ["activityId", messy(g, fc.constantFrom(String(w.workshop.a.openPoll), String(w.workshop.a.closedPoll), String(w.workshop.b.openIdeas), "999999"))],
      ["option", messy(g, fc.constantFrom("0", "1", "2", "-1", "1.5"))],
      ["text", messy(g, text, 280)],
      ["name", messy(g, text, 60)],
    ]);
  return {
    "/w": {
      runs: 40,
      examples: (w) => [
        { label: "a code no open session has", req: urlencoded("anonymous", "/w", [["intent", "join"], ["code", "ZZZZZZ"], ["name", "Someone"]]), expect: 404 },
        { label: "a name over 60 characters", req: urlencoded("anonymous", "/w", [["intent", "join"], ["code", w.workshop.a.code], ["name", "n".repeat(61)]]), expect: 400 },
        { label: "a name of bidi controls only", req: urlencoded("anonymous", "/w", [["intent", "join"], ["code", w.workshop.a.code], ["name", "\u202E\u2066\u200F"]]), expect: 400 },
        { label: "a name already in the session (it would be counted twice)", req: urlencoded("anonymous", "/w", [["intent", "join"], ["code", w.workshop.a.code], ["name", "phone fuzz"]]), expect: 409 },
        { label: "a bidi-laden name joins without its controls", req: urlencoded("anonymous", "/w", [["intent", "join"], ["code", w.workshop.a.code.toLowerCase()], ["name", "\u202EReza\u202C \u2067Karimi\u2069"]]), expect: "accepted" },
      ],
      arbitrary: (w: World, g: G) =>
        request(g, {
          who: who(g, "anonymous", [1, "participant"], [1, "pm"]),
          path: fc.constant("/w"),
          entries: both(intents(g, ["join"]), fields(g, [["code", messy(g, fc.constantFrom(w.workshop.a.code, w.workshop.a.code.toLowerCase(), "ZZZZZZ", "abc"))], ["name", messy(g, text, 60)]])),
        }),
      accepted: (ctx) => {
        const p = row(ctx.env, "SELECT * FROM workshop_participants ORDER BY id DESC LIMIT 1")!;
        expect(p.name).toBe(cleanRoomText(ctx.one("name")));
        expect(String(p.name), "a bidi control was kept in a name").not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
        ctx.unchangedBut(workshopTables, ["sqlite_sequence"]);
      },
    },
    "/w/:token": {
      runs: 80,
      examples: (w) => {
        const A = `/w/${w.workshop.a.token}`;
        const B = `/w/${w.workshop.b.token}`;
        return [
          { label: "a vote out of range", req: urlencoded("participant", A, [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "7"]]), expect: 400 },
          { label: "a vote for an unknown activity", req: urlencoded("participant", A, [["intent", "vote"], ["activityId", "999999"], ["option", "0"]]), expect: 404 },
          { label: "a vote for a closed activity", req: urlencoded("participant", A, [["intent", "vote"], ["activityId", String(w.workshop.a.closedPoll)], ["option", "0"]]), expect: 409 },
          { label: "a vote for another session's activity", req: urlencoded("participant", A, [["intent", "idea"], ["activityId", String(w.workshop.b.openIdeas)], ["text", "not mine"]]), expect: 403 },
          { label: "a forged participant", req: urlencoded("forged-participant", A, [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "0"]]), expect: 403 },
          { label: "another session's participant", req: urlencoded("participant-2", A, [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "0"]]), expect: 403 },
          { label: "no participant at all", req: urlencoded("anonymous", A, [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "0"]]), expect: 403 },
          { label: "an idea over 280 characters", req: urlencoded("participant-2", B, [["intent", "idea"], ["activityId", String(w.workshop.b.openIdeas)], ["text", "i".repeat(281)]]), expect: 400 },
          { label: "an idea of bidi controls only", req: urlencoded("participant-2", B, [["intent", "idea"], ["activityId", String(w.workshop.b.openIdeas)], ["text", "\u202E\u2066"]]), expect: 400 },
          { label: "a bidi-laden idea is kept without its controls", req: urlencoded("participant-2", B, [["intent", "idea"], ["activityId", String(w.workshop.b.openIdeas)], ["text", "\u202Eone view\u202C of \u2067the customer\u2069"]]), expect: "accepted" },
          { label: "a join name over 60 characters", req: urlencoded("anonymous", A, [["intent", "join"], ["name", "n".repeat(61)]]), expect: 400 },
          { label: "a join name already in the session", req: urlencoded("anonymous", A, [["intent", "join"], ["name", "Phone Fuzz"]]), expect: 409 },
          { label: "a link of no session", req: urlencoded("participant", "/w/no-such-session-link-0123456789abcdef", [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "0"]]), expect: 404 },
          { label: "a valid vote", req: urlencoded("participant", A, [["intent", "vote"], ["activityId", String(w.workshop.a.openPoll)], ["option", "1"]]), expect: "accepted" },
        ];
      },
      arbitrary: (w: World, g: G) =>
        request(g, {
          who: who(g, "participant", [1, "participant-2"], [1, "forged-participant"], [1, "anonymous"], [1, "pm"]),
          path: g.clean ? fc.constant(`/w/${w.workshop.a.token}`) : fc.constantFrom(`/w/${w.workshop.a.token}`, `/w/${w.workshop.b.token}`, `/w/${w.workshop.a.code}`, "/w/no-such-session-link-0123456789abcdef"),
          entries: both(intents(g, ["vote", "idea", "join"]), phoneFields(w, g)),
        }),
      accepted: (ctx) => {
        const intent = ctx.one("intent");
        if (intent === "idea") {
          const idea = row(ctx.env, "SELECT * FROM workshop_ideas ORDER BY id DESC LIMIT 1")!;
          expect(idea.text).toBe(cleanRoomText(ctx.one("text")));
          expect(String(idea.text), "a bidi control was kept in an idea").not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
        }
        if (intent === "vote") {
          const b = row(ctx.env, "SELECT * FROM workshop_ballots WHERE activity_id = ? ORDER BY updated_at DESC LIMIT 1", Number(ctx.one("activityId")))!;
          expect(JSON.parse(String(b.value))).toEqual({ option: Number(ctx.one("option")) });
        }
        ctx.unchangedBut(workshopTables, ["sqlite_sequence"]);
      },
    },
    "/projects/:projectId/workshops": {
      runs: 40,
      examples: () => [
        { label: "a step the method does not have", req: urlencoded("pm", `/projects/${OWN}/workshops`, [["intent", "start"], ["phaseId", "vision"], ["stepId", "no-such-step"]]), expect: 404 },
        { label: "the other project", req: urlencoded("pm", `/projects/${OTHER}/workshops`, [["intent", "start"], ["phaseId", "vision"], ["stepId", "vision-workshop"]]), expect: 404 },
        { label: "a viewer", req: urlencoded("viewer", `/projects/${OWN}/workshops`, [["intent", "start"], ["phaseId", "vision"], ["stepId", "vision-workshop"]]), expect: 403 },
      ],
      arbitrary: (_w: World, g: G) =>
        request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "sponsor"], [1, "anonymous"]),
          path: projectInPath(g).map((p) => `/projects/${p}/workshops`),
          entries: both(intents(g, ["start"]), fields(g, [["phaseId", messy(g, fc.constantFrom(...pack.phases.map((p) => p.id)))], ["stepId", messy(g, fc.constantFrom(...pack.phases.flatMap((p) => p.steps.map((s) => s.id))))]])),
        }),
      accepted: (ctx) => ctx.unchangedBut(workshopTables, ["sqlite_sequence"]),
    },
    "/projects/:projectId/workshops/:sessionId": {
      runs: 80,
      examples: (w) => {
        const A = `/projects/${OWN}/workshops/${w.workshop.a.id}`;
        return [
          { label: "a poll of one option", req: urlencoded("pm", A, [["intent", "add"], ["kind", "poll"], ["question", "Q?"], ["options", "Only"]]), expect: 400 },
          { label: "a poll of nine options", req: urlencoded("pm", A, [["intent", "add"], ["kind", "poll"], ["question", "Q?"], ["options", "1\n2\n3\n4\n5\n6\n7\n8\n9"]]), expect: 400 },
          { label: "an unknown kind of activity", req: urlencoded("pm", A, [["intent", "add"], ["kind", "quiz"]]), expect: 400 },
          { label: "opening an unknown activity", req: urlencoded("pm", A, [["intent", "open"], ["activityId", "999999"]]), expect: 404 },
          { label: "opening another session's activity", req: urlencoded("pm", A, [["intent", "open"], ["activityId", String(w.workshop.b.openIdeas)]]), expect: 404 },
          { label: "adopting an activity still open", req: urlencoded("pm", A, [["intent", "adopt"], ["activityId", String(w.workshop.a.openPoll)]]), expect: 409 },
          { label: "removing someone of another session", req: urlencoded("pm", A, [["intent", "remove"], ["participantId", String(w.workshop.c.participants[0])]]), expect: 404 },
          { label: "ending without confirming", req: urlencoded("pm", A, [["intent", "end"]]), expect: 400 },
          { label: "a session of no project of this id", req: urlencoded("pm", `/projects/${OWN}/workshops/999999`, [["intent", "open"], ["activityId", String(w.workshop.a.openPoll)]]), expect: 404 },
          { label: "a viewer", req: urlencoded("viewer", A, [["intent", "open"], ["activityId", String(w.workshop.a.openPoll)]]), expect: 403 },
        ];
      },
      arbitrary: (w: World, g: G) => {
        const C = w.workshop.c;
        return request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "participant"], [1, "anonymous"]),
          path: g.clean ? fc.constant(`/projects/${OWN}/workshops/${C.id}`) : fc.constantFrom(`/projects/${OWN}/workshops/${C.id}`, `/projects/${OTHER}/workshops/${C.id}`, `/projects/${OWN}/workshops/999999`, `/projects/${OWN}/workshops/abc`),
          entries: both(
            intents(g, ["add", "open", "close", "reveal", "hide", "merge", "adopt", "remove", "end"]),
            fields(g, [
              ["activityId", messy(g, fc.constantFrom(...C.activities.map(String), String(w.workshop.a.openPoll), "999999"))],
              ["kind", messy(g, fc.constantFrom("ideas", "goal-scores", "readiness", "poll"))],
              ["question", messy(g, text, 280)],
              ["options", messy(g, fc.constantFrom("Yes\nNo", "A\nB\nC", "one"))],
              ["mode", messy(g, fc.constantFrom("criteria", "points"))],
              ["participantId", messy(g, fc.constantFrom(...C.participants.map(String), "999999"))],
              ["into", messy(g, fc.constantFrom("1", "999999"))],
              ["confirm", g.clean ? fc.constant("no") : messy(g, fc.constantFrom("no", "yes"))],
            ]),
          ),
        });
      },
      accepted: (ctx) => ctx.unchangedBut((t, r) => workshopTables(t) || t === "answers" || t === "register_rows" || (t === "projects" && r.id === OWN), ["sqlite_sequence"]),
    },
  };
}

const DRIVERS: Record<string, Driver> = {
  ...workshopDrivers(),
  "/setup": {
    ownServer: true,
    runs: 40,
    writesWhenRefused: { tables: ["login_failures", "audit_log", "sqlite_sequence"], why: "a wrong set-up code is counted, for throttling, and written to the installation's audit log" },
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [1, "garbled-cookie"]),
        path: fc.constant("/setup"),
        entries: signUpEntries(g, [setupCodeField(g)]),
      }),
    accepted: async (ctx) => {
      const target = redirectTarget(ctx.res);
      if (target && new URL(target, ctx.env.server.url).pathname === "/login") {
        ctx.unchangedBut(() => false);
        return;
      }
      const email = trimmed(ctx.one("email")).toLowerCase();
      const user = row(ctx.env, "SELECT * FROM users WHERE email = ?", email);
      expect(user, `no administrator ${email}`).toBeDefined();
      expect(user!.is_admin).toBe(1);
      expectSaved(user!.display_name, ctx.one("displayName"), "name", { trim: true });
      expect(await verify(user!.password_hash as string, ctx.one("password")!)).toBe(true);
    },
  },

  "/login": {
    runs: 40,
    writesWhenRefused: { tables: ["login_failures", "audit_log", "sqlite_sequence"], why: "a refused sign-in is counted, for throttling, and written to the installation's audit log" },
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [1, "throwaway"], [1, "garbled-cookie"], [1, "unknown-session"]),
        path: fc.constant("/login"),
        entries: fields(g, [
          ["email", g.clean ? fc.constantFrom<V>(DEMO.pm, DEMO.viewer, " H.NAZARI@mehregan.example ") : oneof({ weight: 3, arbitrary: fc.constantFrom<V>(DEMO.pm, DEMO.viewer) }, { weight: 2, arbitrary: emails })],
          ["password", g.clean ? fc.constant<V>(DEMO_PASSWORD) : oneof({ weight: 3, arbitrary: fc.constant<V>(DEMO_PASSWORD) }, { weight: 2, arbitrary: messy(g, passwords, 1024) })],
          [
            "returnTo",
            messy(g, fc.constantFrom("/projects/1", "/projects/1/history?q=پروژه", "/پروژه", "/x\r\nSet-Cookie: a=b", "//evil.example", "/\\evil.example", "https://evil.example/", "/login", "/%0d%0a", "/\u0000", "/\u202Eevil", "/\t/evil.example")),
          ],
          honeypot(g),
        ]),
      }),
    examples: () => [
      { label: "a Persian return address", req: urlencoded("anonymous", "/login", [["email", DEMO.viewer], ["password", DEMO_PASSWORD], ["returnTo", "/projects/1/history?q=پروژه"]]), expect: "accepted" },
      { label: "a return address with a line break", req: urlencoded("anonymous", "/login", [["email", DEMO.viewer], ["password", DEMO_PASSWORD], ["returnTo", "/projects\r\nSet-Cookie: x=y"]]), expect: "accepted" },
    ],
    accepted: (ctx) => {
      if (!ctx.res.cookie && ctx.req.who === "throwaway") {
        // Someone already signed in is sent on by the page's loader, whatever the form said; nothing else happened.
        ctx.unchangedBut((table) => table === "login_failures" || table === "audit_log", ["sqlite_sequence"]);
        return;
      }
      const target = redirectTarget(ctx.res);
      expect(target, "signed in without saying where to").toBeTruthy();
      const u = new URL(target!, ctx.env.server.url);
      expect(u.origin, `signed in and sent to ${target}`).toBe(new URL(ctx.env.server.url).origin);
      expect(ctx.res.cookie, "signed in without a session cookie").toMatch(/^gambegam_session=.+/);
      ctx.unchangedBut((table) => table === "sessions" || table === "login_failures" || table === "users" || table === "audit_log", ["sqlite_sequence"]);
    },
  },

  "/logout": {
    runs: 25,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "throwaway", [1, "anonymous"], [1, "garbled-cookie"], [1, "unknown-session"]),
        path: fc.constant("/logout"),
        entries: fields(g, [["intent", messy(g, text)]]),
      }),
    accepted: (ctx) => {
      const token = ctx.req.who === "throwaway" ? ctx.env.cookies.get("throwaway")!.split("=")[1]! : null;
      if (token) expect(row(ctx.env, "SELECT id FROM sessions WHERE id = ?", crypto.createHash("sha256").update(token).digest("hex")), "the session outlived sign-out").toBeUndefined();
      ctx.unchangedBut((table) => table === "sessions");
    },
  },

  "/account": {
    runs: 40,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "account", [1, "anonymous"], [1, "garbled-cookie"]),
        path: fc.constant("/account"),
        entries: both(
          oneof({ weight: 6, arbitrary: fc.constantFrom<Entry[]>([["intent", "name"]], [["intent", "password"]]) }, { weight: 1, arbitrary: intents(g, ["name", "password"]) }),
          newPassword(g).chain(({ password, confirm }) =>
            fields(g, [
              ["displayName", messy(g, text, 120)],
              ["current", g.clean ? fc.constant<V>({ live: "account-password" }) : oneof({ weight: 2, arbitrary: fc.constant<V>({ live: "account-password" }) }, { weight: 1, arbitrary: messy(g, passwords) })],
              ["password", messy(g, fc.constant(password), 256)],
              confirmField(g, confirm),
            ]),
          ),
        ),
      }),
    examples: () => [
      { label: "a name with bidi overrides and control characters", req: urlencoded("account", "/account", [["intent", "name"], ["displayName", " \u202Eنام\u0007 Name "]]), expect: "accepted" },
    ],
    accepted: async (ctx) => {
      const user = row(ctx.env, "SELECT * FROM users WHERE email = ?", ACCOUNT.email)!;
      if (ctx.one("intent") === "name") {
        expectSaved(user.display_name, ctx.one("displayName"), "name", { trim: true });
        ctx.unchangedBut((table, r) => table === "users" && r.email === ACCOUNT.email);
      } else {
        expect(ctx.one("intent")).toBe("password");
        expect(await verify(user.password_hash as string, ctx.one("password")!), "the new password does not open the account").toBe(true);
        ctx.unchangedBut((table, r) => (table === "users" && r.email === ACCOUNT.email) || table === "sessions");
      }
    },
    after: (ctx, result) => {
      // A changed password ends every session of the account; the answer carries the new one.
      if (result === "accepted" && ctx.res.cookie) {
        ctx.env.cookies.set("account", ctx.res.cookie);
        const typed = ctx.fields?.get("password")?.[0];
        if (ctx.fields?.get("intent")?.[0] === "password" && typed) ctx.env.accountPassword = typed;
      }
    },
  },

  "/invitations/:token": {
    runs: 40,
    arbitrary: (w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [1, "viewer"], [1, "garbled-cookie"]),
        path: fc
          .oneof(
            { weight: g.clean ? 1_000_000 : 6, arbitrary: fc.constantFrom(...w.invitationTokens) },
            { weight: 1, arbitrary: fc.constantFrom(w.revokedInvitation, w.usedInvitation, "bad-input-unknown-token", "x".repeat(101)) },
            { weight: 1, arbitrary: nasty.map((s) => encodeURIComponent(wellFormed(s)) || "%20") },
          )
          .map((t) => `/invitations/${t}`),
        entries: signUpEntries(g),
      }),
    accepted: async (ctx) => {
      const target = redirectTarget(ctx.res);
      expect(target && new URL(target, ctx.env.server.url).pathname).toBe(`/projects/${OWN}`);
      if (ctx.req.who === "viewer") {
        ctx.unchangedBut(() => false);
        return;
      }
      const email = trimmed(ctx.one("email")).toLowerCase();
      const user = row(ctx.env, "SELECT * FROM users WHERE email = ?", email);
      expect(user, `no account ${email}`).toBeDefined();
      expectSaved(user!.display_name, ctx.one("displayName"), "name", { trim: true });
      expect(row(ctx.env, "SELECT role FROM memberships WHERE project_id = ? AND user_id = ?", OWN, user!.id), "joined no project").toBeDefined();
      expect(await verify(user!.password_hash as string, ctx.one("password")!)).toBe(true);
    },
  },

  "/reset/:token": {
    runs: 30,
    arbitrary: (w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [1, "garbled-cookie"]),
        path: fc
          .oneof(
            { weight: g.clean ? 1_000_000 : 4, arbitrary: fc.constantFrom(...w.resetTokens) },
            { weight: 1, arbitrary: fc.constantFrom(w.revokedReset, w.usedInvitation, "bad-input-unknown-token", "x".repeat(101)) },
            { weight: 1, arbitrary: nasty.map((s) => encodeURIComponent(wellFormed(s)) || "%20") },
          )
          .map((t) => `/reset/${t}`),
        entries: newPassword(g).chain(({ password, confirm }) =>
          fields(g, [
            ["password", messy(g, fc.constant(password), 256)],
            confirmField(g, confirm),
          ]),
        ),
      }),
    accepted: async (ctx) => {
      const token = decodeURIComponent(ctx.req.path.slice("/reset/".length));
      const link = row(ctx.env, "SELECT user_id, used_at FROM one_time_links WHERE token_hash = ?", crypto.createHash("sha256").update(token).digest("hex"));
      expect(link?.used_at, "the reset link was not spent").toBeTruthy();
      const user = row(ctx.env, "SELECT password_hash FROM users WHERE id = ?", link!.user_id)!;
      expect(await verify(user.password_hash as string, ctx.one("password")!), "the new password does not open the account").toBe(true);
    },
  },

  "/admin/branding": brandingDriver("installation"),

  "/preferences": {
    runs: 40,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [2, "pm"], [1, "garbled-cookie"]),
        path: fc.constant("/preferences"),
        entries: both(
          intents(g, ["language", "display"]),
          fields(g, [
            ["lang", messy(g, fc.constantFrom("fa", "en", "FA", "de"))],
            ["display", messy(g, fc.constantFrom("large", "normal", "huge"))],
            ["returnTo", messy(g, fc.constantFrom("/projects/1", "/login", "/projects/1/history?q=پروژه", "/پروژه", "//evil.example", "/\\evil", "https://evil.example", "/x\r\ny", "/\u0000", "/\t/evil.example"))],
          ]),
        ),
      }),
    examples: () => [{ label: "switching language on a page with a Persian address", req: urlencoded("anonymous", "/preferences", [["intent", "language"], ["lang", "en"], ["returnTo", "/projects/1/history?q=پروژه"]]), expect: "accepted" }],
    accepted: (ctx) => {
      const target = redirectTarget(ctx.res);
      expect(target).toBeTruthy();
      expect(new URL(target!, ctx.env.server.url).origin, `sent to ${target}`).toBe(new URL(ctx.env.server.url).origin);
      ctx.unchangedBut(() => false);
    },
  },

  "/projects/new": {
    runs: 50,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "pm", [1, "anonymous"], [1, "garbled-cookie"]),
        path: fc.constant("/projects/new"),
        entries: fields(g, [
          ["name", messy(g, text, 200)],
          ["clientOrganisation", messy(g, text, 200)],
          ["deliverableLanguage", messy(g, fc.constantFrom("fa", "en"))],
          ["startDate", messy(g, dateValid)],
          ["pack", g.clean ? fc.constant<V>(`${pack.id}@${pack.version}`) : messy(g, fc.constantFrom(`${pack.id}@${pack.version}`, `${pack.id}@9.9.9`, "@", `${pack.id}@${pack.version}@x`, pack.id))],
          ["description", messy(g, text, 2000)],
        ]),
      }),
    accepted: (ctx) => {
      const target = redirectTarget(ctx.res);
      const id = Number(target?.match(/^\/projects\/(\d+)$/)?.[1]);
      const project = row(ctx.env, "SELECT * FROM projects WHERE id = ?", id);
      expect(project, `no project behind ${target}`).toBeDefined();
      expectSaved(project!.name, ctx.one("name"), "project name", { trim: true });
      expectSaved(project!.client_organisation, ctx.one("clientOrganisation"), "client", { trim: true });
      expectSaved(project!.description, ctx.one("description"), "description");
      expect(row(ctx.env, "SELECT role FROM memberships WHERE project_id = ? AND user_id = ?", id, userId(ctx.env, DEMO.pm))?.role).toBe("project-manager");
    },
  },

  ...PLANNING_DRIVERS,
  "/projects/import": importDriver,
  "/projects/:projectId/method-settings": methodSettingsDriver,
  "/projects/:projectId/change-management": workbenchDriver("change-management", CHANGE_ITEMS, 100),

  "/projects/:projectId/post-launch-review": workbenchDriver("post-launch-review", REVIEW_ITEMS, 100),

  "/projects/:projectId/selection": selectionDriver(120),

  "/projects/:projectId/phases/:phaseId/steps/:stepId": {
    // A step of the pack, an item of that step (now and then one of another step or none), in the demo project (now and then another).
    arbitrary: (_w: World, g: G) =>
      fc.constantFrom(...STEPS).chain(({ phase, step }) =>
        request(g, {
          who: who(g, "pm", [1, "viewer"], [1, "anonymous"], [1, "garbled-cookie"], [1, "unknown-session"]),
          path: fc
            .tuple(
              projectInPath(g),
              g.clean ? fc.constant(`${phase.id}/steps/${step.id}`) : oneof({ weight: 14, arbitrary: fc.constant(`${phase.id}/steps/${step.id}`) }, { weight: 1, arbitrary: fc.constantFrom(`${phase.id}/steps/${pack.phases.at(-1)!.steps[0]!.id}`, "nope/steps/nope", `${phase.id}/steps/%00`) }),
            )
            .map(([p, rest]) => `/projects/${p}/phases/${rest}`),
          entries: itemSubmission(g, step.items, [...ELSEWHERE, ...stepItems.filter((i) => !step.items.includes(i))]),
        }),
      ),
    accepted: stepAccepted((ctx) => {
      const [, phaseId, stepId] = ctx.req.path.match(/\/phases\/([^/]+)\/steps\/([^/]+)$/) ?? [];
      return pack.phases.find((p) => p.id === phaseId)?.steps.find((st) => st.id === stepId)?.items ?? [];
    }),
    runs: 300,
    examples: () =>
      STEPS.filter(({ step }) => step.items.some((i) => i.kind === "question" && i.answer.type === "long-text")).slice(0, 1).map(({ phase, step }) => {
        const item = step.items.find((i) => i.kind === "question" && i.answer.type === "long-text")!;
        return {
          label: "a long answer with control characters, NUL, bidi overrides and a lone surrogate",
          req: urlencoded("pm", `/projects/${OWN}/phases/${phase.id}/steps/${step.id}`, [["intent", "answer"], ["itemId", item.id], ["version", { live: "answer-version", itemId: item.id, delta: 0 }], ["value", "a\u0000b\u202Ec\u0007\uD800 «پیاده‌سازی»\r\n"]]),
          expect: "accepted" as const,
        };
      }),
    /** Rows of the other project, posted to the demo project's step: never found, never changed. */
    foreign: () =>
      STEPS.flatMap(({ phase, step }) => step.items.filter((i): i is RegisterItem => i.kind === "register").map((i) => ({ phase, step, item: i })))
        .slice(0, 2)
        .flatMap(({ phase, step, item }) => {
          const path = `/projects/${OWN}/phases/${phase.id}/steps/${step.id}`;
          const ref: Entry[] = [["itemId", item.id], ["rowId", { live: "row-id", itemId: item.id, project: "other", index: 0 }], ["version", { live: "row-version", itemId: item.id, project: "other", index: 0, delta: 0 }]];
          return [
            { label: `deleting a row of another project (${item.id})`, req: urlencoded("pm", path, [["intent", "row-delete"], ...ref]), expect: 404 },
            // Cells that pass validation reach the row lookup (409: not this project's row); a register
            // with a required non-text column refuses the blank cells first (400). Nothing is written either way.
            { label: `saving a row of another project (${item.id})`, req: urlencoded("pm", path, [["intent", "row-save"], ...ref, ...item.columns.map((c): Entry => [`c.${c.id}`, c.type === "text" || c.type === "long-text" ? "Overwritten" : ""])]), expect: item.columns.some((c) => c.required && c.type !== "text" && c.type !== "long-text") ? 400 : 409 },
          ];
        }),
  },

  "/projects/:projectId/documents": brandingDriver("project"),

  "/projects/:projectId/registers/:itemId/import": registerImportDriver,

  // Downloads that record something are POSTs from the Documents page (a GET records nothing).
  "/projects/:projectId/documents/:deliverable/download": {
    runs: 40,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "pm", [1, "sponsor"], [1, "viewer"], [1, "anonymous"], [1, "garbled-cookie"]),
        path: fc
          .tuple(projectInPath(g), g.clean ? fc.constantFrom("go-no-go", "vision-minutes") : oneof({ weight: 8, arbitrary: fc.constantFrom("go-no-go", "vision-minutes") }, { weight: 1, arbitrary: fc.constantFrom("nope", "GO-NO-GO", "%00", "..") }))
          .map(([p, d]) => `/projects/${p}/documents/${d}/download`),
        entries: both(intents(g, ["download"]), fields(g, [["lang", messy(g, fc.constantFrom("fa", "en"))], ["draft", messy(g, fc.constant("true"))]])),
      }),
    examples: () => [
      { label: "a download in English", req: urlencoded("pm", `/projects/${OWN}/documents/go-no-go/download`, [["intent", "download"], ["lang", "en"]]), expect: "accepted" },
      { label: "a draft in Persian", req: urlencoded("pm", `/projects/${OWN}/documents/go-no-go/download`, [["intent", "download"], ["lang", "fa"], ["draft", "true"]]), expect: "accepted" },
      { label: "a draft choice that is not 'true'", req: urlencoded("pm", `/projects/${OWN}/documents/go-no-go/download`, [["intent", "download"], ["lang", "fa"], ["draft", "yes"]]), expect: 400 },
      { label: "a download without its language", req: urlencoded("pm", `/projects/${OWN}/documents/go-no-go/download`, [["intent", "download"]]), expect: 400 },
      { label: "the other project's document", req: urlencoded("pm", `/projects/${OTHER}/documents/go-no-go/download`, [["intent", "download"], ["lang", "en"]]), expect: 404 },
    ],
    accepted: (ctx) => {
      expect(ctx.one("intent")).toBe("download");
      expect(["fa", "en"]).toContain(ctx.one("lang"));
      expect([undefined, "true"]).toContain(ctx.one("draft"));
      const deliverable = ctx.req.path.split("/")[4]!;
      // The document's version is recorded (a new one, or the same one downloaded again), and nothing else.
      const versionsOf = (snapshot: Snapshot) => (snapshot.tables.get("document_versions") ?? []).filter((r) => r.row.project_id === OWN && r.row.deliverable === deliverable).map((r) => r.key);
      expect(versionsOf(ctx.after), "no document version recorded").not.toEqual(versionsOf(ctx.before));
      ctx.unchangedBut((table, r) => (table === "document_versions" && r.project_id === OWN && r.deliverable === deliverable) || (table === "audit_log" && r.action === "document.version" && r.project_id === OWN), ["sqlite_sequence"]);
    },
  },

  "/projects/:projectId/export": {
    runs: 30,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "pm", [1, "sponsor"], [1, "viewer"], [1, "anonymous"], [1, "garbled-cookie"]),
        path: projectInPath(g).map((p) => `/projects/${p}/export`),
        entries: both(intents(g, ["export"]), fields(g, [])),
      }),
    examples: () => [
      { label: "the project's data", req: urlencoded("pm", `/projects/${OWN}/export`, [["intent", "export"]]), expect: "accepted" },
      { label: "the other project's data", req: urlencoded("pm", `/projects/${OTHER}/export`, [["intent", "export"]]), expect: 404 },
      { label: "a viewer", req: urlencoded("viewer", `/projects/${OWN}/export`, [["intent", "export"]]), expect: 403 },
    ],
    accepted: (ctx) => {
      expect(ctx.one("intent")).toBe("export");
      if (!ctx.req.data) expect(JSON.parse(ctx.res.body).format, "the answer is the project's data").toBe("gambegam-project");
      // The export is recorded in the history, and nothing else changes.
      const exportsOf = (snapshot: Snapshot) => (snapshot.tables.get("audit_log") ?? []).filter((r) => r.row.action === "project.export" && r.row.project_id === OWN).length;
      expect(exportsOf(ctx.after), "the export is not in the history").toBe(exportsOf(ctx.before) + 1);
      ctx.unchangedBut((table, r) => table === "audit_log" && r.action === "project.export" && r.project_id === OWN, ["sqlite_sequence"]);
    },
  },

  "/projects/:projectId/phases/:phaseId": {
    runs: 60,
    arbitrary: (_w: World, g: G) => {
      // Clean: each person with an intent of theirs (the manager requests, withdraws, reopens; the sponsor approves or sends back).
      const pair = g.clean
        ? fc.constantFrom<[Who, string]>(["pm", "request"], ["pm", "withdraw"], ["pm", "reopen"], ["sponsor", "approve"], ["sponsor", "approve"], ["sponsor", "reject"])
        : fc.tuple(weighted<Who>([6, "pm"], [6, "sponsor"], [1, "viewer"], [1, "garbled-cookie"]), fc.constantFrom("request", "withdraw", "approve", "reject", "reopen"));
      return pair.chain(([person, intent]) =>
        request(g, {
          who: fc.constant(person),
          path: fc.tuple(projectInPath(g), g.clean ? fc.constant(GATE_PHASE.id) : oneof({ weight: 14, arbitrary: fc.constant(GATE_PHASE.id) }, { weight: 1, arbitrary: fc.constantFrom("nope", "%00", GATE_PHASE.id.toUpperCase()) })).map(([p, ph]) => `/projects/${p}/phases/${ph}`),
          entries: both(
            intents(g, [intent]),
            fields(g, [
              ["comment", messy(g, text, 4000)],
              ["fingerprint", g.clean ? fc.constant<V>({ live: "gate-fingerprint" }) : messy(g, oneof(fc.constant<V>({ live: "gate-fingerprint" }), fc.constantFrom("0".repeat(64), "sha256:abc", "f".repeat(101))))],
            ]),
          ),
        }),
      );
    },
    accepted: (ctx) => {
      const event = row(ctx.env, "SELECT * FROM signoff_events WHERE project_id = ? ORDER BY id DESC LIMIT 1", OWN);
      const kinds: Record<string, string> = { request: "requested", withdraw: "withdrawn", approve: "approved", reject: "rejected", reopen: "reopened" };
      expect(event?.kind).toBe(kinds[ctx.one("intent") ?? ""]);
      expect(event!.phase_id).toBe(GATE_PHASE.id);
      expectSaved(event!.comment, ctx.one("comment"), "comment", { trim: true });
    },
  },

  "/projects/:projectId/members": {
    runs: 80,
    foreign: (w) => [
      { label: "revoking the other project's invitation", req: urlencoded("pm", `/projects/${OWN}/members`, [["intent", "revoke"], ["invitationId", { live: "invitation-id", project: "other", index: 0 }]]), expect: 404 },
      { label: "changing the role of someone of the other project", req: urlencoded("pm", `/projects/${OWN}/members`, [["intent", "change-role"], ["userId", String(w.users.other)], ["role", "viewer"]]), expect: 404 },
      { label: "removing someone of the other project", req: urlencoded("pm", `/projects/${OWN}/members`, [["intent", "remove"], ["userId", String(w.users.other)]]), expect: 404 },
      { label: "the other project's members page", req: urlencoded("pm", `/projects/${OTHER}/members`, [["intent", "invite"], ["role", "viewer"]]), expect: 404 },
    ],
    arbitrary: (w: World, g: G) => {
      const people = sparing(w, messy(g, fc.constantFrom(...w.users.targets, w.users.consultant, w.users.teamMember, w.users.admin, w.users.other, 999_999).map(String)));
      const role = messy(g, fc.constantFrom("project-manager", "consultant", "executive-sponsor", "team-member", "viewer", "admin", "owner"));
      return request(g, {
        who: who(g, "pm", [1, "viewer"], [1, "garbled-cookie"]),
        path: projectInPath(g).map((p) => `/projects/${p}/members`),
        entries: both(
          intents(g, ["invite", "invite-row", "revoke", "change-role", "remove"]),
          fields(g, [
            ["role", role],
            ["note", messy(g, text, 200)],
            // Inviting by email (decision 046): an address, a name, the invitation's language, a team-register row.
            ["email", messy(g, fc.constantFrom("", "mina.rostami@mehregan.example", " Mina.Rostami@Mehregan.Example ", "not-an-email", "a@b", "x".repeat(300) + "@e.example"))],
            ["name", messy(g, text, 120)],
            ["language", messy(g, fc.constantFrom("fa", "en", "de", ""))],
            ["rowId", fc.record({ project: weighted<"own" | "other">([4, "own"], [1, "other"]), index: fc.nat({ max: 10 }) }).map((x): V => ({ live: "row-id", itemId: "team.members", ...x }))],
            ["invitationId", messy(g, fc.record({ project: weighted<"own" | "other">([4, "own"], [1, "other"]), index: fc.nat({ max: 10 }) }).map((x): V => ({ live: "invitation-id", ...x })))],
            ["userId", people],
          ]),
        ),
      });
    },
    accepted: (ctx) => {
      const intent = ctx.one("intent");
      const maxLink = Math.max(0, ...(ctx.before.tables.get("one_time_links") ?? []).map((r) => r.row.id as number));
      if (intent === "invite" || intent === "invite-row") {
        const link = row(ctx.env, "SELECT * FROM one_time_links WHERE id > ? AND kind = 'invitation'", maxLink);
        expect(link, "no invitation stored").toBeDefined();
        expect(link!.project_id).toBe(OWN);
        expect(link!.role).toBe(ctx.one("role"));
        if (intent === "invite") expectSaved(link!.note, ctx.one("note"), "note", { trim: true });
        const email = (ctx.one("email") ?? "").trim().toLowerCase();
        expect(link!.email ?? "", "the invitation's address").toBe(email);
        if (email) {
          // Written to the outbox (no SMTP settings here: kept as not sent), to that address.
          const mail = row(ctx.env, "SELECT * FROM outbox WHERE kind = 'invitation' ORDER BY id DESC LIMIT 1");
          expect(mail?.to_email).toBe(email);
          expect(mail?.status).toBe("not-sent");
        }
        if (intent === "invite-row") {
          const teamRow = row(ctx.env, "SELECT * FROM register_rows WHERE id = ?", Number(ctx.one("rowId")));
          expect(teamRow?.project_id, "invited a row of another project").toBe(OWN);
          expect(teamRow!.item_id).toBe("team.members");
          expect(link!.team_row_id).toBe(teamRow!.id);
        }
      }
      if (intent === "revoke") {
        const link = row(ctx.env, "SELECT * FROM one_time_links WHERE id = ?", Number(ctx.one("invitationId")));
        expect(link?.project_id, "revoked an invitation of another project").toBe(OWN);
        expect(link!.revoked_at ?? link!.used_at, "the invitation is still open").toBeTruthy();
      }
      const member = () => row(ctx.env, "SELECT role FROM memberships WHERE project_id = ? AND user_id = ?", OWN, Number(ctx.one("userId")));
      if (intent === "change-role") expect(member()?.role).toBe(ctx.one("role"));
      if (intent === "remove") expect(member()).toBeUndefined();
      ctx.unchangedBut((table, r) => ((table === "one_time_links" || table === "memberships") && r.project_id === OWN) || table === "audit_log" || (table === "outbox" && r.project_id === OWN), ["sqlite_sequence"]);
    },
  },

  "/admin/users": {
    runs: 60,
    arbitrary: (w: World, g: G) =>
      request(g, {
        who: who(g, "admin", [1, "pm"], [1, "anonymous"]),
        path: fc.constant("/admin/users"),
        entries: both(
          intents(g, ["disable", "enable", "make-admin", "remove-admin", "reset-link"]),
          fields(g, [["userId", sparing(w, messy(g, fc.constantFrom(...w.users.targets, w.users.consultant, w.users.teamMember, w.users.other, 999_999).map(String)))]]),
        ),
      }),
    examples: (w) => [
      { label: "disabling yourself is refused", req: urlencoded("admin", "/admin/users", [["intent", "disable"], ["userId", String(w.users.admin)]]), expect: 409 },
      { label: "a demo account (its password is published) cannot be made administrator", req: urlencoded("admin", "/admin/users", [["intent", "make-admin"], ["userId", String(w.users.teamMember)]]), expect: 409 },
    ],
    accepted: (ctx) => {
      const id = Number(ctx.one("userId"));
      const user = row(ctx.env, "SELECT * FROM users WHERE id = ?", id)!;
      const intent = ctx.one("intent");
      if (intent === "disable") {
        expect(user.disabled).toBe(1);
        expect(row(ctx.env, "SELECT id FROM sessions WHERE user_id = ?", id), "a disabled account kept a session").toBeUndefined();
      }
      if (intent === "enable") expect(user.disabled).toBe(0);
      if (intent === "make-admin") expect(user.is_admin).toBe(1);
      if (intent === "remove-admin") expect(user.is_admin).toBe(0);
      if (intent === "reset-link") expect(row(ctx.env, "SELECT id FROM one_time_links WHERE kind = 'password-reset' AND user_id = ? AND used_at IS NULL AND revoked_at IS NULL", id)).toBeDefined();
      const entry = row(ctx.env, "SELECT * FROM audit_log WHERE project_id IS NULL ORDER BY id DESC LIMIT 1");
      expect(entry?.action, "the administrator's action is not in the audit log").toBe(`admin.user-${intent}`);
      // A reset link is emailed to the person too (decision 046): without SMTP settings, kept in the outbox.
      if (intent === "reset-link") expect(row(ctx.env, "SELECT * FROM outbox WHERE kind = 'password-reset' ORDER BY id DESC LIMIT 1")?.to_user_id).toBe(id);
      ctx.unchangedBut((table, r) => (table === "users" && r.id === id) || (table === "sessions" && r.user_id === id) || (table === "one_time_links" && r.user_id === id) || table === "audit_log" || (table === "outbox" && r.to_user_id === id && intent === "reset-link"), ["sqlite_sequence"]);
    },
  },

  // Archiving (decision 047): no random request confirms it, so none archives; the examples archive the
  // demo, see a write refused while it is archived, and restore it, so the drivers after this one find it as it was.
  "/projects/:projectId/archive": {
    runs: 40,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "pm", [1, "sponsor"], [1, "viewer"], [1, "anonymous"], [1, "garbled-cookie"]),
        path: projectInPath(g).map((p) => `/projects/${p}/archive`),
        entries: both(intents(g, ["archive", "restore"]), fields(g, [["confirm", messy(g, fc.constantFrom("no", "YES", "on", "true", ""))]])),
      }),
    examples: () => [
      { label: "archiving without confirming", req: urlencoded("pm", `/projects/${OWN}/archive`, [["intent", "archive"]]), expect: 400 },
      { label: "restoring a project that is not archived", req: urlencoded("pm", `/projects/${OWN}/archive`, [["intent", "restore"]]), expect: 409 },
      { label: "the sponsor may not archive", req: urlencoded("sponsor", `/projects/${OWN}/archive`, [["intent", "archive"], ["confirm", "yes"]]), expect: 403 },
      { label: "archiving, confirmed", req: urlencoded("pm", `/projects/${OWN}/archive`, [["intent", "archive"], ["confirm", "yes"]]), expect: "accepted" },
      { label: "archiving it again", req: urlencoded("pm", `/projects/${OWN}/archive`, [["intent", "archive"], ["confirm", "yes"]]), expect: 409 },
      { label: "an answer to the archived project", req: urlencoded("pm", `/projects/${OWN}/phases/${STEPS[0]!.phase.id}/steps/${STEPS[0]!.step.id}`, [["intent", "answer"], ["itemId", "x"], ["version", "0"], ["value", "x"]]), expect: 409 },
      { label: "restoring it", req: urlencoded("pm", `/projects/${OWN}/archive`, [["intent", "restore"]]), expect: "accepted" },
    ],
    accepted: (ctx) => {
      const project = row(ctx.env, "SELECT archived_at, archived_by FROM projects WHERE id = ?", OWN)!;
      if (ctx.one("intent") === "archive") {
        expect(ctx.one("confirm")).toBe("yes");
        expect(project.archived_at, "not archived").toBeTruthy();
      } else expect(project.archived_at, "still archived").toBeNull();
      const entry = row(ctx.env, "SELECT action FROM audit_log WHERE project_id = ? ORDER BY id DESC LIMIT 1", OWN);
      expect(entry?.action).toBe(`project.${ctx.one("intent")}`);
      // Archiving ends a workshop still running on the project (its activities close, the end is recorded).
      ctx.unchangedBut((table, r) => (table === "projects" && r.id === OWN) || (table === "audit_log" && r.project_id === OWN) || ((table === "workshop_sessions" || table === "live_changes") && r.project_id === OWN) || table === "workshop_activities", ["sqlite_sequence"]);
    },
  },

  // Deleting (decision 047): an administrator's, after typing the name. No request here types it (a deletion
  // would take the demo away from the drivers), so every one is refused and nothing is written.
  "/projects/:projectId/delete": {
    runs: 40,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "admin", [1, "pm"], [1, "anonymous"], [1, "garbled-cookie"]),
        path: (g.clean ? fc.constant(String(OWN)) : oneof({ weight: 6, arbitrary: fc.constant(String(OWN)) }, { weight: 1, arbitrary: fc.constantFrom("999999", "0", "-1", "abc", "1e3", "01") })).map((p) => `/projects/${p}/delete`),
        entries: both(intents(g, ["delete"]), fields(g, [["name", messy(g, fc.constantFrom("Not its name", "پیاده‌سازی CRM", "CRM مهرگان", ""))]])),
      }),
    examples: () => [
      { label: "a name that is not the project's", req: urlencoded("admin", `/projects/${OWN}/delete`, [["intent", "delete"], ["name", "Another project"]]), expect: 400 },
      { label: "no name", req: urlencoded("admin", `/projects/${OWN}/delete`, [["intent", "delete"]]), expect: 400 },
      { label: "a project manager may not delete", req: urlencoded("pm", `/projects/${OWN}/delete`, [["intent", "delete"], ["name", "x"]]), expect: 403 },
      { label: "a project that does not exist", req: urlencoded("admin", "/projects/999999/delete", [["intent", "delete"], ["name", "x"]]), expect: 404 },
    ],
    accepted: () => {
      throw new Error("a deletion was accepted: no request of this driver types the project's name");
    },
  },

  "/projects/:projectId/delete/export": {
    runs: 20,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "admin", [1, "pm"], [1, "anonymous"], [1, "garbled-cookie"]),
        path: (g.clean ? fc.constant(String(OWN)) : oneof({ weight: 6, arbitrary: fc.constant(String(OWN)) }, { weight: 1, arbitrary: fc.constantFrom("999999", "0", "abc") })).map((p) => `/projects/${p}/delete/export`),
        entries: both(intents(g, ["export"]), fields(g, [])),
      }),
    examples: () => [
      { label: "the data before deleting", req: urlencoded("admin", `/projects/${OWN}/delete/export`, [["intent", "export"]]), expect: "accepted" },
      { label: "a project manager (their export is on the Documents page)", req: urlencoded("pm", `/projects/${OWN}/delete/export`, [["intent", "export"]]), expect: 403 },
    ],
    accepted: (ctx) => {
      if (!ctx.req.data) expect(JSON.parse(ctx.res.body).format, "the answer is the project's data").toBe("gambegam-project");
      const exportsOf = (snapshot: Snapshot) => (snapshot.tables.get("audit_log") ?? []).filter((r) => r.row.action === "project.export" && r.row.project_id === OWN).length;
      expect(exportsOf(ctx.after), "the export is not in the history").toBe(exportsOf(ctx.before) + 1);
      ctx.unchangedBut((table, r) => table === "audit_log" && r.action === "project.export" && r.project_id === OWN, ["sqlite_sequence"]);
    },
  },

  "/*": {
    runs: 30,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, "anonymous", [2, "pm"], [1, "garbled-cookie"]),
        path: nasty.map((s) => `/no-such-page/${encodeURIComponent(wellFormed(s))}`),
        entries: both(intents(g, ["answer", "invite"]), fields(g, [["itemId", messy(g, text)], ["value", messy(g, text)]])),
      }),
    examples: () => [{ label: "a page that does not exist", req: urlencoded("pm", "/no-such-page/at-all", [["intent", "answer"]]), expect: 404 }],
  },
};

// ---------------------------------------------------------------------------
// A route nobody wrote a driver for yet still gets bad input (but the guard below fails)
// ---------------------------------------------------------------------------

function genericDriver(pattern: string, files: string[]): Driver | null {
  const params: Record<string, string> = { projectId: String(OWN), phaseId: STEPS[0]!.phase.id, stepId: STEPS[0]!.step.id, token: "bad-input-unknown-token", deliverable: "scope-document" };
  const unknown = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!).filter((p) => !(p in params));
  if (unknown.length) return null;
  const path = pattern.replace(/:(\w+)/g, (_m, p: string) => params[p]!).replace(/\/\*$/, "/no-such-page");
  const access = ROUTE_ACCESS[pattern]?.action;
  const requirement: Requirement = access && typeof access === "object" && "intents" in access ? Object.values(access.intents)[0]! : (access ?? "signed-in");
  const main: Who = requirement === "public" ? "anonymous" : requirement === "admin" ? "admin" : "pm";
  const realIntents = access && typeof access === "object" && "intents" in access ? Object.keys(access.intents) : ["save"];
  const names = [...new Set(files.flatMap((f) => [...fs.readFileSync(`app/${f}`, "utf8").matchAll(/name="([^"]+)"/g)].map((m) => m[1]!)))].filter((n) => n !== "intent");
  return {
    runs: 60,
    arbitrary: (_w: World, g: G) =>
      request(g, {
        who: who(g, main, [1, "anonymous"], [1, "garbled-cookie"]),
        path: fc.constant(path),
        entries: both(intents(g, realIntents), fields(g, (names.length ? names : ["value"]).map((n) => [n, messy(g, oneof<V>({ weight: 6, arbitrary: oneof(text, numberish, dateish) }, { weight: 1, arbitrary: huge() }))] as const))),
      }),
  };
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

const ACTION_ROUTES = actionRoutes();

describe("every action is exercised", () => {
  test("every route module that exports an action has a driver here", () => {
    const missing = ACTION_ROUTES.filter((r) => !DRIVERS[r.pattern]).map((r) => `${r.pattern} (${r.files.join(", ")})`);
    expect(missing, "routes with an action but no driver in tests/integration/bad-input.test.ts: add one (real intents and fields, what an accepted request must store)").toEqual([]);
  });
  test("no driver is left for a route without an action", () => {
    const patterns = new Set(ACTION_ROUTES.map((r) => r.pattern));
    expect(Object.keys(DRIVERS).filter((p) => !patterns.has(p))).toEqual([]);
  });
});

const stats = new Map<string, { requests: number; accepted: number; refused: number; "sign-in": number; statuses: Map<number, number>; ms: number }>();

beforeAll(async () => {
  world = await buildWorld();
}, 180_000);

afterAll(async () => {
  const lines = [...stats].map(([p, s]) => `  ${p}: ${s.requests} requests (${s.accepted} accepted, ${s.refused} refused, ${s["sign-in"]} sent to sign in; ${[...s.statuses].sort((a, b) => a[0] - b[0]).map(([k, n]) => `${k}×${n}`).join(" ")}) in ${Math.round(s.ms)} ms`);
  if (lines.length) console.log(`bad input (seed ${SEED}):\n${lines.join("\n")}\n  throwaway sign-ins: ${throwawayCount}`);
  world?.watcher.close();
  await world?.server.stop();
  setupServer?.env.watcher.close();
  await setupServer?.env.server.stop();
});

async function envFor(driver: Driver): Promise<Env> {
  if (!driver.ownServer) return world;
  if (!setupServer) {
    const server = await startServer({ GAMBEGAM_LOGIN_LIMIT: "1000000" });
    currentSetupCode = setupCode(server);
    setupServer = { env: { server, watcher: new DbWatcher(server.databasePath, { sessions: ["last_seen_at"] }), cookies: new Map(), accountPassword: "" } };
  }
  return setupServer.env;
}

const plan = [
  ...Object.entries(DRIVERS).map(([pattern, driver], n) => ({ pattern, driver, seed: SEED + n, generic: false })),
  ...ACTION_ROUTES.filter((r) => !DRIVERS[r.pattern]).flatMap((r, n) => {
    const d = genericDriver(r.pattern, r.files);
    return d ? [{ pattern: r.pattern, driver: d, seed: SEED + 1000 + n, generic: true }] : [];
  }),
];

describe("bad input to every action: never a 5xx, nothing written when refused, stored intact when accepted", () => {
  for (const { pattern, driver, seed, generic } of plan) test(`POST ${pattern}${generic ? " (no driver yet: generic bad input)" : ""}`, async () => {
    const env = await envFor(driver);
    const s = { requests: 0, accepted: 0, refused: 0, "sign-in": 0, statuses: new Map<number, number>(), ms: 0 };
    stats.set(pattern, s);
    const started = performance.now();
    const count = (outcome: Outcome, status: number) => {
      s.requests++;
      s[outcome]++;
      s.statuses.set(status, (s.statuses.get(status) ?? 0) + 1);
    };
    for (const ex of [...(driver.examples?.(world) ?? []), ...(driver.foreign?.(world) ?? [])]) {
      const { outcome, res } = await exercise(env, driver, ex.req);
      count(outcome, res.status);
      if (typeof ex.expect === "number") expect(res.status, ex.label).toBe(ex.expect);
      else expect(outcome, `${ex.label}: ${res.status} ${cut(res.body, 300)}`).toBe(ex.expect);
    }
    try {
      await fc.assert(
        fc.asyncProperty(oneof({ weight: 2, arbitrary: driver.arbitrary(world, { clean: true }) }, { weight: 3, arbitrary: driver.arbitrary(world, { clean: false }) }), async (req) => {
          const { outcome, res } = await exercise(env, driver, req);
          count(outcome, res.status);
        }),
        { seed, numRuns: runs(driver.runs) },
      );
    } finally {
      s.ms = performance.now() - started;
    }
    // Still serving.
    const alive = await fetch(`${env.server.url}/login`, { redirect: "manual" });
    await alive.body?.cancel();
    expect(alive.status, "the server stopped answering").toBeLessThan(500);
  }, 300_000);
});
