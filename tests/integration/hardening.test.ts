/**
 * Issue 16, item 9 (part), each tried as an attacker would, over HTTP against
 * the production server:
 *
 * a. Nothing a signed-in member reads may be kept by a browser or a proxy:
 *    pages, their data (`.data`), Word downloads and the project's data file
 *    say `Cache-Control: no-store`; the app's static files keep their caching.
 * b. A GET never writes: a planted `<img src>` or a link to a download or to
 *    the project export records nothing. Both are POSTs (forms on the
 *    Documents page); a POST from another site is refused and writes nothing.
 * c. A viewer's History shows no member's email (as People hides them); a
 *    project manager's does.
 * d. A signature keeps the name its signer had: renaming the account later
 *    rewrites neither the phase page nor the signed document.
 * e. The Content-Security-Policy allows only the framework's own inline
 *    scripts: the hashes are those of the scripts React Router writes, and an
 *    inline script that reaches the page any other way is not allowed.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BUILT_IN_PACKS_DIR, loadPacks } from "#methodology/load.ts";
import type { Phase, RegisterItem } from "#methodology/schema.ts";
import { documentText } from "#tests/setup/docx.ts";
import { DbWatcher, differences } from "#tests/setup/db-watch.ts";
import { form, signIn, startServer, type RunningServer } from "#tests/setup/server.ts";

const pack = loadPacks([BUILT_IN_PACKS_DIR]).get("crm-implementation", "1.0.0")!;
const DEMO = {
  pm: "s.ahmadi@mehregan.example",
  consultant: "l.tehrani@arman.example",
  sponsor: "f.karimi@mehregan.example",
  member: "n.rahimi@mehregan.example",
  viewer: "h.nazari@mehregan.example",
} as const;
type Who = keyof typeof DEMO;

let server: RunningServer;
let watcher: DbWatcher;
const sessions = {} as Record<Who, string>;
/** The language cookie of an English reader. */
let english = "";

beforeAll(async () => {
  // No Chromium: diagrams become tables, and documents are quick to make.
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  watcher = new DbWatcher(server.databasePath, { sessions: ["last_seen_at"] });
  for (const [who, email] of Object.entries(DEMO)) sessions[who as Who] = await signIn(server.url, email);
  const lang = await fetch(`${server.url}/preferences`, { method: "POST", body: form({ intent: "language", lang: "en", returnTo: "/projects" }), redirect: "manual" });
  english = lang.headers.get("set-cookie")!.split(";")[0]!;
}, 60_000);
afterAll(async () => {
  watcher?.close();
  await server?.stop();
});

const get = (path: string, who: Who | null, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { headers: { ...(who ? { Cookie: sessions[who] } : {}), ...headers }, redirect: "manual" });
/** A form posted from this site's own pages (a browser sends the page's origin). */
const post = (path: string, who: Who | null, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) =>
  fetch(server.url + path, { method: "POST", body: form(fields), headers: { Origin: server.url, ...(who ? { Cookie: sessions[who] } : {}), ...headers }, redirect: "manual" });

/** What a request wrote to the database (every table, row by row). */
async function writesOf(send: () => Promise<Response>): Promise<{ response: Response; body: Uint8Array; changed: string[] }> {
  const before = watcher.snapshot();
  const response = await send();
  const body = new Uint8Array(await response.arrayBuffer());
  return { response, body, changed: differences(before, watcher.snapshot()) };
}

const noStore = (r: Response) => /\bno-store\b/.test(r.headers.get("cache-control") ?? "");

// ---------------------------------------------------------------------------

describe("a. nothing a member reads is kept by a browser or a proxy", () => {
  test("a project page, its data, a Word download and the project's data file all say no-store", async () => {
    const page = await get("/projects/1", "pm");
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control") ?? "(none)", "GET /projects/1").toMatch(/\bno-store\b/);
    await page.body?.cancel();

    // Asked for again (sent from the page memo), and as the browser asks for a page's data.
    const again = await get("/projects/1", "pm");
    expect(again.headers.get("server-timing")).toContain("memo-request");
    expect(again.headers.get("cache-control") ?? "(none)", "GET /projects/1 from the memo").toMatch(/\bno-store\b/);
    await again.body?.cancel();
    for (const path of ["/projects/1.data", "/projects/1/history.data", "/projects/1/documents", "/projects", "/account"]) {
      const r = await get(path, "pm");
      expect(r.status, path).toBe(200);
      expect(r.headers.get("cache-control") ?? "(none)", `GET ${path}`).toMatch(/\bno-store\b/);
      await r.body?.cancel();
    }

    const download = await post("/projects/1/documents/go-no-go/download", "pm", { intent: "download", lang: "en" });
    expect(download.status).toBe(200);
    expect(download.headers.get("cache-control") ?? "(none)").toMatch(/\bno-store\b/);
    await download.body?.cancel();
    const exported = await post("/projects/1/export", "pm", { intent: "export" });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("cache-control") ?? "(none)").toMatch(/\bno-store\b/);
    await exported.body?.cancel();
  });

  test("a refusal and a page for someone signed out say no-store too; the app's static files keep their caching", async () => {
    for (const [path, who] of [["/admin/users", "pm"], ["/projects/999/history", "pm"], ["/login", null]] as const) {
      const r = await get(path, who);
      expect(r.headers.get("cache-control") ?? "(none)", `GET ${path} as ${who}: ${r.status}`).toMatch(/\bno-store\b/);
      await r.body?.cancel();
    }
    const html = await (await get("/login", null)).text();
    const asset = /\/assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const r = await get(asset!, null);
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toMatch(/max-age=31536000/);
    expect(noStore(r)).toBe(false);
    await r.body?.cancel();
    const icon = await get("/favicon.svg", null);
    expect(icon.headers.get("cache-control")).toMatch(/max-age=3600/);
    await icon.body?.cancel();
  });
});

// ---------------------------------------------------------------------------

describe("b. a GET never writes; downloads and the export are POSTs from this site", () => {
  test("GET of a Word download (an <img src> planted anywhere, a link) records no document version and sends no file", async () => {
    for (const path of ["/projects/1/documents/vision-minutes/download?lang=en", "/projects/1/documents/vision-minutes/download"]) {
      const { response, changed } = await writesOf(() => get(path, "pm", { Accept: "image/avif,image/webp,*/*" }));
      expect(changed, `GET ${path} wrote to the database`).toEqual([]);
      expect(response.status, `GET ${path}`).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
      expect(response.headers.get("content-type")).not.toContain("wordprocessingml");
    }
  });

  test("GET of the project export records no audit entry and sends no data", async () => {
    const { response, body, changed } = await writesOf(() => get("/projects/1/export", "consultant"));
    expect(changed, "GET /projects/1/export wrote to the database").toEqual([]);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(new TextDecoder().decode(body)).not.toContain('"formatVersion"');
  });

  test("the POST from the Documents page downloads the file and records its version", async () => {
    const { response, body, changed } = await writesOf(() => post("/projects/1/documents/vision-minutes/download", "consultant", { intent: "download", lang: "en" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/vision-minutes-.*-v\d+-en\.docx/);
    expect(documentText(body)).toContain("Vision workshop minutes");
    expect(changed.some((c) => c.startsWith("document_versions"))).toBe(true);
    const page = await (await get("/projects/1/documents", "pm")).text();
    // The page's buttons are forms that post, and work without JavaScript.
    expect(page).toMatch(/<form(?=[^>]*method="post")[^>]*action="\/projects\/1\/documents\/vision-minutes\/download"/);
    expect(page).toMatch(/<form(?=[^>]*method="post")[^>]*action="\/projects\/1\/export"/);
    expect(page).not.toContain('href="/projects/1/export"');
    expect(page).not.toContain("/download?lang=");
  });

  test("the POST export sends the project's data and records it in the history", async () => {
    const { response, body, changed } = await writesOf(() => post("/projects/1/export", "consultant", { intent: "export" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(new TextDecoder().decode(body)).project.name).toBe("پیاده‌سازی CRM مهرگان");
    expect(changed.filter((c) => c.startsWith("audit_log")).join("\n")).toContain("project.export");
  });

  test("a download without its language, or in another, is refused with a clear answer and writes nothing", async () => {
    const forms: Array<Record<string, string | string[]>> = [{ intent: "download" }, { intent: "download", lang: "de" }, { intent: "download", lang: ["fa", "en"] }, { intent: "download", lang: "" }];
    for (const fields of forms) {
      const { response, changed } = await writesOf(() => post("/projects/1/documents/go-no-go/download", "pm", fields));
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(changed).toEqual([]);
    }
  });

  test("a POST from another site is refused and writes nothing: without the session (SameSite=Lax), or with it from another origin", async () => {
    const cookie = await fetch(`${server.url}/login`, { method: "POST", body: form({ email: DEMO.pm, password: "gambegam-demo" }), redirect: "manual" });
    expect(cookie.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);
    for (const [path, fields] of [
      ["/projects/1/documents/go-no-go/download", { intent: "download", lang: "en" }],
      ["/projects/1/export", { intent: "export" }],
    ] as const) {
      // What a browser sends from another site: no Lax cookie on a cross-site POST, and its
      // Origin refused before anything reads the form (decision 016).
      const anonymous = await writesOf(() => post(path, null, fields, { Origin: "https://evil.example" }));
      expect(anonymous.response.status, `${path} from another site, signed out`).toBe(403);
      expect(anonymous.changed).toEqual([]);
      // A page of another origin that still gets the cookie sent (a sibling site): refused by its Origin.
      for (const origin of ["https://evil.example", "null", `${server.url}.evil.example`]) {
        const forged = await writesOf(() => post(path, "pm", fields, { Origin: origin }));
        expect(forged.response.status, `${path} with Origin ${origin}`).toBe(403);
        expect(forged.changed).toEqual([]);
        expect(new TextDecoder().decode(forged.body)).not.toContain('"formatVersion"');
      }
    }
  });
});

// ---------------------------------------------------------------------------

describe("c. a viewer's History shows no member's email", () => {
  // Someone who joins by invitation: their email is their account's, typed in no register.
  const JOINER = { displayName: "Joiner Example", email: "joiner.only-here@firm.example", password: "joiner password 1" };

  test("the History page, its data, the person filter and an entry shown whole hide a member's email from a viewer; the project manager sees it", async () => {
    const invited = await post("/projects/1/members.data", "pm", { intent: "invite", role: "team-member", note: "" });
    const token = /\/invitations\/([A-Za-z0-9_-]{20,})/.exec(await invited.text())?.[1];
    expect(token).toBeDefined();
    const joined = await post(`/invitations/${token}`, null, { ...JOINER, confirm: JOINER.password });
    expect(joined.status).toBe(302);

    const pmPage = await (await get("/projects/1/history?category=members", "pm")).text();
    expect(pmPage, "the project manager's History shows the new member's email (as People does)").toContain(JOINER.email);
    const entry = /id="entry-(\d+)"[^>]*data-action="invitation\.accept"/.exec(pmPage)?.[1];
    expect(entry).toBeDefined();
    const joinerId = watcher.db.prepare("SELECT id FROM users WHERE email = ?").pluck().get(JOINER.email) as number;
    const pmId = watcher.db.prepare("SELECT id FROM users WHERE email = ?").pluck().get(DEMO.pm) as number;
    for (const path of [
      "/projects/1/history",
      "/projects/1/history?category=members",
      `/projects/1/history?category=members&full=${entry}`,
      `/projects/1/history?user=${joinerId}`,
      `/projects/1/history?user=${pmId}`,
      "/projects/1/history.data?category=members",
      `/projects/1/history.data?full=${entry}`,
    ]) {
      for (const who of ["viewer", "member"] as const) {
        const r = await get(path, who);
        expect(r.status, path).toBe(200);
        expect(await r.text(), `${path} as ${who} shows a member's email`).not.toContain(JOINER.email);
      }
    }
    const people = await (await get("/projects/1/members", "viewer")).text();
    expect(people, "People hides it from the viewer too").not.toContain(JOINER.email);
    expect(people).toContain(JOINER.displayName);
  });
});

// ---------------------------------------------------------------------------

/** Answers what a phase requires that the demo leaves open, so that its sign-off can be requested. */
async function completeRequired(phase: Phase): Promise<void> {
  const stepOf = (itemId: string) => `/projects/1/phases/${phase.id}/steps/${phase.steps.find((s) => s.items.some((i) => i.id === itemId))!.id}`;
  const rowCount = (itemId: string) => watcher.db.prepare("SELECT count(*) FROM register_rows WHERE project_id = 1 AND item_id = ?").pluck().get(itemId) as number;
  for (const item of phase.steps.flatMap((s) => s.items)) {
    if (item.kind === "info" || !item.required) continue;
    if (item.kind === "register") {
      while (rowCount(item.id) < item.minRows) {
        const cells: Record<string, string> = {};
        for (const col of (item as RegisterItem).columns) {
          if (!col.required) continue;
          if (col.type === "ref") cells[`c.${col.id}`] = String(watcher.db.prepare("SELECT min(id) FROM register_rows WHERE project_id = 1 AND item_id = ?").pluck().get(col.register));
          else cells[`c.${col.id}`] = col.type === "choice" ? col.options[0]!.id : col.type === "date" ? "2026-01-01" : col.type === "number" ? "1" : col.type === "scale" ? String(col.min) : "Another row";
        }
        const r = await post(`${stepOf(item.id)}.data`, "pm", { intent: "row-add", itemId: item.id, ...cells });
        expect(r.status, `a row of ${item.id}`).toBe(200);
      }
      continue;
    }
    if (watcher.db.prepare("SELECT id FROM answers WHERE project_id = 1 AND item_id = ?").get(item.id)) continue;
    const fields: Record<string, string> =
      item.kind === "checklist" ? { status: "done" } : item.kind === "rating" ? { score: String(item.max) } : item.kind === "diagram" ? { definition: "flowchart LR\n  A --> B" } : { value: item.answer.type === "choice" ? item.answer.options[0]!.id : item.answer.type === "date" ? "2026-01-01" : item.answer.type === "scale" || item.answer.type === "number" ? "1" : "Answered" };
    const r = await post(`${stepOf(item.id)}.data`, "pm", { intent: "answer", itemId: item.id, version: "0", ...fields });
    expect(r.status, `answering ${item.id}`).toBe(200);
  }
}

async function signPhase(phase: Phase): Promise<void> {
  await completeRequired(phase);
  const path = `/projects/1/phases/${phase.id}`;
  const lastKind = () => watcher.db.prepare("SELECT kind FROM signoff_events WHERE project_id = 1 AND phase_id = ? ORDER BY id DESC LIMIT 1").pluck().get(phase.id);
  expect((await post(path, "pm", { intent: "request", comment: "" })).status, `requesting sign-off of ${phase.id}`).toBeLessThan(400);
  expect(lastKind()).toBe("requested");
  const review = await (await get(path, "sponsor")).text();
  const fingerprint = /name="fingerprint" value="([0-9a-f]{64})"/.exec(review)?.[1];
  expect(fingerprint, `the sign-off form of ${phase.id}`).toBeDefined();
  expect((await post(path, "sponsor", { intent: "approve", comment: "Approved", fingerprint: fingerprint! })).status, `signing ${phase.id}`).toBeLessThan(400);
  expect(lastKind()).toBe("approved");
}

describe("d. a renamed account does not rewrite the names on past signatures", () => {
  test("sign, rename the executive sponsor: the phase page, History and the signed document still name who signed", async () => {
    const [team, vision] = pack.phases;
    await signPhase(team!);
    await signPhase(vision!);
    const signer = watcher.db.prepare("SELECT display_name FROM users WHERE email = ?").pluck().get(DEMO.sponsor) as string;
    const phasePath = `/projects/1/phases/${vision!.id}`;
    expect(await (await get(phasePath, "pm")).text()).toContain(signer);

    const NEW_NAME = "Renamed Sponsor Quux";
    const renamed = await post("/account", "sponsor", { intent: "name", displayName: NEW_NAME });
    expect(renamed.status).toBeLessThan(400);
    expect(watcher.db.prepare("SELECT display_name FROM users WHERE email = ?").pluck().get(DEMO.sponsor)).toBe(NEW_NAME);

    for (const lang of ["fa", "en"]) {
      const page = await (await get(phasePath, "pm", lang === "en" ? { Cookie: `${sessions.pm}; ${english}` } : {})).text();
      expect(page, `the phase page (${lang})`).toContain(signer);
      expect(page, `the phase page (${lang})`).not.toContain(NEW_NAME);
    }
    const history = await (await get(`/projects/1/history?phase=${vision!.id}`, "pm")).text();
    expect(history).toContain(signer);
    expect(history).not.toContain(NEW_NAME);

    const doc = await post("/projects/1/documents/vision-minutes/download", "pm", { intent: "download", lang: "en" });
    expect(doc.status).toBe(200);
    const text = documentText(new Uint8Array(await doc.arrayBuffer()));
    expect(text).toContain(signer);
    expect(text, "the signed document").not.toContain(NEW_NAME);

    // The project's data file carries the signer's name as it was, too.
    const file = JSON.parse(await (await post("/projects/1/export", "pm", { intent: "export" })).text()) as { signoffs: Array<{ phaseId: string; kind: string; by: { name: string } }> };
    expect(file.signoffs.filter((e) => e.phaseId === vision!.id && e.kind === "approved").map((e) => e.by.name)).toEqual([signer]);

    const newEvent = await post(phasePath, "pm", { intent: "reopen", comment: "One more change" });
    expect(newEvent.status).toBeLessThan(400);
    expect(watcher.db.prepare("SELECT signer_name FROM signoff_events WHERE project_id = 1 AND phase_id = ? AND kind = 'approved'").pluck().get(vision!.id)).toBe(signer);
  });
});

// ---------------------------------------------------------------------------

const sha = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

/** The `'sha256-…'` sources of the policy's script-src. */
function policyHashes(r: Response): Set<string> {
  const csp = r.headers.get("content-security-policy") ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src ")) ?? "";
  expect(scriptSrc).not.toMatch(/unsafe-inline|nonce-/);
  return new Set([...scriptSrc.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]!));
}

/** Every inline script of a page, as a browser reads it (its text up to the first `</script`). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)].filter((m) => !/\bsrc\s*=/i.test(m[1]!) && m[2] !== "").map((m) => m[2]!);
}

/** The inline scripts React Router writes into a document, by what they begin with. */
const FRAMEWORK_SCRIPT = /^(?:\(\(storageKey2?, restoreKey\) =>|window\.__reactRouterContext = |;?\s*import \* as route0 |import "\/assets\/manifest-|window\.__reactRouterContext\.streamController\.(?:enqueue|close)\()/;

/** What tests/setup/smuggle-script.mjs puts into every rendered page's <main>. */
const SMUGGLED = `<script>document.documentElement.dataset.smuggled = "ran"</script>`;

describe("e. the Content-Security-Policy allows only the framework's own inline scripts", () => {
  const PAYLOAD = `</script><script>document.title="pwned"</script><img src=x onerror=alert(1)>\u2028<!--<script>`;

  test("with markup typed into answers, rows and the project, every inline script of a page is the framework's, and the hashes are exactly theirs", async () => {
    const vision = pack.phases[1]!;
    const step = vision.steps.find((s) => s.items.some((i) => i.kind === "question" && (i.answer.type === "long-text" || i.answer.type === "short-text")))!;
    const item = step.items.find((i) => i.kind === "question" && (i.answer.type === "long-text" || i.answer.type === "short-text"))!;
    const stepPath = `/projects/1/phases/${vision.id}/steps/${step.id}`;
    // The phase may be signed by the test above: reopen it first (a refusal is fine).
    await post(`/projects/1/phases/${vision.id}`, "pm", { intent: "reopen", comment: "To try markup" });
    const version = String(watcher.db.prepare("SELECT version FROM answers WHERE project_id = 1 AND item_id = ?").pluck().get(item.id) ?? 0);
    expect((await post(`${stepPath}.data`, "pm", { intent: "answer", itemId: item.id, version, value: PAYLOAD })).status).toBe(200);
    const created = await post("/projects/new", "pm", { name: PAYLOAD.slice(0, 100), clientOrganisation: PAYLOAD.slice(0, 100), deliverableLanguage: "en", startDate: "2026-01-01", pack: "crm-implementation@1.0.0" });
    expect(created.status).toBe(302);
    const other = created.headers.get("location")!;

    for (const path of [stepPath, "/projects/1", "/projects/1/history", "/projects", other, `${other}/history`, "/login", "/no/such/page"]) {
      const r = await get(path, path === "/login" ? null : "pm", path === stepPath ? { Cookie: `${sessions.pm}; ${english}` } : {});
      const html = await r.text();
      const allowed = policyHashes(r);
      const scripts = inlineScripts(html);
      expect(scripts.length, `${path}: the framework's scripts`).toBeGreaterThanOrEqual(4);
      for (const s of scripts) {
        expect(s, `${path}: an inline script that is not the framework's`).toMatch(FRAMEWORK_SCRIPT);
        expect(allowed.has(sha(s)), `${path}: a framework script the policy does not allow: ${s.slice(0, 80)}`).toBe(true);
      }
      expect(new Set(scripts.map(sha)), `${path}: the policy allows exactly the page's framework scripts`).toEqual(allowed);
      expect(html).not.toContain('<script>document.title="pwned"');
    }
  });

  describe("a script element that reaches the page some other way", () => {
    let smuggling: RunningServer;
    let cookie = "";
    beforeAll(async () => {
      smuggling = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" }, ["--import", "./tests/setup/smuggle-script.mjs"]);
      cookie = await signIn(smuggling.url, DEMO.pm);
    }, 60_000);
    afterAll(() => smuggling?.stop());

    test("is in the page but not allowed by its policy; the framework's scripts still are", async () => {
      for (const path of ["/projects/1", "/projects/1/history", "/login"]) {
        const r = await fetch(smuggling.url + path, { headers: path === "/login" ? {} : { Cookie: cookie } });
        expect(r.status, path).toBe(200);
        const html = await r.text();
        expect(html, `${path}: the smuggled script is in the page`).toContain(SMUGGLED);
        const allowed = policyHashes(r);
        const smuggled = SMUGGLED.replace(/^<script>|<\/script>$/g, "");
        expect(allowed.has(sha(smuggled)), `${path}: the policy allows the smuggled script`).toBe(false);
        const framework = inlineScripts(html).filter((s) => s !== smuggled);
        expect(framework.length).toBeGreaterThanOrEqual(4);
        expect(new Set(framework.map(sha)), `${path}: the policy allows exactly the framework's scripts`).toEqual(allowed);
      }
    });
  });
});
