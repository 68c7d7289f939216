import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getPacks } from "#methodology/registry.ts";
import { registerItem, type Language, type RegisterItem } from "#methodology/schema.ts";
import { buildProjectWorkbook, buildRegisterCsv, buildRegisterXlsx, packRegisters, readRegisterFile, type RegisterSheetInput } from "./register-sheet.server.ts";

const pack = getPacks().get("crm-implementation", "1.0.0")!;

/** A register with every kind of column (the ref points at the goals register). */
const item: RegisterItem = registerItem.parse({
  id: "test.everything",
  kind: "register",
  title: { en: "Everything register", fa: "جدول همه‌چیز" },
  source: "good-practice",
  maxRows: 50,
  columns: [
    { id: "name", type: "text", label: { en: "Name", fa: "نام" }, required: true, maxLength: 40 },
    { id: "notes", type: "long-text", label: { en: "Notes", fa: "یادداشت" } },
    { id: "priority", type: "choice", label: { en: "Priority", fa: "اولویت" }, options: [
      { id: "must", label: { en: "Must have", fa: "ضروری" } },
      { id: "should", label: { en: "Should have", fa: "مهم" } },
      { id: "could", label: { en: "Could have", fa: "مطلوب" } },
    ] },
    { id: "amount", type: "number", label: { en: "Amount", fa: "مبلغ" }, min: 0, max: 1000000 },
    { id: "due", type: "date", label: { en: "Due date", fa: "تاریخ سررسید" } },
    { id: "effort", type: "scale", label: { en: "Effort", fa: "میزان تلاش" }, min: 1, max: 5 },
    { id: "goal", type: "ref", label: { en: "Goal", fa: "هدف" }, register: "goals.register" },
  ],
});

const ROWS = [
  { id: 31, version: 2, cells: { name: "Shared customer record", notes: "Sales and service\nsee one history.", priority: "must", amount: 12500.5, due: "2026-12-05", effort: 3, goal: 12 } },
  { id: 32, version: 1, cells: { name: "Quote reminder", notes: "", priority: null, amount: null, due: null, effort: null, goal: null } },
  { id: 35, version: 7, cells: { name: "ثبت شکایت از همه کانال‌ها", notes: "متن فارسی، با ویرگول", priority: "could", amount: 0, due: "2027-03-21", effort: 5, goal: 14 } },
];
const REF_LABELS = { "goals.register": new Map([[12, "Retain key accounts, fewer losses"], [14, "کاهش ریزش مشتری"]]) };

function input(lang: Language, over: Partial<RegisterSheetInput> = {}): RegisterSheetInput {
  return {
    project: { id: 7, name: "Alder & Finch CRM" },
    pack,
    item,
    rows: ROWS as unknown as RegisterSheetInput["rows"],
    lang,
    exportedAt: new Date("2026-12-05T09:00:00Z"),
    refLabels: REF_LABELS,
    ...over,
  };
}
const expected = (over: Partial<{ projectId: number; item: RegisterItem; maxRows: number }> = {}) => ({ projectId: 7, item, pack, ...over });

async function open(buf: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  return wb;
}
const save = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());
const utf8 = (s: string) => new TextEncoder().encode(s);

function refusal(r: Awaited<ReturnType<typeof readRegisterFile>>) {
  if (r.ok) throw new Error(`expected a refusal, read ${r.rows.length} rows`);
  return r.refusal;
}
function rowsOf(r: Awaited<ReturnType<typeof readRegisterFile>>) {
  if (!r.ok) throw new Error(`refused: ${r.refusal.code} ${r.refusal.message.en}`);
  return r.rows;
}

describe("a register as a workbook", () => {
  it.each(["en", "fa"] as const)("reads back what it wrote, every kind of column (%s)", async (lang) => {
    const r = await readRegisterFile(await buildRegisterXlsx(input(lang)), expected());
    expect(r.ok && [r.projectId, r.itemId, r.format]).toEqual([7, "test.everything", "xlsx"]);
    const rows = rowsOf(r);
    expect(rows.map((x) => [x.rowId, x.version, x.problems])).toEqual([[31, 2, []], [32, 1, []], [35, 7, []]]);
    expect(rows.map((x) => x.cells)).toEqual(ROWS.map((x) => x.cells));
    expect(rows.map((x) => x.line)).toEqual([4, 5, 6]);
  });

  it("writes typed cells a spreadsheet user can work with: numbers, real dates, drop-downs in the reader's language, marked and greyed columns", async () => {
    for (const lang of ["en", "fa"] as const) {
      const wb = await open(await buildRegisterXlsx(input(lang)));
      const ws = wb.worksheets[0]!;
      const title = String(ws.getCell("A1").value);
      expect(title).toContain("Alder & Finch CRM");
      expect(title).toContain(item.title[lang]);
      expect(title).toContain(lang === "fa" ? "۱۴۰۵" : "2026");
      expect(String(ws.getCell("A2").value)).toBe(`gambegam-register:1:7:test.everything   ${lang === "en" ? "Import key — do not change · Columns marked * are required · Dates in the Solar Hijri or the Gregorian calendar are both accepted" : "کلید درون‌ریزی — تغییر ندهید · ستون‌های * الزامی‌اند · تاریخ‌ها به شمسی یا میلادی پذیرفته می‌شوند"}`);
      const header = (ws.getRow(3).values as unknown[]).slice(1).map(String);
      expect(header).toEqual(lang === "en"
        ? ["Row id", "Version", "Name *", "Notes", "Priority", "Amount", "Due date", "Effort", "Goal"]
        : ["شناسه سطر", "نسخه", "نام *", "یادداشت", "اولویت", "مبلغ", "تاریخ سررسید", "میزان تلاش", "هدف"]);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3, rightToLeft: lang === "fa" });
      expect(ws.getCell("A4").value).toBe(31);
      expect(ws.getCell("F4").value).toBe(12500.5);
      expect(ws.getCell("G4").value).toBeInstanceOf(Date);
      expect(ws.getCell("G4").numFmt).toBe(lang === "en" ? "yyyy-mm-dd" : "[$-160429]yyyy/mm/dd");
      expect(ws.getCell("H4").value).toBe(3);
      expect(ws.getCell("H4").dataValidation).toMatchObject({ type: "whole", operator: "between", formulae: [1, 5] });
      expect(ws.getCell("E4").value).toBe(lang === "en" ? "Must have" : "ضروری");
      expect(ws.getCell("E4").dataValidation).toMatchObject({ type: "list" });
      expect(ws.getCell("E4").dataValidation.formulae[0]).toContain(lang === "en" ? "Must have" : "ضروری");
      expect(ws.getCell("I4").value).toBe(lang === "en" ? "12 · Retain key accounts, fewer losses" : "12 · Retain key accounts, fewer losses");
      expect(ws.getCell("I6").value).toBe("14 · کاهش ریزش مشتری");
      // Typing something else into a reference cell names the register it points at.
      expect(ws.getCell("I4").dataValidation.error).toContain(lang === "en" ? "“CRM programme goals and their priority”" : "«اهداف برنامه CRM و اولویت آن‌ها»");
      // The key columns are greyed; a new row's cells are ready too (drop-downs below the last row).
      expect((ws.getCell("A4").fill as ExcelJS.FillPattern).fgColor?.argb).toBe((ws.getCell("B5").fill as ExcelJS.FillPattern).fgColor?.argb);
      expect((ws.getCell("A4").fill as ExcelJS.FillPattern).pattern).toBe("solid");
      expect(ws.getCell("E7").dataValidation).toMatchObject({ type: "list" });
      expect(ws.getColumn(4).width).toBeGreaterThan(ws.getColumn(1).width!);
      // Seen in LibreOffice: the register's name first (a project name starting "CRM" turned a Persian title
      // left to right), each cell right to left in Persian, and row heights written so wrapped text does not overlap.
      expect(title.startsWith(item.title[lang])).toBe(true);
      expect(ws.getCell("I6").alignment?.readingOrder).toBe(lang === "fa" ? "rtl" : undefined);
      expect(ws.getCell("A1").alignment?.readingOrder).toBe(lang === "fa" ? "rtl" : undefined);
      expect(ws.getRow(4).height).toBeGreaterThan(15);
    }
  });

  it("puts a long list of options on a hidden list sheet", async () => {
    const many: RegisterItem = registerItem.parse({
      ...item,
      columns: [{ id: "informs", type: "choice", label: { en: "Informs", fa: "پشتوانه" }, options: Array.from({ length: 30 }, (_, i) => ({ id: `option-${i}`, label: { en: `A rather long option label number ${i}`, fa: `گزینه نسبتاً طولانی شماره ${i}` } })) }],
    });
    const buf = await buildRegisterXlsx(input("en", { item: many, rows: [{ id: 1, version: 1, cells: { informs: "option-29" } }] as unknown as RegisterSheetInput["rows"] }));
    const wb = await open(buf);
    const lists = wb.worksheets.find((s) => s.state === "hidden" || s.state === "veryHidden");
    expect(lists).toBeDefined();
    expect(wb.worksheets[0]!.getCell("C4").dataValidation.formulae[0]).toMatch(/^'?lists'?!\$A\$1:\$A\$30$/);
    expect(rowsOf(await readRegisterFile(buf, expected({ item: many })))[0]!.cells).toEqual({ informs: "option-29" });
  });

  it("reads a workbook edited with exceljs: two rows changed, one added (labels of either language, Persian digits, Jalali dates)", async () => {
    const wb = await open(await buildRegisterXlsx(input("fa")));
    const ws = wb.worksheets[0]!;
    ws.getCell("C4").value = "  Shared customer record — one view  ";
    ws.getCell("E5").value = "Should have"; // English label in a Persian sheet
    ws.getCell("G5").value = "۱۴۰۵/۰۹/۱۴"; // Jalali, Persian digits
    ws.getCell("F5").value = "۱۲٬۵۰۰٫۲۵";
    ws.getRow(7).values = [null, null, "Complaints\u200E deadline", "", "could", "1,200", new Date(Date.UTC(2027, 0, 2)), "4", "14"];
    ws.getRow(9).values = ["", "", "   ", ""]; // a blank row, skipped
    const rows = rowsOf(await readRegisterFile(await save(wb), expected()));
    expect(rows.map((r) => [r.line, r.rowId, r.version])).toEqual([[4, 31, 2], [5, 32, 1], [6, 35, 7], [7, null, null]]);
    expect(rows[0]!.cells.name).toBe("Shared customer record — one view");
    expect(rows[1]!.cells).toMatchObject({ priority: "should", due: "2026-12-05", amount: 12500.25 });
    expect(rows[3]!.cells).toEqual({ name: "Complaints deadline", notes: "", priority: "could", amount: 1200, due: "2027-01-02", effort: 4, goal: 14 });
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
  });

  it("lists the problems of each cell without refusing the file: required, out of range, unknown choice, bad date, too long, bad key cells", async () => {
    const wb = await open(await buildRegisterXlsx(input("en")));
    const ws = wb.worksheets[0]!;
    ws.getCell("C4").value = ""; // required
    ws.getCell("F4").value = -3; // below min
    ws.getCell("E5").value = "Nice to have"; // unknown choice
    ws.getCell("G5").value = "31/12/2026"; // ambiguous date
    ws.getCell("C6").value = "x".repeat(41); // too long
    ws.getCell("H6").value = 9; // out of the scale
    ws.getCell("I6").value = "the goal"; // not a row id
    ws.getCell("A7").value = "abc";
    ws.getCell("C7").value = "New";
    const rows = rowsOf(await readRegisterFile(await save(wb), expected()));
    const problems = rows.map((r) => r.problems.map((p) => [p.column, p.message.en]));
    expect(problems[0]).toEqual([["name", "This field is required."], ["amount", "Must be at least 0."]]);
    expect(problems[1]![0]![0]).toBe("priority");
    expect(problems[1]![0]![1]).toContain("Must have, Should have, Could have");
    expect(problems[1]![1]).toEqual(["due", expect.stringContaining("yyyy-mm-dd")]);
    expect(problems[2]!.map((p) => p[0])).toEqual(["name", "effort", "goal"]);
    expect(problems[2]![0]![1]).toBe("41 characters, at most 40.");
    expect(problems[3]!.map((p) => p[0])).toEqual(["id"]);
    expect(rows[0]!.problems[0]!.message.fa).toBe("پر کردن این خانه الزامی است.");
    expect(rows[1]!.cells.priority).toBe("Nice to have");
  });
});

describe("a register as CSV", () => {
  it.each(["en", "fa"] as const)("reads back what it wrote (%s)", async (lang) => {
    const csv = buildRegisterCsv(input(lang));
    expect(csv.startsWith("\uFEFF")).toBe(false);
    const lines = csv.split("\r\n");
    expect(lines[1]).toMatch(/^gambegam-register:1:7:test\.everything/);
    expect(lines[3]).toContain(lang === "en" ? "2026-12-05" : "1405/09/14");
    const rows = rowsOf(await readRegisterFile(utf8("\uFEFF" + csv), expected()));
    expect(rows.map((x) => [x.rowId, x.version])).toEqual([[31, 2], [32, 1], [35, 7]]);
    expect(rows.map((x) => x.cells)).toEqual(ROWS.map((x) => x.cells));
  });

  it("keeps a text that starts like a formula from running when the CSV is opened, and reads it back as typed", async () => {
    const rows = [{ id: 40, version: 1, cells: { ...ROWS[1]!.cells, name: "=HYPERLINK(\"http://x\")", notes: "+1 more" } }];
    const csv = buildRegisterCsv(input("en", { rows: rows as unknown as RegisterSheetInput["rows"] }));
    expect(csv).toContain("'=HYPERLINK");
    expect(rowsOf(await readRegisterFile(utf8(csv), expected()))[0]!.cells).toMatchObject({ name: "=HYPERLINK(\"http://x\")", notes: "+1 more" });
  });

  it("reads Persian and Arabic digits, Jalali dates in both spellings, semicolons, choice ids and refs by number", async () => {
    const csv = [
      "عنوان",
      "gambegam-register:1:7:test.everything",
      "شناسه سطر;نسخه;نام *;یادداشت;اولویت;مبلغ;تاریخ سررسید;میزان تلاش;هدف",
      "۳۱;۲;«الف»;;must;١٢٣٫٥;1405-09-14;٣;۱۲",
      ";;\"ب; با نقطه‌ویرگول\";;مهم;۱ ۲۰۰;۱۴۰۵/۰۹/۱۴;;12 · Retain",
      ";;;;;;;;",
    ].join("\n");
    const rows = rowsOf(await readRegisterFile(utf8(csv), expected()));
    expect(rows.map((r) => r.problems)).toEqual([[], []]);
    expect(rows[0]!.cells).toMatchObject({ name: "«الف»", priority: "must", amount: 123.5, due: "2026-12-05", effort: 3, goal: 12 });
    expect(rows[1]!.cells).toMatchObject({ name: "ب; با نقطه‌ویرگول", priority: "should", amount: 1200, due: "2026-12-05", goal: 12 });
    const persianSeparator = csv.replace(/;/g, "\u061B");
    expect(rowsOf(await readRegisterFile(utf8(persianSeparator), expected())).map((r) => r.cells.name)).toEqual(["«الف»", "ب؛ با نقطه‌ویرگول"]);
  });

  it("reads the CSV LibreOffice saves from the workbook (UTF-8, dates and Persian kept)", async () => {
    for (const lang of ["fa", "en"] as const) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sheetcore-"));
      fs.writeFileSync(path.join(dir, "register.xlsx"), await buildRegisterXlsx(input(lang)));
      execFileSync("soffice", ["--headless", "-env:UserInstallation=file:///tmp/lo-sheetcore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", dir, path.join(dir, "register.xlsx")], { stdio: "ignore", timeout: 120_000 });
      const bytes = fs.readFileSync(path.join(dir, "register.csv"));
      const text = bytes.toString("utf8");
      // Persian: the Solar Hijri format is Excel's; LibreOffice shows (and writes) the Gregorian date with slashes, which reads back.
      expect(text).toContain(lang === "en" ? "2026-12-05" : "2026/12/05");
      expect(text).toContain("ثبت شکایت از همه کانال‌ها");
      const rows = rowsOf(await readRegisterFile(bytes, expected()));
      expect(rows.map((x) => x.cells)).toEqual(ROWS.map((x) => x.cells));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("our CSV in LibreOffice", () => {
  it("opens as UTF-8 with its BOM, and saved from LibreOffice as .xlsx reads back the same (dates, numbers, Persian, refs)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sheetcore-"));
    fs.writeFileSync(path.join(dir, "register.csv"), "\uFEFF" + buildRegisterCsv(input("fa")));
    execFileSync("soffice", ["--headless", "-env:UserInstallation=file:///tmp/lo-sheetcore", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", dir, path.join(dir, "register.csv")], { stdio: "ignore", timeout: 120_000 });
    const rows = rowsOf(await readRegisterFile(fs.readFileSync(path.join(dir, "register.xlsx")), expected()));
    expect(rows.map((x) => [x.rowId, x.version, x.cells])).toEqual(ROWS.map((x) => [x.id, x.version, x.cells]));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe("refusing a whole file, with a message in both languages", () => {
  it("refuses what is not a workbook or CSV text, a damaged workbook, an empty file, a file too large", async () => {
    const good = await buildRegisterXlsx(input("en"));
    expect(refusal(await readRegisterFile(new Uint8Array(), expected())).code).toBe("empty");
    expect(refusal(await readRegisterFile(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), expected())).code).toBe("not-a-workbook");
    expect(refusal(await readRegisterFile(Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256), expected())).code).toBe("not-a-workbook");
    expect(refusal(await readRegisterFile(good.subarray(0, good.length - 200), expected())).code).toBe("damaged");
    expect(refusal(await readRegisterFile(new Uint8Array(6 * 1024 * 1024), expected())).code).toBe("too-large");
    const r = refusal(await readRegisterFile(utf8("hello"), expected()));
    expect(r.code).toBe("no-key");
    expect(r.message.en.length).toBeGreaterThan(20);
    expect(r.message.fa.length).toBeGreaterThan(20);
  });

  it("refuses a CSV that is not UTF-8 (Excel's CSV in a Persian Windows code page), saying how to save it", async () => {
    const cp1256 = Buffer.from("gambegam-register:1:7:test.everything\r\n\xe4\xc7\xe3\r\n", "latin1");
    const r = refusal(await readRegisterFile(cp1256, expected()));
    expect(r.code).toBe("encoding");
    expect(r.message.en).toContain("UTF-8");
    // LibreOffice's bare "--convert-to csv" in a Latin-1 system writes every Persian letter as "?" (valid ASCII, so valid UTF-8).
    const asked = buildRegisterCsv(input("fa")).replace(/[\u0600-\u06FF\u200C]/g, "?").replace(/·/g, "?");
    expect(refusal(await readRegisterFile(utf8(asked), expected())).code).toBe("encoding");
  });

  it("refuses a file of another project or another register, or one without its key", async () => {
    const good = await buildRegisterXlsx(input("en"));
    expect(refusal(await readRegisterFile(good, expected({ projectId: 8 }))).code).toBe("other-project");
    const other = registerItem.parse({ ...item, id: "test.other" });
    expect(refusal(await readRegisterFile(good, expected({ item: other }))).code).toBe("other-register");
    const wb = await open(good);
    wb.worksheets[0]!.getCell("A2").value = null;
    expect(refusal(await readRegisterFile(await save(wb), expected())).code).toBe("no-key");
    const csv = buildRegisterCsv(input("en")).replace("gambegam-register:1:7:", "gambegam-register:1:9:");
    expect(refusal(await readRegisterFile(utf8(csv), expected())).code).toBe("other-project");
  });

  it("refuses any formula, naming its cell", async () => {
    const wb = await open(await buildRegisterXlsx(input("en")));
    wb.worksheets[0]!.getCell("F5").value = { formula: "F4*2", result: 25001 } as ExcelJS.CellFormulaValue;
    const r = refusal(await readRegisterFile(await save(wb), expected()));
    expect(r.code).toBe("formula");
    expect(r.message.en).toContain("F5");
  });

  it("refuses header columns changed beyond recognition (a column gone, an unknown one), but takes them in another order or language", async () => {
    const wb = await open(await buildRegisterXlsx(input("en")));
    wb.worksheets[0]!.getCell("F3").value = "Cost centre";
    const r = refusal(await readRegisterFile(await save(wb), expected()));
    expect(r.code).toBe("columns-changed");
    expect(r.message.en).toContain("Amount");
    expect(r.message.en).toContain("Cost centre");
    const csv = buildRegisterCsv(input("en")).split("\r\n");
    csv[2] = "Row id,Version,نام,Notes,Priority,Amount,Due date,Effort,Goal *";
    expect(rowsOf(await readRegisterFile(utf8(csv.join("\r\n")), expected())).length).toBe(3);
  });

  it("refuses more rows than the register takes, saying both numbers", async () => {
    const r = refusal(await readRegisterFile(await buildRegisterXlsx(input("en")), expected({ maxRows: 2 })));
    expect(r.code).toBe("too-many-rows");
    expect(r.message.en).toContain("at most 2 rows");
    expect(r.message.en).toContain("has 3");
    expect(r.message.fa).toContain("۲");
  });

  it("refuses a 100,000-row sheet from the zip's own numbers, before a spreadsheet parser reads it", async () => {
    const zip = await JSZip.loadAsync(await buildRegisterXlsx(input("en")));
    const name = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    const rows = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 7}"><c r="C${i + 7}" t="inlineStr"><is><t>r</t></is></c></row>`).join("");
    zip.file(name, xml.replace("</sheetData>", `${rows}</sheetData>`));
    const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    const started = process.memoryUsage().heapUsed;
    const r = refusal(await readRegisterFile(bytes, expected()));
    expect(r.code).toBe("too-many-rows");
    expect(r.message.en).toContain("at most 50 rows");
    expect(r.message.en).toContain("100,003");
    expect(process.memoryUsage().heapUsed - started).toBeLessThan(200 * 1024 * 1024);
    const csv = buildRegisterCsv(input("en")) + "\r\n,,x".repeat(100_000);
    expect(refusal(await readRegisterFile(utf8(csv), expected())).code).toBe("too-many-rows");
  });
});

describe("damaged input (property)", () => {
  it("never throws on a damaged workbook or CSV: it is refused, or read as written", async () => {
    const good = await buildRegisterXlsx(input("en"));
    const csv = utf8(buildRegisterCsv(input("fa")));
    const codes = ["empty", "not-a-workbook", "damaged", "too-large", "too-many-rows", "formula", "no-key", "other-project", "other-register", "columns-changed", "encoding"];
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 64 }), async (xlsx, pos, xor, len) => {
        const bytes = Uint8Array.from(xlsx ? good : csv);
        const at = pos % bytes.length;
        for (let i = at; i < Math.min(bytes.length, at + len); i++) bytes[i] = bytes[i]! ^ xor;
        const r = await readRegisterFile(bytes, expected());
        if (r.ok) expect(r.rows.length).toBeLessThanOrEqual(50);
        else {
          expect(codes).toContain(r.refusal.code);
          expect(r.refusal.message.fa && r.refusal.message.en).toBeTruthy();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe("the whole-project workbook", () => {
  it("has a first sheet listing the registers and one sheet per register of the pack, names short, unique and in the reader's language; a register's sheet is read from it", async () => {
    const registers = packRegisters(pack);
    const goals = registers.find((r) => r.id === "goals.register")!;
    const reqs = registers.find((r) => r.id === "requirements.register")!;
    const rowsFor = (id: string) =>
      id === "goals.register" ? [{ id: 12, version: 3, cells: { goal: "Retain key accounts", kpi: "Churn", baseline: 18, target: 12, "target-date": "2027-06-30" } }]
      : id === "requirements.register" ? [{ id: 40, version: 1, cells: { requirement: "Shared record", priority: null, goal: 12 } }]
      : [];
    for (const lang of ["fa", "en"] as const) {
      const buf = await buildProjectWorkbook({ project: { id: 7, name: "Alder & Finch CRM" }, pack, lang, exportedAt: new Date("2026-12-05T09:00:00Z"), registers: registers.map((r) => ({ item: r, rows: rowsFor(r.id) as unknown as RegisterSheetInput["rows"] })) });
      const wb = await open(buf);
      const visible = wb.worksheets.filter((s) => s.state !== "hidden" && s.state !== "veryHidden");
      expect(visible.length).toBe(registers.length + 1);
      const names = visible.map((s) => s.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names.every((n) => n.length <= 31 && !/[[\]:*?/\\]/.test(n))).toBe(true);
      expect(names.slice(1, 3)).toEqual(lang === "en" ? [expect.stringMatching(/^Organisational units/), "Project team members"] : [expect.stringMatching(/^واحد/), expect.stringMatching(/تیم/)]);
      const index = visible[0]!;
      const listed = [] as string[];
      index.eachRow((row) => listed.push(String(row.getCell(1).value ?? "")));
      expect(listed.join("\n")).toContain(goals.title[lang]);
      // The requirement's goal is shown by its name, taken from the goals register in the same workbook.
      const reqSheet = visible.find((s) => String(s.getCell("A2").value).startsWith("gambegam-register:1:7:requirements.register "))!;
      expect(reqSheet.getCell("F4").value).toBe("12 · Retain key accounts");
      const read = rowsOf(await readRegisterFile(buf, { projectId: 7, item: reqs, pack }));
      expect(read.map((r) => [r.rowId, r.cells.requirement, r.cells.goal])).toEqual([[40, "Shared record", 12]]);
      const g = rowsOf(await readRegisterFile(buf, { projectId: 7, item: goals, pack }));
      expect(g[0]!.cells).toMatchObject({ goal: "Retain key accounts", baseline: 18, "target-date": "2027-06-30" });
    }
  }, 120_000);
});

describe("what a consultant exchanging registers needs (review of issue 20)", () => {
  it("names the value found in a refused cell: a date, a number, a text's length, a reference", async () => {
    const wb = await open(await buildRegisterXlsx(input("fa")));
    const ws = wb.worksheets[0]!;
    ws.getCell("G4").value = "۱۴۰۶/۱۳/۴۰";
    ws.getCell("F4").value = "۳۵٪";
    ws.getCell("C5").value = "x".repeat(45);
    ws.getCell("I5").value = "the goal nobody wrote";
    const rows = rowsOf(await readRegisterFile(await save(wb), expected()));
    const of = (r: number, column: string) => rows[r]!.problems.find((p) => p.column === column)!.message;
    expect(of(0, "due").fa).toContain("«۱۴۰۶/۱۳/۴۰» تاریخ معتبری نیست");
    expect(of(0, "due").en).toContain("“۱۴۰۶/۱۳/۴۰” is not a valid date");
    expect(of(0, "amount").fa).toContain("«۳۵٪» عدد نیست");
    expect(of(0, "amount").en).toContain("“۳۵٪” is not a number");
    expect(of(1, "name").en).toBe("45 characters, at most 40.");
    expect(of(1, "name").fa).toBe("۴۵ نویسه؛ حداکثر ۴۰ نویسه.");
    expect(of(1, "goal").en).toContain("“the goal nobody wrote”");
    expect(of(1, "goal").fa).toContain("«the goal nobody wrote»");
  });

  it("takes a reference typed as the row's exact name when one row has it, and asks 'did you mean' otherwise", async () => {
    const labels = { "goals.register": new Map([[12, "Retain key accounts, fewer losses"], [14, "کاهش ریزش مشتری"], [15, "Faster quotes"], [16, "Faster quotes"]]) };
    const csv = [
      "t",
      "gambegam-register:1:7:test.everything",
      "Row id,Version,Name,Notes,Priority,Amount,Due date,Effort,Goal",
      ",,a,,,,,,\"Retain key accounts,  fewer losses \"",
      ",,b,,,,,,كاهش ريزش مشتري",
      ",,c,,,,,,Faster quotes",
      ",,d,,,,,,14 · کاهش ریزش مشتری",
      ",,e,,,,,,۱۲",
      ",,f,,,,,,Retain key accounts",
    ].join("\n");
    const rows = rowsOf(await readRegisterFile(utf8(csv), { ...expected(), refLabels: labels }));
    expect(rows[0]!.cells.goal).toBe(12);
    expect(rows[0]!.problems).toEqual([]);
    expect(rows[1]!.cells.goal).toBe(14);
    expect(rows[2]!.problems[0]!.message.en).toContain("Did you mean “15 · Faster quotes” or “16 · Faster quotes”");
    expect(rows[2]!.problems[0]!.message.fa).toContain("«۱۵ · Faster quotes»");
    expect([rows[3]!.cells.goal, rows[4]!.cells.goal]).toEqual([14, 12]);
    expect(rows[5]!.problems[0]!.message.en).toContain("Did you mean “12 · Retain key accounts, fewer losses”");
  });

  it("shows a Persian workbook's dates in the Jalali calendar while they stay real dates; the Persian CSV writes Jalali; the key line says both calendars are read", async () => {
    const wb = await open(await buildRegisterXlsx(input("fa")));
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("G4").value).toBeInstanceOf(Date);
    expect(ws.getCell("G4").numFmt).toBe("[$-160429]yyyy/mm/dd");
    expect(String(ws.getCell("A2").value)).toContain("تاریخ‌ها به شمسی یا میلادی پذیرفته می‌شوند");
    const en = (await open(await buildRegisterXlsx(input("en")))).worksheets[0]!;
    expect(en.getCell("G4").numFmt).toBe("yyyy-mm-dd");
    expect(String(en.getCell("A2").value)).toContain("Dates in the Solar Hijri or the Gregorian calendar are both accepted");
    const csv = buildRegisterCsv(input("fa")).split("\r\n");
    expect(csv[3]).toContain("1405/09/14");
    expect(csv[3]).not.toContain("2026-12-05");
  });

  it("prints each register sheet with its header on every page, a footer 'page N of M · project · date', and filters on the header; the index sheet's cells sit at the top", async () => {
    for (const lang of ["en", "fa"] as const) {
      const ws = (await open(await buildRegisterXlsx(input(lang)))).worksheets[0]!;
      expect(ws.pageSetup.printTitlesRow).toBe("3:3");
      expect(ws.headerFooter.oddFooter).toContain("&P");
      expect(ws.headerFooter.oddFooter).toContain("&N");
      expect(ws.headerFooter.oddFooter).toContain("Alder & Finch CRM".replace("&", "&&"));
      expect(ws.headerFooter.oddFooter).toContain(lang === "fa" ? "صفحه" : "page");
      expect(ws.autoFilter).toBe("A3:I3");
    }
    const book = await open(await buildProjectWorkbook({ project: { id: 7, name: "P" }, pack, registers: packRegisters(pack).slice(0, 3).map((item) => ({ item, rows: [] })), lang: "en", exportedAt: new Date("2026-12-05T09:00:00Z") }));
    const index = book.worksheets[0]!;
    for (const c of [1, 2, 3, 4]) expect(index.getCell(5, c).alignment?.vertical).toBe("top");
    expect(book.worksheets[1]!.pageSetup.printTitlesRow).toBe("3:3");
  });

  it("keeps the index sheet's rows one line tall where the register's name and phase fit one line (a row taller than its text looked bottom-aligned)", async () => {
    const selection = packRegisters(pack).filter((r) => pack.phases.find((ph) => ph.id === "selection")!.steps.some((st) => st.items.some((i) => i.id === r.id)));
    const book = await open(await buildProjectWorkbook({ project: { id: 7, name: "P" }, pack, registers: selection.map((item) => ({ item, rows: [] })), lang: "fa", exportedAt: new Date("2026-12-05T09:00:00Z") }));
    const index = book.worksheets[0]!;
    const short = selection.map((r, i) => ({ r, line: 5 + i })).filter(({ r }) => r.title.fa.length < 50);
    expect(short.length).toBeGreaterThan(0);
    for (const { line } of short) expect(index.getRow(line).height, String(index.getCell(line, 1).value)).toBe(15);
  });
});
