import { describe, expect, it } from "vitest";
import { assertMailFrom, mailSettings, mailStartupLine, publicOrigin, untilHour, withoutTokens } from "./mail.server.ts";

describe("mail settings from the environment", () => {
  it("no SMTP settings: nothing is sent, the digest timer is off unless forced", () => {
    const s = mailSettings({});
    expect(s.smtp).toBeNull();
    expect(s.digest).toBe("auto");
    expect(s.from).toBe("gambegam@localhost");
    expect(mailSettings({ MAIL_DIGEST: "on" }).digest).toBe("on");
  });

  it("SMTP by URL or by host, port, security and account", () => {
    expect(mailSettings({ SMTP_URL: "smtps://u:p@mail.example.org" }).smtp).toBe("smtps://u:p@mail.example.org");
    expect(mailSettings({ SMTP_HOST: "mail.example.org", SMTP_SECURE: "true", SMTP_USER: "u", SMTP_PASSWORD: "p" }).smtp).toEqual({ host: "mail.example.org", port: 465, secure: true, auth: { user: "u", pass: "p" } });
    expect(mailSettings({ SMTP_HOST: "mail.example.org", SMTP_PORT: "2525" }).smtp).toEqual({ host: "mail.example.org", port: 2525, secure: false });
  });

  it("PUBLIC_URL makes every link; a bad one is ignored; the sender defaults to its host", () => {
    const s = mailSettings({ PUBLIC_URL: "https://crm.example.org/" });
    expect(publicOrigin(new Request("http://127.0.0.1:3000/projects/1/members"), s)).toBe("https://crm.example.org");
    expect(s.from).toBe("gambegam@crm.example.org");
    expect(publicOrigin(new Request("http://127.0.0.1:3000/x"), mailSettings({ PUBLIC_URL: "javascript:alert(1)" }))).toBe("http://127.0.0.1:3000");
  });

  it("the digest hour: 0–23, else 7; the wait until the next one", () => {
    expect(mailSettings({ MAIL_DIGEST_HOUR: "25" }).digestHour).toBe(7);
    expect(mailSettings({ MAIL_DIGEST_HOUR: "18" }).digestHour).toBe(18);
    const now = new Date(2026, 11, 5, 8, 30);
    expect(untilHour(now, 9)).toBe(30 * 60 * 1000);
    expect(untilHour(now, 8)).toBe(23.5 * 60 * 60 * 1000);
  });

  it("a delivered message keeps no live token", () => {
    expect(withoutTokens("Open https://x.example/invitations/abcdefghijklmnopqrstuvwxyz012345 now")).toBe("Open https://x.example/invitations/… now");
    expect(withoutTokens('<a href="https://x/reset/abcdefghijklmnopqrstuvwxyz_-0123">')).toBe('<a href="https://x/reset/…">');
    expect(withoutTokens("path /invitations/abcdefghijklmnopqrstuvwxyz012345, no origin")).toBe("path /invitations/…, no origin");
  });
});

describe("MAIL_FROM (review finding 2)", () => {
  it("`Name <address>` is accepted: the address is sent as the address, the name as the name", () => {
    const s = mailSettings({ SMTP_HOST: "127.0.0.1", MAIL_FROM: "Gambegam <noreply@example.test>" });
    expect(s.from).toBe("noreply@example.test");
    expect(s.fromName).toBe("Gambegam");
    expect(mailSettings({ MAIL_FROM: '"Acme, Consulting" <Mail@Acme.example>' })).toMatchObject({ from: "Mail@Acme.example", fromName: "Acme, Consulting" });
    expect(mailSettings({ MAIL_FROM: "plain@acme.example" })).toMatchObject({ from: "plain@acme.example", fromName: null });
    expect(mailStartupLine(s, false)).toBe("Email: sent through SMTP from Gambegam <noreply@example.test>.");
  });
  it("an unparseable one stops the start-up with a clear line instead of failing every message", () => {
    for (const bad of ["Gambegam", "Gambegam <noreply>x", "a@b c@d", "<>"]) {
      const s = mailSettings({ SMTP_HOST: "127.0.0.1", MAIL_FROM: bad });
      expect(() => assertMailFrom(s)).toThrow(/MAIL_FROM .* is not an email address/);
    }
  });
});
