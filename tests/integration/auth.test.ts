/**
 * Accounts and sessions over HTTP against the production server: first-run
 * set-up, sign-in throttling, session expiry, sign-out, password change, the
 * honeypot, cross-origin forms and the security headers (CSP with script hashes).
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPassword } from "#app/domain/auth.server.ts";
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
/** No X-Forwarded-For: the client is the test itself, on the loopback address. */
const LOCAL: Record<string, string> = {};
const setupCodeFile = () => path.join(server.dir, "setup-code.txt");
let adminCookie = "";

/** A real account with its own password (not the published demo one), as an invitation would make it. */
async function addAccount(email: string, password: string, displayName = email): Promise<void> {
  const d = db();
  const now = new Date().toISOString();
  d.prepare("insert into users (email, display_name, password_hash, is_admin, is_demo, disabled, created_at, updated_at) values (?, ?, ?, 0, 0, 0, ?, ?)").run(email, displayName, await hashPassword(password), now, now);
  d.close();
}

describe("first run", () => {
  test("a fresh install prints a one-time set-up code in the terminal and writes it beside the database, readable by its owner only", () => {
    const file = setupCodeFile();
    expect(fs.existsSync(file), "no set-up code file beside the database").toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const code = fs.readFileSync(file, "utf8").trim();
    expect(code.length).toBeGreaterThanOrEqual(12);
    expect(server.output()).toContain(code);
  });

  test("opening the set-up page does not print the code the terminal already shows again", async () => {
    const code = fs.readFileSync(setupCodeFile(), "utf8").trim();
    await get("/setup");
    await get("/setup");
    expect(server.output().split(code).length - 1, "times the code was printed").toBe(1);
  });

  test("a fresh install sends people to set-up; a short password is refused next to the field with the name kept", async () => {
    expect(location(await get("/"))).toBe("/setup");
    const code = fs.readFileSync(setupCodeFile(), "utf8").trim();
    const r = await post("/setup", form({ ...ADMIN, password: "short", confirm: "short", code }), from("10.0.0.1", { Cookie: "gambegam_lang=" }));
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toMatch(/at least|دست‌کم/);
    expect(html).toContain('value="Admin Person"');
  });

  test("whoever reaches /setup first is not made administrator: without the set-up code, or with a wrong one, set-up is refused next to the field and nothing is written", async () => {
    const code = fs.readFileSync(setupCodeFile(), "utf8").trim();
    const wrong = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
    for (const [label, fields] of [["no code", {}], ["a wrong code", { code: wrong }], ["an empty code", { code: "" }]] as const) {
      const r = await post("/setup", form({ ...ADMIN, confirm: ADMIN.password, ...fields }), from("10.0.0.3", { "Accept-Language": "en", Cookie: "gambegam_lang=en" }));
      expect(r.status, label).toBe(400);
      expect(r.headers.get("set-cookie"), label).toBeNull();
      const html = await r.text();
      expect(html, label).toMatch(/set-up code/i);
      expect(html, label).toMatch(/aria-invalid="true"[^>]*name="code"|name="code"[^>]*aria-invalid="true"/);
      expect((db().prepare("select count(*) n from users where is_admin = 1").get() as { n: number }).n, label).toBe(0);
    }
    expect(fs.existsSync(setupCodeFile())).toBe(true);
    // Each refused code is in the installation's audit log, with the address it came from.
    const logged = db().prepare("select action, after from audit_log where project_id is null and action = 'auth.setup-code-wrong'").all() as { after: string }[];
    expect(logged).toHaveLength(3);
    for (const e of logged) expect(JSON.parse(e.after)).toEqual({ address: "10.0.0.3" });
  });

  test("guessing the set-up code is throttled per address: after 10 wrong codes even the right one is refused from there", async () => {
    const code = fs.readFileSync(setupCodeFile(), "utf8").trim();
    for (let i = 0; i < 10; i++) {
      const r = await post("/setup", form({ ...ADMIN, confirm: ADMIN.password, code: `WRONG-${i}-${crypto.randomUUID()}` }), from("10.0.0.4"));
      expect(r.status).toBe(400);
    }
    const r = await post("/setup", form({ ...ADMIN, confirm: ADMIN.password, code }), from("10.0.0.4", { "Accept-Language": "en", Cookie: "gambegam_lang=en" }));
    expect(r.status).toBe(429);
    expect(await r.text()).toMatch(/Too many/);
    expect((db().prepare("select count(*) n from users where is_admin = 1").get() as { n: number }).n).toBe(0);
  });

  test("the first user who gives the code from the file becomes administrator, signed in with a hardened cookie; the code is used up and set-up closes", async () => {
    const code = fs.readFileSync(setupCodeFile(), "utf8").trim();
    const r = await post("/setup", form({ ...ADMIN, confirm: ADMIN.password, code }), from("10.0.0.1"));
    expect(r.status).toBe(302);
    const cookie = r.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^gambegam_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    const session = cookie.split(";")[0]!;
    adminCookie = session;
    expect((await get("/admin/users", { Cookie: session })).status).toBe(200);
    expect(fs.existsSync(setupCodeFile()), "the set-up code file is still there").toBe(false);
    expect(location(await get("/setup"))).toBe("/login");
    const again = await post("/setup", form({ displayName: "Intruder", email: "x@evil.example", password: "another long password", confirm: "another long password", code }), from("10.0.0.2"));
    expect(location(again)).toBe("/login");
    const admins = db().prepare("select count(*) n from users where is_admin = 1").get() as { n: number };
    expect(admins.n).toBe(1);
  });
});

describe("the published demo password", () => {
  test("is refused from another computer (a client address forwarded by a trusted proxy), with a clear message and without locking the account; the address trying it is throttled like any other", async () => {
    for (let i = 0; i < 12; i++) {
      const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), from("10.0.20.1", { "Accept-Language": "en", Cookie: "gambegam_lang=en" }));
      expect(r.headers.get("set-cookie")).toBeNull();
      if (i < 10) {
        expect(r.status).toBe(403);
        expect(await r.text()).toMatch(/password works only on the computer Gambegam runs on/);
      } else expect(r.status).toBe(429);
    }
    // Not counted as failures: the demo account still signs in on this computer.
    await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
    await signIn(server.url, "s.ahmadi@mehregan.example", undefined, from("127.0.0.1"));
  });

  test("the sign-in page lists the demo accounts and their password only to a visitor on this computer", async () => {
    const local = await (await get("/login", { Cookie: "gambegam_lang=en" })).text();
    expect(local).toContain("gambegam-demo");
    expect(local).toContain("s.ahmadi@mehregan.example");
    const remote = await (await get("/login", from("10.0.20.2", { Cookie: "gambegam_lang=en" }))).text();
    expect(remote).not.toContain("gambegam-demo");
    expect(remote).not.toContain("s.ahmadi@mehregan.example");
  });

  test("a real password still signs in from another computer", async () => {
    await addAccount("remote.user@firm.example", "a long and private passphrase");
    await signIn(server.url, "remote.user@firm.example", "a long and private passphrase", from("10.0.20.3"));
  });

  test("without TRUST_PROXY, a request that carries a forwarded address (a proxy on this computer) is not taken for this computer", async () => {
    const direct = await startServer();
    try {
      const forwarded: Array<Record<string, string>> = [{ "X-Forwarded-For": "127.0.0.1" }, { "X-Forwarded-For": "10.0.0.9" }, { Forwarded: "for=127.0.0.1" }, { "X-Real-IP": "127.0.0.1" }];
      for (const headers of forwarded) {
        const r = await fetch(`${direct.url}/login`, { method: "POST", body: form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), headers, redirect: "manual" });
        expect(r.status, JSON.stringify(headers)).toBe(403);
        expect(r.headers.get("set-cookie")).toBeNull();
        const page = await (await fetch(`${direct.url}/login`, { headers })).text();
        expect(page, JSON.stringify(headers)).not.toContain("gambegam-demo");
      }
      await signIn(direct.url, "s.ahmadi@mehregan.example");
    } finally {
      await direct.stop();
    }
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
    const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo", website: "http://spam.example" }), LOCAL);
    expect(r.status).toBe(400);
    expect(r.headers.get("set-cookie")).toBeNull();
  });

  test("50 wrong passwords fired at once for one account: at most the limit (10) are checked, the rest are refused as too many", async () => {
    await addAccount("raced@firm.example", "the owner's own passphrase");
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post("/login", form({ email: "raced@firm.example", password: `guess number ${i}` }), from("10.0.2.1")).then(async (r) => ({ status: r.status, body: await r.text() }))),
    );
    const checked = answers.filter((a) => a.status === 400).length;
    const limited = answers.filter((a) => a.status === 429).length;
    expect(checked + limited).toBe(50);
    expect(checked, "passwords actually verified").toBeLessThanOrEqual(10);
    // The audit log holds one failure per verified guess, no more.
    const failures = db().prepare("select count(*) n from audit_log where action = 'auth.signin-failed' and subject = ?").get("raced@firm.example") as { n: number };
    expect(failures.n).toBe(checked);
  });

  test("an attacker hammering one account from one address does not lock its owner out from another address; the attacker stays refused", async () => {
    await addAccount("hammered@firm.example", "the owner's own passphrase");
    for (let i = 0; i < 15; i++) await post("/login", form({ email: "hammered@firm.example", password: `guess ${i}` }), from("10.0.3.1"));
    const attacker = await post("/login", form({ email: "Hammered@Firm.example", password: "the owner's own passphrase" }), from("10.0.3.1", { "Accept-Language": "en", Cookie: "gambegam_lang=en" }));
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await attacker.text()).toMatch(/Too many failed sign-ins\. Try again in \d+ minutes/);
    await signIn(server.url, "hammered@firm.example", "the owner's own passphrase", from("10.0.3.2"));
  });

  test("an account guessed at from many addresses is refused everywhere past a looser ceiling (5 × the limit) for the window", async () => {
    await addAccount("sprayed@firm.example", "the owner's own passphrase");
    for (let a = 0; a < 5; a++) for (let i = 0; i < 10; i++) await post("/login", form({ email: "sprayed@firm.example", password: `guess ${a}.${i}` }), from(`10.0.4.${a + 1}`));
    const r = await post("/login", form({ email: "sprayed@firm.example", password: "the owner's own passphrase" }), from("10.0.4.99"));
    expect(r.status).toBe(429);
  });

  test("after 10 failures from one address, that address is refused for every account", async () => {
    await addAccount("someone.else@firm.example", "someone else's passphrase");
    for (let i = 0; i < 10; i++) await post("/login", form({ email: `nobody${i}@example.com`, password: "whatever it is" }), from("10.0.7.1"));
    const blocked = await post("/login", form({ email: "someone.else@firm.example", password: "someone else's passphrase" }), from("10.0.7.1"));
    expect(blocked.status).toBe(429);
    await signIn(server.url, "someone.else@firm.example", "someone else's passphrase", from("10.0.7.2"));
  });
});

describe("the return address stays on this site", () => {
  // Each of these, given to a browser as a Location, would leave the site unless it is re-made as a path of this origin.
  const BYPASSES = [
    "//evil.example/",
    "/.//evil.example",
    "/..//evil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/./\\evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "/%5cevil.example",
    "/%2f%2fevil.example",
    "%2f%2fevil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "http://evil.example/",
    "https:evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/.%2f/evil.example",
    "/x/../..//evil.example",
    "///evil.example",
    "/\u3000/evil.example",
  ];
  const origin = () => new URL(server.url).origin;
  const stays = (loc: string | null, label: string) => {
    expect(loc, label).toBeTruthy();
    // Read the way a browser reads a Location header.
    expect(new URL(loc!, server.url).origin, `${label} → ${loc}`).toBe(origin());
    expect(loc!.startsWith("/") && !loc!.startsWith("//") && !loc!.startsWith("/\\"), `${label} → ${loc}`).toBe(true);
  };

  test("after signing in (POST /login), for every known bypass form", async () => {
    for (const returnTo of BYPASSES) {
      const r = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo", returnTo }), LOCAL);
      expect(r.status, JSON.stringify(returnTo)).toBe(302);
      stays(r.headers.get("location"), JSON.stringify(returnTo));
    }
  });

  test("for someone already signed in who opens /login?returnTo=…, for every known bypass form", async () => {
    const session = await signIn(server.url, "h.nazari@mehregan.example", undefined, LOCAL);
    for (const returnTo of BYPASSES) {
      const r = await get(`/login?returnTo=${encodeURIComponent(returnTo)}`, { Cookie: session });
      expect(r.status, JSON.stringify(returnTo)).toBe(302);
      stays(r.headers.get("location"), JSON.stringify(returnTo));
    }
  });

  test("after switching the language or the text size (the header's forms), for every known bypass form", async () => {
    for (const returnTo of BYPASSES) {
      for (const fields of [{ intent: "language", lang: "en" }, { intent: "display", display: "large" }] as Array<Record<string, string>>) {
        const p = await post("/preferences", form({ ...fields, returnTo }));
        expect(p.status, JSON.stringify(returnTo)).toBe(302);
        stays(p.headers.get("location"), JSON.stringify(returnTo));
      }
    }
  });

  test("the sign-in the guard asks for, then signing in, stays on this site; signing out ignores a return address", async () => {
    for (const p of ["/.//evil.example/projects", "//evil.example/projects", "/projects/..//evil.example"]) {
      const r = await fetch(server.url + p, { redirect: "manual" });
      const loc = r.headers.get("location");
      if (r.status !== 302 || !loc?.includes("returnTo=")) continue;
      const returnTo = new URL(loc, server.url).searchParams.get("returnTo")!;
      const signed = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo", returnTo }), LOCAL);
      stays(signed.headers.get("location"), p);
    }
    const session = await signIn(server.url, "h.nazari@mehregan.example", undefined, LOCAL);
    const out = await post("/logout?returnTo=//evil.example", form({ returnTo: "//evil.example" }), { Cookie: session });
    stays(out.headers.get("location"), "logout");
  });

  test("ordinary return addresses keep working: Persian, line breaks and NUL are encoded", async () => {
    const cases: Array<[returnTo: string, expected: string]> = [
      ["/projects/1/history?q=پروژه", "/projects/1/history?q=%D9%BE%D8%B1%D9%88%DA%98%D9%87"],
      ["/projects\r\nSet-Cookie: x=y", "/projectsSet-Cookie:%20x=y"],
      ["/a\u0000b", "/a%00b"],
      ["/projects/1#phase", "/projects/1#phase"],
      ["/projects/./1", "/projects/1"],
    ];
    for (const [returnTo, expected] of cases) {
      const r = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo", returnTo }), LOCAL);
      expect(r.status, JSON.stringify(returnTo)).toBe(302);
      expect(r.headers.get("location"), JSON.stringify(returnTo)).toBe(expected);
      const p = await post("/preferences", form({ intent: "language", lang: "en", returnTo }));
      expect(p.status, JSON.stringify(returnTo)).toBe(302);
      expect(p.headers.get("location"), JSON.stringify(returnTo)).toBe(expected);
    }
  });
});

describe("sessions", () => {
  test("signing out deletes the session: the old cookie opens nothing; GET /logout changes nothing", async () => {
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
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
    const first = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
    const r = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), { Cookie: first });
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
    const signedIn = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), garbled);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get("set-cookie")).toMatch(/^gambegam_session=[\w-]{40,};/);
  });

  test("an idle session and a session past its absolute expiry both end", async () => {
    const idle = await signIn(server.url, "l.tehrani@arman.example", undefined, LOCAL);
    const old = await signIn(server.url, "l.tehrani@arman.example", undefined, LOCAL);
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
    const laptop = await signIn(server.url, "f.karimi@mehregan.example", undefined, LOCAL);
    const tablet = await signIn(server.url, "f.karimi@mehregan.example", undefined, LOCAL);
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
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
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

  test("a form posted from another site is refused with a message and changes nothing", async () => {
    const session = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
    const before = (db().prepare("select count(*) n from projects").get() as { n: number }).n;
    const r = await post(
      "/projects/new",
      form({ name: "Forged", clientOrganisation: "Evil", deliverableLanguage: "en", startDate: "2026-01-01", pack: "crm-implementation@1.0.0" }),
      { Cookie: session, Origin: "http://evil.example" },
    );
    expect(r.status).toBe(403);
    expect((db().prepare("select count(*) n from projects").get() as { n: number }).n).toBe(before);
  });

  test("sign-in, set-up, password reset and accepting an invitation check Origin: another site's is refused (403, with a message), none at all (curl, old browsers) or this site's is accepted", async () => {
    const sessionsBefore = (db().prepare("select count(*) n from sessions").get() as { n: number }).n;
    for (const p of ["/login", "/setup", "/reset/some-token", "/invitations/some-token"]) {
      for (const evil of ["http://evil.example", "null", `${server.url}.evil.example`, server.url.replace("127.0.0.1", "localhost")]) {
        const r = await post(p, form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo", displayName: "X", confirm: "gambegam-demo" }), { Origin: evil, "Accept-Language": "en", Cookie: "gambegam_lang=en" });
        expect(r.status, `${p} from ${evil}`).toBe(403);
        expect(r.headers.get("set-cookie"), `${p} from ${evil}`).toBeNull();
        expect(await r.text(), `${p} from ${evil}`).toMatch(/another site/);
      }
    }
    expect((db().prepare("select count(*) n from sessions").get() as { n: number }).n).toBe(sessionsBefore);
    const same = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }), { Origin: server.url });
    expect(same.status).toBe(302);
    const none = await post("/login", form({ email: "s.ahmadi@mehregan.example", password: "gambegam-demo" }));
    expect(none.status).toBe(302);
  });

  test("the audit trail cannot be edited or deleted, even directly in the database", () => {
    const d = db();
    expect((d.prepare("select count(*) n from audit_log").get() as { n: number }).n).toBeGreaterThan(0);
    expect(() => d.prepare("update audit_log set actor_name = 'someone else'").run()).toThrow(/append-only/);
    expect(() => d.prepare("delete from audit_log").run()).toThrow(/append-only/);
    d.close();
  });
});

describe("the administrator's audit log", () => {
  test("sign-ins (failed and successful, with the address) and administrator actions are listed for an administrator, newest first; others cannot read it", async () => {
    await addAccount("audited@firm.example", "audited person's passphrase", "Audited Person");
    await post("/login", form({ email: "audited@firm.example", password: "not it at all" }), from("10.0.9.1"));
    await signIn(server.url, "audited@firm.example", "audited person's passphrase", from("10.0.9.2"));
    const id = (db().prepare("select id from users where email = ?").get("audited@firm.example") as { id: number }).id;
    const disabled = await post("/admin/users", form({ intent: "disable", userId: String(id) }), { Cookie: adminCookie });
    expect(disabled.status).toBe(200);
    const page = await get("/admin/audit", { Cookie: adminCookie, "Accept-Language": "en" });
    expect(page.status).toBe(200);
    const html = await page.text();
    const failed = html.indexOf("Sign-in failed");
    const succeeded = html.indexOf("Signed in");
    const disabledAt = html.indexOf("Account disabled");
    expect(failed, "failed sign-in listed").toBeGreaterThan(-1);
    expect(succeeded, "sign-in listed").toBeGreaterThan(-1);
    expect(disabledAt, "administrator action listed").toBeGreaterThan(-1);
    expect(html).toContain("10.0.9.1");
    expect(html).toContain("10.0.9.2");
    expect(html).toContain("audited@firm.example");
    // Newest first.
    expect(disabledAt).toBeLessThan(html.indexOf("10.0.9.2"));
    expect(html.indexOf("10.0.9.2")).toBeLessThan(html.indexOf("10.0.9.1"));
    // Linked from the users page.
    expect(await (await get("/admin/users", { Cookie: adminCookie })).text()).toContain('href="/admin/audit"');
    // In Persian too.
    const fa = await (await get("/admin/audit", { Cookie: adminCookie, "Accept-Language": "fa" })).text();
    expect(fa).toContain('lang="fa"');
    expect(fa).toContain("ورود ناموفق");

    const member = await signIn(server.url, "s.ahmadi@mehregan.example", undefined, LOCAL);
    expect((await get("/admin/audit", { Cookie: member })).status).toBe(403);
    expect(location(await get("/admin/audit"))).toBe("/login?returnTo=%2Fadmin%2Faudit");
  });

  test("the published demo password tried from another computer is listed for the administrator, with the account and the address", async () => {
    const demo = await post("/login", form({ email: "h.nazari@mehregan.example", password: "gambegam-demo" }), from("10.0.9.77"));
    expect(demo.status).toBe(403);
    const rows = db().prepare("select action, subject, after from audit_log where project_id is null and after like '%10.0.9.77%'").all() as { action: string; subject: string }[];
    expect(rows.map((r) => [r.action, r.subject])).toEqual([["auth.signin-demo-elsewhere", "h.nazari@mehregan.example"]]);
    const html = await (await get("/admin/audit", { Cookie: adminCookie, "Accept-Language": "en" })).text();
    expect(html).toContain("Published demo password refused (from another computer)");
    expect(await (await get("/admin/audit", { Cookie: adminCookie, "Accept-Language": "fa" })).text()).toContain("گذرواژه نمایشی منتشرشده رد شد (از رایانه‌ای دیگر)");
  });

  test("an administrator cannot make a demo account (its password is published) an administrator; nothing is written", async () => {
    const id = (db().prepare("select id from users where email = ?").get("h.nazari@mehregan.example") as { id: number }).id;
    const before = db().prepare("select count(*) as n from audit_log").get();
    const page = await (await get("/admin/users", { Cookie: adminCookie, "Accept-Language": "en" })).text();
    const row = page.slice(page.indexOf("h.nazari@mehregan.example"));
    expect(row.slice(0, row.indexOf("</tr>"))).not.toContain('value="make-admin"');
    const r = await post("/admin/users", form({ intent: "make-admin", userId: String(id) }), { Cookie: adminCookie, "Accept-Language": "en" });
    expect(r.status).toBe(409);
    expect(await r.text()).toContain("A demo account cannot be an administrator");
    expect(db().prepare("select is_admin from users where id = ?").get(id)).toEqual({ is_admin: 0 });
    expect(db().prepare("select count(*) as n from audit_log").get()).toEqual(before);
  });
});
