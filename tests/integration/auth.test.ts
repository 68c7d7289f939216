/**
 * Accounts and sessions over HTTP against the production server: first-run
 * set-up, sign-in throttling, session expiry, sign-out, password change, the
 * honeypot, cross-origin forms and the security headers (CSP with script hashes).
 */
import crypto from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

let server: RunningServer;
// TRUST_PROXY lets each test pose as its own client address (X-Forwarded-For),
// so that the per-address limit of one test does not spill into the next.
beforeAll(async () => {
  server = await startServer({ TRUST_PROXY: "1" });
});
afterAll(() => server?.stop());

const from = (address: string, headers: Record<string, string> = {}) => ({ "X-Forwarded-For": address, ...headers });
const get = (p: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers, redirect: "manual" });
const post = (p: string, body: BodyInit, headers: Record<string, string> = {}) => fetch(server.url + p, { method: "POST", body, headers, redirect: "manual" });
const location = (r: Response) => {
  const l = r.headers.get("location") ?? "";
  return l.startsWith("http") ? new URL(l).pathname + new URL(l).search : l;
};
const db = () => new Database(server.databasePath);
const ADMIN = { displayName: "Admin Person", email: "admin@firm.example", password: "correct horse battery staple" };

describe("first run", () => {
  test("a fresh install sends people to set-up; a short password is refused next to the field with the name kept", async () => {
    expect(location(await get("/"))).toBe("/setup");
    const r = await post("/setup", form({ ...ADMIN, password: "short", confirm: "short" }), from("10.0.0.1", { Cookie: "gambegam_lang=" }));
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toMatch(/at least|دست‌کم/);
    expect(html).toContain('value="Admin Person"');
  });

  test("the first user becomes administrator, signed in with a hardened cookie; set-up then closes", async () => {
    const r = await post("/setup", form({ ...ADMIN, confirm: ADMIN.password }), from("10.0.0.1"));
    expect(r.status).toBe(302);
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^gambegam_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    const session = cookie.split(";")[0]!;
    expect((await get("/admin/users", { Cookie: session })).status).toBe(200);
    expect(location(await get("/setup"))).toBe("/login");
    const again = await post("/setup", form({ displayName: "Intruder", email: "x@evil.example", password: "another long password", confirm: "another long password" }), from("10.0.0.2"));
    expect(location(again)).toBe("/login");
    const admins = db().prepare("select count(*) n from users where is_admin = 1").get() as { n: number };
    expect(admins.n).toBe(1);
  });
});

describe("signing in", () => {
  test("a wrong password gets one message for both fields; no session", async () => {
    const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "not the password" }), from("10.0.1.1"));
    expect(r.status).toBe(400);
    expect(r.headers.get("set-cookie")).toBeNull();
    expect(await r.text()).toMatch(/email or the password is wrong|ایمیل یا گذرواژه نادرست است/);
  });

  test("a bot that fills the honeypot is refused even with the right password", async () => {
    const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo", website: "http://spam.example" }), from("10.0.1.2"));
    expect(r.status).toBe(400);
    expect(r.headers.get("set-cookie")).toBeNull();
  });

  test("after 10 failures on one account, even the right password is refused for a while — from any address", async () => {
    for (let i = 0; i < 10; i++) {
      const r = await post("/login", form({ email: "n.rahimi@mehregan.example", password: `guess ${i}` }), from(`10.0.2.${i + 1}`));
      expect(r.status).toBe(400);
    }
    const r = await post("/login", form({ email: "N.Rahimi@Mehregan.example", password: "gambegam-demo" }), from("10.0.2.99", { "Accept-Language": "en" }));
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await r.text()).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes/);
    // Other accounts are not affected.
    await signIn(server.url, "l.tehrani@arman.example", undefined, from("10.0.2.98"));
  });

  test("the return address after signing in (and after switching language) stays on this site: Persian, line breaks and NUL are encoded, a tab cannot make it another host", async () => {
    const cases: Array<[returnTo: string, expected: string]> = [
      ["/projects/1/history?q=پروژه", "/projects/1/history?q=%D9%BE%D8%B1%D9%88%DA%98%D9%87"],
      ["/projects\r\nSet-Cookie: x=y", "/projectsSet-Cookie:%20x=y"],
      ["/a\u0000b", "/a%00b"],
      ["/\t/evil.example/", "/projects"],
      ["//evil.example/", "/projects"],
      ["/\\evil.example/", "/projects"],
    ];
    for (const [n, [returnTo, expected]] of cases.entries()) {
      const r = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo", returnTo }), from(`10.0.3.${10 + n}`));
      expect(r.status, JSON.stringify(returnTo)).toBe(302);
      expect(r.headers.get("location"), JSON.stringify(returnTo)).toBe(expected);
      const p = await post("/preferences", form({ intent: "language", lang: "en", returnTo }));
      expect(p.status, JSON.stringify(returnTo)).toBe(302);
      expect(p.headers.get("location"), JSON.stringify(returnTo)).toBe(expected);
    }
  });

  test("after 10 failures from one address, that address is refused for every account", async () => {
    for (let i = 0; i < 10; i++) await post("/login", form({ email: `nobody${i}@example.com`, password: "whatever it is" }), from("10.0.3.1"));
    const blocked = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo" }), from("10.0.3.1"));
    expect(blocked.status).toBe(429);
    await signIn(server.url, "h.nazari@mehregan.example", undefined, from("10.0.3.2"));
  });
});

describe("sessions", () => {
  test("signing out deletes the session: the old cookie opens nothing; GET /logout changes nothing", async () => {
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, from("10.0.4.1"));
    expect((await get("/projects", { Cookie: session })).status).toBe(200);
    expect(location(await get("/logout", { Cookie: session }))).toBe("/");
    expect((await get("/projects", { Cookie: session })).status).toBe(200);
    const out = await post("/logout", form({}), { Cookie: session });
    expect(location(out)).toBe("/login?notice=signed-out");
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    const after = await get("/projects/1", { Cookie: session });
    expect(after.status).toBe(302);
    expect(location(after)).toBe("/login?returnTo=%2Fprojects%2F1");
  });

  test("each sign-in issues a new token and ends the session the browser had", async () => {
    const first = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, from("10.0.4.2"));
    const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), from("10.0.4.2", { Cookie: first }));
    const second = r.headers.get("set-cookie")!.split(";")[0]!;
    expect(second).not.toBe(first);
    expect((await get("/projects", { Cookie: first })).status).toBe(302);
    expect((await get("/projects", { Cookie: second })).status).toBe(200);
  });

  test("a garbled session cookie (a stray '%') is no session: pages answer as signed out, forms still work", async () => {
    const garbled = { Cookie: "gambegam_session=%E0%A4%A" };
    const page = await get("/projects/1", garbled);
    expect(page.status).toBe(302);
    expect(location(page)).toBe("/login?returnTo=%2Fprojects%2F1");
    expect((await get("/login", garbled)).status).toBe(200);
    const signedIn = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), from("10.0.4.9", garbled));
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^gambegam_session=[\w-]{40,};/);
  });

  test("an idle session and a session past its absolute expiry both end", async () => {
    const idle = await signIn(server.url, "l.tehrani@arman.example", undefined, from("10.0.4.3"));
    const old = await signIn(server.url, "l.tehrani@arman.example", undefined, from("10.0.4.3"));
    const d = db();
    const ago = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const sessions = d.prepare("select id from sessions where user_id = (select id from users where email = ?) order by created_at desc").all("l.tehrani@arman.example") as Array<{ id: string }>;
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const hash = (c: string) => crypto.createHash("sha256").update(c.split("=")[1]!).digest("hex");
    d.prepare("update sessions set last_seen_at = ? where id = ?").run(ago(9), hash(idle)); // idle limit: 8 hours
    d.prepare("update sessions set expires_at = ?, last_seen_at = ? where id = ?").run(ago(1), new Date().toISOString(), hash(old));
    d.close();
    for (const cookie of [idle, old]) {
      const r = await get("/projects", { Cookie: cookie });
      expect(r.status).toBe(302);
      expect(location(r)).toBe("/login?returnTo=%2Fprojects");
    }
    const left = db().prepare("select count(*) n from sessions where id in (?, ?)").get(hash(idle), hash(old)) as { n: number };
    expect(left.n).toBe(0);
  });

  test("changing the password ends the account's other sessions and keeps this browser signed in", async () => {
    const laptop = await signIn(server.url, "f.karimi@mehregan.example", undefined, from("10.0.5.1"));
    const tablet = await signIn(server.url, "f.karimi@mehregan.example", undefined, from("10.0.5.2"));
    const wrong = await post("/account", form({ intent: "password", current: "not it at all", password: "a brand new passphrase", confirm: "a brand new passphrase" }), { Cookie: laptop, "Accept-Language": "en" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/not your current password|گذرواژه فعلی شما نیست/);
    const r = await post("/account", form({ intent: "password", current: "gambegam-demo", password: "a brand new passphrase", confirm: "a brand new passphrase" }), { Cookie: laptop });
    expect(r.status).toBe(302);
    const renewed = r.headers.get("set-cookie")!.split(";")[0]!;
    expect((await get("/projects", { Cookie: tablet })).status).toBe(302);
    expect((await get("/projects", { Cookie: laptop })).status).toBe(302);
    expect((await get("/projects", { Cookie: renewed })).status).toBe(200);
    await signIn(server.url, "f.karimi@mehregan.example", "a brand new passphrase", from("10.0.5.3"));
  });
});

describe("security headers and forms", () => {
  test("pages carry a CSP naming the SHA-256 of every inline script they carry, and no unsafe-inline script", async () => {
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, from("10.0.6.1"));
    for (const p of ["/login", "/projects", "/projects/1", "/projects/1/phases/team"]) {
      const r = await get(p, p === "/login" ? {} : { Cookie: session });
      expect(r.status, p).toBe(200);
      const csp = r.headers.get("content-security-policy")!;
      expect(csp, p).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      const [directive, ...sources] = csp.split(";").find((d) => d.trim().startsWith("script-src"))!.trim().split(/\s+/);
      expect(directive).toBe("script-src");
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("referrer-policy")).toBe("same-origin");
      const html = await r.text();
      const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).filter((text) => text !== "");
      expect(inline.length, p).toBeGreaterThan(1);
      const hashes = new Set(inline.map((text) => `'sha256-${crypto.createHash("sha256").update(text).digest("base64")}'`));
      // 'self' for the app's own files, and exactly the page's inline scripts.
      expect(sources.sort(), p).toEqual(["'self'", ...hashes].sort());
    }
  });

  test("a form posted from another site is refused and changes nothing", async () => {
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, from("10.0.6.2"));
    const before = (db().prepare("select count(*) n from projects").get() as { n: number }).n;
    const r = await post(
      "/projects/new",
      form({ name: "Forged", clientOrganisation: "Evil", deliverableLanguage: "en", startDate: "2026-01-01", pack: "crm-implementation@1.0.0" }),
      { Cookie: session, Origin: "http://evil.example" },
    );
    expect(r.status).toBe(400);
    expect((db().prepare("select count(*) n from projects").get() as { n: number }).n).toBe(before);
  });

  test("the audit trail cannot be edited or deleted, even directly in the database", () => {
    const d = db();
    expect((d.prepare("select count(*) n from audit_log").get() as { n: number }).n).toBeGreaterThan(0);
    expect(() => d.prepare("update audit_log set actor_name = 'someone else'").run()).toThrow(/append-only/);
    expect(() => d.prepare("delete from audit_log").run()).toThrow(/append-only/);
    d.close();
  });
});
