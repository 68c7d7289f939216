/**
 * "Print every row" (decision 048, amended): `?print.<registerId>=all` on a step page sends the
 * register's every row for its printed copy; any other value is ignored — the normal page, 200,
 * never an error — and a register of one page is not changed by it.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

let server: RunningServer;
let cookie = "";
const langCookie = `gambegam_lang=${encodeURIComponent(Buffer.from(JSON.stringify("en")).toString("base64"))}`;
const STEP = "/projects/1/phases/vision/steps/";
let stepPath = "";
const title = (i: number) => `Paged decision ${String(i).padStart(3, "0")}`;

async function get(query: string): Promise<{ status: number; html: string }> {
  const r = await fetch(`${server.url}${stepPath}${query}`, { headers: { Cookie: `${cookie}; ${langCookie}` }, redirect: "manual" });
  return { status: r.status, html: await r.text() };
}

beforeAll(async () => {
  server = await startServer();
  cookie = await signIn(server.url, "s.ahmadi@mehregan.example");
  // The step that holds the decisions register.
  const phase = await (await fetch(`${server.url}/projects/1/phases/vision`, { headers: { Cookie: cookie } })).text();
  const steps = [...phase.matchAll(/href="(\/projects\/1\/phases\/vision\/steps\/[^"#?]+)"/g)].map((m) => m[1]!);
  for (const s of new Set(steps)) {
    const html = await (await fetch(server.url + s, { headers: { Cookie: cookie } })).text();
    if (html.includes('id="item-vision.decisions"')) stepPath = s;
  }
  expect(stepPath.startsWith(STEP)).toBe(true);
  for (let i = 1; i <= 30; i++) {
    const r = await fetch(server.url + stepPath, { method: "POST", body: form({ intent: "row-add", itemId: "vision.decisions", "c.decision": title(i) }), headers: { Cookie: cookie }, redirect: "manual" });
    expect(r.status).toBe(200);
    await r.body?.cancel();
  }
}, 120_000);
afterAll(() => server?.stop());

test("without the parameter, or with anything but 'all', the step page is the normal one: its page of rows, the note, the 'print all' link", async () => {
  for (const query of ["", "?print.vision.decisions=bogus", "?print.vision.decisions=ALL", "?print.vision.decisions=", "?print.vision.decisions=all%00", `?print.vision.decisions=${"a".repeat(5000)}`, "?print.no.such.register=all"]) {
    const { status, html } = await get(query);
    expect(status, query).toBe(200);
    expect(html, query).toContain('data-testid="print-all-rows"');
    expect(html, query).not.toContain('data-testid="print-all-notice"');
    expect(html, query).toContain("This print shows rows 1–25 of");
    expect(html, query).not.toContain(title(30));
  }
});

test("with print.<id>=all the page carries every row for print, and says so", async () => {
  const { status, html } = await get("?print.vision.decisions=all");
  expect(status).toBe(200);
  expect(html).toContain('data-testid="print-all-notice"');
  expect(html).toContain(title(30));
  expect(html).toMatch(/This print shows all \d+ rows of the register\./);
  expect(html).not.toContain("This print shows rows 1–25 of");
  // With another page asked for as well, the screen shows that page; the print still holds every row.
  const second = await get("?page.vision.decisions=2&print.vision.decisions=all");
  expect(second.status).toBe(200);
  expect(second.html).toContain(title(1));
});
