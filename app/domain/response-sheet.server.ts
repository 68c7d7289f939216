/**
 * The RFP response sheet: an Excel workbook (exceljs, decision 031) in which
 * a vendor answers each requirement of the project — fit, effort, cost,
 * comment — and the reading of a filled sheet back.
 *
 * The workbook carries a very hidden sheet that ties it to its project (id and
 * creation time), to the requirements register, and to each requirement row
 * (row id, number, text as issued). Reading refuses, before anything is
 * written: a file that is not a workbook or is damaged, an enormous one (zip
 * entries' sizes are checked, and inflated with a cap, before the workbook is
 * parsed), a workbook of another project, a sheet whose requirement numbers or
 * texts no longer match the register (missing, added, changed), any formula,
 * and bad cell values (row by row). Pure apart from the bytes: no database.
 */
import ExcelJS from "exceljs";
import { cellText, checkZip, MAX_WORKBOOK_UPLOAD_BYTES } from "./workbook-safety.server.ts";
import type { Language, Pack } from "#methodology/schema.ts";
import { localDigits, toLatinDigits } from "#methodology/values.ts";
import { writeTransaction, type Db } from "#db/client.ts";
import { findItem } from "#methodology/load.ts";
import type { ProjectData } from "./projects.server.ts";
import { productCandidates, sheetExpectation, SHEET_ITEMS, type ResponseSheetInput, type SheetExpectation, type SheetProblem } from "./response-sheet.ts";

export * from "./response-sheet.ts";
import { addRow, deleteRow, updateRow } from "./answers.server.ts";
import { audit, type Actor } from "./audit.server.ts";

/** Rows of the requirements sheet (header included) beyond which the sheet is refused. */
export const MAX_SHEET_ROWS = 2100;
/** Problems listed at most (the rest are counted). */
export const MAX_PROBLEMS = 50;
export const COMMENT_MAX_LENGTH = 4000;

export const SHEET_NAMES = { cover: { fa: "راهنما", en: "Cover" }, requirements: { fa: "نیازمندی‌ها", en: "Requirements" }, key: "gambegam" } as const;
const MARK = "gambegam-response-sheet";
const FORMAT = 1;



const WORDS = {
  en: {
    title: "Response sheet — request for proposal",
    project: "Project",
    client: "Client",
    vendor: "Vendor",
    blankVendor: "(write your company's name here)",
    issued: "RFP issued",
    due: "Responses due",
    contact: "Questions to",
    notSet: "to be announced",
    instructionsTitle: "How to fill in this sheet",
    instructions: [
      "Answer every requirement on the sheet “Requirements”, one row each. Do not add, delete, renumber or reword requirements: the sheet is read back row by row by its number.",
      "Fit: choose one of the five levels from the drop-down list — {levels}.",
      "Effort: person-days to deliver the requirement (a number, 0 or more). Cost: the cost of delivering it, in the currency of your price proposal (a number, 0 or more).",
      "Comment: how the requirement is met, what configuration or third-party product is involved, or why it is not supported.",
      "Type values only: formulas are not accepted. Save the file as an Excel workbook (.xlsx) and send it back with your proposal.",
    ],
    levels: "Fit levels",
    number: "No.",
    requirement: "Requirement",
    description: "Description",
    priority: "Priority",
    goal: "Goal served",
    fit: "Fit",
    effort: "Effort (person-days)",
    cost: "Cost",
    comment: "Comment",
    fitError: "Choose one of the five fit levels from the list.",
    fitErrorTitle: "Fit",
    numberError: "A number, 0 or more.",
  },
  fa: {
    title: "برگه پاسخ — درخواست پیشنهاد",
    project: "پروژه",
    client: "کارفرما",
    vendor: "فروشنده",
    blankVendor: "(نام شرکت خود را اینجا بنویسید)",
    issued: "تاریخ انتشار درخواست پیشنهاد",
    due: "مهلت ارسال پاسخ",
    contact: "پاسخ‌گوی پرسش‌ها",
    notSet: "بعداً اعلام می‌شود",
    instructionsTitle: "راهنمای پر کردن این برگه",
    instructions: [
      "به همه نیازمندی‌های برگه «نیازمندی‌ها» پاسخ دهید، هر نیازمندی در یک سطر. نیازمندی‌ها را اضافه، حذف، بازشماره‌گذاری یا بازنویسی نکنید: برگه سطر به سطر و با شماره هر نیازمندی خوانده می‌شود.",
      "سطح تطابق: یکی از پنج سطح را از فهرست کشویی انتخاب کنید — {levels}.",
      "میزان تلاش: نفر-روز لازم برای تحقق نیازمندی (عدد، صفر یا بیشتر). هزینه: هزینه تحقق آن به واحد پولی پیشنهاد قیمت شما (عدد، صفر یا بیشتر).",
      "توضیح: نیازمندی چگونه برآورده می‌شود، چه پیکربندی یا محصول جانبی لازم است، یا چرا پشتیبانی نمی‌شود.",
      "فقط مقدار بنویسید: فرمول پذیرفته نمی‌شود. فایل را با قالب کارپوشه اکسل (.xlsx) ذخیره کنید و همراه پیشنهاد خود بفرستید.",
    ],
    levels: "سطح‌های تطابق",
    number: "شماره",
    requirement: "نیازمندی",
    description: "شرح",
    priority: "اولویت",
    goal: "هدف مرتبط",
    fit: "سطح تطابق",
    effort: "میزان تلاش (نفر-روز)",
    cost: "هزینه",
    comment: "توضیح",
    fitError: "یکی از پنج سطح تطابق را از فهرست انتخاب کنید.",
    fitErrorTitle: "سطح تطابق",
    numberError: "عدد، صفر یا بیشتر.",
  },
} as const;

/** The requirements sheet's columns: what the project fills (locked) and what the vendor fills. */
const COLUMNS = [
  { key: "number", width: 8, vendor: false },
  { key: "requirement", width: 44, vendor: false },
  { key: "description", width: 44, vendor: false },
  { key: "priority", width: 13, vendor: false },
  { key: "goal", width: 28, vendor: false },
  { key: "fit", width: 20, vendor: true },
  { key: "effort", width: 14, vendor: true },
  { key: "cost", width: 14, vendor: true },
  { key: "comment", width: 48, vendor: true },
] as const;
const col = (key: (typeof COLUMNS)[number]["key"]) => COLUMNS.findIndex((c) => c.key === key) + 1;

/** A requirement's number for comparing: Latin digits, upper case, no spaces ("R۳" and "r 3" are R3). */
export function normaliseNumber(n: string): string {
  return toLatinDigits(n).replace(/\s+/g, "").toUpperCase();
}

const normaliseText = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

/** The workbook's own password is not a secret: protection keeps honest vendors from editing the requirements by mistake. */
const PROTECTION_PASSWORD = "gambegam";

export async function buildResponseSheet(input: ResponseSheetInput): Promise<Buffer> {
  const w = WORDS[input.lang];
  const rtl = input.lang === "fa";
  const wb = new ExcelJS.Workbook();
  wb.creator = "Gambegam";
  wb.title = `${w.title} — ${input.project.name}`;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const levelLabels = input.fitLevels.map((l) => l.label[input.lang]);

  // Cover.
  const cover = wb.addWorksheet(SHEET_NAMES.cover[input.lang], { views: [{ rightToLeft: rtl, showGridLines: false }] });
  cover.getColumn(1).width = 28;
  cover.getColumn(2).width = 90;
  cover.addRow([w.title]).font = { bold: true, size: 14 };
  cover.addRow([]);
  const facts: Array<[string, string]> = [
    [w.project, input.project.name],
    [w.client, input.project.client],
    [w.vendor, input.vendor?.name ?? w.blankVendor],
    [w.issued, input.rfp.issueDate ?? w.notSet],
    [w.due, input.rfp.dueDate ?? w.notSet],
    [w.contact, input.rfp.contact ?? w.notSet],
  ];
  for (const [k, v] of facts) {
    const r = cover.addRow([k, v]);
    r.getCell(1).font = { bold: true };
    // The vendor writes its name here (the cover says so when the sheet is blank): the one open cell of the cover.
    if (k === w.vendor) r.getCell(2).protection = { locked: false };
  }
  cover.addRow([]);
  cover.addRow([w.instructionsTitle]).font = { bold: true, size: 12 };
  const sep = input.lang === "fa" ? "، " : ", ";
  w.instructions.forEach((line, i) => {
    const r = cover.addRow([rtl ? `${localDigits(i + 1, "fa")}.` : `${i + 1}.`, line.replace("{levels}", levelLabels.join(sep))]);
    r.getCell(2).alignment = { wrapText: true, vertical: "top" };
    r.getCell(1).alignment = { vertical: "top", horizontal: rtl ? "right" : "left" };
  });
  cover.addRow([]);
  cover.addRow([w.levels]).font = { bold: true };
  for (const l of levelLabels) cover.addRow(["", l]);
  await cover.protect(PROTECTION_PASSWORD, { selectLockedCells: true, selectUnlockedCells: true });

  // Requirements.
  const ws = wb.addWorksheet(SHEET_NAMES.requirements[input.lang], {
    views: [{ state: "frozen", xSplit: 2, ySplit: 1, rightToLeft: rtl }],
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = COLUMNS.map((c) => ({ key: c.key, width: c.width }));
  const header = ws.addRow(COLUMNS.map((c) => w[c.key]));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell, n) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: COLUMNS[n - 1]!.vendor ? "FFFFF2CC" : "FFDDEBF7" } };
  });
  const listFormula = `"${levelLabels.join(",")}"`;
  const inlineList = listFormula.length <= 255 && !levelLabels.some((l) => /[,"]/.test(l));
  for (const r of input.requirements) {
    const row = ws.addRow([input.lang === "fa" ? localDigits(r.number, "fa") : r.number, r.text, r.description, r.priority, r.goal, null, null, null, null]);
    row.alignment = { vertical: "top", wrapText: true };
    for (const c of COLUMNS) {
      if (!c.vendor) continue;
      const cell = row.getCell(col(c.key));
      cell.protection = { locked: false };
      if (c.key === "fit") {
        cell.dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [inlineList ? listFormula : `${SHEET_NAMES.key}!$E$2:$E$${1 + levelLabels.length}`],
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: w.fitErrorTitle,
          error: w.fitError,
        };
      } else if (c.key === "effort" || c.key === "cost") {
        cell.dataValidation = { type: "decimal", operator: "greaterThanOrEqual", allowBlank: true, formulae: [0], showErrorMessage: true, errorStyle: "stop", error: w.numberError };
      }
    }
  }
  await ws.protect(PROTECTION_PASSWORD, { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, sort: false, autoFilter: false });

  // The key: what ties this workbook to its project and register.
  const key = wb.addWorksheet(SHEET_NAMES.key, { state: "veryHidden" });
  key.addRow([MARK, FORMAT]);
  key.addRow(["project-id", input.project.id]);
  key.addRow(["project-created", input.project.createdAt]);
  key.addRow(["register", input.requirementsItemId]);
  key.addRow(["language", input.lang]);
  key.addRow(["vendor-row", input.vendor?.rowId ?? ""]);
  key.addRow(["requirements", input.requirements.length]);
  key.addRow(["row-id", "number", "text"]);
  for (const r of input.requirements) key.addRow([r.rowId, r.number, r.text]);
  levelLabels.forEach((l, i) => (key.getCell(2 + i, 5).value = l));
  await key.protect(PROTECTION_PASSWORD, {});

  return Buffer.from(await wb.xlsx.writeBuffer());
}


// ---------------------------------------------------------------------------
// Reading a filled sheet.


export type SheetRefusal =
  | "not-xlsx"
  | "damaged"
  | "too-large"
  | "not-ours"
  | "other-project"
  | "mismatch"
  | "formula"
  | "cells"
  | "empty";

export type ParsedResponse = {
  requirementRowId: number;
  number: string;
  fit: string;
  effort: number | null;
  cost: number | null;
  comment: string;
};

export type SheetReading =
  | { ok: true; lang: Language; vendorRowId: number | null; rows: ParsedResponse[]; unanswered: string[] }
  | { ok: false; refusal: SheetRefusal; problems: SheetProblem[]; more: number };


const refuse = (refusal: SheetRefusal, problems: SheetProblem[] = []): SheetReading => ({
  ok: false,
  refusal,
  problems: problems.slice(0, MAX_PROBLEMS),
  more: Math.max(0, problems.length - MAX_PROBLEMS),
});

/** Fit in the sheet's words (either language, any case) or as its id, to the level's id. */
function fitLookup(levels: SheetExpectation["fitLevels"]): (text: string) => string | null {
  const map = new Map<string, string>();
  for (const l of levels) {
    map.set(l.id.toLowerCase(), l.id);
    map.set(normaliseText(l.label.en).toLowerCase(), l.id);
    map.set(normaliseText(l.label.fa), l.id);
  }
  return (text) => map.get(normaliseText(text).toLowerCase()) ?? map.get(normaliseText(text)) ?? null;
}

function readNumber(text: string): { value: number | null } | { bad: true } {
  const t = toLatinDigits(text).replace(/,/g, "").trim();
  if (t === "") return { value: null };
  if (t.length > 30 || !/^[+]?(?:\d+(?:\.\d+)?|\.\d+)(?:e[-+]?\d+)?$/i.test(t)) return { bad: true };
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? { value: n } : { bad: true };
}

export async function readResponseSheet(bytes: Uint8Array, expected: SheetExpectation): Promise<SheetReading> {
  if (bytes.byteLength === 0) return refuse("not-xlsx");
  if (bytes.byteLength > MAX_WORKBOOK_UPLOAD_BYTES) return refuse("too-large");
  const zip = checkZip(bytes);
  if (!zip.ok) return refuse(zip.refusal);
  if (zip.mostRows > MAX_SHEET_ROWS) return refuse("too-large");

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return refuse("damaged");
  }

  // The key sheet: ours, this project, this register.
  const key = wb.getWorksheet(SHEET_NAMES.key);
  if (!key || String(key.getCell(1, 1).value ?? "") !== MARK) return refuse("not-ours");
  const keyValue = (row: number) => {
    const c = cellText(key.getCell(row, 2));
    return "text" in c ? c.text : "";
  };
  if (keyValue(2) !== String(expected.project.id) || keyValue(3) !== expected.project.createdAt || keyValue(4) !== expected.requirementsItemId) {
    return refuse("other-project");
  }
  const lang: Language = keyValue(5) === "fa" ? "fa" : "en";
  const vendorRowId = /^\d+$/.test(keyValue(6)) ? Number(keyValue(6)) : null;
  const issuedCount = Number(keyValue(7));
  if (!Number.isInteger(issuedCount) || issuedCount < 0 || issuedCount > MAX_SHEET_ROWS) return refuse("damaged");
  const issued = new Map<string, number>(); // number → row id as issued
  for (let i = 0; i < issuedCount; i++) {
    const id = Number(key.getCell(9 + i, 1).value);
    const num = cellText(key.getCell(9 + i, 2));
    if (Number.isInteger(id) && "text" in num) issued.set(normaliseNumber(num.text), id);
  }

  // The requirements sheet (the second sheet, whatever its name became).
  const ws = wb.getWorksheet(SHEET_NAMES.requirements[lang]) ?? wb.worksheets.filter((s) => s.state === "visible" || s.state === undefined)[1];
  if (!ws) return refuse("not-ours");

  // Formulas anywhere in the workbook: refused, listed by their place.
  const formulas: SheetProblem[] = [];
  for (const sheet of wb.worksheets) {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas.push({ key: "formula", params: { sheet: sheet.name, cell: cell.address } });
      });
    });
  }
  // Formulas are refused, but the reading goes on so that the vendor hears of every problem in one go (capped).
  const refuseAll = (refusal: SheetRefusal, problems: SheetProblem[]) => refuse(formulas.length ? "formula" : refusal, [...formulas, ...problems]);

  // The rows as the vendor sent them, by number.
  type SheetRow = { row: number; number: string; shownNumber: string; text: string; cells: ExcelJS.Row };
  const sent: SheetRow[] = [];
  const duplicates: SheetProblem[] = [];
  const seen = new Set<string>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const numCell = cellText(row.getCell(col("number")));
    const textCell = cellText(row.getCell(col("requirement")));
    const shown = "text" in numCell ? numCell.text.trim() : "";
    const text = "text" in textCell ? normaliseText(textCell.text) : "";
    if (shown === "" && text === "") continue;
    const number = normaliseNumber(shown);
    if (seen.has(number)) {
      duplicates.push({ key: "duplicate", params: { number: shown, row: r } });
      continue;
    }
    seen.add(number);
    sent.push({ row: r, number, shownNumber: shown, text, cells: row });
  }

  // Compared with the register now: missing, added, changed.
  const mismatch: SheetProblem[] = [...duplicates];
  const bySent = new Map(sent.map((s) => [s.number, s]));
  const current = new Map(expected.requirements.map((r) => [normaliseNumber(r.number), r]));
  for (const r of expected.requirements) {
    const s = bySent.get(normaliseNumber(r.number));
    if (!s) mismatch.push({ key: "missing", params: { number: r.number, text: r.text } });
    else if (s.text !== normaliseText(r.text) || (issued.get(s.number) ?? r.rowId) !== r.rowId) {
      mismatch.push({ key: "changed", params: { number: r.number, sheet: s.text, register: r.text } });
    }
  }
  for (const s of sent) if (!current.has(s.number)) mismatch.push({ key: "added", params: { number: s.shownNumber, text: s.text } });
  if (mismatch.length) return refuseAll("mismatch", mismatch);

  // The vendor's cells, row by row.
  const fitOf = fitLookup(expected.fitLevels);
  const levelWords = expected.fitLevels.map((l) => l.label[lang]).join(lang === "fa" ? "، " : ", ");
  const problems: SheetProblem[] = [];
  const rows: ParsedResponse[] = [];
  const unanswered: string[] = [];
  for (const r of expected.requirements) {
    const s = bySent.get(normaliseNumber(r.number))!;
    // A formula's cell is already listed as a formula: read as empty, not listed twice.
    const read = (k: (typeof COLUMNS)[number]["key"]) => {
      const c = cellText(s.cells.getCell(col(k)));
      return "formula" in c ? { text: "" } : c;
    };
    const fitCell = read("fit"), effortCell = read("effort"), costCell = read("cost"), commentCell = read("comment");
    const rowProblems: SheetProblem[] = [];
    const bad = (field: string, value: string, kind: string) => rowProblems.push({ key: `cell.${kind}`, params: { number: r.number, field, value: value.slice(0, 60), levels: levelWords } });
    const text = (c: ReturnType<typeof cellText>, field: string) => {
      if ("text" in c) return c.text;
      bad(field, "", "kind" in c && c.kind === "date" ? "date" : "error");
      return "";
    };
    const fitText = text(fitCell, "fit").trim();
    const effortText = text(effortCell, "effort");
    const costText = text(costCell, "cost");
    const comment = text(commentCell, "comment").trim();
    if (fitText === "" && effortText.trim() === "" && costText.trim() === "" && comment === "" && rowProblems.length === 0) {
      unanswered.push(r.number);
      continue;
    }
    const fit = fitText === "" ? null : fitOf(fitText);
    if (fitText === "") bad("fit", "", "fitMissing");
    else if (!fit) bad("fit", fitText, "fit");
    const effort = readNumber(effortText);
    if ("bad" in effort) bad("effort", effortText, "number");
    const cost = readNumber(costText);
    if ("bad" in cost) bad("cost", costText, "number");
    if (comment.length > COMMENT_MAX_LENGTH) bad("comment", "", "tooLong");
    if (rowProblems.length) {
      problems.push(...rowProblems);
      continue;
    }
    rows.push({
      requirementRowId: r.rowId,
      number: r.number,
      fit: fit!,
      effort: "value" in effort ? effort.value : null,
      cost: "value" in cost ? cost.value : null,
      comment,
    });
  }
  if (problems.length) return refuseAll("cells", problems);
  if (formulas.length) return refuse("formula", formulas);
  if (rows.length === 0) return refuse("empty");
  return { ok: true, lang, vendorRowId, rows, unanswered };
}

// ---------------------------------------------------------------------------
// The import.

export type ImportOutcome =
  | { ok: true; vendor: string; added: number; updated: number; removed: number; unanswered: string[] }
  | { ok: false; status: number; refusal: SheetRefusal | "no-file" | "no-vendor" | "locked" | "other-vendor" | "rows"; problems: SheetProblem[]; more: number };

class Rollback extends Error {
  constructor(readonly problems: SheetProblem[]) {
    super("rollback");
  }
}

/**
 * Imports a vendor's filled sheet for one product candidate: the sheet is
 * read and checked first (nothing is written on any refusal), then that
 * vendor's rows of the responses register are replaced in one transaction
 * through the register's validated writes — an answered requirement updates
 * its row (keeping the team's remedy), a new one adds a row, a requirement
 * no longer answered loses its row — and one history entry says the rows
 * came from the vendor's sheet.
 */
export async function importVendorSheet(
  db: Db,
  args: { projectId: number; project: { id: number; createdAt: string }; pack: Pack; data: ProjectData; vendorRowId: number; bytes: Uint8Array; fileName: string | null; by: Actor; locked: boolean },
): Promise<ImportOutcome> {
  const no = (status: number, refusal: Extract<ImportOutcome, { ok: false }>["refusal"], problems: SheetProblem[] = [], more = 0): ImportOutcome => ({ ok: false, status, refusal, problems, more });
  const vendor = productCandidates(args.data.rows).find((c) => c.rowId === args.vendorRowId);
  if (!vendor) return no(400, "no-vendor");
  if (args.locked) return no(409, "locked");
  const item = findItem(args.pack, SHEET_ITEMS.responses);
  if (!item || item.kind !== "register") return no(404, "no-vendor");
  const reading = await readResponseSheet(args.bytes, sheetExpectation(args.pack, args.project, args.data));
  if (!reading.ok) return no(reading.refusal === "too-large" ? 413 : 400, reading.refusal, reading.problems, reading.more);
  // A sheet issued to another vendor is not read as this one's answers.
  if (reading.vendorRowId !== null && reading.vendorRowId !== vendor.rowId) {
    const other = productCandidates(args.data.rows).find((c) => c.rowId === reading.vendorRowId);
    return no(400, "other-vendor", [{ key: "otherVendor", params: { issued: other?.name ?? `#${reading.vendorRowId}`, chosen: vendor.name } }]);
  }

  const existing = (args.data.rows.get(SHEET_ITEMS.responses) ?? []).filter((r) => Number(r.cells.vendor) === vendor.rowId);
  const byRequirement = new Map(existing.map((r) => [Number(r.cells.requirement), r]));
  const answered = new Set(reading.rows.map((r) => r.requirementRowId));
  const counts = { added: 0, updated: 0, removed: 0 };
  const fail = (number: string, errors: Record<string, string>) => {
    throw new Rollback(Object.entries(errors).map(([field, message]) => ({ key: "rowRefused", params: { number, field, message } })));
  };
  try {
    writeTransaction(db, (tx) => {
      for (const r of reading.rows) {
        const cells = { vendor: String(vendor.rowId), requirement: String(r.requirementRowId), fit: r.fit, effort: r.effort === null ? "" : String(r.effort), cost: r.cost === null ? "" : String(r.cost), comment: r.comment };
        const old = byRequirement.get(r.requirementRowId);
        if (old) {
          const raw = { ...Object.fromEntries(Object.entries(old.cells).map(([k, v]) => [k, v === null ? "" : String(v)])), ...cells };
          const res = updateRow(db, { projectId: args.projectId, item, rowId: old.id, baseVersion: old.version, raw, by: args.by });
          if (res.status === "invalid") fail(r.number, res.errors);
          if (res.status === "conflict") fail(r.number, { _row: "selection.import.conflict" });
          if (res.status === "saved" && res.version !== old.version) counts.updated++;
        } else {
          const res = addRow(db, { projectId: args.projectId, item, raw: cells, by: args.by });
          if (res.status === "invalid") fail(r.number, res.errors);
          counts.added++;
        }
      }
      for (const old of existing) {
        if (answered.has(Number(old.cells.requirement))) continue;
        const res = deleteRow(db, { projectId: args.projectId, item, rowId: old.id, baseVersion: old.version, by: args.by });
        if (res.status === "conflict") fail(`#${old.id}`, { _row: "selection.import.conflict" });
        counts.removed++;
      }
      audit(tx, args.by, {
        projectId: args.projectId,
        action: "selection.import",
        itemId: SHEET_ITEMS.responses,
        subject: vendor.name,
        after: { source: { file: args.fileName ?? "", vendor: vendor.name }, ...counts, unanswered: reading.unanswered },
      });
    });
  } catch (e) {
    if (e instanceof Rollback) return no(400, "rows", e.problems.slice(0, MAX_PROBLEMS), Math.max(0, e.problems.length - MAX_PROBLEMS));
    throw e;
  }
  return { ok: true, vendor: vendor.name, ...counts, unanswered: reading.unanswered };
}
