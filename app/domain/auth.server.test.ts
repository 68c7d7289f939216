/**
 * Sign-in throttling and the installation's audit log, on a real database:
 * attempts are reserved before the password check, a success takes back only
 * its own address's failures, and the log pages newest first.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { tempDatabase } from "#tests/setup/db.ts";
import { audit, installationLog } from "./audit.server.ts";
import { createUser, login, releaseAttempt, reserveAttempt } from "./auth.server.ts";
import { ensureSetupCode, normaliseSetupCode, removeSetupCode, setupCodeMatches } from "./setup-code.server.ts";

const t = tempDatabase();
afterAll(() => t.cleanup());

describe("reserving sign-in attempts", () => {
  test("reservations count at once: the eleventh from one address is refused, however the checks interleave", () => {
    const now = new Date();
    const ids = Array.from({ length: 10 }, () => reserveAttempt(t.db, "a@x.example", "10.9.0.1", now));
    expect(ids.every((r) => r.status === "reserved")).toBe(true);
    expect(reserveAttempt(t.db, "b@x.example", "10.9.0.1", now)).toEqual({ status: "limited", minutes: 15 });
    // Another address is not held back by this one.
    expect(reserveAttempt(t.db, "a@x.example", "10.9.0.2", now).status).toBe("reserved");
  });

  test("a success takes back its own reservation and this address's earlier failures on the account, not other addresses'", () => {
    const now = new Date();
    const mine = reserveAttempt(t.db, "c@x.example", "10.9.1.1", now);
    reserveAttempt(t.db, "c@x.example", "10.9.1.1", now);
    reserveAttempt(t.db, "c@x.example", "10.9.1.2", now);
    if (mine.status !== "reserved") throw new Error("not reserved");
    releaseAttempt(t.db, "c@x.example", "10.9.1.1", mine.id);
    const left = t.db.$client.prepare("select address from login_failures where account = 'c@x.example'").all() as Array<{ address: string }>;
    expect(left.map((r) => r.address)).toEqual(["10.9.1.2"]);
  });

  test("the published demo password from elsewhere is refused before any check, counted against the address but never against the account", async () => {
    await createUser(t.db, { email: "d@x.example", displayName: "D", password: "gambegam-demo" });
    expect((await login(t.db, { email: "d@x.example", password: "gambegam-demo", address: "10.9.2.1", local: false })).status).toBe("demo-elsewhere");
    expect(t.db.$client.prepare("select account from login_failures where address = '10.9.2.1'").all()).toEqual([{ account: "(demo password) 10.9.2.1" }]);
    expect((await login(t.db, { email: "d@x.example", password: "gambegam-demo", address: "127.0.0.1", local: true })).status).toBe("ok");
  });
});

describe("the installation's audit log", () => {
  test("lists entries without a project, newest first, a page at a time", () => {
    for (let i = 0; i < 7; i++) audit(t.db, { id: null, name: `n${i}@x.example` }, { projectId: null, action: "auth.signin-failed", subject: `n${i}@x.example`, after: { address: "10.9.3.1" } });
    const first = installationLog(t.db, { limit: 5 });
    expect(first.more).toBe(true);
    expect(first.entries.map((e) => e.subject).slice(0, 2)).toEqual(["n6@x.example", "n5@x.example"]);
    const next = installationLog(t.db, { limit: 5, before: first.entries.at(-1)!.id });
    expect(next.entries[0]!.id).toBeLessThan(first.entries.at(-1)!.id);
    expect(next.entries.every((e) => e.projectId === null)).toBe(true);
  });
});

describe("the one-time set-up code", () => {
  const file = path.join(t.dir, "setup-code.txt");

  test("is written once (mode 0600) and read back by every process; typed in any case, with spaces or dashes, it matches", () => {
    const { code } = ensureSetupCode(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureSetupCode(file).code).toBe(code);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}(-[2-9A-HJ-NP-Z]{5}){3}$/);
    expect(setupCodeMatches(code.toLowerCase().replace(/-/g, " "), file)).toBe(true);
    expect(normaliseSetupCode(" ab-cd ")).toBe("ABCD");
    expect(setupCodeMatches(code.slice(0, -1), file)).toBe(false);
    expect(setupCodeMatches("", file)).toBe(false);
  });

  test("once removed, no code matches until a new one is made", () => {
    const { code } = ensureSetupCode(file);
    removeSetupCode(file);
    expect(setupCodeMatches(code, file)).toBe(false);
    expect(ensureSetupCode(file).code).not.toBe(code);
  });
});
