/**
 * Archiving, restoring and deleting a project over HTTP (issue 20 item 6,
 * decision 047): an archived project is hidden from the portfolio, shown
 * read-only, and every write to it is refused with 409 by the access
 * middleware — walked here over every project route and intent of
 * ROUTE_ACCESS, so a route added later is covered without a line here.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ARCHIVED_PERMISSIONS, ROUTE_ACCESS, ROLE_PERMISSIONS, type Permission, type Requirement } from "#app/access.ts";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import { DbWatcher, differences } from "#tests/setup/db-watch.ts";
import { form, setupCode, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const phase = pack.phases.find((p) => p.id === "review")!;
const step = phase.steps[0]!;
const question = pack.phases.flatMap((p) => p.steps.flatMap((s) => s.items.map((item) => ({ phase: p, step: s, item })))).find(
  (x) => x.phase.id === "deployment" && x.item.kind === "question" && x.item.answer.type === "long-text",
)!;

const ADMIN = { displayName: "Archive Admin", email: "archive.admin@firm.example", password: "archive admin password 1" };
const PROJECT = 1;
let server: RunningServer;
let watcher: DbWatcher;
const cookies = new Map<string, string>();
/** The interface-language cookie as react-router writes it (base64 of the JSON value). */
const langCookie = (lang: string) => `gambegam_lang=${encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64"))}`;

async function post(path: string, fields: Record<string, string>, who: string) {
  const r = await fetch(server.url + path, { method: "POST", body: form(fields), headers: { Cookie: cookies.get(who)! }, redirect: "manual" });
  return { status: r.status, location: r.headers.get("location"), body: await r.text() };
}
async function get(path: string, who: string, lang = "en") {
  const r = await fetch(server.url + path, { headers: { Cookie: `${cookies.get(who)!}; ${langCookie(lang)}` }, redirect: "manual" });
  return { status: r.status, body: await r.text() };
}
const answerFields = () => ({ intent: "answer", itemId: question.item.id, version: "0", value: "Written while archived" });
const answerPath = `/projects/${PROJECT}/phases/${question.phase.id}/steps/${question.step.id}`;

beforeAll(async () => {
  server = await startServer();
  const setup = await fetch(`${server.url}/setup`, {
    method: "POST",
    body: form({ displayName: ADMIN.displayName, email: ADMIN.email, password: ADMIN.password, confirm: ADMIN.password, code: setupCode(server) }),
    redirect: "manual",
  });
  cookies.set("admin", setup.headers.get("set-cookie")!.split(";")[0]!);
  cookies.set("project-manager", await signIn(server.url, "s.ahmadi@mehregan.example"));
  cookies.set("consultant", await signIn(server.url, "l.tehrani@arman.example"));
  cookies.set("executive-sponsor", await signIn(server.url, "f.karimi@mehregan.example"));
  watcher = new DbWatcher(server.databasePath, { sessions: ["last_seen_at"] });
}, 120_000);
afterAll(async () => {
  watcher?.close();
  await server?.stop();
});

describe("archiving a project", () => {
  test("a consultant may not archive; the project manager must confirm", async () => {
    expect((await post(`/projects/${PROJECT}/archive`, { intent: "archive", confirm: "yes" }, "consultant")).status).toBe(403);
    const before = watcher.snapshot();
    const unconfirmed = await post(`/projects/${PROJECT}/archive`, { intent: "archive" }, "project-manager");
    expect(unconfirmed.status).toBe(400);
    expect(differences(before, watcher.snapshot())).toEqual([]);
  });

  test("archived: gone from the portfolio, listed as archived, shown read-only with a banner and a Restore button", async () => {
    const r = await post(`/projects/${PROJECT}/archive`, { intent: "archive", confirm: "yes" }, "project-manager");
    expect(r.status).toBe(302);
    const portfolio = await get("/projects", "project-manager");
    expect(portfolio.body).not.toContain(`href="/projects/${PROJECT}"`);
    expect(portfolio.body).toContain("Archived projects (1)");
    const archived = await get("/projects?archived=1", "project-manager");
    expect(archived.body).toContain(`href="/projects/${PROJECT}"`);
    const home = await get(`/projects/${PROJECT}`, "project-manager");
    expect(home.status).toBe(200);
    expect(home.body).toContain('data-testid="archived-banner"');
    expect(home.body).toContain("This project is archived");
    expect(home.body).toContain(">Restore<");
    // Read-only: the step page offers no answer form to the project manager.
    const stepPage = await get(answerPath, "project-manager");
    expect(stepPage.body).toContain('class="item-fieldset" disabled=""');
    expect(stepPage.body).not.toContain('<fieldset class="item-fieldset">');
    expect(stepPage.body).toContain("This project is archived: read-only.");
    // A consultant sees the banner but no Restore button.
    expect((await get(`/projects/${PROJECT}`, "consultant")).body).not.toContain(">Restore<");
  });

  test("every write to the archived project is refused with 409 and a clear message, and nothing is written", async () => {
    const writes: Array<{ pattern: string; intent: string; permission: Permission }> = [];
    for (const [pattern, access] of Object.entries(ROUTE_ACCESS)) {
      if (!pattern.includes(":projectId") || !access.action || !("intents" in (access.action as object))) continue;
      for (const [intent, requirement] of Object.entries((access.action as { intents: Record<string, Requirement> }).intents)) {
        if (typeof requirement === "object" && !ARCHIVED_PERMISSIONS.includes(requirement.project)) writes.push({ pattern, intent, permission: requirement.project });
      }
    }
    // Answers, rows, planning pages, sign-off, members, workshops, method settings, imports, branding.
    expect(writes.map((w) => w.intent)).toEqual(expect.arrayContaining(["answer", "row-add", "row-save", "row-delete", "scores", "request", "approve", "invite", "remove", "start", "adopt", "threshold-save", "import", "branding-save"]));
    const before = watcher.snapshot();
    for (const w of writes) {
      const who = ROLE_PERMISSIONS["project-manager"].includes(w.permission) ? "project-manager" : "executive-sponsor";
      const path = w.pattern
        .replace(":projectId", String(PROJECT))
        .replace(":phaseId", phase.id)
        .replace(":stepId", step.id)
        .replace(":sessionId", "1");
      const r = await post(path, { intent: w.intent }, who);
      expect(r.status, `${w.intent} on ${path}`).toBe(409);
      expect(r.body, `${w.intent} on ${path}`).toContain("errors.projectArchived");
    }
    // A whole, valid answer too: refused before the action reads it.
    const answer = await post(answerPath, answerFields(), "project-manager");
    expect(answer.status).toBe(409);
    // The page that shows the refusal says why, in words.
    const page = await fetch(server.url + answerPath, { method: "POST", body: form(answerFields()), headers: { Cookie: `${cookies.get("project-manager")!}; ${langCookie("en")}`, Accept: "text/html" }, redirect: "manual" });
    // (A refused POST's page is in the default language, Persian: the root's loader does not run.)
    expect(await page.text()).toContain("این پروژه بایگانی شده است");
    expect(differences(before, watcher.snapshot())).toEqual([]);
  });

  test("its data can still be taken away", async () => {
    const r = await fetch(`${server.url}/projects/${PROJECT}/export`, { method: "POST", body: form({ intent: "export" }), headers: { Cookie: cookies.get("project-manager")! } });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("application/json");
    await r.body?.cancel();
  });

  test("restored by the project manager: writable again, and the history says who archived and restored it", async () => {
    expect((await post(`/projects/${PROJECT}/archive`, { intent: "restore" }, "consultant")).status).toBe(403);
    const r = await post(`/projects/${PROJECT}/archive`, { intent: "restore" }, "project-manager");
    expect(r.status).toBe(302);
    expect((await get("/projects", "project-manager")).body).toContain(`href="/projects/${PROJECT}"`);
    const answer = await post(answerPath, answerFields(), "project-manager");
    expect(answer.status).toBeLessThan(400);
    const history = await get(`/projects/${PROJECT}/history`, "project-manager");
    expect(history.body).toContain("archived the project");
    expect(history.body).toContain("restored the project");
  });
});

describe("deleting a project", () => {
  test("only an administrator, after typing its name; the export is offered on the same page", async () => {
    expect((await get(`/projects/${PROJECT}/delete`, "project-manager")).status).toBe(403);
    const page = await get(`/projects/${PROJECT}/delete`, "admin");
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="intent" value="export"');
    expect(page.body).toContain('name="intent" value="delete"');
    expect(page.body).toContain(`action="/projects/${PROJECT}/delete/export"`);
    const exported = await fetch(`${server.url}/projects/${PROJECT}/delete/export`, { method: "POST", body: form({ intent: "export" }), headers: { Cookie: cookies.get("admin")! } });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-disposition")).toContain(".json");
    await exported.body?.cancel();

    const before = watcher.snapshot();
    const wrong = await fetch(`${server.url}/projects/${PROJECT}/delete`, { method: "POST", body: form({ intent: "delete", name: "Not the name" }), headers: { Cookie: `${cookies.get("admin")!}; ${langCookie("en")}`, Accept: "text/html" }, redirect: "manual" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("The name you typed is not the project");
    expect(differences(before, watcher.snapshot())).toEqual([]);
  });

  test("typing the name deletes it with all its rows, and the administrators' log records it", async () => {
    const name = (watcher.snapshot().tables.get("projects")!.find((r) => r.row.id === PROJECT)!.row.name as string);
    const r = await post(`/projects/${PROJECT}/delete`, { intent: "delete", name }, "admin");
    expect(r.status).toBe(302);
    const tables = watcher.snapshot().tables;
    for (const table of ["projects", "answers", "register_rows", "memberships", "signoff_events", "workshop_sessions", "live_changes"]) {
      expect(tables.get(table)!.filter((x) => (table === "projects" ? x.row.id : x.row.project_id) === PROJECT), table).toEqual([]);
    }
    expect(tables.get("audit_log")!.some((x) => x.row.project_id === PROJECT), "the project's history is kept").toBe(true);
    expect((await get(`/projects/${PROJECT}`, "project-manager")).status).toBe(404);
    const log = await get("/admin/audit", "admin");
    expect(log.body).toContain("Project deleted");
    expect(log.body).toContain(name);
  });
});
