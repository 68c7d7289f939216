/**
 * The method settings page over HTTP (decision 035): it says, per threshold,
 * whose number it is; a consultant changes one and the health check's finding
 * follows and names it; another role may not; bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

let server: RunningServer;
const sessions: Record<string, string> = {};
let english = "";
beforeAll(async () => {
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  for (const [who, email] of Object.entries({ consultant: "l.tehrani@arman.example", sponsor: "f.karimi@mehregan.example", viewer: "h.nazari@mehregan.example" })) sessions[who] = await signIn(server.url, email);
  const r = await fetch(`${server.url}/preferences`, { method: "POST", body: form({ intent: "language", lang: "en", returnTo: "/projects" }), redirect: "manual" });
  english = r.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(() => server?.stop());

const cookie = (who: string, lang?: "en") => [sessions[who], lang ? english : null].filter(Boolean).join("; ");
const page = async (p: string, who: string, lang?: "en") => {
  const r = await fetch(server.url + p, { headers: { Cookie: cookie(who, lang) }, redirect: "manual" });
  expect(r.status).toBe(200);
  return (await r.text()).replace(/<!-- -->/g, "");
};
const post = (who: string, fields: Record<string, string>) =>
  fetch(`${server.url}/projects/1/method-settings`, { method: "POST", body: form(fields), headers: { Cookie: cookie(who, "en"), Origin: server.url }, redirect: "manual" });
/** The HTML of one element, from the tag that carries `marker` to its closing tag. */
function block(html: string, marker: string, tag = "section"): string {
  const at = html.indexOf(marker);
  expect(at, marker).toBeGreaterThan(-1);
  const start = html.lastIndexOf(`<${tag}`, at);
  return html.slice(start, html.indexOf(`</${tag}>`, at));
}
const versionOf = (html: string, id: string) => Number(/name="version" value="(\d+)"/.exec(block(html, `data-threshold="${id}"`))![1]);

describe("the method settings page", () => {
  test("says whose each number is: Gambegam's default, or the source's with what it says (en, fa)", async () => {
    const en = await page("/projects/1/method-settings", "consultant", "en");
    expect(block(en, 'data-threshold="decided-segments"')).toContain("Gambegam&#x27;s default (not from the sources)");
    const adoption = block(en, 'data-threshold="adoption-after-six-months"');
    expect(adoption).toContain("From the sources: ");
    expect(adoption).toContain("sales and marketing staff");
    expect(adoption).toContain("is a working assumption for this project, not the article&#x27;s finding");
    const fa = await page("/projects/1/method-settings", "consultant");
    expect(block(fa, 'data-threshold="first-stage-share"')).toContain("پیش‌فرض گام‌به‌گام (نه از منابع)");
    expect(block(fa, 'data-threshold="first-stage-share"')).toContain("۴۰٪");
  });

  test("a consultant's value is what the health check applies, and the finding says so; a reset puts the default back", async () => {
    const before = await page("/projects/1/health", "consultant", "en");
    const firedBefore = before.includes('data-rule="requirements-before-strategy"');
    const html = await page("/projects/1/method-settings", "consultant", "en");
    const r = await post("consultant", { intent: "threshold-save", key: "decided-segments", version: String(versionOf(html, "decided-segments")), value: "20" });
    expect(r.status).toBe(200);
    const after = await page("/projects/1/health", "consultant", "en");
    const finding = block(after, 'data-rule="requirements-before-strategy"', "article");
    expect(finding).toContain("Customer segments with a decision before requirements are written: <strong>20 segments</strong>");
    expect(finding).toContain("set for this project; Gambegam&#x27;s default, not from the sources, is 2 segments");
    expect(finding).toContain('href="/projects/1/method-settings#decided-segments"');
    const settings = await page("/projects/1/method-settings", "consultant", "en");
    const reset = await post("consultant", { intent: "threshold-reset", key: "decided-segments", version: String(versionOf(settings, "decided-segments")) });
    expect(reset.status).toBe(200);
    expect((await page("/projects/1/health", "consultant", "en")).includes('data-rule="requirements-before-strategy"')).toBe(firedBefore);
  });

  test("the pages that use a threshold show the project's value and link to the settings", async () => {
    const change = await page("/projects/1/change-management", "consultant", "en");
    expect(block(change, 'data-testid="threshold-note"', "div")).toContain("Readiness score below which a topic is a gap: <strong>3</strong>");
    const roadmap = await page("/projects/1/roadmap", "consultant", "en");
    expect(block(roadmap, 'data-testid="threshold-note"', "div")).toContain("/method-settings#first-stage-share");
  });

  test("a value out of range is refused next to its field, a stale one with both values; the sponsor may not; nothing changes", async () => {
    const html = await page("/projects/1/method-settings", "consultant", "en");
    const v = versionOf(html, "first-stage-share");
    const bad = await post("consultant", { intent: "threshold-save", key: "first-stage-share", version: String(v), value: "5" });
    expect(bad.status).toBe(400);
    expect(block(await bad.text(), 'data-threshold="first-stage-share"')).toMatch(/id="value-first-stage-share-error"[^>]*>Must be at least 10\./);
    const stale = await post("consultant", { intent: "threshold-save", key: "first-stage-share", version: String(v + 5), value: "50" });
    expect(stale.status).toBe(409);
    expect(await post("sponsor", { intent: "threshold-save", key: "first-stage-share", version: String(v), value: "50" }).then((r) => r.status)).toBe(403);
    const viewer = await page("/projects/1/method-settings", "viewer", "en");
    expect(viewer).not.toContain('name="intent" value="threshold-save"');
    expect(versionOf(await page("/projects/1/method-settings", "consultant", "en"), "first-stage-share")).toBe(v);
  });
});
