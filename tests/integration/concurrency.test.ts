/**
 * Concurrent editing over HTTP: 20 editors, each a separate HTTP client
 * signed in with its own session, make 1,000 edits to the same three answers
 * and three register rows of the demo project's "customer strategy" step.
 * Each editor reads versions from the step page's loader data (as the page
 * does) and posts through the step's real action — mostly as the page's
 * fetcher does (`.data`, the answer decoded like the browser decodes it), some
 * as a plain form without JavaScript (the answer is the HTML page). Two server
 * processes share the database file, and the editors alternate between them.
 *
 * No update may be lost: every edit is either accepted or answered 409 with
 * the stored value and the editor's own value; the stored values, their
 * versions and the audit trail are exactly the accepted edits, in order.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { and, eq, gt, inArray } from "drizzle-orm";
import { UNSAFE_decodeViaTurboStream as decodeTurboStream } from "react-router";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type Db } from "#db/client.ts";
import * as schema from "#db/schema.ts";
import { auditLog } from "#db/schema.ts";
import { seedDemoProject } from "#db/seed-demo.ts";
import { findUserByEmail, hashPassword, insertUser } from "#app/domain/auth.server.ts";
import { acceptInvitation, createInvitation } from "#app/domain/members.server.ts";
import { loadProjectData } from "#app/domain/projects.server.ts";
import { prng } from "#tests/setup/durable-writer.ts";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const EDITORS = 20;
const EDITS = 1000;
/** Editors 0..NO_JS-1 post plain forms (no JavaScript); the others post as the page's fetcher does. */
const NO_JS = 3;
const STEP = "/projects/1/phases/vision/steps/vision-customer-strategy";
const QUESTIONS = ["vision.value-proposition", "vision.customisation", "vision.loyalty-value"];
const REGISTER = "vision.segments";
const PASSWORD = "concurrent-editor-password";
const seed = Number(process.env.GAMBEGAM_CONCURRENCY_SEED ?? Math.floor(Math.random() * 2 ** 31));

type Target = { key: string; itemId: string; rowId?: number };
type Cells = Record<string, string | number | null>;
/** What an editor knows of a target from the last page load or response. */
type Known = { version: number; cells?: Cells };
type LogEntry = {
  editor: number;
  n: number;
  target: string;
  path: "fetcher" | "form";
  baseVersion: number;
  sent: string;
  status: number;
  /** Accepted through the fetcher: the version the response reported. */
  version?: number;
  /** A conflict: what the response showed as the stored value (and its version, through the fetcher). */
  theirs?: string;
  theirsVersion?: number;
  yours?: string;
  body?: string;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gambegam-concurrency-"));
const databasePath = path.join(dir, "gambegam.sqlite");
/** Two server processes on the same file: editors alternate between them, so versions are checked across connections too. */
const servers: RunningServer[] = [];
const editors: Array<{ email: string; userId: number; cookie: string; url: string }> = [];

beforeAll(async () => {
  // The demo project plus 17 more people who joined it through invitations, made
  // with the app's own domain functions before the server starts.
  const db = openDatabase(databasePath);
  seedDemoProject(db);
  const pm = findUserByEmail(db, "s.ahmadi@mehregan.example")!;
  const people = ["s.ahmadi@mehregan.example", "l.tehrani@arman.example", "n.rahimi@mehregan.example"];
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = people.length; i < EDITORS; i++) {
    const email = `editor${i}@mehregan.example`;
    const { token } = createInvitation(db, { id: pm.id, name: pm.displayName }, 1, i % 2 ? "team-member" : "consultant", `editor ${i}`);
    const user = insertUser(db, { email, displayName: `Editor ${i}` }, passwordHash);
    expect(acceptInvitation(db, token, user).ok).toBe(true);
    people.push(email);
  }
  for (const email of people) editors.push({ email, userId: findUserByEmail(db, email)!.id, cookie: "", url: "" });
  db.$client.close();
  for (let i = 0; i < 2; i++) servers.push(await startServer({ DATABASE_PATH: databasePath }));
  for (const [i, e] of editors.entries()) {
    e.url = servers[i % servers.length]!.url;
    e.cookie = await signIn(e.url, e.email, e.email.startsWith("editor") ? PASSWORD : undefined);
  }
}, 120_000);
afterAll(async () => {
  for (const s of servers) await s.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The step page's loader data, fetched and decoded as the browser's router does. */
async function loadStep({ url, cookie }: { url: string; cookie: string }) {
  const r = await fetch(`${url}${STEP}.data`, { headers: { Cookie: cookie } });
  expect(r.status).toBe(200);
  const decoded = (await decodeTurboStream(r.body!, globalThis)).value as Record<string, { data: unknown }>;
  return decoded["routes/project.step"]!.data as {
    answers: Record<string, { value: unknown; version: number } | null>;
    rows: Record<string, Array<{ id: number; cells: Cells; version: number }>>;
  };
}

/** The read-only view of the file, through the app's data layer. */
function readOnly<T>(fn: (db: Db) => T): T {
  const sqlite = new Database(databasePath, { readonly: true });
  try {
    return fn(drizzle(sqlite, { schema }) as Db);
  } finally {
    sqlite.close();
  }
}

const unescapeHtml = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, "&");
const marker = (s: string | undefined) => s?.match(/e\d+-n\d+/)?.[0];

describe("concurrent editing", () => {
  test(`${EDITORS} editors, ${EDITS} edits of overlapping answers and rows: every edit lands or is reported as a conflict`, async () => {
    console.log(`concurrency: seed ${seed} (replay the editors' choices with GAMBEGAM_CONCURRENCY_SEED=${seed})`);
    const first = await loadStep(editors[0]!);
    const rowIds = first.rows[REGISTER]!.slice(0, 3).map((r) => r.id);
    expect(rowIds).toHaveLength(3);
    const targets: Target[] = [...QUESTIONS.map((itemId) => ({ key: itemId, itemId })), ...rowIds.map((rowId) => ({ key: `${REGISTER}#${rowId}`, itemId: REGISTER, rowId }))];
    const initial = new Map(targets.map((t) => [t.key, t.rowId ? first.rows[REGISTER]!.find((r) => r.id === t.rowId)!.version : (first.answers[t.itemId]?.version ?? 0)]));
    const auditBaseline = readOnly((db) => db.select({ id: auditLog.id }).from(auditLog).all().reduce((m, r) => Math.max(m, r.id), 0));

    const log: LogEntry[] = [];
    let next = 0;
    const knowledge = (page: Awaited<ReturnType<typeof loadStep>>, known: Map<string, Known>) => {
      for (const t of targets) {
        if (t.rowId) {
          const row = page.rows[REGISTER]!.find((r) => r.id === t.rowId)!;
          known.set(t.key, { version: row.version, cells: row.cells });
        } else known.set(t.key, { version: page.answers[t.itemId]?.version ?? 0 });
      }
    };

    async function editor(index: number) {
      const me = editors[index]!;
      const random = prng(seed * 100 + index);
      const known = new Map<string, Known>();
      const viaForm = index < NO_JS;
      knowledge(await loadStep(me), known);
      while (next < EDITS) {
        const n = next++;
        const target = targets[Math.floor(random() * targets.length)]!;
        // Half the time the editor reloads first; otherwise it edits what it saw last (maybe stale).
        if (random() < 0.5) knowledge(await loadStep(me), known);
        const { version: baseVersion, cells } = known.get(target.key)!;
        const sent = `Edit e${index}-n${n} — ویرایش`;
        const fields: Record<string, string> = target.rowId
          ? {
              intent: "row-save",
              itemId: target.itemId,
              rowId: String(target.rowId),
              version: String(baseVersion),
              ...Object.fromEntries(Object.entries(cells!).map(([k, v]) => [`c.${k}`, v === null ? "" : String(v)])),
              "c.description": sent,
            }
          : { intent: "answer", itemId: target.itemId, version: String(baseVersion), value: sent };
        const r = await fetch(`${me.url}${STEP}${viaForm ? "" : ".data"}`, {
          method: "POST",
          body: form(fields),
          headers: { Cookie: me.cookie, Origin: me.url },
          redirect: "manual",
        });
        const entry: LogEntry = { editor: index, n, target: target.key, path: viaForm ? "form" : "fetcher", baseVersion, sent, status: r.status };
        log.push(entry);
        if (viaForm) {
          const html = await r.text();
          if (r.status === 409) {
            // The page shows the conflict: their value, then yours.
            const shown = [...html.matchAll(/<pre class="conflict-value"[^>]*>([\s\S]*?)<\/pre>/g)].map((m) => unescapeHtml(m[1]!));
            entry.theirs = shown[0];
            entry.yours = shown[1];
            if (shown.length !== 2) entry.body = `the page shows ${shown.length} conflict values, not 2`;
          } else if (r.status !== 200) entry.body = html.slice(0, 2000);
          // Without JavaScript the page answered with the current form: its versions are what the editor sees next.
          for (const m of html.matchAll(/name="itemId" value="([^"]+)"\/>(?:<input type="hidden" name="rowId" value="(\d+)"\/>)?<input type="hidden" name="version" value="(\d+)"\/>/g)) {
            const key = m[2] ? `${m[1]}#${m[2]}` : m[1]!;
            const k = known.get(key);
            if (k) k.version = Number(m[3]);
          }
          continue;
        }
        if (r.status !== 200 && r.status !== 409) {
          entry.body = (await r.text()).slice(0, 2000);
          continue;
        }
        const result = ((await decodeTurboStream(r.body!, globalThis)).value as { data: { ok: boolean; version?: number; value?: unknown; conflict?: { theirs: unknown; theirsVersion: number; yours: unknown } } }).data;
        const show = (v: unknown) => (target.rowId ? String((v as Cells | null)?.description ?? "") : String(v ?? ""));
        if (r.status === 200) {
          entry.version = result.version;
          known.set(target.key, { version: result.version!, cells: target.rowId ? (result.value as Cells) : undefined });
        } else {
          entry.theirs = show(result.conflict?.theirs);
          entry.theirsVersion = result.conflict?.theirsVersion;
          entry.yours = show(result.conflict?.yours);
          // Keep mine or use theirs, the editor now builds on the stored version.
          known.set(target.key, { version: result.conflict!.theirsVersion, cells: target.rowId ? (result.conflict!.theirs as Cells) : undefined });
        }
      }
    }

    await Promise.all(editors.map((_, i) => editor(i)));

    // Every edit got an answer: accepted or a conflict, nothing else.
    const odd = log.filter((e) => e.status !== 200 && e.status !== 409);
    expect(odd, JSON.stringify(odd.slice(0, 3), null, 1)).toEqual([]);
    const accepted = log.filter((e) => e.status === 200);
    const conflicts = log.filter((e) => e.status === 409);
    expect(accepted.length + conflicts.length).toBe(EDITS);
    expect(conflicts.length, "no conflict happened, so the conflict path was not exercised").toBeGreaterThan(0);
    expect(conflicts.filter((e) => e.path === "form").length, "no conflict through a plain form").toBeGreaterThan(0);

    // Both values are shown in every conflict: yours is exactly what was sent, theirs a real stored value.
    for (const c of conflicts) {
      expect(c.body, `conflict without both values: ${JSON.stringify(c)}`).toBeUndefined();
      expect(c.yours, JSON.stringify(c)).toContain(c.sent);
      expect(marker(c.theirs), `theirs is not an edit: ${JSON.stringify(c)}`).toBeDefined();
      expect(marker(c.theirs)).not.toBe(marker(c.sent));
    }

    const { stored, trail } = readOnly((db) => ({
      stored: loadProjectData(db, 1),
      trail: db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.projectId, 1), gt(auditLog.id, auditBaseline), inArray(auditLog.action, ["answer.save", "row.update"])))
        .orderBy(auditLog.id)
        .all(),
    }));
    const summary: string[] = [];
    for (const t of targets) {
      const mine = accepted.filter((e) => e.target === t.key);
      const v0 = initial.get(t.key)!;
      // Each accepted edit was based on the version it replaced: it became version base+1,
      // and the fetcher was told exactly that.
      for (const e of mine.filter((e) => e.path === "fetcher")) expect(e.version, JSON.stringify(e)).toBe(e.baseVersion + 1);
      const byVersion = [...mine].sort((a, b) => a.baseVersion - b.baseVersion);
      expect(byVersion.map((e) => e.baseVersion), `${t.key}: accepted edits do not form one chain of versions`).toEqual(byVersion.map((_, i) => v0 + i));

      // The stored value is the last accepted edit, and the version counts the accepted edits.
      const now = t.rowId ? stored.rows.get(REGISTER)!.find((r) => r.id === t.rowId)! : stored.answers.get(t.itemId)!;
      const nowValue = t.rowId ? String((now as { cells: Cells }).cells.description) : String((now as { value: unknown }).value);
      expect(now.version, t.key).toBe(v0 + mine.length);
      if (mine.length) expect(nowValue, t.key).toBe(byVersion.at(-1)!.sent);

      // The audit trail has exactly one entry per accepted edit, in version order, by its editor,
      // each one taking over from the one before.
      const entries = trail.filter((a) => a.itemId === t.itemId && (t.rowId ? a.rowId === t.rowId : true));
      const after = (a: (typeof entries)[number]) => (t.rowId ? String((a.after as Cells).description) : String(a.after));
      expect(entries.map(after), `${t.key}: audit trail`).toEqual(byVersion.map((e) => e.sent));
      expect(entries.map((a) => a.userId)).toEqual(byVersion.map((e) => editors[e.editor]!.userId));
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.before).toEqual(entries[i - 1]!.after);

      // A conflict showed the value that was stored then: an accepted edit of the same target,
      // newer than the version the editor had (exactly the version reported, through the fetcher).
      for (const c of conflicts.filter((e) => e.target === t.key)) {
        const theirs = byVersion.find((e) => marker(e.sent) === marker(c.theirs));
        expect(theirs, `${t.key}: conflict shows a value that was never accepted: ${JSON.stringify(c)}`).toBeDefined();
        expect(theirs!.baseVersion + 1, JSON.stringify(c)).toBeGreaterThan(c.baseVersion);
        if (c.theirsVersion !== undefined) expect(theirs!.baseVersion + 1, JSON.stringify(c)).toBe(c.theirsVersion);
      }
      summary.push(`${t.key}: ${mine.length} accepted, ${conflicts.filter((e) => e.target === t.key).length} conflicts`);
    }
    expect(trail.length, "audit entries for edits nobody was told were accepted").toBe(accepted.length);
    console.log(`concurrency: ${accepted.length} accepted, ${conflicts.length} conflicts (${conflicts.filter((e) => e.path === "form").length} through plain forms); ${summary.join("; ")}`);

    // And the page shows the final state.
    const page = await loadStep(editors[1]!);
    for (const t of targets) {
      const last = accepted.filter((e) => e.target === t.key).sort((a, b) => a.baseVersion - b.baseVersion).at(-1);
      if (!last) continue;
      const shown = t.rowId ? page.rows[REGISTER]!.find((r) => r.id === t.rowId)!.cells.description : page.answers[t.itemId]!.value;
      expect(shown, t.key).toBe(last.sent);
    }
  }, 240_000);
});
