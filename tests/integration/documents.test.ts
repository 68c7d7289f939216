/**
 * Word deliverables over HTTP: the documents page, the download (file name,
 * type, language, access) and branding (validation, per project, admin).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { documentText, malformedParts } from "#tests/setup/docx.ts";

let server: RunningServer;
const sessions: Record<string, string> = {};
const PNG_1PX = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

beforeAll(async () => {
  // No Chromium here: diagrams become tables, and the page says so.
  server = await startServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
  for (const [who, email] of Object.entries({ pm: "s.ahmadi@mehregan.example", consultant: "l.tehrani@arman.example", sponsor: "f.karimi@mehregan.example", member: "n.rahimi@mehregan.example", viewer: "h.nazari@mehregan.example" })) {
    sessions[who] = await signIn(server.url, email);
  }
});
afterAll(() => server?.stop());

const get = (p: string, who: string) => fetch(server.url + p, { headers: { Cookie: sessions[who]! }, redirect: "manual" });
/** A download as the Documents page's buttons make it: a form posted from this site. */
const download = (p: string, who: string, lang?: string) =>
  fetch(server.url + p, { method: "POST", body: new URLSearchParams({ intent: "download", ...(lang === undefined ? {} : { lang }) }), headers: { Cookie: sessions[who]!, Origin: server.url }, redirect: "manual" });
const post = (p: string, who: string, body: FormData) => fetch(server.url + p, { method: "POST", body, headers: { Cookie: sessions[who]!, Origin: server.url }, redirect: "manual" });

function brandingForm(fields: Record<string, string>, logo?: { data: Uint8Array; name: string; type: string }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  if (logo) fd.set("logo", new Blob([new Uint8Array(logo.data)], { type: logo.type }), logo.name);
  return fd;
}

describe("downloading deliverables", () => {
  test("the documents page lists the three deliverables with downloads in both languages, and says diagrams will be tables", async () => {
    const r = await get("/projects/1/documents", "pm");
    expect(r.status).toBe(200);
    const html = await r.text();
    for (const id of ["scope-document", "vision-minutes", "go-no-go"]) {
      const card = html.slice(html.indexOf(`data-deliverable="${id}"`));
      expect(card).toContain(`action="/projects/1/documents/${id}/download"`);
      // One form; each button sends its language (and the draft choice beside them).
      expect(card).toMatch(/<button[^>]*value="fa"[^>]*name="lang"/);
      expect(card).toMatch(/<button[^>]*value="en"[^>]*name="lang"/);
    }
    expect(html).toMatch(/Chromium/);
  });

  test("a download is a valid .docx named by the server, with the Persian client name encoded", async () => {
    const r = await download("/projects/1/documents/scope-document/download", "consultant", "en");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const disposition = r.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="scope-document-[^"]*-v1-en\.docx"; filename\*=UTF-8''scope-document-/);
    expect(decodeURIComponent(disposition.split("''")[1]!)).toBe("scope-document-شرکت-صنایع-غذایی-مهرگان-v1-en.docx");
    const body = new Uint8Array(await r.arrayBuffer());
    expect(malformedParts(body)).toEqual([]);
    const text = documentText(body);
    expect(text).toContain("Scope document");
    expect(text).toContain("پیاده‌سازی CRM مهرگان");
    expect(text).toContain("The diagram could not be drawn on this server");
  });

  test("the project's language is the first button; a language must be fa or en", async () => {
    const html = await (await get("/projects/1/documents", "sponsor")).text();
    const buttons = html.slice(html.indexOf('data-deliverable="vision-minutes"'));
    expect(buttons.indexOf('data-lang="fa"')).toBeGreaterThan(-1);
    expect(buttons.indexOf('data-lang="fa"')).toBeLessThan(buttons.indexOf('data-lang="en"'));
    const r = await download("/projects/1/documents/vision-minutes/download", "sponsor", "fa");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-disposition")).toContain("-fa.docx");
    expect(documentText(new Uint8Array(await r.arrayBuffer()))).toContain("صورتجلسه کارگاه چشم‌انداز");
    expect((await download("/projects/1/documents/vision-minutes/download", "pm", "de")).status).toBe(400);
    expect((await download("/projects/1/documents/vision-minutes/download", "pm")).status).toBe(400);
    expect((await download("/projects/1/documents/no-such-document/download", "pm", "fa")).status).toBe(404);
  });

  test("the draft choice reaches the document: a draft is named as one; a draft value other than 'true' is refused with a message", async () => {
    const html = await (await get("/projects/1/documents", "pm")).text();
    const card = html.slice(html.indexOf('data-deliverable="scope-document"'));
    expect(card.slice(0, card.indexOf("</form>"))).toMatch(/<input[^>]*type="checkbox"[^>]*name="draft"[^>]*value="true"/);
    const post = (fields: string[][]) =>
      fetch(server.url + "/projects/1/documents/scope-document/download", { method: "POST", body: new URLSearchParams(fields), headers: { Cookie: sessions.pm!, Origin: server.url }, redirect: "manual" });
    const draft = await post([["intent", "download"], ["lang", "en"], ["draft", "true"]]);
    expect(draft.status).toBe(200);
    expect(draft.headers.get("content-disposition")).toMatch(/-v\d+-en-draft\.docx"/);
    expect(malformedParts(new Uint8Array(await draft.arrayBuffer()))).toEqual([]);
    const final = await post([["intent", "download"], ["lang", "en"]]);
    expect(final.headers.get("content-disposition")).not.toContain("draft");
    for (const bad of [[["draft", "yes"]], [["draft", "true"], ["draft", "true"]], [["draft", ""]]]) {
      const r = await post([["intent", "download"], ["lang", "en"], ...bad]);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(await r.text()).toContain("documents.errors.badDraft");
    }
  });

  test("each deliverable shows whether it is ready to send, with its open items linked to the step that answers them", async () => {
    const html = await (await get("/projects/1/documents", "pm")).text();
    for (const id of ["scope-document", "vision-minutes", "go-no-go"]) {
      const card = html.slice(html.indexOf(`data-deliverable="${id}"`));
      const own = card.slice(0, card.indexOf("</form>"));
      expect(own).toMatch(/data-send-check="(ready|open-items|contradictions)"/);
      expect(own.indexOf("data-send-check")).toBeLessThan(own.indexOf("/download"));
    }
    expect(html).toMatch(/href="\/projects\/1\/phases\/[a-z-]+\/steps\/[a-z-]+#item-[a-z.-]+"/);
  });

  test("team members and viewers can read the page but not download; non-members get 404", async () => {
    expect((await get("/projects/1/documents", "member")).status).toBe(200);
    expect(await (await get("/projects/1/documents", "viewer")).text()).not.toContain("/download");
    expect((await download("/projects/1/documents/go-no-go/download", "member", "en")).status).toBe(403);
    expect((await download("/projects/1/documents/go-no-go/download", "viewer", "en")).status).toBe(403);
    expect((await download("/projects/999/documents/go-no-go/download", "pm", "en")).status).toBe(404);
  });

  test("the same content keeps its version; the page shows who downloaded it", async () => {
    const first = await download("/projects/1/documents/go-no-go/download", "pm", "en");
    const second = await download("/projects/1/documents/go-no-go/download", "pm", "fa");
    expect(first.headers.get("content-disposition")).toContain("-v1-en.docx");
    expect(second.headers.get("content-disposition")).toContain("-v1-fa.docx");
    const html = await (await get("/projects/1/documents", "pm")).text();
    expect(html).toMatch(/سارا احمدی/);
    // The history records the new version once, by name of the document.
    const history = await (await get("/projects/1/history?category=documents", "pm")).text();
    expect(history).toMatch(/produced a new version of|نسخه تازه‌ای از «/);
    expect(history).toMatch(/Go\/no-go decision record|سند تصمیم استقرار/);
  });
});

describe("branding", () => {
  test("a bad colour and a file that is not an image are refused next to their fields, with what was typed kept and nothing saved", async () => {
    const r = await post("/projects/1/documents", "consultant", brandingForm({ intent: "branding-save", firmName: "Arman Advisory", primaryColor: "blue-ish", font: "" }, { data: new TextEncoder().encode("not an image"), name: "logo.png", type: "image/png" }));
    expect(r.status).toBe(400);
    const html = await r.text();
    expect(html).toMatch(/six hex digits|شش رقم هگز/);
    expect(html).toMatch(/PNG or JPEG|PNG یا JPEG/);
    expect(html).toContain('value="Arman Advisory"');
    const doc = await download("/projects/1/documents/go-no-go/download", "pm", "en");
    expect(documentText(new Uint8Array(await doc.arrayBuffer()))).not.toContain("Arman Advisory");
  });

  test("a project's own branding appears in its next document; going back to the installation's removes it", async () => {
    const saved = await post("/projects/1/documents", "consultant", brandingForm({ intent: "branding-save", firmName: "Arman Advisory", primaryColor: "#7A1F5C", font: "Arial" }, { data: PNG_1PX, name: "logo.png", type: "image/png" }));
    expect(saved.status).toBe(200);
    const doc = new Uint8Array(await (await download("/projects/1/documents/go-no-go/download", "pm", "en")).arrayBuffer());
    expect(documentText(doc)).toContain("Arman Advisory");
    const reset = await post("/projects/1/documents", "pm", brandingForm({ intent: "branding-reset" }));
    expect(reset.status).toBe(200);
    const after = new Uint8Array(await (await download("/projects/1/documents/go-no-go/download", "pm", "en")).arrayBuffer());
    expect(documentText(after)).not.toContain("Arman Advisory");
  });

  test("only project managers and consultants set a project's branding; only administrators the installation's", async () => {
    expect((await post("/projects/1/documents", "sponsor", brandingForm({ intent: "branding-save", firmName: "X" }))).status).toBe(403);
    expect((await post("/projects/1/documents", "member", brandingForm({ intent: "branding-save", firmName: "X" }))).status).toBe(403);
    expect((await get("/admin/branding", "consultant")).status).toBe(403);
  });
});
