/**
 * The page memo, over HTTP on the production server: a page asked for again is
 * sent without being made again, and never shows anything out of date — not
 * after an edit through the app, not after a write by another process on the
 * same database file, not in another language, not to someone who lost access.
 * Each response says how it was made in its Server-Timing header.
 */
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, allItems, loadPacks } from "#methodology/load.ts";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { MEMO_PATTERNS } from "#app/page-memo.server.ts";
import { openDatabase } from "#db/client.ts";
import { beHere, leave } from "#app/domain/live.server.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const vision = allItems(pack).find((x) => x.item.id === "vision.why-crm")!;
const visionStep = `/projects/1/phases/${vision.phase.id}/steps/${vision.step.id}`;

let server: RunningServer;
let manager = "";
let viewer = "";
beforeAll(async () => {
  server = await startServer();
  manager = await signIn(server.url, "s.ahmadi@mehregan.example");
  viewer = await signIn(server.url, "h.nazari@mehregan.example");
});
afterAll(() => server?.stop());

const get = (p: string, cookie: string, headers: Record<string, string> = {}) => fetch(server.url + p, { headers: { Cookie: cookie, ...headers }, redirect: "manual" });
const post = (p: string, body: URLSearchParams, cookie: string) => fetch(server.url + p, { method: "POST", body, headers: { Cookie: cookie }, redirect: "manual" });
const source = (r: Response) => /page;desc="([^"]+)"/.exec(r.headers.get("server-timing") ?? "")?.[1];

describe("a page asked for again", () => {
  test("is sent from the memo, the same page as the first time, and a hard reload renders it again", async () => {
    const first = await get("/projects/1", manager);
    const firstHtml = await first.text();
    expect(first.status).toBe(200);
    const again = await get("/projects/1", manager);
    expect(source(again)).toBe("memo-request");
    expect(await again.text()).toBe(firstHtml);
    expect(again.headers.get("content-security-policy")).toBe(first.headers.get("content-security-policy"));

    const hard = await get("/projects/1", manager, { "Cache-Control": "no-cache" });
    expect(source(hard)).toBe("rendered");
    expect(await hard.text()).toBe(firstHtml);
  });

  test("shows an answer saved meanwhile, to its author and to another member", async () => {
    const before = await (await get(visionStep, viewer)).text();
    expect(source(await get(visionStep, viewer))).toBe("memo-request");
    const page = await (await get(visionStep, manager)).text();
    const version = /name="version" value="(\d+)"/.exec(page.slice(page.indexOf("vision.why-crm")))?.[1] ?? "0";
    const saved = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version, value: "پاسخی تازه برای آزمون حافظه صفحه" }), manager);
    expect(saved.status).toBe(200);
    for (const who of [manager, viewer]) {
      const r = await get(visionStep, who);
      expect(source(r)).not.toBe("memo-request");
      expect(await r.text()).toContain("پاسخی تازه برای آزمون حافظه صفحه");
    }
    expect(before).not.toContain("پاسخی تازه برای آزمون حافظه صفحه");
  });

  test("is sent from the memo after presence heartbeats of open tabs in between (another process on the same file)", async () => {
    const other = openDatabase(server.databasePath);
    const tab = { clientId: "memo-heartbeat-tab", projectId: 1, userId: 1, place: `${vision.phase.id}/${vision.step.id}` };
    try {
      beHere(other, tab); // arriving is announced, once
      await (await get(visionStep, viewer)).text();
      for (let i = 0; i < 5; i++) beHere(other, tab);
      expect(source(await get(visionStep, viewer))).toBe("memo-request");
      leave(other, tab.clientId);
    } finally {
      other.$client.close();
    }
  });

  test("shows a change another process wrote to the same database file", async () => {
    expect(await (await get("/projects", manager)).text()).toContain("پیاده‌سازی CRM مهرگان");
    expect(source(await get("/projects", manager))).toBe("memo-request");
    const other = new Database(server.databasePath);
    try {
      other.prepare("UPDATE projects SET name = ? WHERE id = 1").run("نامی که فرایند دیگری نوشت");
    } finally {
      other.close();
    }
    const r = await get("/projects", manager);
    expect(source(r)).toBe("rendered");
    expect(await r.text()).toContain("نامی که فرایند دیگری نوشت");
  });

  test("comes in the language the reader switched to", async () => {
    const persian = await (await get("/projects/1/roadmap", manager)).text();
    expect(persian).toContain('<html lang="fa"');
    const switched = await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects/1/roadmap" }), manager);
    const english = `${manager}; ${switched.headers.get("set-cookie")!.split(";")[0]!}`;
    // One after the other, with nothing written in between: each reader keeps their language.
    for (const [cookie, lang] of [[english, "en"], [manager, "fa"], [english, "en"], [manager, "fa"]] as const) {
      expect(await (await get("/projects/1/roadmap", cookie)).text()).toContain(`<html lang="${lang}"`);
    }
  });

  test("in large text the roadmap is drawn with larger labels, and each reader keeps their own drawing", async () => {
    /** The smallest label of the home page's roadmap, in the drawing's units. */
    const smallest = async (cookie: string) => {
      const html = await (await get("/projects/1", cookie)).text();
      const svg = /<svg[^>]*viewBox[\s\S]*?<\/svg>/.exec(html.slice(html.indexOf("roadmap-heading")))![0];
      return Math.min(...[...svg.matchAll(/<text[^>]* font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
    };
    const normal = await smallest(manager);
    const switched = await post("/preferences", form({ intent: "display", display: "large", returnTo: "/projects/1" }), manager);
    const large = `${manager}; ${switched.headers.get("set-cookie")!.split(";")[0]!}`;
    for (const [cookie, size] of [[large, normal * 1.25], [manager, normal], [large, normal * 1.25]] as const) {
      expect(await smallest(cookie)).toBeCloseTo(size, 0);
    }
    expect(normal).toBeGreaterThanOrEqual(13);
  });

  test("is not sent to a member removed from the project, nor to anyone signed out", async () => {
    const member = await signIn(server.url, "n.rahimi@mehregan.example");
    expect((await get("/projects/1/health", member)).status).toBe(200);
    expect(source(await get("/projects/1/health", member))).toBe("memo-request");
    const members = await (await get("/projects/1/members", manager)).text();
    const userId = new RegExp(`name="userId" value="(\\d+)"[\\s\\S]{0,400}?`).exec(members.slice(members.indexOf("نرگس رحیمی")))?.[1];
    expect(userId).toBeDefined();
    expect((await post("/projects/1/members", form({ intent: "remove", userId: userId! }), manager)).status).toBe(200);
    expect((await get("/projects/1/health", member)).status).toBe(404);

    expect((await post("/logout", form({}), viewer)).status).toBe(302);
    const signedOut = await get("/projects/1", viewer);
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("location")).toMatch(/^\/login/);
  });

  test("a page whose loaders are not memoised is still not rendered twice for the same data", async () => {
    const first = await get("/projects/1/members", manager);
    expect(source(first)).toBe("rendered");
    const again = await get("/projects/1/members", manager);
    expect(source(again)).toBe("memo-data");
    expect(await again.text()).toBe(await first.text());
  });
});

describe("a page's data (.data, what the browser's router fetches on navigation and revalidation) asked for again", () => {
  const dataOf = (p: string) => `${p}.data`;

  test("is sent from the memo with nothing written in between, the same bytes as the first time", async () => {
    const first = await get(dataOf("/projects/1/prioritisation"), manager);
    expect(first.status).toBe(200);
    const firstBytes = await first.text();
    expect(firstBytes.length).toBeGreaterThan(100);
    const again = await get(dataOf("/projects/1/prioritisation"), manager);
    expect(source(again)).toBe("memo-request");
    expect(await again.text()).toBe(firstBytes);
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(again.headers.get("cache-control")).toBe("no-store");
    // The routes asked for are part of the address: a revalidation of one route only is another answer.
    const rootOnly = await get(`${dataOf("/projects/1/prioritisation")}?_routes=root`, manager);
    expect(source(rootOnly)).not.toBe("memo-request");
    expect(await rootOnly.text()).not.toBe(firstBytes);
    // The document of the same address is not the data.
    const doc = await get("/projects/1/prioritisation", manager);
    expect(doc.headers.get("content-type")).toMatch(/text\/html/);
  });

  test("is made afresh after a write, with what was written", async () => {
    const before = await (await get(dataOf(visionStep), manager)).text();
    expect(source(await get(dataOf(visionStep), manager))).toBe("memo-request");
    const page = await (await get(visionStep, manager)).text();
    const version = /name="version" value="(\d+)"/.exec(page.slice(page.indexOf("vision.why-crm")))?.[1] ?? "0";
    const saved = await post(visionStep, form({ intent: "answer", itemId: "vision.why-crm", version, value: "پاسخی تازه برای آزمون داده‌های صفحه" }), manager);
    expect(saved.status).toBe(200);
    const after = await get(dataOf(visionStep), manager);
    expect(source(after)).not.toBe("memo-request");
    const afterBytes = await after.text();
    expect(afterBytes).toContain("پاسخی تازه برای آزمون داده‌های صفحه");
    expect(before).not.toContain("پاسخی تازه برای آزمون داده‌های صفحه");
  });

  test("is never another reader's: a second member asking for the same address gets their own data", async () => {
    const mine = await get(dataOf("/projects/1/journey"), manager);
    const mineBytes = await mine.text();
    expect(source(await get(dataOf("/projects/1/journey"), manager))).toBe("memo-request");
    const reader = await signIn(server.url, "h.nazari@mehregan.example");
    const theirs = await get(dataOf("/projects/1/journey"), reader);
    expect(theirs.status).toBe(200);
    expect(source(theirs)).not.toBe("memo-request");
    const theirBytes = await theirs.text();
    expect(theirBytes).not.toBe(mineBytes);
    expect(theirBytes).toContain("h.nazari@mehregan.example");
    expect(theirBytes).not.toContain("s.ahmadi@mehregan.example");
  });

  test("is refused, not sent from the memo, to someone signed out", async () => {
    const member = await signIn(server.url, "s.ahmadi@mehregan.example");
    expect((await get(dataOf("/projects/1/traceability"), member)).status).toBe(200);
    expect(source(await get(dataOf("/projects/1/traceability"), member))).toBe("memo-request");
    expect((await post("/logout", form({}), member)).status).toBe(302);
    const after = await get(dataOf("/projects/1/traceability"), member);
    expect(source(after)).not.toBe("memo-request");
    expect(after.status).not.toBe(200);
    expect(await after.text()).toContain("/login");
  });
});

describe("a page rendered afresh", () => {
  test("is rendered by React once, its policy naming exactly its framework scripts, with no trace of how they were found", async () => {
    const counting = await startServer({}, ["--import", "./tests/setup/count-renders.mjs"]);
    try {
      const cookie = await signIn(counting.url, "s.ahmadi@mehregan.example");
      const renders = () => [...counting.output().matchAll(/^react-render \d+$/gm)].length;
      for (const path of ["/projects/1", visionStep, "/login"]) {
        const before = renders();
        const r = await fetch(counting.url + path, { headers: { ...(path === "/login" ? {} : { Cookie: cookie }), "Cache-Control": "no-cache" }, redirect: "manual" });
        expect(r.status, path).toBe(200);
        const html = await r.text();
        expect(source(r), path).toBe("rendered");
        expect(renders() - before, `${path}: renders by React for one page`).toBe(1);
        expect(html, path).not.toContain("data-framework-scripts");
        const policy = r.headers.get("content-security-policy") ?? "";
        const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)].filter((m) => !/\bsrc\s*=/i.test(m[1]!) && m[2] !== "").map((m) => m[2]!);
        expect(scripts.length, path).toBeGreaterThanOrEqual(4);
        const hashes = [...policy.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]!);
        expect(new Set(hashes), path).toEqual(new Set(scripts.map((x) => createHash("sha256").update(x, "utf8").digest("base64"))));
      }
    } finally {
      await counting.stop();
    }
  });
});

describe("what a memoised page shows", () => {
  /** Every page of the demo project under a memoised route: each phase, each step. */
  const pages = [...MEMO_PATTERNS].flatMap((pattern) => {
    const project = pattern.replace(":projectId", "1");
    if (!project.includes(":phaseId")) return [project];
    return pack.phases.flatMap((phase) => {
      const withPhase = project.replace(":phaseId", phase.id);
      return withPhase.includes(":stepId") ? phase.steps.map((st) => withPhase.replace(":stepId", st.id)) : [withPhase];
    });
  });

  test("depends on nothing but the database, the address and the cookies: a day later, from another browser, each is the same page", async () => {
    // A second server on the same database file whose clock is 26 hours ahead (across a date
    // in any time zone), with sessions that outlive the jump. If a memoised page read the clock
    // (an "overdue" mark, "3 hours ago", today's date), its memo would be out of date and the
    // two pages here would differ.
    const later = await startServer(
      { DATABASE_PATH: server.databasePath, GAMBEGAM_TEST_CLOCK_OFFSET_MS: String(26 * 3600_000), GAMBEGAM_SESSION_IDLE_MINUTES: "6000" },
      ["--import", "./tests/setup/clock-offset.mjs"],
    );
    try {
      const fresh = { "Cache-Control": "no-cache" };
      expect(pages.length).toBeGreaterThan(40);
      const english = (await post("/preferences", form({ intent: "language", lang: "en", returnTo: "/projects" }), manager)).headers.get("set-cookie")!.split(";")[0]!;
      for (const cookie of [manager, `${manager}; ${english}`]) {
        for (const page of pages) {
          const now = await get(page, cookie, fresh);
          const then = await fetch(later.url + page, { headers: { Cookie: cookie, ...fresh, "User-Agent": "another browser/1.0" }, redirect: "manual" });
          expect(now.status, page).toBe(200);
          expect(then.status, page).toBe(200);
          expect(await then.text(), page).toBe(await now.text());
        }
      }
    } finally {
      await later.stop();
    }
  }, 120_000);
});
