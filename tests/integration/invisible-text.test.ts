/**
 * What the executive sees is what is signed (issue 16, item 7), as an
 * attacker would try it over HTTP against the production server.
 *
 * A right-to-left override makes `5\u202E0001` read 51000 on the page while
 * the Word document (which drops bidi controls) says 50001, under one
 * fingerprint. Bidi controls and other invisible format characters are
 * removed when anything is saved or imported, so the page, the document, the
 * fingerprint and the signed snapshot all hold the same text. Changes that
 * cannot be seen (a non-breaking space for a space) or that look like other
 * text (a Cyrillic letter in a Latin word) are named in the executive's
 * "changed since sign-off" list.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { seedDemoProject } from "#db/seed-demo.ts";
import { exportProject, serialiseProjectFile, type ProjectFile } from "#app/domain/project-transfer.server.ts";
import { fingerprint, phaseSnapshot, type PhaseSnapshot } from "#app/domain/signoff.server.ts";
import { getProject, loadProjectData, packOf } from "#app/domain/projects.server.ts";
import { tempDatabase } from "#tests/setup/db.ts";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

/** Every character this feature removes, as the attacker would send them. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
const TEAM_STEP_ROLES = "/projects/1/phases/team/steps/team-roles";
const TEAM_STEP_READINESS = "/projects/1/phases/team/steps/team-readiness";

let server: RunningServer;
const sessions: Record<string, string> = {};
let english = "";

beforeAll(async () => {
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  sessions.pm = await signIn(server.url, "s.ahmadi@mehregan.example");
  sessions.sponsor = await signIn(server.url, "f.karimi@mehregan.example");
  const r = await fetch(`${server.url}/preferences`, { method: "POST", body: form({ intent: "language", lang: "en", returnTo: "/projects" }), redirect: "manual" });
  english = r.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(() => server?.stop());

const cookie = (who: string, lang: "en" | "fa" = "en") => [sessions[who], lang === "en" ? english : null].filter(Boolean).join("; ");
const get = (p: string, who: string, lang: "en" | "fa" = "en") => fetch(server.url + p, { headers: { Cookie: cookie(who, lang) }, redirect: "manual" });
const post = (p: string, who: string, body: BodyInit) => fetch(server.url + p, { method: "POST", body, headers: { Cookie: cookie(who) }, redirect: "manual" });

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
const answerOf = (itemId: string, projectId = 1) => query<{ value: string; version: number }>("select value, version from answers where project_id = ? and item_id = ?", projectId, itemId)[0];
const rowsOf = (itemId: string, projectId = 1) =>
  query<{ id: number; cells: string; version: number }>("select id, cells, version from register_rows where project_id = ? and item_id = ? order by position, id", projectId, itemId).map((r) => ({
    ...r,
    cells: JSON.parse(r.cells) as Record<string, unknown>,
  }));

/** The text of an HTML page as a reader sees it (tags dropped, entities decoded). */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("invisible characters are removed when a value is saved", () => {
  test("an answer typed as 5\\u202E0001 (reads 51000 on a page) is stored and shown as 50001", async () => {
    const before = answerOf("team.readiness-work");
    const r = await post(TEAM_STEP_READINESS, "pm", form({ intent: "answer", itemId: "team.readiness-work", version: String(before?.version ?? 0), value: "5\u202E0001" }));
    expect(r.status).toBe(200);
    expect(JSON.parse(answerOf("team.readiness-work")!.value)).toBe("50001");
    const page = await (await get(TEAM_STEP_READINESS, "pm")).text();
    expect(page).toContain("50001");
    expect(page).not.toContain("5\u202E0001");
  });

  test("register cells lose isolates, zero-width spaces and byte-order marks; Persian half-spaces stay", async () => {
    for (const [name, role] of [
      ["\u2066Pari\u2069 \u2067Nazari\u2069", "hr-support"],
      ["Mina\uFEFF Sadeghi\u200B", "production-technical"],
    ]) {
      const r = await post(TEAM_STEP_ROLES, "pm", form({ intent: "row-add", itemId: "team.members", "c.name": name!, "c.role": role!, "c.unit": "منابع\u00A0انسانی \u2067می\u200Cخواهد\u2069" }));
      expect(r.status).toBe(200);
    }
    const names = rowsOf("team.members").map((r) => r.cells.name);
    expect(names).toContain("Pari Nazari");
    expect(names).toContain("Mina Sadeghi");
    const units = rowsOf("team.members").filter((r) => r.cells.name === "Pari Nazari").map((r) => r.cells.unit);
    // The half-space (ZWNJ) of «می‌خواهد» and the non-breaking space are visible spacing, kept as typed.
    expect(units).toEqual(["منابع\u00A0انسانی می\u200Cخواهد"]);
  });

  test("a person's name and a project's name lose their right-to-left override", async () => {
    const renamed = await post("/account", "pm", form({ intent: "name", displayName: "سارا \u202Eاحمدی" }));
    expect(renamed.status).toBe(302);
    expect(query<{ display_name: string }>("select display_name from users where email = ?", "s.ahmadi@mehregan.example")[0]!.display_name).toBe("سارا احمدی");

    const created = await post("/projects/new", "pm", form({ name: "Mehregan \u202Eevil", clientOrganisation: "\u2067Arman\u2069", deliverableLanguage: "fa", startDate: "1405/01/15", pack: "crm-implementation@1.0.0" }));
    expect(created.status).toBe(302);
    const project = query<{ name: string; client_organisation: string }>("select name, client_organisation from projects order by id desc limit 1")[0]!;
    expect(project).toEqual({ name: "Mehregan evil", client_organisation: "Arman" });
  });

  test("a name that is nothing but invisible characters is refused as empty, next to the field", async () => {
    const r = await post("/account", "pm", form({ intent: "name", displayName: "\u202E\u2066\u200B" }));
    expect(r.status).toBe(400);
    expect(query<{ display_name: string }>("select display_name from users where email = ?", "s.ahmadi@mehregan.example")[0]!.display_name).toBe("سارا احمدی");
  });
});

describe("what is signed", () => {
  let signedFingerprint = "";

  test("the sign-off snapshot holds the cleaned value, and the fingerprint the executive saw is computed over it", async () => {
    const requested = await post("/projects/1/phases/team", "pm", form({ intent: "request" }));
    expect(requested.status, await requested.clone().text().then((t) => visibleText(t).slice(0, 300))).toBe(302);
    const html = await (await get("/projects/1/phases/team", "sponsor")).text();
    signedFingerprint = html.match(/data-testid="fingerprint">([0-9a-f]{64})</)![1]!;
    expect(visibleText(html)).toContain("50001");
    const approved = await post("/projects/1/phases/team", "sponsor", form({ intent: "approve", fingerprint: signedFingerprint }));
    expect(approved.status).toBe(302);

    const event = query<{ fingerprint: string; snapshot: string }>("select fingerprint, snapshot from signoff_events where project_id = 1 and phase_id = 'team' and kind = 'approved'").at(-1)!;
    expect(event.fingerprint).toBe(signedFingerprint);
    expect(event.snapshot).not.toMatch(BIDI);
    const snapshot = JSON.parse(event.snapshot) as PhaseSnapshot;
    expect(snapshot.items.find((i) => i.id === "team.readiness-work")).toEqual({ id: "team.readiness-work", value: "50001" });
    expect(fingerprint(snapshot)).toBe(signedFingerprint);
  });

  test("after a change the executive cannot see (a non-breaking space) or one that imitates a letter (Cyrillic а), the diff says so, in English and Persian", async () => {
    expect(signedFingerprint).not.toBe("");
    const reopened = await post("/projects/1/phases/team", "pm", form({ intent: "reopen", comment: "spelling" }));
    expect(reopened.status).toBe(302);
    const pari = rowsOf("team.members").find((r) => r.cells.name === "Pari Nazari")!;
    const saved = await post(TEAM_STEP_ROLES, "pm", form({ intent: "row-save", itemId: "team.members", rowId: String(pari.id), version: String(pari.version), "c.name": "Pari\u00A0Nazari", "c.role": "hr-support", "c.unit": String(pari.cells.unit) }));
    expect(saved.status).toBe(200);
    const added = await post(TEAM_STEP_ROLES, "pm", form({ intent: "row-add", itemId: "team.members", "c.name": "B\u0430nk liaison", "c.role": "hr-support" }));
    expect(added.status).toBe(200);

    const en = visibleText(await (await get("/projects/1/phases/team", "sponsor")).text());
    const diff = en.slice(en.indexOf("Changed since"));
    expect(diff).toContain("Invisible change: a non-breaking space was added");
    expect(diff).toContain("Look-alike characters: Cyrillic 'а' in 'B\u0430nk'");
    const fa = visibleText(await (await get("/projects/1/phases/team", "sponsor", "fa")).text());
    expect(fa).toContain("تغییر نادیدنی: یک فاصله نشکن افزوده شد");
    expect(fa).toContain("نویسه‌های هم‌شکل: «\u0430» سیریلیک در «B\u0430nk»");
  });
});

describe("invisible characters are removed when a project is imported", () => {
  test("a project file carrying overrides in its name, answers, cells and people's names is stored without them; what was signed stays as signed, and the diff names the difference", async () => {
    const t = tempDatabase();
    try {
      const id = seedDemoProject(t.db);
      const pack = packOf(getProject(t.db, id)!)!;
      const team = pack.phases.find((p) => p.id === "team")!;
      const file = exportProject(t.db, id);
      file.project.name = "Imported \u202Eevil";
      const at = file.exportedAt;
      file.answers = file.answers.filter((a) => a.itemId !== "team.readiness-work");
      file.answers.push({ itemId: "team.readiness-work", value: "5\u202E0001", version: 1, updatedBy: null, createdAt: at, updatedAt: at });
      const row = file.rows.find((r) => r.itemId === "team.members")!;
      row.cells.name = "\u2066Reza\u2069\u200B Mousavi";
      file.members[0]!.name = "\u202EImported Person";
      // The file says the sponsor signed the team phase holding 5<RLO>0001 (a fingerprint over exactly that).
      const signed: PhaseSnapshot = phaseSnapshot(team, loadProjectData(t.db, id));
      signed.items = signed.items.map((i) => (i.id === "team.readiness-work" ? { id: i.id, value: "5\u202E0001" } : i.id === "team.members" && "rows" in i ? { id: i.id, rows: i.rows.map((r) => (r.id === row.id ? { id: r.id, cells: row.cells } : r)) } : i));
      const by = { name: "\u202EElsewhere Signer", email: "signer@elsewhere.example" };
      file.signoffs.push(
        { phaseId: "team", kind: "requested", by, at, comment: "", fingerprint: fingerprint(signed), snapshot: null },
        { phaseId: "team", kind: "approved", by, at, comment: "\u202Eok", fingerprint: fingerprint(signed), snapshot: signed as ProjectFile["signoffs"][number]["snapshot"] },
      );
      const body = new FormData();
      body.set("file", new Blob([serialiseProjectFile(file)], { type: "application/json" }), "project.json");
      const r = await fetch(`${server.url}/projects/import`, { method: "POST", body, headers: { Cookie: cookie("pm") }, redirect: "manual" });
      expect(r.status, await r.clone().text().then((h) => visibleText(h).slice(0, 500))).toBe(302);
      const projectId = Number(r.headers.get("location")!.match(/\/projects\/(\d+)/)![1]);
      expect(query<{ name: string }>("select name from projects where id = ?", projectId)[0]!.name).toBe("Imported evil");
      expect(JSON.parse(answerOf("team.readiness-work", projectId)!.value)).toBe("50001");
      expect(rowsOf("team.members", projectId).map((r) => r.cells.name)).toContain("Reza Mousavi");
      for (const table of ["answers", "register_rows", "projects", "signoff_events", "audit_log"]) {
        const rows = query<Record<string, unknown>>(`select * from ${table}${table === "projects" ? " where id = ?" : " where project_id = ?"}`, projectId);
        // The signed snapshot is evidence of what was signed: kept as it is (below).
        const dump = JSON.stringify(rows.map(({ snapshot, ...rest }) => rest));
        expect(dump, table).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B]/);
      }
      const approval = query<{ comment: string; snapshot: string }>("select comment, snapshot from signoff_events where project_id = ? and kind = 'approved'", projectId)[0]!;
      expect(approval.comment).toBe("ok");
      expect(approval.snapshot).toContain("5\u202E0001");
      // The phase is not what the imported record names, and the reader is told why in words.
      const page = visibleText(await (await get(`/projects/${projectId}/phases/team`, "pm")).text());
      expect(page).toContain("Invisible change: a direction control character was removed");
    } finally {
      t.cleanup();
    }
  });
});
