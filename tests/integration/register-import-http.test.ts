/**
 * Importing a register from a spreadsheet over HTTP (decision 045), against
 * two production servers sharing one database, as the concurrency test runs
 * them: the file uploaded to one is previewed and confirmed on the other (it
 * is kept beside the database, not in a process's memory). A register of a
 * signed phase refuses the import (409) and writes nothing; a viewer may
 * download but not import.
 */
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signIn, startServer, type RunningServer } from "#tests/setup/server.ts";
import { formatDate } from "#app/views/format.ts";

const PROJECT = 1;
const REQUIREMENTS = "requirements.register";
const TEAM = "team.members";
let a: RunningServer;
let b: RunningServer;
let pm: string;
let viewer: string;

beforeAll(async () => {
  // The demo's sponsor signatures on (team and vision signed), as a fresh installation has them.
  a = await startServer({ GAMBEGAM_DEMO_SIGNOFFS: null });
  b = await startServer({ GAMBEGAM_DEMO_SIGNOFFS: null, DATABASE_PATH: a.databasePath });
  pm = await signIn(a.url, "s.ahmadi@mehregan.example");
  viewer = await signIn(a.url, "h.nazari@mehregan.example");
}, 180_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

function read<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(a.databasePath, { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
const rowsOf = (itemId: string) => read<{ id: number; version: number; cells: string }>("SELECT id, version, cells FROM register_rows WHERE project_id = ? AND item_id = ? ORDER BY position, id", PROJECT, itemId);
const auditCount = () => read<{ n: number }>("SELECT count(*) AS n FROM audit_log")[0]!.n;

async function download(server: RunningServer, itemId: string, cookie: string, format = "xlsx"): Promise<Response> {
  return fetch(`${server.url}/projects/${PROJECT}/registers/${itemId}/sheet?format=${format}&lang=fa`, { headers: { Cookie: cookie } });
}

async function upload(server: RunningServer, itemId: string, bytes: Uint8Array, name: string): Promise<Response> {
  const fd = new FormData();
  fd.append("intent", "upload");
  fd.append("file", new Blob([new Uint8Array(bytes)]), name);
  return fetch(`${server.url}/projects/${PROJECT}/registers/${itemId}/import`, { method: "POST", body: fd, headers: { Cookie: pm }, redirect: "manual" });
}

describe("a register imported over HTTP", () => {
  test("uploaded to one server process, previewed and confirmed on the other: the rows are written, each with its history entry", async () => {
    const before = rowsOf(REQUIREMENTS);
    const res = await download(a, REQUIREMENTS, pm);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    ws.getCell(4, 3).value = "پرونده واحد هر فروشگاه (از صفحه‌گسترده)";
    ws.getCell(ws.rowCount + 1, 3).value = "نیازمندی تازه از صفحه‌گسترده";
    const up = await upload(a, REQUIREMENTS, new Uint8Array(await wb.xlsx.writeBuffer()), "نیازمندی‌ها.xlsx");
    expect(up.status).toBe(303);
    const previewPath = new URL(up.headers.get("location")!, a.url);
    const id = previewPath.searchParams.get("upload")!;
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    const page = await fetch(`${b.url}${previewPath.pathname}${previewPath.search}`, { headers: { Cookie: pm } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("پرونده واحد هر فروشگاه (از صفحه‌گسترده)");
    expect(html).toContain("نیازمندی تازه از صفحه‌گسترده");
    const fingerprint = html.match(/name="fingerprint" value="([0-9a-f]{32})"/)![1]!;
    expect(rowsOf(REQUIREMENTS)).toEqual(before);

    const confirm = await fetch(`${b.url}/projects/${PROJECT}/registers/${REQUIREMENTS}/import`, {
      method: "POST",
      body: new URLSearchParams({ intent: "confirm", upload: id, fingerprint }),
      headers: { Cookie: pm },
      redirect: "manual",
    });
    expect(confirm.status).toBe(303);
    expect(confirm.headers.get("location")).toMatch(/\?written=1-1$/);
    const after = rowsOf(REQUIREMENTS);
    expect(after).toHaveLength(before.length + 1);
    expect(JSON.parse(after[0]!.cells).requirement).toBe("پرونده واحد هر فروشگاه (از صفحه‌گسترده)");
    expect(JSON.parse(after.at(-1)!.cells).requirement).toBe("نیازمندی تازه از صفحه‌گسترده");
    const entries = read<{ action: string; subject: string; actor_name: string }>("SELECT action, subject, actor_name FROM audit_log WHERE project_id = ? AND subject = ? ORDER BY id", PROJECT, "نیازمندی‌ها.xlsx");
    expect(entries.map((e) => e.action)).toEqual(["row.add", "row.update"]);
    expect(entries.every((e) => e.actor_name === "سارا احمدی")).toBe(true);

    // Used up: the same upload cannot be confirmed twice, on either server.
    const again = await fetch(`${a.url}/projects/${PROJECT}/registers/${REQUIREMENTS}/import`, { method: "POST", body: new URLSearchParams({ intent: "confirm", upload: id, fingerprint }), headers: { Cookie: pm }, redirect: "manual" });
    expect(again.status).toBe(410);
  });

  test("a row to add shows every filled cell as read before it is written (numbers, a Jalali date as the app shows it, choices); a reference typed as the row's name is taken; download names keep no joiner Chromium would turn into '_'", async () => {
    const GOALS = "goals.register";
    const res = await download(a, GOALS, pm);
    expect(decodeURIComponent(res.headers.get("content-disposition")!)).not.toContain("\u200C");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(3).values as unknown[]).map((v) => String(v ?? "").replace(/ \*$/, ""));
    const col = (fa: string) => header.indexOf(fa);
    const line = ws.rowCount + 1;
    const set = (fa: string, v: string | number) => {
      expect(col(fa), fa).toBeGreaterThan(0);
      ws.getCell(line, col(fa)).value = v;
    };
    set("هدف", "هدف تازه از صفحه‌گسترده");
    set("شاخص کلیدی عملکرد", "زمان پاسخ");
    set("مقدار مبنا (وضع فعلی)", "۶۵");
    set("مقدار هدف", "۸۰");
    set("تاریخ هدف", "۱۴۰۶/۱۰/۰۱");
    // A roadmap stage typed by its name, without the "12 · " the drop-down shows.
    const stages = wb.getWorksheet("lists")!.getColumn(1).values.slice(1).map(String).filter((v) => / · /.test(v));
    expect(stages.length).toBeGreaterThan(0);
    const stageName = stages[0]!.replace(/^\d+ · /, "");
    set("مرحله نقشه راه", stageName);
    set("دسته MoSCoW", "باید (Must)");
    const up = await upload(a, GOALS, new Uint8Array(await wb.xlsx.writeBuffer()), "goals.xlsx");
    expect(up.status).toBe(303);
    const html = await (await fetch(new URL(up.headers.get("location")!, a.url), { headers: { Cookie: pm } })).text();
    const from = html.slice(html.indexOf('data-testid="import-adds"'));
    const adds = from.slice(0, from.indexOf("</section>"));
    expect(adds).toContain("هدف تازه از صفحه‌گسترده");
    expect(adds).toContain("۶۵");
    expect(adds).toContain("۸۰");
    expect(adds).toContain(formatDate("2027-12-22", "fa"));
    expect(adds).toContain(stageName);
    expect(adds).toContain("باید (Must)");
    expect(html).not.toContain('data-testid="import-refused"');
    const cancel = new URLSearchParams({ intent: "cancel", upload: new URL(up.headers.get("location")!, a.url).searchParams.get("upload")! });
    await fetch(`${a.url}/projects/${PROJECT}/registers/${GOALS}/import`, { method: "POST", body: cancel, headers: { Cookie: pm }, redirect: "manual" });
  });

  test("a register of a signed phase: the page says why and offers no upload; an upload is refused with 409 and nothing is written", async () => {
    const page = await (await fetch(`${a.url}/projects/${PROJECT}/registers/${TEAM}/import`, { headers: { Cookie: pm } })).text();
    expect(page).toContain('data-testid="read-only"');
    expect(page).not.toContain('id="sheet-file"');
    const file = new Uint8Array(await (await download(a, TEAM, pm)).arrayBuffer());
    const audits = auditCount();
    const rows = rowsOf(TEAM);
    const res = await upload(b, TEAM, file, "team.xlsx");
    expect(res.status).toBe(409);
    expect(await res.text()).toMatch(/sheetImport|تأیید و امضا|signed off/);
    expect(rowsOf(TEAM)).toEqual(rows);
    expect(auditCount()).toBe(audits);
  });

  test("a viewer may download a register and the whole-project workbook, but not open the import", async () => {
    expect((await download(a, REQUIREMENTS, viewer, "csv")).status).toBe(200);
    const csv = await download(b, REQUIREMENTS, viewer, "csv");
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(new Uint8Array(await csv.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    const workbook = await fetch(`${a.url}/projects/${PROJECT}/workbook`, { headers: { Cookie: viewer } });
    expect(workbook.status).toBe(200);
    expect(workbook.headers.get("content-disposition")).toMatch(/\.xlsx/);
    await workbook.body?.cancel();
    const page = await fetch(`${a.url}/projects/${PROJECT}/registers/${REQUIREMENTS}/import`, { headers: { Cookie: viewer } });
    expect(page.status).toBe(403);
    await page.body?.cancel();
  });
});
