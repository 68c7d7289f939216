/**
 * Issue 20 review finding 6: the interface language follows the person.
 * Signing in from a browser that chose no language gives the language they
 * last chose (stored in users.language); someone who never chose one has the
 * language they signed in with stored (so their emails are written in it).
 */
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, startServer, type RunningServer } from "#tests/setup/server.ts";

const PM = "s.ahmadi@mehregan.example";
const SPONSOR = "f.karimi@mehregan.example";

describe("the interface language after sign-in", () => {
  let server: RunningServer;
  const setLanguage = (email: string, lang: string | null) => {
    const db = new Database(server.databasePath);
    db.prepare("UPDATE users SET language = ? WHERE email = ?").run(lang, email);
    db.close();
  };
  const storedLanguage = (email: string) => {
    const db = new Database(server.databasePath, { readonly: true });
    const row = db.prepare("SELECT language FROM users WHERE email = ?").get(email) as { language: string | null };
    db.close();
    return row.language;
  };
  const signIn = (email: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/login`, { method: "POST", body: form({ email, password: "gambegam-demo" }), headers, redirect: "manual" });
  const cookies = (r: Response) => r.headers.getSetCookie().map((c) => c.split(";")[0]!).join("; ");

  beforeAll(async () => {
    server = await startServer();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });

  test("a Persian PM signing in on a new (English) browser gets Persian", async () => {
    setLanguage(PM, "fa");
    const r = await signIn(PM, { "accept-language": "en-GB,en;q=0.9" });
    expect(r.status).toBe(302);
    const page = await (await fetch(`${server.url}/projects`, { headers: { cookie: cookies(r), "accept-language": "en-GB,en;q=0.9" } })).text();
    expect(page).toContain('<html lang="fa" dir="rtl"');
  });

  test("someone with no stored language: the language they sign in with is stored", async () => {
    setLanguage(SPONSOR, null);
    const r = await signIn(SPONSOR, { "accept-language": "en-US,en;q=0.9" });
    expect(r.status).toBe(302);
    expect(storedLanguage(SPONSOR)).toBe("en");
  });
});
