/**
 * A fresh installation's demo shows sign-off (decision 043): Mehregan's team and
 * vision phases are signed by its sponsor, the phase page shows who signed, when
 * and the fingerprint, and the vision minutes carry the same sign-off record.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { documentText } from "#tests/setup/docx.ts";

let server: RunningServer;
let cookie: string;
/** The language cookie of a reader who chose English. */
let english: string;
beforeAll(async () => {
  // As `npm start` makes it: the demo with its signatures.
  server = await startServer({ GAMBEGAM_DEMO_SIGNOFFS: null, CHROMIUM_PATH: "/nonexistent/chromium" });
  cookie = await signIn(server.url, "s.ahmadi@mehregan.example");
  const r = await fetch(`${server.url}/preferences`, { method: "POST", body: form({ intent: "language", lang: "en", returnTo: "/projects" }), headers: { Cookie: cookie, Origin: server.url }, redirect: "manual" });
  english = r.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(() => server?.stop());

const page = async (p: string, lang: "fa" | "en") => (await fetch(server.url + p, { headers: { Cookie: lang === "en" ? `${cookie}; ${english}` : cookie } })).text();

describe("the demo's signed phases", () => {
  test("the vision phase page says the sponsor signed it, with the content's fingerprint, in both languages", async () => {
    const en = await page("/projects/1/phases/vision", "en");
    expect(en).toMatch(/Signed off by (<[^>]+>|\u2068)*Farhad|Signed off by (<[^>]+>|\u2068)*فرهاد کریمی/);
    const fingerprint = /data-testid="fingerprint"[^>]*>([0-9a-f]{64})</.exec(en)?.[1];
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const fa = await page("/projects/1/phases/vision", "fa");
    expect(fa).toContain("فرهاد کریمی");
    expect(fa).toContain(fingerprint);
    // The team before it is signed too (the method signs phases in order), so the next can follow.
    expect(await page("/projects/1/phases/team", "en")).toContain('data-testid="fingerprint"');
  });

  test("the vision minutes downloaded carry the signature: who, and the same fingerprint", async () => {
    const fingerprint = /data-testid="fingerprint"[^>]*>([0-9a-f]{64})</.exec(await page("/projects/1/phases/vision", "fa"))![1]!;
    const r = await fetch(`${server.url}/projects/1/documents/vision-minutes/download`, { method: "POST", body: new URLSearchParams({ intent: "download", lang: "fa" }), headers: { Cookie: cookie, Origin: server.url } });
    expect(r.status).toBe(200);
    const text = documentText(new Uint8Array(await r.arrayBuffer()));
    expect(text).toContain(fingerprint);
    expect(text).toContain("فرهاد کریمی");
  });
});
