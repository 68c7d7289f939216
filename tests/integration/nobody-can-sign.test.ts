/**
 * Issue 20 item 4: from the moment sign-off could be requested for a phase,
 * a project where no member may sign says so — on the phase page (above the
 * request form), on a pending request, and on the project's home — with a
 * link to the People page for whoever may invite.
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const WARNING = "Nobody in this project can sign";
const FA_WARNING = "هیچ‌کس در این پروژه نمی‌تواند امضا کند";
let server: RunningServer;
const cookies = new Map<string, string>();
const langCookie = (lang: string) => `gambegam_lang=${encodeURIComponent(Buffer.from(JSON.stringify(lang)).toString("base64"))}`;

async function page(path: string, who: string, lang = "en") {
  const r = await fetch(server.url + path, { headers: { Cookie: `${cookies.get(who)!}; ${langCookie(lang)}` }, redirect: "manual" });
  expect(r.status, path).toBe(200);
  return r.text();
}
async function post(path: string, fields: Record<string, string>, who: string) {
  const r = await fetch(server.url + path, { method: "POST", body: form(fields), headers: { Cookie: cookies.get(who)! }, redirect: "manual" });
  await r.body?.cancel();
  return r.status;
}
/** The warning's block in a page, or null. */
const warning = (html: string) => html.match(/<[^>]+data-testid="nobody-can-sign"[\s\S]*?<\/(p|div)>/)?.[0] ?? null;

beforeAll(async () => {
  // The demo with every phase open: its team phase is complete, so sign-off could be requested for it.
  server = await startServer();
  cookies.set("pm", await signIn(server.url, "s.ahmadi@mehregan.example"));
  cookies.set("consultant", await signIn(server.url, "l.tehrani@arman.example"));
}, 60_000);
afterAll(() => server?.stop());

describe("a project in which nobody can sign", () => {
  test("with its executive sponsor a member, nothing is said", async () => {
    expect(warning(await page("/projects/1/phases/team", "pm"))).toBeNull();
    expect(warning(await page("/projects/1", "pm"))).toBeNull();
  });

  test("without one, the phase page, the request form and the home say so, with a link to People for those who can invite", async () => {
    const db = new Database(server.databasePath, { readonly: true });
    const sponsor = db.prepare("SELECT m.user_id AS id FROM memberships m WHERE m.project_id = 1 AND m.role = 'executive-sponsor'").all() as Array<{ id: number }>;
    db.close();
    expect(sponsor.length).toBeGreaterThan(0);
    for (const s of sponsor) expect(await post("/projects/1/members", { intent: "remove", userId: String(s.id) }, "pm")).toBeLessThan(400);

    const phase = await page("/projects/1/phases/team", "pm");
    const onPhase = warning(phase);
    expect(onPhase).toContain(WARNING);
    expect(onPhase).toContain("Invite an executive sponsor");
    expect(onPhase).toContain('href="/projects/1/members"');
    // The team register's sponsor, no longer a member, with an email: "Invite <name>", the People page's form filled in (review finding 12).
    expect(onPhase).toContain('data-testid="invite-sponsor"');
    expect(onPhase).toMatch(/href="\/projects\/1\/members\?role=executive-sponsor&amp;email=[^"]+#invite-title"/);
    expect(phase).not.toContain("will be asked to review and sign");
    const invite = onPhase!.match(/href="(\/projects\/1\/members\?[^"]+)"/)![1]!.replace(/&amp;/g, "&");
    const members = await page(invite, "pm");
    expect(members).toMatch(/id="invite-email"[^>]*value="[^"]+@/);
    // It stands with the request form, before its button.
    expect(phase.indexOf('data-testid="nobody-can-sign"')).toBeLessThan(phase.indexOf('name="intent" value="request"'));
    const home = warning(await page("/projects/1", "pm"));
    expect(home).toContain(WARNING);
    expect(home).toContain('href="/projects/1/members"');
    // In Persian too.
    expect(warning(await page("/projects/1/phases/team", "pm", "fa"))).toContain(FA_WARNING);
    // A consultant cannot invite: the warning, without the link.
    const consultant = warning(await page("/projects/1/phases/team", "consultant"));
    expect(consultant).toContain(WARNING);
    expect(consultant).not.toContain('href="/projects/1/members"');
    // A phase for which sign-off cannot be requested yet (required items missing) says nothing.
    expect(warning(await page("/projects/1/phases/requirements", "pm"))).toBeNull();
  });

  test("a pending request says the same", async () => {
    expect(await post("/projects/1/phases/team", { intent: "request" }, "pm")).toBe(302);
    const phase = await page("/projects/1/phases/team", "pm");
    expect(phase).toContain("gate-awaiting");
    expect(warning(phase)).toContain(WARNING);
  });
});
