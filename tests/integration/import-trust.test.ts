/**
 * Issue 16 item 2, performed as the attacker would, over HTTP against the
 * production server: someone with an ordinary account on this installation
 * crafts a project file naming this installation's administrator and
 * executive sponsor as members (project manager), as the approver of a signed
 * phase (the fingerprint computed correctly over the snapshot) and as authors
 * of history entries, and flags the project as a demo.
 *
 * After the import the attacker is the only member; the named people are not
 * members and do not see the project; nothing is attributed to their
 * accounts; the phase page, the history and the Word document say the records
 * were imported and are not verified here; and the answer to the import does
 * not tell whether an email has an account here.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { documentText } from "#tests/setup/docx.ts";
import { hashPasswordSync } from "#app/domain/auth.server.ts";
import { fingerprint, phaseSnapshot } from "#app/domain/signoff.server.ts";
import { getPacks } from "#methodology/registry.ts";
import type { ProjectData } from "#app/domain/projects.server.ts";

const ADMIN = { name: "Installation Admin", email: "admin@firm-b.example", password: "the admin's own password 1" };
const SPONSOR = { name: "فرهاد کریمی", email: "f.karimi@mehregan.example" };
/** The attacker: a team member of the demo project, an ordinary account with no right to export or sign. */
const ATTACKER = "n.rahimi@mehregan.example";
const NOBODY = "nobody.here@elsewhere.example";

let server: RunningServer;
const sessions: Record<string, string> = {};
let english = "";
let adminId = 0;
let sponsorId = 0;
let base: Record<string, any>;

const cookie = (who: string, lang?: "en") => [sessions[who], lang ? english : null].filter(Boolean).join("; ");
const get = (p: string, who: string, lang?: "en") => fetch(server.url + p, { headers: { Cookie: cookie(who, lang) }, redirect: "manual" });
const upload = (who: string, content: string, name = "project-data-mehregan.json") => {
  const body = new FormData();
  body.set("file", new Blob([content], { type: "application/json" }), name);
  return fetch(`${server.url}/projects/import`, { method: "POST", body, headers: { Cookie: cookie(who), Origin: server.url }, redirect: "manual" });
};
const query = <T>(sqlText: string, ...args: unknown[]): T[] => {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return db.prepare(sqlText).all(...args) as T[];
  } finally {
    db.close();
  }
};
/** The visible text of a page's main content (no scripts, no markup). */
const visible = (html: string) =>
  (html.match(/<main[\s\S]*<\/main>/)?.[0] ?? html)
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  // This installation's administrator (put straight into the database: how set-up works is not what is tested here).
  const db = new Database(server.databasePath);
  adminId = Number(db.prepare("insert into users (email, display_name, password_hash, is_admin) values (?, ?, ?, 1)").run(ADMIN.email, ADMIN.name, hashPasswordSync(ADMIN.password)).lastInsertRowid);
  sponsorId = (db.prepare("select id from users where email = ?").get(SPONSOR.email) as { id: number }).id;
  db.close();
  sessions.admin = await signIn(server.url, ADMIN.email, ADMIN.password);
  sessions.sponsor = await signIn(server.url, SPONSOR.email);
  sessions.attacker = await signIn(server.url, ATTACKER);
  sessions.consultant = await signIn(server.url, "l.tehrani@arman.example");
  const r = await fetch(`${server.url}/preferences`, { method: "POST", body: new URLSearchParams({ intent: "language", lang: "en", returnTo: "/projects" }), redirect: "manual" });
  english = r.headers.get("set-cookie")!.split(";")[0]!;
  // Any project file will do as a start: the attacker could as well write one from scratch.
  base = await (
    await fetch(`${server.url}/projects/1/export`, { method: "POST", body: new URLSearchParams({ intent: "export" }), headers: { Cookie: cookie("consultant"), Origin: server.url } })
  ).json();
});
afterAll(() => server?.stop());

/** The crafted file: B's administrator manages the project, B's sponsor signed the vision, both wrote its history. */
function forgedFile(): Record<string, any> {
  const file = structuredClone(base);
  const pack = getPacks().get(file.methodology.packId, file.methodology.packVersion)!;
  file.project.isDemo = true;
  file.members = [
    { name: ADMIN.name, email: ADMIN.email, role: "project-manager", since: file.project.createdAt },
    { name: SPONSOR.name, email: SPONSOR.email, role: "executive-sponsor", since: file.project.createdAt },
  ];
  // The vision's content as the file holds it, fingerprinted exactly as Gambegam does.
  const rows = new Map<string, Array<{ id: number; cells: Record<string, unknown> }>>();
  for (const r of file.rows) rows.set(r.itemId, [...(rows.get(r.itemId) ?? []), { id: r.id, cells: r.cells }]);
  const data = { answers: new Map(file.answers.map((a: { itemId: string; value: unknown }) => [a.itemId, { value: a.value }])), rows } as unknown as ProjectData;
  const snapshot = phaseSnapshot(pack.phases.find((p) => p.id === "vision")!, data);
  file.signoffs = [
    { phaseId: "vision", kind: "requested", by: { name: ADMIN.name, email: ADMIN.email }, at: "2026-11-20T09:00:00.000Z", comment: "", fingerprint: fingerprint(snapshot), snapshot: null },
    { phaseId: "vision", kind: "approved", by: SPONSOR, at: "2026-11-20T10:00:00.000Z", comment: "Approved for the board", fingerprint: fingerprint(snapshot), snapshot },
  ];
  file.audit = [
    ...file.audit,
    { at: "2026-11-20T09:30:00.000Z", action: "answer.save", actorName: ADMIN.name, actorEmail: ADMIN.email, phaseId: null, itemId: "vision.crm-definition", rowId: null, subject: null, before: null, after: "Written by the administrator" },
    { at: "2026-11-20T10:00:00.000Z", action: "signoff.approved", actorName: SPONSOR.name, actorEmail: SPONSOR.email, phaseId: "vision", itemId: null, rowId: null, subject: null, before: { status: "awaiting" }, after: { status: "signed", fingerprint: fingerprint(snapshot) } },
  ];
  // A workshop session the file says is still running, facilitated "by the administrator".
  file.workshops = {
    sessions: [{ id: 1, phaseId: "vision", stepId: "vision-workshop", facilitatorName: ADMIN.name, startedAt: "2026-11-20T08:00:00.000Z", endedAt: null }],
    participants: [{ id: 1, sessionId: 1, name: SPONSOR.name, joinedAt: "2026-11-20T08:01:00.000Z" }],
    activities: [{ id: 1, sessionId: 1, position: 1, kind: "poll", config: { question: "Ready?", options: ["Yes", "No"] }, subjects: { kind: "poll", question: "Ready?", options: ["Yes", "No"] }, state: "open", revealed: false, openedAt: "2026-11-20T08:02:00.000Z", closedAt: null, adopted: null, adoptedAt: null, adoptedBy: null }],
    ballots: [{ activityId: 1, participantId: 1, value: { option: 0 }, casts: 1, updatedAt: "2026-11-20T08:03:00.000Z" }],
    ideas: [],
  };
  return file;
}

describe("an imported file cannot speak for this installation's people", () => {
  let location = "";
  let projectId = 0;

  beforeAll(async () => {
    const r = await upload("attacker", JSON.stringify(forgedFile()));
    expect(r.status).toBe(302);
    location = new URL(r.headers.get("location")!, server.url).pathname;
    projectId = Number(location.split("/").pop());
  });

  test("the importer is the only member; the administrator and the sponsor named in the file are not members and get 404", async () => {
    const members = query<{ user_id: number; role: string }>("select user_id, role from memberships where project_id = ?", projectId);
    expect(members).toEqual([{ user_id: query<{ id: number }>("select id from users where email = ?", ATTACKER)[0]!.id, role: "project-manager" }]);
    expect((await get(location, "admin")).status).toBe(404);
    expect((await get(location, "sponsor")).status).toBe(404);
    expect((await get("/projects", "admin")).status).toBe(200);
    expect(await (await get("/projects", "sponsor")).text()).not.toContain(`href="${location}"`);
    // The people named are listed to be invited, nothing more.
    expect(query("select email, role from imported_members where project_id = ? order by email", projectId)).toEqual([
      { email: ADMIN.email, role: "project-manager" },
      { email: SPONSOR.email, role: "executive-sponsor" },
    ]);
  });

  test("no sign-off event and no history entry is attributed to a local account; each says where it came from", () => {
    const events = query<{ user_id: number | null; imported_from: string | null; signer_email: string | null }>("select user_id, imported_from, signer_email from signoff_events where project_id = ?", projectId);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e).toMatchObject({ user_id: null, imported_from: "project-data-mehregan.json" });
    expect(events.map((e) => e.signer_email)).toEqual([ADMIN.email, SPONSOR.email]);
    const trail = query<{ user_id: number | null; imported_from: string | null; action: string }>("select user_id, imported_from, action from audit_log where project_id = ? order by id", projectId);
    const imported = trail.slice(0, -1);
    expect(imported.length).toBe(base.audit.length + 2);
    expect(imported.filter((e) => e.user_id !== null || e.imported_from !== "project-data-mehregan.json")).toEqual([]);
    // The one entry written here: the import itself, by the importer.
    expect(trail.at(-1)).toMatchObject({ action: "project.import", imported_from: null });
    expect(query("select count(*) as n from audit_log where project_id = ? and user_id in (?, ?)", projectId, adminId, sponsorId)).toEqual([{ n: 0 }]);
  });

  test("a workshop session the file says is running arrives ended, its activity closed, attributed to no account", () => {
    expect(query("select ended_at is not null as ended, facilitator_id, facilitator_name from workshop_sessions where project_id = ?", projectId)).toEqual([{ ended: 1, facilitator_id: null, facilitator_name: ADMIN.name }]);
    expect(query("select a.state from workshop_activities a join workshop_sessions s on s.id = a.session_id where s.project_id = ?", projectId)).toEqual([{ state: "closed" }]);
  });

  test("the project flagged as a demo in the file is an ordinary project here", async () => {
    expect(query("select is_demo from projects where id = ?", projectId)).toEqual([{ is_demo: 0 }]);
  });

  test("the phase page does not show the vision as signed here, and marks the imported approval as not verified", async () => {
    const page = await (await get(`${location}/phases/vision`, "attacker", "en")).text();
    // Not the phase's own state: no "Signed off by <name> on …", no signed badge, not locked.
    // Names of the other direction are isolated (U+2068 … U+2069, decision 047): compare without the marks.
    const unmarked = (s: string) => s.replace(/[\u2068\u2069]/g, "");
    expect(unmarked(page)).not.toContain(`Signed off by ${SPONSOR.name}`);
    expect(page).not.toMatch(/data-gate="signed"/);
    expect(page).not.toContain("The phase is locked");
    const text = visible(page);
    expect(unmarked(text)).toContain(`According to the imported file, ${SPONSOR.name} signed this phase off on`);
    expect(text).toMatch(/signed this phase off on [^—]*— Imported from “\u2068project-data-mehregan\.json\u2069”, not verified here/);
    const fa = visible(await (await get(`${location}/phases/vision`, "attacker")).text());
    expect(fa).toContain("واردشده از «\u2068project-data-mehregan.json\u2069»؛ در این‌جا راستی‌آزمایی نشده");
    // The executive of this installation has nothing to sign off on behalf of the file; the project's own gate is open.
    expect(text).toContain("Sign-off has not been requested");
  });

  test("the history marks every imported entry, and its person filter does not offer the local accounts", async () => {
    const page = await (await get(`${location}/history`, "attacker", "en")).text();
    // Every entry but the import's own, which the importer wrote here.
    const entries = [...page.matchAll(/<li[^>]*class="card history-entry"[\s\S]*?<\/li>/g)].map((m) => m[0]).filter((e) => !e.includes('data-action="project.import"'));
    const byAdmin = entries.filter((e) => e.includes(ADMIN.name));
    const bySponsor = entries.filter((e) => e.includes(SPONSOR.name));
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(bySponsor.length).toBeGreaterThan(0);
    for (const e of [...byAdmin, ...bySponsor]) expect(visible(e)).toContain("Imported from “\u2068project-data-mehregan.json\u2069”, not verified here");
    expect(page).not.toMatch(new RegExp(`<option value="${adminId}"`));
    expect(page).not.toMatch(new RegExp(`<option value="${sponsorId}"`));
    // Filtering by their accounts finds nothing of this project.
    expect(await (await get(`${location}/history?user=${adminId}`, "attacker", "en")).text()).not.toContain("history-entry");
  });

  test("a step page's \"last changed by\" names the file's authors only with the same mark", async () => {
    const page = visible(await (await get(`${location}/phases/vision/steps/vision-core-questions`, "attacker", "en")).text());
    // Every change of this project so far came with the file.
    const lines = page.split("Last changed by ").slice(1).map((l) => l.slice(0, 200));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^\u2068[^\u2069]+\u2069 · [^·]+ · Imported from “\u2068project-data-mehregan\.json\u2069”, not verified here/);
  });

  test("the Word document's sign-off block says the approval was imported and is not verified, in English and Persian", async () => {
    for (const lang of ["en", "fa"] as const) {
      // As the Documents page's button asks for it: a form posted from this site.
      const r = await fetch(`${server.url}${location}/documents/vision-minutes/download`, {
        method: "POST",
        body: new URLSearchParams({ intent: "download", lang }),
        headers: { Cookie: cookie("attacker"), Origin: server.url },
        redirect: "manual",
      });
      expect(r.status).toBe(200);
      const text = documentText(new Uint8Array(await r.arrayBuffer()));
      if (lang === "en") {
        expect(text).not.toContain("The content of this document is exactly the content that was signed.");
        expect(text).toContain("Not signed");
        expect(text).toContain("Imported from “project-data-mehregan.json”, not verified here");
        expect(text).toContain(SPONSOR.name);
      } else {
        expect(text).not.toContain("محتوای این سند دقیقاً همان محتوایی است که تأیید شده است.");
        expect(text).toContain("تأیید و امضا نشده");
        expect(text).toContain("در این‌جا راستی‌آزمایی نشده");
      }
    }
  });
});

describe("the answer to an import does not tell who has an account here", () => {
  const withMember = (email: string) => {
    const file = structuredClone(base);
    file.members = [{ name: "Pat Example", email, role: "executive-sponsor", since: file.project.createdAt }];
    file.signoffs = [];
    return JSON.stringify(file);
  };
  /** What the importer sees of an import: the answer, the People page and the history's import entry. */
  async function answerTo(email: string) {
    const r = await upload("attacker", withMember(email));
    const location = new URL(r.headers.get("location") ?? "/", server.url).pathname;
    const people = visible(await (await get(`${location}/members`, "attacker", "en")).text());
    const history = await (await get(`${location}/history?category=project`, "attacker", "en")).text();
    const entry = history.match(/<li[^>]*data-action="project.import"[\s\S]*?<\/li>/)?.[0] ?? "";
    const hide = (s: string) => s.replaceAll(email, "<email>").replace(/\/projects\/\d+/g, "/projects/<id>");
    return { status: r.status, location: hide(location), body: hide(await r.text()), people: hide(people), importEntry: hide(visible(entry.replace(/<time[\s\S]*?<\/time>/g, "")).replace(/[\d۰-۹]{4}-[\d۰-۹]{2}-[\d۰-۹]{2} [\d۰-۹]{2}:[\d۰-۹]{2}:[\d۰-۹]{2} UTC/, "")) };
  }

  test("a file naming the administrator's email and one naming an unknown email give the same answer", async () => {
    const known = await answerTo(ADMIN.email);
    const unknown = await answerTo(NOBODY);
    expect(known.status).toBe(302);
    expect(known).toEqual(unknown);
  });
});

describe("the command line's answer does not tell who has an account here either", () => {
  const importByCommandLine = (email: string) => {
    const file = structuredClone(base);
    file.members = [{ name: "Pat Example", email, role: "executive-sponsor", since: file.project.createdAt }];
    file.signoffs = [];
    const target = path.join(server.dir, "project-data-mehregan.json");
    fs.writeFileSync(target, JSON.stringify(file));
    const r = spawnSync(process.execPath, ["--import", "tsx", "app/cli/project-data.ts", "import", "--file", target, "--as", ATTACKER], { env: { ...process.env, DATABASE_PATH: server.databasePath }, encoding: "utf8", timeout: 60_000 });
    return { status: r.status, out: `${r.stdout}${r.stderr}`.replaceAll(email, "<email>").replace(/project \d+/g, "project <id>") };
  };

  test("a file naming the administrator's email and one naming an unknown email print the same", () => {
    const known = importByCommandLine(ADMIN.email);
    const unknown = importByCommandLine(NOBODY);
    expect(known.status).toBe(0);
    expect(known.out).toContain("Pat Example <<email>> (executive-sponsor)");
    expect(known).toEqual(unknown);
  }, 120_000);
});
