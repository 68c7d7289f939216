/**
 * The production server, over HTTP: pages render in both languages, and bad
 * input of every kind gets a 4xx with a message — never a 500, never lost.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, allItems, loadPacks } from "#methodology/load.ts";
import { form, runServerOnce, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const whereIs = (itemId: string) => {
  const found = allItems(pack).find((x) => x.item.id === itemId)!;
  return `/projects/1/phases/${found.phase.id}/steps/${found.step.id}`;
};
const visionStep = whereIs("vision.why-crm");
const teamStep = whereIs("team.members");

let server: RunningServer;
/** Every request is made by the demo project manager (signed in once). */
let session = "";
/** The language cookie of a reader who chose English (every test may use it). */
const english = { Cookie: "" };
beforeAll(async () => {
  server = await startServer({ GAMBEGAM_PACKS: path.resolve("tests/fixtures/packs") });
  session = await signIn(server.url, "s.ahmadi@mehregan.example");
  const r = await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects" }));
  expect(r.status).toBe(302);
  english.Cookie = r.headers.get("set-cookie")!.split(";")[0]!;
});
afterAll(() => server?.stop());

const withSession = (headers: Record<string, string>) => ({ ...headers, Cookie: [session, headers.Cookie].filter(Boolean).join("; ") });
const get = (p: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers: withSession(headers), redirect: "manual" });
const post = (p: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(server.url + p, { method: "POST", body, headers: withSession(headers), redirect: "manual" });

describe("pages", () => {
  test("a fresh database shows the demo project, in Persian and right to left by default", async () => {
    const r = await get("/projects");
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('lang="fa"');
    expect(html).toContain("پیاده‌سازی CRM مهرگان");
    expect(html).toContain("پروژه‌ها");
  });

  test("the language switch is a POST that sets a cookie; English is left to right", async () => {
    const r = await get("/projects", english);
    const html = await r.text();
    expect(html).toContain('dir="ltr"');
    expect(html).toContain("Projects");
  });

  test("the project home lists every phase with its progress", async () => {
    const html = await (await get("/projects/1", english)).text();
    for (const phase of pack.phases) expect(html).toContain(phase.title.en);
    expect(html).toMatch(/required answered/);
  });

  test("the project home says, above the phases, where they come from and that steps 4–11 of the eleven-step method are not in the sources", async () => {
    const fa = await (await get("/projects/1")).text();
    const en = await (await get("/projects/1", english)).text();
    for (const [html, said] of [[fa, "گام‌های ۴ تا ۱۱ روش یازده‌گامی در منابع نیامده است"], [en, "Steps 4–11 of the eleven-step method are not in the sources"]] as const) {
      const at = html.indexOf(said);
      expect(at).toBeGreaterThan(-1);
      expect(at).toBeGreaterThan(html.indexOf('id="phases-heading"'));
      expect(at).toBeLessThan(html.indexOf('class="phase-cards"'));
    }
  });

  test("the review page says that counting its two to three months from go-live is Gambegam's reading, the source counting from the project's start", async () => {
    const fa = await (await get("/projects/1/post-launch-review")).text();
    const en = await (await get("/projects/1/post-launch-review", english)).text();
    expect(en).toContain("the source counts those months from the start of the project");
    expect(fa).toContain("منبع این ماه‌ها را از شروع پروژه می‌شمارد");
  });

  test("the team view shows the demo's two unfilled roles", async () => {
    const html = await (await get("/projects/1/team", english)).text();
    expect(html).toContain("2 of the 6 recommended roles are unfilled.");
    expect(html.match(/role-unfilled/g)?.length).toBe(2);
  });

  const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
  const unescape = (s: string) => s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

  test("every phase and every step page renders in both languages, its title in the reader's language", async () => {
    for (const phase of pack.phases) {
      for (const step of phase.steps) {
        for (const [headers, lang, app] of [[{}, "fa", "گام‌به‌گام"], [english, "en", "Gambegam"]] as const) {
          const r = await get(`/projects/1/phases/${phase.id}/steps/${step.id}`, headers);
          expect(r.status, `${phase.id}/${step.id}`).toBe(200);
          expect(unescape(titleOf(await r.text()))).toBe(`${step.title[lang]} · \u2068پیاده‌سازی CRM مهرگان\u2069 · ${app}`);
        }
      }
      const r = await get(`/projects/1/phases/${phase.id}`);
      expect(r.status).toBe(200);
      expect(unescape(titleOf(await r.text()))).toBe(`${phase.title.fa} · \u2068پیاده‌سازی CRM مهرگان\u2069 · گام‌به‌گام`);
    }
  });

  test("every other page's title names it in the reader's language", async () => {
    const pages: Array<[string, string, string]> = [
      ["/projects", "پروژه‌ها · گام‌به‌گام", "Projects · Gambegam"],
      ["/projects/1", "\u2068پیاده‌سازی CRM مهرگان\u2069 · گام‌به‌گام", "\u2068پیاده‌سازی CRM مهرگان\u2069 · Gambegam"],
      ["/projects/1/prioritisation", "اولویت‌بندی · \u2068پیاده‌سازی CRM مهرگان\u2069 · گام‌به‌گام", "Prioritisation · \u2068پیاده‌سازی CRM مهرگان\u2069 · Gambegam"],
      ["/projects/1/history", "تاریخچه · \u2068پیاده‌سازی CRM مهرگان\u2069 · گام‌به‌گام", "History · \u2068پیاده‌سازی CRM مهرگان\u2069 · Gambegam"],
      ["/account", "حساب شما · گام‌به‌گام", "Your account · Gambegam"],
      ["/no-such-page", "صفحه پیدا نشد · گام‌به‌گام", "Page not found · Gambegam"],
    ];
    for (const [path, fa, en] of pages) {
      expect(unescape(titleOf(await (await get(path)).text())), path).toBe(fa);
      expect(unescape(titleOf(await (await get(path, english)).text())), path).toBe(en);
    }
  });

  test("/health answers anyone, signed in or not, in their language, and is never cached", async () => {
    for (const [headers, text] of [
      [{}, "گام‌به‌گام در حال کار است."],
      [english, "Gambegam is running."],
    ] as const) {
      const r = await get("/health", headers);
      expect(r.status).toBe(200);
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(await r.text()).toContain(text);
    }
    const anonymous = await fetch(`${server.url}/health`, { redirect: "manual" });
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toContain("گام‌به‌گام در حال کار است.");
  });

  test("a large page arrives whole, and the same, with or without compression", async () => {
    const page = "/projects/1/phases/requirements";
    const plain = await get(page, { "Accept-Encoding": "identity" });
    const gzip = await get(page, { "Accept-Encoding": "gzip" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    const [a, b] = [await plain.text(), await gzip.text()];
    expect(a.length).toBeGreaterThan(64 * 1024);
    expect(a).toMatch(/^<!DOCTYPE html>/i);
    expect(a.trimEnd()).toMatch(/<\/html>$/);
    expect(b).toBe(a);
  });

  test("missing records are 404 pages, not 500s", async () => {
    for (const p of ["/projects/99999", "/projects/abc", "/projects/1/phases/nope", `/projects/1/phases/team/steps/nope`, "/projects/1/phases/vision/steps/team-roles", "/nowhere", "/projects/1e3", "/projects/-1"]) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
    }
  });
});

describe("creating a project", () => {
  test("missing fields come back as 400 with messages next to the fields and the typed values kept", async () => {
    const r = await post("/projects/new", form({ name: "Typed name", clientOrganisation: "", deliverableLanguage: "en", startDate: "1405/13/40", pack: "crm-implementation@1.0.0" }), english);
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toContain("This field is required.");
    expect(html).toContain("Enter a valid date");
    expect(html).toContain('value="Typed name"');
    expect(html).toContain('value="1405/13/40"');
  });

  test("a valid project is created with a Jalali start date and the firm's own pack", async () => {
    const r = await post("/projects/new", form({ name: "Arman pilot", clientOrganisation: "Arman", deliverableLanguage: "fa", startDate: "۱۴۰۵/۰۹/۰۲", pack: "firm-quickstart@2.1.0" }));
    expect(r.status).toBe(302);
    const location = r.headers.get("location")!;
    expect(location).toMatch(/^\/projects\/\d+$/);
    const html = await (await get(location, english)).text();
    expect(html).toContain("Discovery");
    expect(html).toContain("started 23 November 2026");
    // The firm's pack has none of the items the built-in deliverables read: the page says so, and downloads are 404.
    const docs = await (await get(`${location}/documents`, english)).text();
    expect(docs).toContain("there is no document to produce");
    const download = await fetch(`${server.url}${location}/documents/scope-document/download`, { method: "POST", body: form({ intent: "download", lang: "en" }), headers: withSession({ ...english, Origin: server.url }), redirect: "manual" });
    expect(download.status).toBe(404);
  });

  test("an unknown pack is refused", async () => {
    const r = await post("/projects/new", form({ name: "X", clientOrganisation: "Y", deliverableLanguage: "fa", startDate: "2026-01-01", pack: "nope@9.9.9" }));
    expect(r.status).toBe(400);
  });
});

describe("saving answers", () => {
  test("an answer is saved, shown after reload, and a stale save is refused showing both values", async () => {
    const first = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version: "1", value: "نسخه دوم پاسخ" }), english);
    expect(first.status).toBe(200);
    const page = await (await get(visionStep)).text();
    expect(page).toContain("نسخه دوم پاسخ");
    const stale = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version: "1", value: "پاسخ همکار دیگر" }), english);
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("Someone else changed this since you opened the page.");
    expect(html).toContain("نسخه دوم پاسخ");
    expect(html).toContain("پاسخ همکار دیگر");
  });

  test("a suggested row is offered and adopted in the reader's language; once adopted it is offered in neither", async () => {
    const risksStep = whereIs("requirements.risks");
    const chip = { fa: "کارکنان همچنان بیرون از سامانه کار می‌کنند", en: "Staff keep working outside the system" };
    // The chips of the risks register (the page's data carries both languages; what it shows is the chips and the table).
    const offered = async (headers: Record<string, string> = {}) => {
      const html = await (await get(risksStep, headers)).text();
      const section = html.slice(html.indexOf('id="item-requirements.risks"'), html.indexOf("</section>", html.indexOf('id="item-requirements.risks"')));
      return {
        chips: [...section.matchAll(/class="chip"[^>]*>\+ <bdi>([^<]*)<\/bdi>/g)].map((m) => m[1]),
        cells: [...section.matchAll(/<td dir="auto">([^<]*)<\/td>/g)].map((m) => m[1]),
      };
    };
    expect((await offered()).chips).toContain(chip.fa);
    expect((await offered()).chips).not.toContain(chip.en);
    expect((await offered(english)).chips).toContain(chip.en);
    expect((await offered(english)).chips).not.toContain(chip.fa);

    // Adopted by a Persian reader: the row is written in Persian, and no longer offered in either language.
    const r = await post(risksStep, form({ intent: "row-suggest", itemId: "requirements.risks", suggestion: "0" }));
    expect(r.status).toBe(200);
    const after = await offered(english);
    expect(after.cells).toContain(chip.fa);
    expect(after.cells).not.toContain(chip.en);
    expect(after.chips).not.toContain(chip.en);
    expect(after.chips).toContain("Key users are not released from daily work");
  });

  test("a register row is added and appears in the team", async () => {
    const r = await post(teamStep, form({ intent: "row-add", itemId: "team.members", "c.name": "Pari Nazari", "c.role": "hr-support", "c.unit": "HR" }));
    expect(r.status).toBe(200);
    const html = await (await get("/projects/1/team", english)).text();
    expect(html).toMatch(/Pari Nazari<\/bdi> \(<bdi>HR<\/bdi>\)/);
    expect(html).toContain("1 of the 6 recommended roles is unfilled.");
  });
});

describe("a large register", () => {
  test("is shown 25 rows at a time, with the page in the URL, counting every row", async () => {
    const lang = await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects" }));
    const english = { Cookie: lang.headers.get("set-cookie")!.split(";")[0]! };
    const step = whereIs("vision.decisions");
    for (let i = 1; i <= 30; i++) {
      const r = await post(step, form({ intent: "row-add", itemId: "vision.decisions", "c.decision": `Paged decision ${i}` }));
      expect(r.status).toBe(200);
    }
    // Row editors of this register (the step has other registers too).
    const editors = (html: string) => html.split('data-item-id="vision.decisions"')[1]!.split('data-item-id="')[0]!.match(/class="row-editor"/g)?.length ?? 0;
    const first = await (await get(step, english)).text();
    expect(first).toContain("33 rows");
    expect(first).toContain("Rows 1–25 of 33");
    expect(editors(first)).toBe(25);
    expect(first).toContain("Paged decision 22");
    expect(first).not.toContain("Paged decision 23");
    expect(first).toContain('href="/projects/1/phases/vision/steps/vision-workshop?page.vision.decisions=2#item-vision.decisions"');

    const second = await (await get(`${step}?page.vision.decisions=2`, english)).text();
    expect(second).toContain("Rows 26–33 of 33");
    expect(editors(second)).toBe(8);
    expect(second).toContain("Paged decision 30");
    expect(second).not.toContain("Paged decision 22");
    // The row numbers go on from the first page.
    expect(second).toContain('<span class="row-index">26</span>');

    // A page past the end shows the last one; a page that is not a number, the first.
    expect(await (await get(`${step}?page.vision.decisions=99`, english)).text()).toContain("Rows 26–33 of 33");
    expect(await (await get(`${step}?page.vision.decisions=abc`, english)).text()).toContain("Rows 1–25 of 33");
  });

  test("the table of rows and a row's title show the beginning of a long text; the row's form has all of it", async () => {
    const step = whereIs("vision.decisions");
    const long = Array.from({ length: 40 }, (_, i) => `clause ${i} of a long decision`).join(", ");
    expect((await post(step, form({ intent: "row-add", itemId: "vision.decisions", "c.decision": long }))).status).toBe(200);
    const last = `${step}?page.vision.decisions=99`;
    const html = await (await get(last, english)).text();
    const cell = html.match(/<td dir="auto">(clause 0 of a long decision[^<]*)<\/td>/)![1]!;
    expect(cell.endsWith("…")).toBe(true);
    expect(long.startsWith(cell.slice(0, -1))).toBe(true);
    expect(Array.from(cell).length).toBeLessThanOrEqual(161);
    const id = html.match(/<li id="row-(\d+)" class="row-editor"><details><summary><span class="row-index">\d+<\/span><span class="row-title" dir="auto">clause 0 of a long decision/)![1]!;
    const open = await (await get(`${last}&edit.vision.decisions=${id}`, english)).text();
    expect(open).toContain(`>${long}</textarea>`);
  });

  test("a closed row carries a link to its form instead of the form; that link's address shows the row open", async () => {
    const step = whereIs("vision.decisions");
    const section = (html: string) => html.split('data-item-id="vision.decisions"')[1]!.split('data-item-id="')[0]!;
    const closed = section(await (await get(step, english)).text());
    const id = closed.match(/<li id="row-(\d+)" class="row-editor">/)![1]!;
    const rowForms = (html: string) => [...html.matchAll(/<form[^>]* id="row-form-(\d+)"/g)].map((m) => m[1]);
    expect(rowForms(closed)).toEqual([]);
    expect(closed).toContain(`<a href="?edit.vision.decisions=${id}#row-${id}">`);

    const opened = section(await (await get(`${step}?edit.vision.decisions=${id}`, english)).text());
    expect(rowForms(opened)).toEqual([id]);
    expect(opened).toContain(`<li id="row-${id}" class="row-editor"><details open="">`);
    // Its other rows stay closed, and the page and its pager keep the rest of the address.
    expect(opened.match(/<details open="">/g)).toHaveLength(1);
  });
});

test("on Persian pages, importing a project is «درون‌ریزی», never «ورود» (which is signing in)", async () => {
  const projects = await (await get("/projects")).text();
  expect(projects).toContain("درون‌ریزی پروژه از فایل");
  const page = await (await get("/projects/import")).text();
  expect(page).toContain("درون‌ریزی پروژه");
  expect(page).not.toMatch(/ورود پروژه/);
});

describe("history", () => {
  test("a Persian page writes each entry's recorded time in Persian digits; an English page in Latin ones", async () => {
    const fa = await (await get("/projects/1/history")).text();
    const times = [...fa.matchAll(/title="زمان به وقت UTC[^"]*">([^<]*)</g)].map((m) => m[1]!);
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toMatch(/^[۰-۹]{4}-[۰-۹]{2}-[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}:[۰-۹]{2} UTC$/);
    const lang = await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects" }));
    const en = await (await get("/projects/1/history", { Cookie: lang.headers.get("set-cookie")!.split(";")[0]! })).text();
    expect(en).toMatch(/title="Time in UTC, as recorded">\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC</);
  });

  test("a long value's change is shortened in the list, says how long it is, and shows whole on request", async () => {
    const lang = await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects" }));
    const english = { Cookie: lang.headers.get("set-cookie")!.split(";")[0]! };
    const step = whereIs("vision.decisions");
    const long = Array.from({ length: 100 }, (_, i) => `sentence ${i} of the long decision.`).join(" ");
    const saved = await post(step, form({ intent: "row-add", itemId: "vision.decisions", "c.decision": long }));
    expect(saved.status).toBe(200);

    const list = await (await get("/projects/1/history?category=registers", english)).text();
    const id = list.match(/<li id="entry-(\d+)" class="card history-entry" data-action="row.add">/)![1];
    expect(list).toContain("sentence 0 of the long decision.");
    // Nowhere in the page, its data included: the raw stored value is no longer sent to the browser.
    expect(list).not.toContain("sentence 99 of the long decision.");
    expect(list).toContain(`Shortened: the whole text is ${long.length} characters long.`);
    expect(list).toContain(`href="?category=registers&amp;full=${id}#entry-${id}"`);

    const whole = await (await get(`/projects/1/history?category=registers&full=${id}`, english)).text();
    const entry = whole.split(`<li id="entry-${id}"`)[1]!.split("</li>")[0]!;
    expect(entry).toContain(long);
    expect(entry).not.toContain("Shortened: the whole text is");
  });
});

describe("compression", () => {
  test("a page is sent gzip-compressed in one piece to a client that accepts gzip, and plain to one that does not", async () => {
    const zipped = await get("/projects/1", { "Accept-Encoding": "gzip" });
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("vary")).toMatch(/accept-encoding/i);
    const length = Number(zipped.headers.get("content-length"));
    const page = await zipped.text();
    expect(page).toContain("پیاده‌سازی CRM مهرگان");
    expect(page.trimEnd()).toMatch(/<\/html>$/);
    // Compressed: the length sent is well below the page's.
    expect(length).toBeGreaterThan(0);
    expect(length).toBeLessThan(Buffer.byteLength(page) / 3);

    const plain = await get("/projects/1", { "Accept-Encoding": "identity" });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(page);

    // A client that refuses gzip outright (q=0) is not sent it.
    const refused = await get("/projects/1", { "Accept-Encoding": "gzip;q=0, identity" });
    expect(refused.headers.get("content-encoding")).toBeNull();
    expect(await refused.text()).toBe(page);
  });
});

describe("bad input is a 4xx with a message, never a 500", () => {
  const cases: Array<[string, string, () => BodyInit, Record<string, string>?]> = [
    ["no intent", visionStep, () => form({ itemId: "vision.why-crm" })],
    ["unknown intent", visionStep, () => form({ intent: "drop-table", itemId: "vision.why-crm" })],
    ["unknown item", visionStep, () => form({ intent: "answer", itemId: "no.such.item", version: "0", value: "x" })],
    ["item of another step", visionStep, () => form({ intent: "answer", itemId: "team.members", version: "0", value: "x" })],
    ["version is not a number", visionStep, () => form({ intent: "answer", itemId: "vision.why-crm", version: "abc", value: "x" })],
    ["negative version", visionStep, () => form({ intent: "answer", itemId: "vision.why-crm", version: "-1", value: "x" })],
    ["value too long for the item", visionStep, () => form({ intent: "answer", itemId: "vision.why-crm", version: "9", value: "x".repeat(60000) })],
    ["a value repeated as an array", visionStep, () => form({ intent: "answer", itemId: "vision.why-crm", version: "9", value: ["a", "b"] })],
    ["row id that is not a number", teamStep, () => form({ intent: "row-save", itemId: "team.members", rowId: "x", version: "1" })],
    ["unknown role option", teamStep, () => form({ intent: "row-add", itemId: "team.members", "c.name": "A", "c.role": "king" })],
    ["suggestion index out of range", teamStep, () => form({ intent: "row-suggest", itemId: "team.members", suggestion: "99" })],
    ["a file upload", visionStep, () => {
      const f = new FormData();
      f.set("intent", "answer");
      f.set("itemId", "vision.why-crm");
      f.set("version", "0");
      f.set("value", new Blob(["binary"]), "evil.bin");
      return f;
    }],
    ["JSON instead of a form", visionStep, () => JSON.stringify({ intent: "answer" }), { "Content-Type": "application/json" }],
    ["broken url encoding", visionStep, () => "intent=answer&itemId=%ZZ&value=%", { "Content-Type": "application/x-www-form-urlencoded" }],
    ["preferences with a bad language", "/preferences", () => form({ intent: "language", lang: "de" })],
    ["new project with arrays", "/projects/new", () => form({ name: ["a", "b"], clientOrganisation: "c", deliverableLanguage: "xx", startDate: "", pack: "" })],
    ["action on a missing project", "/projects/424242/phases/vision/steps/vision-core", () => form({ intent: "answer" })],
    ["action on a page without one", "/projects", () => form({ a: "b" })],
  ];
  for (const [name, p, body, headers] of cases) {
    test(name, async () => {
      const r = await post(p, body(), headers ?? {});
      expect(r.status, `${name}: ${r.status}`).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    });
  }

  test("a body over 1 MB is refused with 413 before it is read", async () => {
    const r = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version: "1", value: "x".repeat(2 * 1024 * 1024) }));
    expect(r.status).toBe(413);
    expect(await r.text()).toContain("too large");
  });

  test("a value over an item's limit gets the limit in the message, in the user's language", async () => {
    const r = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version: "9", value: "x".repeat(60000) }));
    expect(r.status).toBe(400);
    expect(await r.text()).toMatch(/حداکثر [۰-۹٬]+ نویسه/);
  });
});

describe("start-up", () => {
  test("a bad methodology definition stops the server with a message naming the item", () => {
    const r = runServerOnce({ GAMBEGAM_PACKS: path.resolve("tests/fixtures/bad-packs/missing-persian") });
    expect(r.status).toBe(1);
    expect(r.output).toContain("Gambegam cannot start");
    expect(r.output).toContain("one.no-persian");
  });
});

describe("npm start", () => {
  test("runs the production server even when NODE_ENV is not set: pages carry their security policy and are kept in the page memo", async () => {
    const bare = await startServer({ NODE_ENV: null });
    try {
      const first = await fetch(`${bare.url}/login`);
      expect(first.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
      await first.text();
      const again = await fetch(`${bare.url}/login`);
      expect(again.headers.get("server-timing")).toBe('page;desc="memo-data"');
    } finally {
      await bare.stop();
    }
  });
});
