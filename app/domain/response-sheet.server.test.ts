import zlib from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildResponseSheet,
  MAX_SHEET_ROWS,
  readResponseSheet,
  type ResponseSheetInput,
  type SheetExpectation,
  type SheetReading,
} from "./response-sheet.server.ts";
import { checkZip } from "./workbook-safety.server.ts";

const FIT = [
  { id: "standard", label: { en: "Standard", fa: "استاندارد" } },
  { id: "configuration", label: { en: "Configuration", fa: "پیکربندی" } },
  { id: "customisation", label: { en: "Customisation", fa: "اختصاصی‌سازی" } },
  { id: "third-party", label: { en: "Third-party product", fa: "محصول جانبی" } },
  { id: "not-supported", label: { en: "Not supported", fa: "پشتیبانی نمی‌شود" } },
];

const REQS = [
  { rowId: 11, number: "R1", text: "One customer record shared by sales and service", description: "Sales and service see the same history.", priority: "Must", goal: "Retain key accounts" },
  { rowId: 12, number: "R2", text: "Reminder when a quote has had no follow-up for three days", description: "", priority: "Should", goal: "" },
  { rowId: 15, number: "R3", text: "Complaints logged from every channel with a resolution deadline", description: "", priority: "Must", goal: "Fewer lost complaints" },
];

function input(over: Partial<ResponseSheetInput> = {}): ResponseSheetInput {
  return {
    lang: "en",
    project: { id: 7, createdAt: "2026-11-02T08:00:00.000Z", name: "Alder & Finch CRM", client: "Alder & Finch Ltd" },
    requirementsItemId: "requirements.register",
    requirements: REQS,
    fitLevels: FIT,
    rfp: { issueDate: "2 November 2026", dueDate: "30 November 2026", contact: "Dana Reyes" },
    vendor: { rowId: 40, name: "Northwind CRM" },
    ...over,
  };
}

function expectation(over: Partial<SheetExpectation> = {}): SheetExpectation {
  return {
    project: { id: 7, createdAt: "2026-11-02T08:00:00.000Z" },
    requirementsItemId: "requirements.register",
    requirements: REQS.map((r) => ({ rowId: r.rowId, number: r.number, text: r.text })),
    fitLevels: FIT,
    ...over,
  };
}

async function open(buf: Buffer | Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  return wb;
}

/** Fills the sheet as a vendor would in a spreadsheet program: values typed into the unlocked cells. */
async function fill(buf: Buffer, answers: Array<[string, unknown, unknown, unknown, unknown]>, edit?: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void) {
  const wb = await open(buf);
  const ws = wb.worksheets[1]!;
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const a = answers.find(([n]) => n === String(row.getCell(1).value));
    if (!a) continue;
    row.getCell(6).value = a[1] as ExcelJS.CellValue;
    row.getCell(7).value = a[2] as ExcelJS.CellValue;
    row.getCell(8).value = a[3] as ExcelJS.CellValue;
    row.getCell(9).value = a[4] as ExcelJS.CellValue;
  }
  edit?.(ws, wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const refusal = (r: SheetReading) => (r.ok ? "accepted" : r.refusal);

describe("the response sheet a vendor receives", () => {
  it("lists every requirement with its number, text, description, priority and goal, under a frozen header", async () => {
    const wb = await open(await buildResponseSheet(input()));
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([["Cover", "visible"], ["Requirements", "visible"], ["gambegam", "veryHidden"]]);
    const ws = wb.worksheets[1]!;
    expect(ws.getRow(1).values).toEqual([undefined, "No.", "Requirement", "Description", "Priority", "Goal served", "Fit", "Effort (person-days)", "Cost", "Comment"]);
    expect([2, 3, 4].map((r) => [1, 2, 4, 5].map((c) => ws.getRow(r).getCell(c).value))).toEqual([
      ["R1", REQS[0]!.text, "Must", "Retain key accounts"],
      ["R2", REQS[1]!.text, "Should", ""],
      ["R3", REQS[2]!.text, "Must", "Fewer lost complaints"],
    ]);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1, rightToLeft: false });
    expect(ws.getColumn(2).width).toBeGreaterThan(30);
  });

  it("offers the five fit levels as a drop-down list, locks the requirements and leaves the vendor's cells open", async () => {
    const wb = await open(await buildResponseSheet(input()));
    const ws = wb.worksheets[1]!;
    const fit = ws.getCell("F2").dataValidation;
    expect(fit.type).toBe("list");
    expect(fit.formulae[0]).toBe('"Standard,Configuration,Customisation,Third-party product,Not supported"');
    expect(ws.getCell("B2").protection?.locked).not.toBe(false);
    for (const c of ["F2", "G2", "H2", "I2"]) expect(ws.getCell(c).protection?.locked).toBe(false);
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
  });

  it("is written right to left in Persian, with Persian words and digits", async () => {
    const wb = await open(await buildResponseSheet(input({ lang: "fa" })));
    expect(wb.worksheets.map((s) => s.name).slice(0, 2)).toEqual(["راهنما", "نیازمندی‌ها"]);
    const ws = wb.worksheets[1]!;
    expect(ws.views[0]).toMatchObject({ rightToLeft: true });
    expect(ws.getCell("A3").value).toBe("R۲");
    expect(ws.getCell("F1").value).toBe("سطح تطابق");
    expect(ws.getCell("F2").dataValidation.formulae[0]).toContain("پشتیبانی نمی‌شود");
    expect(wb.worksheets[0]!.views[0]).toMatchObject({ rightToLeft: true });
  });

  it("names the project, the client, the vendor, the RFP dates and the contact on its cover", async () => {
    const wb = await open(await buildResponseSheet(input()));
    const text = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    for (const s of ["Alder & Finch CRM", "Alder & Finch Ltd", "Northwind CRM", "2 November 2026", "30 November 2026", "Dana Reyes", "formulas are not accepted"]) expect(text).toContain(s);
  });

  it("leaves the vendor's name on the cover (B5) open for the vendor to write, the rest of the cover locked", async () => {
    for (const lang of ["en", "fa"] as const) {
      const wb = await open(await buildResponseSheet(input({ lang, vendor: null })));
      const cover = wb.worksheets[0]!;
      expect(cover.getCell("B5").protection?.locked).toBe(false);
      expect(cover.getCell("B3").protection?.locked).not.toBe(false);
    }
  });

  it("says «میزان تلاش» in Persian (the glossary's term), never «تلاش» alone", async () => {
    const wb = await open(await buildResponseSheet(input({ lang: "fa" })));
    expect(wb.worksheets[1]!.getCell("G1").value).toBe("میزان تلاش (نفر-روز)");
    expect(JSON.stringify(wb.worksheets[0]!.getSheetValues())).toContain("میزان تلاش:");
  });
});

describe("reading a vendor's filled sheet", () => {
  it("reads each answered requirement: fit as its level, effort, cost and comment; unanswered ones are listed", async () => {
    const filled = await fill(await buildResponseSheet(input()), [
      ["R1", "Standard", 2, 1500, "Out of the box"],
      ["R3", "Third-party product", "4", null, { richText: [{ text: "Via " }, { text: "HelpdeskX" }] }],
    ]);
    const r = await readResponseSheet(filled, expectation());
    expect(r).toEqual({
      ok: true,
      lang: "en",
      vendorRowId: 40,
      unanswered: ["R2"],
      rows: [
        { requirementRowId: 11, number: "R1", fit: "standard", effort: 2, cost: 1500, comment: "Out of the box" },
        { requirementRowId: 15, number: "R3", fit: "third-party", effort: 4, cost: null, comment: "Via HelpdeskX" },
      ],
    });
  });

  it("reads a Persian sheet with Persian words and digits, even when the vendor sorted its rows", async () => {
    const filled = await fill(await buildResponseSheet(input({ lang: "fa" })), [
      ["R۱", "پیکربندی", "۳", "۲۰۰۰", "با تنظیمات"],
      ["R۲", "پشتیبانی نمی‌شود", null, null, ""],
      ["R۳", "اختصاصی‌سازی", 10, 0, ""],
    ], (ws) => {
      // R3's row moved to the top.
      const a = ws.getRow(2).values as ExcelJS.CellValue[], c = ws.getRow(4).values as ExcelJS.CellValue[];
      ws.getRow(2).values = c;
      ws.getRow(4).values = a;
    });
    const r = await readResponseSheet(filled, expectation());
    expect(r.ok && r.rows.map((x) => [x.number, x.fit, x.effort, x.cost])).toEqual([["R1", "configuration", 3, 2000], ["R2", "not-supported", null, null], ["R3", "customisation", 10, 0]]);
  });

  it("refuses a file that is not a workbook, and a damaged one", async () => {
    expect(refusal(await readResponseSheet(new TextEncoder().encode("R1,Standard\n"), expectation()))).toBe("not-xlsx");
    expect(refusal(await readResponseSheet(new Uint8Array(), expectation()))).toBe("not-xlsx");
    const good = await buildResponseSheet(input());
    expect(refusal(await readResponseSheet(good.subarray(0, Math.floor(good.length * 0.7)), expectation()))).toBe("damaged");
    const flipped = Buffer.from(good);
    for (let i = 200; i < 600; i++) flipped[i] = flipped[i]! ^ 0x5a;
    expect(refusal(await readResponseSheet(flipped, expectation()))).toBe("damaged");
  });

  it("refuses a workbook from another project, and an Excel file that is not a response sheet", async () => {
    const good = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""]]);
    expect(refusal(await readResponseSheet(good, expectation({ project: { id: 8, createdAt: "2026-11-02T08:00:00.000Z" } })))).toBe("other-project");
    expect(refusal(await readResponseSheet(good, expectation({ project: { id: 7, createdAt: "2026-11-03T08:00:00.000Z" } })))).toBe("other-project");
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").addRow(["R1", "Standard"]);
    expect(refusal(await readResponseSheet(Buffer.from(await other.xlsx.writeBuffer()), expectation()))).toBe("not-ours");
  });

  it("refuses a sheet whose numbers or texts no longer match the register, listing what is missing, added and changed", async () => {
    const edited = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""]], (ws) => {
      ws.getCell("A3").value = "R9";
      ws.getCell("B4").value = "Complaints logged from email only";
    });
    const r = await readResponseSheet(edited, expectation());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toBe("mismatch");
    expect(r.problems).toEqual([
      { key: "missing", params: { number: "R2", text: REQS[1]!.text } },
      { key: "changed", params: { number: "R3", sheet: "Complaints logged from email only", register: REQS[2]!.text } },
      { key: "added", params: { number: "R9", text: REQS[1]!.text } },
    ]);
    // The register changed after the sheet was issued: a fourth requirement, and R1 reworded.
    const issued = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""]]);
    const later = expectation({ requirements: [{ rowId: 11, number: "R1", text: "One customer record" }, ...expectation().requirements.slice(1), { rowId: 20, number: "R4", text: "Campaign lists" }] });
    const r2 = await readResponseSheet(issued, later);
    expect(!r2.ok && r2.problems.map((p) => `${p.key} ${p.params?.number}`)).toEqual(["changed R1", "missing R4"]);
  });

  it("refuses a formula, naming its cell", async () => {
    const withFormula = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""]], (ws) => {
      ws.getCell("H3").value = { formula: "G2*500", result: 500 } as ExcelJS.CellFormulaValue;
    });
    const r = await readResponseSheet(withFormula, expectation());
    expect(r).toMatchObject({ ok: false, refusal: "formula", problems: [{ key: "formula", params: { sheet: "Requirements", cell: "H3" } }] });
  });

  it("lists a formula and the bad values beside it in one refusal, not one kind at a time", async () => {
    const both = await fill(await buildResponseSheet(input()), [["R1", "maybe", 1, 1, ""], ["R2", "Standard", 1, 1, ""]], (ws) => {
      ws.getCell("G3").value = { formula: "1+1", result: 2 } as ExcelJS.CellFormulaValue;
    });
    const r = await readResponseSheet(both, expectation());
    expect(!r.ok && r.problems.map((p) => `${p.key} ${p.params?.number ?? p.params?.cell}`)).toEqual(["formula G3", "cell.fit R1"]);
  });

  it("refuses bad cell values row by row, saying which requirement, which field and what was written", async () => {
    const bad = await fill(await buildResponseSheet(input()), [
      ["R1", "maybe", 1, 1, ""],
      ["R2", "Standard", -3, "cheap", ""],
      ["R3", null, 2, null, "no fit given"],
    ]);
    const r = await readResponseSheet(bad, expectation());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal).toBe("cells");
    const levels = "Standard, Configuration, Customisation, Third-party product, Not supported";
    expect(r.problems).toEqual([
      { key: "cell.fit", params: { number: "R1", field: "fit", value: "maybe", levels } },
      { key: "cell.number", params: { number: "R2", field: "effort", value: "-3", levels } },
      { key: "cell.number", params: { number: "R2", field: "cost", value: "cheap", levels } },
      { key: "cell.fitMissing", params: { number: "R3", field: "fit", value: "", levels } },
    ]);
  });

  it("refuses an enormous sheet before parsing it: too many rows, too large uncompressed, or entries that lie about their size", async () => {
    const big = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""]], (ws) => {
      for (let r = 10; r < 3000; r++) ws.getCell(`I${r}`).value = "x";
    });
    expect(refusal(await readResponseSheet(big, expectation()))).toBe("too-large");
    // Refused from the zip's own bytes: the check counts the sheet's rows before exceljs parses anything.
    const counted = checkZip(big);
    expect(counted.ok && counted.mostRows).toBeGreaterThan(MAX_SHEET_ROWS);

    // A zip bomb: one entry of 60 MB of zeros (compresses to ~60 KB).
    const bomb = new JSZip();
    bomb.file("xl/worksheets/sheet1.xml", Buffer.alloc(60 * 1024 * 1024));
    const bombBytes = await bomb.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
    expect(checkZip(bombBytes)).toEqual({ ok: false, refusal: "too-large" });

    // The same data, declaring a small size in its central directory: the capped inflation finds it out.
    const liar = Buffer.from(bombBytes);
    const cd = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    liar.writeUInt32LE(1000, cd + 24);
    expect(checkZip(liar)).toEqual({ ok: false, refusal: "too-large" });
  });

  it("never accepts anything but the sheet it issued (property: random damage is refused or read as issued, never thrown)", async () => {
    const good = await fill(await buildResponseSheet(input()), [["R1", "Standard", 1, 1, ""], ["R2", "Configuration", 2, 2, ""], ["R3", "Not supported", null, null, ""]]);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.integer({ min: 1, max: 64 }), async (at, xor, len) => {
        const bytes = Buffer.from(good);
        for (let i = at; i < Math.min(bytes.length, at + len); i++) bytes[i] = bytes[i]! ^ xor;
        const r = await readResponseSheet(bytes, expectation());
        if (r.ok) expect(r.rows.map((x) => [x.requirementRowId, x.fit])).toEqual([[11, "standard"], [12, "configuration"], [15, "not-supported"]]);
        else expect(["damaged", "not-xlsx", "not-ours", "other-project", "mismatch", "cells", "too-large", "formula", "empty"]).toContain(r.refusal);
      }),
      { numRuns: 40 },
    );
  });

  it("checkZip refuses a stored entry whose sizes disagree, and what is not a zip", () => {
    expect(checkZip(Buffer.from("PK\u0003\u0004garbage-garbage-garbage"))).toEqual({ ok: false, refusal: "damaged" });
    expect(checkZip(zlib.deflateRawSync(Buffer.from("hello")))).toEqual({ ok: false, refusal: "not-xlsx" });
  });
});
