/**
 * Portable project data over HTTP, against the production server: the JSON
 * download (type, file name, who may take it, recorded in the history) and
 * the import form (multipart upload → a new project; refusals shown next to
 * the field with a 4xx and nothing written; files over the general 1 MB body
 * limit accepted up to the import's own limit).
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { openDatabase } from "#db/client.ts";
import { addActivity, join, openActivity, startSession } from "#app/domain/workshop.server.ts";

let server: RunningServer;
const sessions: Record<string, string> = {};
let english = "";

beforeAll(async () => {
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  for (const [who, email] of Object.entries({ pm: "s.ahmadi@mehregan.example", consultant: "l.tehrani@arman.example", sponsor: "f.karimi@mehregan.example", member: "n.rahimi@mehregan.example", viewer: "h.nazari@mehregan.example" })) {
    sessions[who] = await signIn(server.url, email);
  }
  const r = await fetch(`${server.url}/preferences`, { method: "POST", body: form({ intent: "language", lang: "en", returnTo: "/projects" }), redirect: "manual" });
  english = r.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(() => server?.stop());

const cookie = (who: string, lang?: "en") => [sessions[who], lang ? english : null].filter(Boolean).join("; ");
const get = (p: string, who: string, lang?: "en") => fetch(server.url + p, { headers: who === "anonymous" ? {} : { Cookie: cookie(who, lang) }, redirect: "manual" });
/** The export as the Documents page's button makes it: a form posted from this site (a GET records nothing: 405). */
const exportAs = (who: string, projectId = 1) =>
  fetch(`${server.url}/projects/${projectId}/export`, { method: "POST", body: new URLSearchParams({ intent: "export" }), headers: { Origin: server.url, ...(who === "anonymous" ? {} : { Cookie: cookie(who) }) }, redirect: "manual" });
const upload = (who: string, content: string | Uint8Array<ArrayBuffer>, lang?: "en") => {
  const body = new FormData();
  body.set("file", new Blob([content], { type: "application/json" }), "project.json");
  return fetch(`${server.url}/projects/import`, { method: "POST", body, headers: { Cookie: cookie(who, lang) }, redirect: "manual" });
};

/** Row counts of the server's database (read-only, beside the running server). */
const TABLES = ["projects", "answers", "register_rows", "memberships", "imported_members", "signoff_events", "audit_log", "users"] as const;
function counts(): Record<(typeof TABLES)[number], number> {
  const db = new Database(server.databasePath, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n])) as Record<(typeof TABLES)[number], number>;
  } finally {
    db.close();
  }
}

let exported = "";

describe("exporting a project's data", () => {
  test("the download is a JSON file named after the client, holding the whole project", async () => {
    const r = await exportAs("consultant");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const disposition = r.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="project-data-[^"]*-\d{4}-\d{2}-\d{2}\.json"; filename\*=UTF-8''project-data-/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toMatch(/^project-data-شرکت-صنایع-غذایی-مهرگان-\d{4}-\d{2}-\d{2}\.json$/);
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    exported = await r.text();
    const file = JSON.parse(exported);
    expect(file).toMatchObject({ format: "gambegam-project", formatVersion: 1, methodology: { packId: "crm-implementation", packVersion: "1.0.0" }, exportedBy: { email: "l.tehrani@arman.example" } });
    expect(file.members).toHaveLength(5);
    expect(file.rows.length).toBeGreaterThan(30);
    expect(file.answers.length).toBeGreaterThan(20);
  });

  test("the Documents tab offers it to those who may export, and the history records who took it", async () => {
    const page = await (await get("/projects/1/documents", "pm", "en")).text();
    expect(page).toMatch(/<form[^>]*action="\/projects\/1\/export"/);
    expect(page).toContain("Export project data (JSON)");
    expect(await (await get("/projects/1/documents", "viewer")).text()).not.toContain('action="/projects/1/export"');
    const history = await (await get("/projects/1/history?category=project", "pm", "en")).text();
    expect(history).toContain('data-action="project.export"');
    expect(history).toMatch(/exported the data of “/);
  });

  test("team members and viewers may not take it; non-members get 404; anonymous visitors sign in first", async () => {
    expect((await exportAs("member")).status).toBe(403);
    expect((await exportAs("viewer")).status).toBe(403);
    expect((await exportAs("sponsor")).status).toBe(200);
    expect((await exportAs("pm", 999)).status).toBe(404);
    const anonymous = await exportAs("anonymous");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toContain("/login");
  });
});

describe("importing a project from a file", () => {
  test("the form is linked from the projects list and uploads a file", async () => {
    expect(await (await get("/projects", "viewer", "en")).text()).toContain('href="/projects/import"');
    const page = await (await get("/projects/import", "viewer", "en")).text();
    expect(page).toMatch(/<form[^>]*action="\/projects\/import"[^>]*enctype="multipart\/form-data"/i);
    expect(page).toMatch(/<input[^>]*type="file"[^>]*name="file"|<input[^>]*name="file"[^>]*type="file"/);
  });

  test("an upload creates a new project and opens it; the importer manages it, everyone else the file names is to be invited", async () => {
    expect(exported).not.toBe("");
    // Someone who has no account on this server.
    const file = JSON.parse(exported);
    file.members.push({ name: "رضا موسوی", email: "r.mousavi@mehregan.example", role: "team-member", since: file.project.createdAt });
    const before = counts();
    const r = await upload("viewer", JSON.stringify(file));
    expect(r.status).toBe(302);
    const location = new URL(r.headers.get("location")!, server.url).pathname;
    expect(location).toMatch(/^\/projects\/\d+$/);
    expect(location).not.toBe("/projects/1");
    expect(counts().projects).toBe(before.projects + 1);
    expect(counts().users).toBe(before.users);
    const home = await get(location, "viewer", "en");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("پیاده‌سازی CRM مهرگان");
    // The viewer of the original imported it, so manages the copy, alone: the file makes nobody else a member (decision 015).
    const members = await (await get(`${location}/members`, "viewer", "en")).text();
    expect(members).toContain('data-testid="my-role">Project manager<');
    expect((await get(`${location}/members`, "consultant", "en")).status).toBe(404);
    // Everyone else the file names, with an account here or not, is listed to be invited; no account is made.
    expect(counts().imported_members).toBe(before.imported_members + 5);
    expect(members).toMatch(/data-testid="unlinked-members"[\s\S]*From the imported file: to be invited[\s\S]*<bdi>رضا موسوی<\/bdi>[\s\S]*r\.mousavi@mehregan\.example[\s\S]*Team member/);
    expect(members).toMatch(/data-testid="unlinked-members"[\s\S]*l\.tehrani@arman\.example[\s\S]*Consultant/);
    const history = await (await get(`${location}/history?category=project`, "viewer", "en")).text();
    expect(history).toContain('data-action="project.import"');
    expect(history).toMatch(/imported “[^”]+” from a file/);
    expect(history).toContain("from the file “project.json”");
    expect(history).toMatch(/named in the file, to be invited: [^<]*رضا موسوی/);
  });

  test("a file from a newer Gambegam is refused next to the field, with a 400, naming both versions, and nothing is written", async () => {
    const newer = JSON.stringify({ ...JSON.parse(exported), formatVersion: 2 });
    const before = counts();
    const r = await upload("pm", newer, "en");
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toMatch(/<p class="field-error" id="file-error" role="alert">This file was written by a newer Gambegam \(project file format 2\); this installation reads format 1\./);
    expect(html).toContain("This file was not imported, and nothing was changed.");
    expect(counts()).toEqual(before);
    // In Persian too.
    const fa = await (await upload("pm", newer)).text();
    expect(fa).toContain("قالب فایل پروژه ۲");
  });

  test("a newer version of the method, a broken file, no file: each a 4xx with its message", async () => {
    const before = counts();
    const newerPack = await upload("pm", JSON.stringify({ ...JSON.parse(exported), methodology: { packId: "crm-implementation", packVersion: "2.0.0" } }), "en");
    expect(newerPack.status).toBe(400);
    expect(await newerPack.text()).toContain("The project follows version 2.0.0 of the method “crm-implementation”, but this installation has version 1.0.0.");
    const broken = await upload("pm", exported.slice(0, 5000), "en");
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("The file is not JSON");
    const malformed = await upload("pm", JSON.stringify({ ...JSON.parse(exported), members: "everyone" }), "en");
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("“members” should be a list.");
    const none = await fetch(`${server.url}/projects/import`, { method: "POST", body: form({}), headers: { Cookie: cookie("pm", "en") }, redirect: "manual" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose the project file to import.");
    expect(counts()).toEqual(before);
  });

  test("a project file larger than the 1 MB limit of other forms is accepted; one over 20 MB is refused with 413", async () => {
    const file = JSON.parse(exported);
    const entry = file.audit.find((a: { action: string }) => a.action === "answer.save");
    const filler = Array.from({ length: 4000 }, (_, i) => ({ ...entry, after: `${i}: ${"گزارش هفتگی پروژه ".repeat(20)}` }));
    file.audit.splice(file.audit.indexOf(entry) + 1, 0, ...filler);
    const big = JSON.stringify(file);
    expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
    const r = await upload("pm", big);
    expect(r.status).toBe(302);
    const trail = new Database(server.databasePath, { readonly: true });
    const id = Number(new URL(r.headers.get("location")!, server.url).pathname.split("/").pop());
    expect((trail.prepare("select count(*) as n from audit_log where project_id = ?").get(id) as { n: number }).n).toBe(file.audit.length + 1);
    trail.close();

    const huge = await upload("pm", new Uint8Array(21 * 1024 * 1024).fill(32), "en");
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("limit 20 MB");
  });
});

describe("a project's workshop sessions in its file", () => {
  test("travel over HTTP with their participants' names but no code, link token or cookie secret, and arrive ended", async () => {
    const db = openDatabase(server.databasePath);
    let code = "";
    try {
      const by = { id: null, name: "Sara Ahmadi" };
      const s = startSession(db, { projectId: 1, phaseId: "goals", stepId: "goals-prioritise", by });
      code = s.code;
      join(db, { sessionId: s.sessionId, name: "Parisa Yazdani" });
      const poll = addActivity(db, { sessionId: s.sessionId, kind: "poll", config: { question: "Ready?", options: ["Yes", "No"] }, by }).activityId;
      openActivity(db, { sessionId: s.sessionId, activityId: poll, by });
    } finally {
      db.$client.close();
    }
    const text = await (await exportAs("consultant")).text();
    const file = JSON.parse(text);
    expect(file.workshops.participants.map((p: { name: string }) => p.name)).toContain("Parisa Yazdani");
    const secrets = new Database(server.databasePath, { readonly: true });
    try {
      const hashes = secrets.prepare("select token_hash as v from workshop_sessions union all select secret_hash from workshop_participants").all() as Array<{ v: string }>;
      for (const h of hashes) expect(text).not.toContain(h.v);
    } finally {
      secrets.close();
    }
    expect(text).not.toContain(`"${code}"`);
    const r = await upload("pm", text);
    expect(r.status).toBe(302);
    const newId = Number(new URL(r.headers.get("location")!, server.url).pathname.split("/").pop());
    const check = new Database(server.databasePath, { readonly: true });
    try {
      expect(check.prepare("select count(*) as n from workshop_sessions where project_id = ? and ended_at is not null").get(newId)).toEqual({ n: 1 });
      expect(check.prepare("select count(*) as n from workshop_activities a join workshop_sessions s on s.id = a.session_id where s.project_id = ? and a.state = 'open'").get(newId)).toEqual({ n: 0 });
    } finally {
      check.close();
    }
  });
});
