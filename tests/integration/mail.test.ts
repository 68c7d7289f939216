/**
 * Email through a real SMTP server (decision 046): the test starts one
 * (smtp-server) on a free port, runs the production server with its settings,
 * reads what arrives (mailparser) and follows the links. Then, without SMTP
 * settings: nothing is sent, and the administrator's outbox lists the messages
 * with their links to copy.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, setupCode, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const PM = "s.ahmadi@mehregan.example";
const SPONSOR = "f.karimi@mehregan.example";
const REFUSED = "refuse.me@client.example";

type Received = { to: string[]; mail: ParsedMail; raw: string };

function startSmtp(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) return callback(new Error("550 No such mailbox here"));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        simpleParser(raw).then(
          (mail) => {
            received.push({ to: session.envelope.rcptTo.map((r) => r.address), mail, raw });
            callback();
          },
          (error) => callback(error),
        );
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const port = (server.server.address() as AddressInfo).port;
      resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

async function waitFor<T>(find: () => T | undefined, what: string, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`no ${what} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const linkIn = (text: string, kind: "invitations" | "reset") => new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{20,}`).exec(text)?.[0];

describe("email through a real SMTP server", () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let server: RunningServer;
  let pm: string;
  const post = (p: string, fields: Record<string, string>, cookie?: string) =>
    fetch(server.url + p, { method: "POST", body: form(fields), headers: cookie ? { cookie } : {}, redirect: "manual" });

  beforeAll(async () => {
    smtp = await startSmtp();
    server = await startServer({ SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), MAIL_FROM: "Gambegam <gambegam@firm.example>" });
    pm = await signIn(server.url, PM);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
  });

  test("an invitation in English from a Persian interface arrives in English, greets the person, and its link makes the account and joins", async () => {
    const r = await post("/projects/1/members", { intent: "invite", role: "viewer", email: "Guest.Person@Client.example", name: "Guest Person", language: "en", note: "" }, pm);
    expect(r.status).toBe(200);
    // The page (Persian: the manager's interface) says it was emailed.
    expect(await r.text()).toContain("به guest.person@client.example ایمیل شد.");
    const got = await waitFor(() => smtp.received.find((m) => m.to.includes("guest.person@client.example")), "invitation");
    expect(got.mail.subject).toMatch(/^Invitation to the project “.+” from .+/);
    expect(got.mail.from?.value[0]?.address).toBe("gambegam@firm.example");
    expect(got.mail.from?.value[0]?.name).toMatch(/via Gambegam$/);
    expect(got.mail.text).toContain("Hello Guest Person,");
    expect(got.mail.text).toContain("as Viewer");
    expect(String(got.mail.html)).toContain('<html lang="en" dir="ltr">');
    const link = linkIn(got.mail.text ?? "", "invitations")!;
    expect(link.startsWith(server.url)).toBe(true);

    // The link: the invitation's page speaks English and greets them by name, their email filled in.
    const page = await (await fetch(link)).text();
    expect(page).toContain('<html lang="en" dir="ltr"');
    expect(page).toContain("Welcome, Guest Person.");
    expect(page).toContain('value="guest.person@client.example"');
    const join = await fetch(link, { method: "POST", body: form({ intent: "signup", displayName: "Guest Person", email: "guest.person@client.example", password: "guest person password", confirm: "guest person password" }), redirect: "manual" });
    expect(join.status).toBe(302);
    expect(join.headers.get("location")).toBe("/projects/1");

    // Delivered: the outbox keeps the message but not the live token.
    const db = new Database(server.databasePath, { readonly: true });
    const row = db.prepare("SELECT * FROM outbox WHERE to_email = ?").get("guest.person@client.example") as { status: string; text: string; language: string };
    db.close();
    expect(row.status).toBe("sent");
    expect(row.language).toBe("en");
    expect(row.text).not.toContain(link);
    expect(row.text).toContain("/invitations/…");
  });

  test("the Intruder path is refused: inviting again revokes the first link, and the emailed link makes no account for another address", async () => {
    const ask = () => post("/projects/1/members", { intent: "invite", role: "executive-sponsor", email: "t.berger@berger.example", name: "Thomas Berger", language: "en", note: "" }, pm);
    expect((await ask()).status).toBe(200);
    const first = linkIn((await waitFor(() => smtp.received.find((m) => m.to.includes("t.berger@berger.example")), "first invitation")).mail.text ?? "", "invitations")!;
    expect((await ask()).status).toBe(200);
    const second = linkIn((await waitFor(() => smtp.received.filter((m) => m.to.includes("t.berger@berger.example"))[1], "second invitation")).mail.text ?? "", "invitations")!;
    expect(second).not.toBe(first);
    // The first link no longer works.
    expect((await fetch(first)).status).toBe(410);
    // The second, used to make an account with another email: refused next to the field, nothing written.
    const intruder = await fetch(second, { method: "POST", body: form({ intent: "signup", displayName: "Intruder", email: "intruder@evil.example", password: "intruder password", confirm: "intruder password" }), redirect: "manual" });
    expect(intruder.status).toBe(400);
    expect(await intruder.text()).toContain("This invitation was sent to another address");
    const db = new Database(server.databasePath, { readonly: true });
    const made = db.prepare("SELECT count(*) AS n FROM users WHERE email = ?").get("intruder@evil.example") as { n: number };
    db.close();
    expect(made.n).toBe(0);
    // Signed in with another account: told so, and joining is refused.
    const other = await signIn(server.url, SPONSOR);
    expect(await (await fetch(second, { headers: { cookie: other } })).text()).toContain("but this invitation was sent to t.berger@berger.example");
    const refused = await post(new URL(second).pathname, { intent: "accept" }, other);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("but this invitation was sent to t.berger@berger.example");
    // Thomas himself joins with it.
    const join = await fetch(second, { method: "POST", body: form({ intent: "signup", displayName: "Thomas Berger", email: "T.Berger@berger.example", password: "thomas password!", confirm: "thomas password!" }), redirect: "manual" });
    expect(join.status).toBe(302);
  });

  test("a refused address: the invitation is kept, the page says it could not be emailed and gives the link", async () => {
    const r = await post("/projects/1/members", { intent: "invite", role: "viewer", email: REFUSED, name: "", language: "fa", note: "" }, pm);
    expect(r.status).toBe(200);
    const body = await r.text();
    expect(body).toContain(`ایمیل به ${REFUSED} نرسید`);
    expect(body).toMatch(/data-testid="invitation-link"/);
    const db = new Database(server.databasePath, { readonly: true });
    const row = db.prepare("SELECT status, error FROM outbox WHERE to_email = ?").get(REFUSED) as { status: string; error: string };
    db.close();
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/550/);
  });

  test("sign-off requested goes to the sponsor in the project's language; sent back goes to the manager in the language they chose", async () => {
    // The manager switches the interface to English: their emails follow.
    expect((await post("/preferences", { intent: "language", lang: "en", returnTo: "/projects" }, pm)).status).toBe(302);
    const request = await post("/projects/1/phases/team", { intent: "request", comment: "Please review by Friday" }, pm);
    expect(request.status).toBe(302);
    const asked = await waitFor(() => smtp.received.find((m) => m.to.includes(SPONSOR) && /درخواست تأیید و امضا/.test(m.mail.subject ?? "")), "sign-off request");
    expect(asked.mail.subject).toMatch(/^درخواست تأیید و امضا: .+ — .+/);
    expect(asked.mail.text).toContain("Please review by Friday");
    expect(String(asked.mail.html)).toContain('<html lang="fa" dir="rtl">');
    expect(asked.mail.text).toContain(`${server.url}/projects/1/phases/team#sign-off`);

    const sponsor = await signIn(server.url, SPONSOR);
    const reject = await post("/projects/1/phases/team", { intent: "reject", comment: "Add the HR representative" }, sponsor);
    expect(reject.status).toBe(302);
    const back = await waitFor(() => smtp.received.find((m) => m.to.includes(PM) && /^Sent back:/.test(m.mail.subject ?? "")), "sent back");
    expect(back.mail.subject).toMatch(/^Sent back: Forming the project team — .+/);
    expect(back.mail.text).toContain("Add the HR representative");
  });

  test("the daily digest: once a day, only to people with something waiting (npm run digest)", async () => {
    // Run asynchronously: the SMTP server answering it lives in this process.
    const digest = () =>
      new Promise<{ code: number; out: string }>((resolve) => {
        execFile(
          path.resolve("node_modules/.bin/tsx"),
          ["app/cli/digest.ts"],
          { env: { ...process.env, DATABASE_PATH: server.databasePath, SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port), MAIL_FROM: "Gambegam <gambegam@firm.example>", PUBLIC_URL: server.url }, encoding: "utf8", timeout: 60_000 },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, out: stdout + stderr }),
        );
      });
    const first = await digest();
    expect(first.code, first.out).toBe(0);
    const toPm = () => smtp.received.filter((m) => m.to.includes(PM) && /^What awaits you in Gambegam/.test(m.mail.subject ?? ""));
    expect(toPm()).toHaveLength(1);
    expect(toPm()[0]!.mail.text).toContain("Sent back to your team");
    expect(toPm()[0]!.mail.text).toMatch(/“Forming the project team” — .+ \(sent back by .+ on /);
    // The viewer has nothing waiting: no digest.
    expect(smtp.received.filter((m) => m.to.includes("h.nazari@mehregan.example"))).toHaveLength(0);
    const second = await digest();
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/Digest: 0 message\(s\) sent/);
    expect(toPm()).toHaveLength(1);
  }, 120_000);
});

describe("without SMTP settings", () => {
  let server: RunningServer;
  let admin: string;
  beforeAll(async () => {
    // The demo's team phase signed (as on a fresh installation): inviting its rows must still work.
    server = await startServer({ SMTP_HOST: null, SMTP_URL: null, GAMBEGAM_DEMO_SIGNOFFS: "on" });
    const setup = await fetch(`${server.url}/setup`, {
      method: "POST",
      body: form({ displayName: "Outbox Admin", email: "outbox.admin@firm.example", password: "outbox admin password", confirm: "outbox admin password", code: setupCode(server) }),
      redirect: "manual",
    });
    admin = setup.headers.get("set-cookie")!.split(";")[0]!;
  }, 60_000);
  afterAll(async () => server?.stop());

  test("an invitation by email is not sent; the outbox lists it, its link to copy while it works", async () => {
    const r = await fetch(`${server.url}/projects/1/members`, {
      method: "POST",
      body: form({ intent: "invite", role: "executive-sponsor", email: "board@client.example", name: "Board Chair", language: "en", note: "" }),
      headers: { cookie: admin },
    });
    expect(r.status).toBe(200);
    expect(await r.text()).toContain("به board@client.example ایمیل نشد: این نصب سرور ایمیل ندارد");
    const page = await (await fetch(`${server.url}/admin/outbox`, { headers: { cookie: admin } })).text();
    expect(page).toMatch(/Invitation to the project “.+” from Outbox Admin/);
    expect(page).toContain("board@client.example");
    const link = /data-testid="outbox-link"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*data-testid="outbox-link"/.exec(page);
    const url = link?.[1] ?? link?.[2];
    expect(url).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}$/);
    // Used: the outbox no longer shows a working link.
    const join = await fetch(url!, { method: "POST", body: form({ intent: "signup", displayName: "Board Chair", email: "board@client.example", password: "board chair password", confirm: "board chair password" }), redirect: "manual" });
    expect(join.status).toBe(302);
    const after = await (await fetch(`${server.url}/admin/outbox`, { headers: { cookie: admin } })).text();
    expect(after).not.toContain('data-testid="outbox-link"');
    expect(after).toContain("/invitations/…");
  });

  test("on a signed team phase the register is locked, but inviting its rows is not", async () => {
    const page = await (await fetch(`${server.url}/projects/1/phases/team/steps/team-roles`, { headers: { cookie: admin } })).text();
    const at = page.indexOf('data-testid="team-row-invites"');
    expect(at).toBeGreaterThan(0);
    const before = page.slice(0, at);
    const opened = before.lastIndexOf("<fieldset");
    expect(opened, "the team register is not locked here").toBeGreaterThan(0);
    expect(before.slice(opened)).toMatch(/^<fieldset[^>]*disabled/);
    // The panel comes after that (disabled) fieldset closed, not inside it.
    expect(before.slice(opened)).toContain("</fieldset>");
  });

  test("the outbox is for administrators only", async () => {
    const pm = await signIn(server.url, PM);
    expect((await fetch(`${server.url}/admin/outbox`, { headers: { cookie: pm } })).status).toBe(403);
  });
});
