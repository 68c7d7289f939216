/**
 * A register as a spreadsheet (decision 044): a real .xlsx (exceljs, decision
 * 031) or CSV of one register, the whole project's registers in one workbook,
 * and the reading of an uploaded .xlsx or .csv back into typed values with a
 * problem per cell. Pure apart from the bytes: no database (the import flow,
 * register-import.server.ts, compares a reading with the register).
 *
 * Layout (register-sheet.ts): line 1 a title, line 2 the key
 * (`gambegam-register:1:<project>:<register>`), line 3 the header (row id,
 * version, then the register's columns), the rows from line 4. Everything
 * that ties a file to its project, register and rows is in visible cells, so
 * a CSV saved by Excel or LibreOffice keeps it.
 *
 * Reading refuses the whole file (nothing is read) when it is empty, not a
 * workbook or CSV text, damaged, too large, in another encoding than UTF-8,
 * has more rows than the register takes, holds a formula, has no key, is of
 * another project or register, or its columns changed beyond recognition.
 * Rows are counted from the zip's own bytes before any XML parser reads them
 * (a 100,000-row sheet is refused without being parsed).
 */
import ExcelJS from "exceljs";
import type { Language, Pack, RegisterColumn, RegisterItem } from "#methodology/schema.ts";
import { fieldErrors, isoToJalaliInput, localDigits, registerRowSchema, toLatinDigits } from "#methodology/values.ts";
import { bothLanguages } from "#app/i18n.ts";
import { comparableText, stripInvisible } from "./text-hygiene.ts";
import { cellText, checkZip, MAX_WORKBOOK_UPLOAD_BYTES } from "./workbook-safety.server.ts";
import { allItems, findItem } from "#methodology/load.ts";
import {
  columnHeader,
  parseSheetKey,
  refCellText,
  SHEET_KEY_PREFIX,
  SHEET_LINES,
  SHEET_WORDS,
  sheetKeyLine,
  type Localized,
  type RegisterSheetReading,
  type SheetCellProblem,
  type SheetFormat,
  type SheetRefusalCode,
  type SheetRow,
} from "./register-sheet.ts";

/** The pack's register with this id (undefined for another kind of item or none). */
export function findRegister(pack: Pack, id: string): RegisterItem | undefined {
  const item = findItem(pack, id);
  return item?.kind === "register" ? item : undefined;
}

/** Every register of the pack, in the pack's order (the whole-project workbook's sheets). */
export function packRegisters(pack: Pack): RegisterItem[] {
  return allItems(pack).flatMap(({ item }) => (item.kind === "register" ? [item] : []));
}

/**
 * The names of the rows that `ref` columns of `item` point at, by the
 * referenced register's id: a row's first column as text (how the register
 * pages name a row, see refOptionsFor in step.server.ts); a choice by its
 * option's words in `lang`.
 */
export function refLabelsFor(
  pack: Pack,
  item: RegisterItem,
  rowsOf: (registerId: string) => ReadonlyArray<{ id: number; cells: unknown }>,
  lang: "fa" | "en",
): Record<string, Map<number, string>> {
  const out: Record<string, Map<number, string>> = {};
  for (const c of item.columns) {
    if (c.type !== "ref" || out[c.register]) continue;
    const target = findRegister(pack, c.register);
    const first = target?.columns[0];
    const labels = new Map<number, string>();
    for (const r of rowsOf(c.register)) {
      const cells = r.cells && typeof r.cells === "object" ? (r.cells as Readonly<Record<string, unknown>>) : {};
      const v = first ? cells[first.id] : null;
      const option = first?.type === "choice" ? first.options.find((o) => o.id === v) : undefined;
      labels.set(r.id, v === null || v === undefined ? "" : option ? option.label[lang] : String(v));
    }
    out[c.register] = labels;
  }
  return out;
}


export * from "./register-sheet.ts";

/** What the builders need of a stored row (RegisterRowRecord and the project page's StoredRow both fit). */
export type SheetSourceRow = { id: number; version: number; cells: unknown };

export type RegisterSheetInput = {
  project: { id: number; name: string };
  pack: Pack;
  item: RegisterItem;
  rows: ReadonlyArray<SheetSourceRow>;
  lang: Language;
  exportedAt: Date;
  /** Names of the rows ref columns point at, by the referenced register's id (refLabelsFor). */
  refLabels?: Record<string, Map<number, string>>;
};

/**
 * The most rows any register takes (the schema's limit for `maxRows`): a sheet
 * with more rows holding values than this, plus the title, key and header lines,
 * is refused from the zip's bytes before it is parsed.
 */
const SHEET_HARD_ROW_CAP = 2000;
/** Formula cells named in a refusal at most. */
const MAX_FORMULAS_NAMED = 5;
const KEY_FILL = "FFEDEDED";
const KEY_FONT = "FF6B6B6B";
const HEADER_FILL = "FFDDEBF7";
const LIST_SHEET = "lists";
/**
 * A date cell's number format. Persian: the Solar Hijri calendar (Excel's calendar type 0x16 with the fa-IR
 * locale 0429, the legacy spelling of `[$-fa-IR,16]`); LibreOffice 7.4 shows it as a Gregorian yyyy/mm/dd date
 * (it reads no Jalali format from .xlsx) and its CSV writes that, which reads back. English: ISO.
 */
const DATE_FORMAT = { fa: "[$-160429]yyyy/mm/dd", en: "yyyy-mm-dd" } as const;
/** Page footer of a printed sheet: "page N of M · project · date" (& doubled: it starts a code in a footer). */
function pageFooter(project: string, at: Date, lang: Language): string {
  const about = `${project.replace(/&/g, "&&")} · ${titleDate(at, lang)}`;
  if (lang === "en") return `&Cpage &P of &N · ${about}`;
  // Persian: the page number on the right (where the reader starts), the project and date on the left, each in a
  // right-to-left embedding. Seen in LibreOffice: the page fields split one centred line into pieces laid out left
  // to right (the page number came last), and "پیاده‌سازی CRM مهرگان" without the embedding read out of order.
  return `&R\u202Bصفحه &P از &N\u202C&L\u202B${about}\u202C`;
}
/** The font of every cell (exceljs's default): a cell given only a colour or weight would otherwise fall back to another font in LibreOffice. */
const FONT = "Calibri";

// ---------------------------------------------------------------------------
// Words.

const count = (n: number, lang: Language) => (lang === "fa" ? n.toLocaleString("fa-IR") : n.toLocaleString("en-US"));
const both = (f: (lang: Language) => string): Localized => ({ fa: f("fa"), en: f("en") });

const REFUSALS: Record<SheetRefusalCode, (lang: Language, p: Record<string, string>) => string> = {
  empty: (l) => (l === "fa" ? "فایل خالی است." : "The file is empty."),
  "not-a-workbook": (l, p) =>
    p.xls
      ? l === "fa"
        ? "این فایل اکسل قدیمی (.xls) است: آن را با قالب کارپوشه اکسل (.xlsx) ذخیره کنید و دوباره بارگذاری کنید."
        : "This is an older Excel file (.xls): save it as an Excel workbook (.xlsx) and upload that."
      : l === "fa"
        ? "این فایل نه کارپوشه اکسل (.xlsx) است و نه متن CSV. جدول را با قالب .xlsx یا .csv بارگیری کنید، پر کنید و دوباره بارگذاری کنید."
        : "This file is neither an Excel workbook (.xlsx) nor CSV text. Download the register as .xlsx or .csv, fill it in and upload it again.",
  damaged: (l) =>
    l === "fa"
      ? "کارپوشه آسیب دیده است و خوانده نمی‌شود. آن را دوباره در برنامه صفحه‌گسترده ذخیره کنید و بارگذاری کنید."
      : "The workbook is damaged and cannot be read. Save it again in your spreadsheet program and upload it again.",
  "too-large": (l) =>
    l === "fa"
      ? `فایل بیش از حد بزرگ است: حداکثر ${localDigits(5, "fa")} مگابایت، و کارپوشه پس از بازشدن حداکثر ${localDigits(25, "fa")} مگابایت.`
      : "The file is too large: at most 5 MB, and a workbook at most 25 MB once unpacked.",
  "too-many-rows": (l, p) =>
    l === "fa"
      ? `این جدول حداکثر ${count(Number(p.max), "fa")} ردیف می‌پذیرد؛ این فایل ${count(Number(p.rows), "fa")} ردیف دارد.`
      : `This register takes at most ${count(Number(p.max), "en")} rows; the file has ${count(Number(p.rows), "en")}.`,
  formula: (l, p) =>
    l === "fa"
      ? `فرمول پذیرفته نمی‌شود: فقط مقدار بنویسید. فرمول در این خانه‌ها هست: ${p.cells}.`
      : `Formulas are not accepted: type values only. Formulas found in: ${p.cells}.`,
  "no-key": (l) =>
    l === "fa"
      ? "این فایل کلید درون‌ریزی ندارد: سطر «gambegam-register:…» زیر عنوان پاک یا دگرگون شده، یا فایل از این جدول بارگیری نشده است. جدول را دوباره بارگیری کنید، تغییرهایتان را در آن بنویسید و آن را بارگذاری کنید."
      : "This file has no import key: the line “gambegam-register:…” under the title was removed or changed, or the file was not downloaded from this register. Download the register again, copy your changes into it and upload that.",
  "other-project": (l) =>
    l === "fa"
      ? "این فایل از پروژه دیگری است. جدول همین پروژه را بارگیری کنید و همان را بارگذاری کنید."
      : "This file belongs to another project. Download this project's register and upload that.",
  "other-register": (l, p) =>
    l === "fa"
      ? `این فایل جدول دیگری است${p.other_fa ? ` («${p.other_fa}»)` : ""}، نه «${p.this_fa}».`
      : `This file holds another register${p.other_en ? ` (“${p.other_en}”)` : ""}, not “${p.this_en}”.`,
  "columns-changed": (l, p) =>
    l === "fa"
      ? `ستون‌های فایل دیگر با جدول جور نیستند${p.missing_fa ? ` — ستون‌های گم‌شده: ${p.missing_fa}` : ""}${p.unknown ? ` — ستون‌های ناشناخته: ${p.unknown}` : ""}. سطر سرستون‌ها را همان‌گونه که بارگیری شده نگه دارید (جابه‌جا کردن ستون‌ها اشکالی ندارد).`
      : `The file's columns no longer match the register${p.missing_en ? ` — missing: ${p.missing_en}` : ""}${p.unknown ? ` — not known: ${p.unknown}` : ""}. Keep the header line as downloaded (columns may be moved).`,
  encoding: (l) =>
    l === "fa"
      ? "فایل CSV با نویسه‌گذاری UTF-8 ذخیره نشده است. در اکسل «CSV UTF-8 (comma delimited)» و در لیبره‌آفیس نویسه‌گذاری «Unicode (UTF-8)» را انتخاب کنید و دوباره بارگذاری کنید."
      : "The CSV file is not UTF-8 text. In Excel choose “CSV UTF-8 (comma delimited)”; in LibreOffice choose the character set “Unicode (UTF-8)”; then upload it again.",
};

function refuse(code: SheetRefusalCode, params: Record<string, string> = {}): RegisterSheetReading {
  return { ok: false, refusal: { code, message: both((l) => REFUSALS[code](l, params)) } };
}

const CELL_WORDS = {
  choice: (value: string, col: Extract<RegisterColumn, { type: "choice" }>): Localized => ({
    en: `“${value}” is not one of the options: ${col.options.map((o) => o.label.en).join(", ")}.`,
    fa: `«${value}» یکی از گزینه‌ها نیست: ${col.options.map((o) => o.label.fa).join("، ")}.`,
  }),
  ref: (target: RegisterItem | undefined): Localized => ({
    en: `Give the row id of a row of ${target ? `“${target.title.en}”` : "the register it points to"}, as in “12 · …”.`,
    fa: `شناسه سطری از ${target ? `«${target.title.fa}»` : "جدولی که به آن اشاره دارد"} را بنویسید، مانند «${localDigits(12, "fa")} · …».`,
  }),
  /** A reference that names no row: the value found, what to write, and the rows whose name is close ("did you mean"). */
  refNotFound: (value: string, target: RegisterItem | undefined, near: string[]): Localized => ({
    en:
      `“${value}” is not a row of ${target ? `“${target.title.en}”` : "the register it points to"}: give its row id or its exact name, as in “12 · …”.` +
      (near.length ? ` Did you mean ${near.map((n) => `“${n}”`).join(" or ")}?` : ""),
    fa:
      `«${value}» ردیفی از ${target ? `«${target.title.fa}»` : "جدولی که به آن اشاره دارد"} نیست: شناسه سطر یا نام دقیق آن را بنویسید، مانند «${localDigits(12, "fa")} · …».` +
      (near.length ? ` آیا منظورتان ${near.map((n) => `«${localDigits(n, "fa")}»`).join(" یا ")} است؟` : ""),
  }),
  badDate: (value: string): Localized => {
    const forms = bothLanguages("validation.badDate");
    return { en: `“${value}” is not a valid date. ${forms.en}`, fa: `«${value}» تاریخ معتبری نیست. ${forms.fa}` };
  },
  notANumber: (value: string, integer: boolean): Localized => {
    // "35%", "1,200 rials": the number in it, as a hint of what to write.
    const digits = toLatinDigits(value).replace(/[٫]/g, ".").replace(/[^0-9.]/g, "");
    const hint = /^\d+(\.\d+)?$/.test(digits) && (!integer || !digits.includes(".")) ? digits : null;
    const forms = bothLanguages(integer ? "validation.notAnInteger" : "validation.notANumber");
    return {
      en: `“${value}” is not ${integer ? "a whole number" : "a number"}${hint ? `: write ${hint}.` : `. ${forms.en}`}`,
      fa: `«${value}» ${integer ? "عدد صحیح" : "عدد"} نیست${hint ? `: ${localDigits(hint.replace(".", "٫"), "fa")} بنویسید.` : `. ${forms.fa}`}`,
    };
  },
  tooLong: (length: number, max: number): Localized => ({
    en: `${count(length, "en")} characters, at most ${count(max, "en")}.`,
    fa: `${count(length, "fa")} نویسه؛ حداکثر ${count(max, "fa")} نویسه.`,
  }),
  id: { en: "The row id must be the whole number downloaded with the row; leave it blank for a new row.", fa: "شناسه سطر باید همان عدد صحیحی باشد که با ردیف بارگیری شد؛ برای ردیف تازه آن را خالی بگذارید." },
  version: { en: "The version must be the whole number downloaded with the row.", fa: "نسخه باید همان عدد صحیحی باشد که با ردیف بارگیری شد." },
  twice: (line: number): Localized => ({ en: `This row id is also on line ${line}: each row once.`, fa: `این شناسه سطر در سطر ${localDigits(line, "fa")} هم آمده است: هر ردیف فقط یک بار.` }),
  error: { en: "This cell holds an error (such as #N/A or #REF!): type a value.", fa: "این خانه خطا دارد (مانند ‎#N/A یا ‎#REF!): یک مقدار بنویسید." },
} as const;

// ---------------------------------------------------------------------------
// Building.

type Cells = Readonly<Record<string, unknown>>;
const cellsOf = (r: SheetSourceRow): Cells => (r.cells && typeof r.cells === "object" ? (r.cells as Cells) : {});

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function titleDate(at: Date, lang: Language): string {
  const iso = isoDate(at);
  return lang === "fa" ? localDigits(isoToJalaliInput(iso), "fa") : iso;
}

/** The register first: in Persian its words set the line's direction, whatever the project's name starts with ("CRM …"). */
function sheetTitle(project: { name: string }, item: RegisterItem, at: Date, lang: Language): string {
  return `${item.title[lang]} · ${project.name} · ${titleDate(at, lang)}`;
}

/** Lines a value takes in a wrapped cell of this width (a character per width unit, roughly), at most `cap`. */
function linesFor(value: unknown, width: number, cap = 8): number {
  if (value === null || value === undefined || typeof value === "number" || value instanceof Date) return 1;
  const perLine = Math.max(4, Math.floor(width * 1.1) - 1);
  let n = 0;
  for (const part of String(value).split("\n")) n += Math.max(1, Math.ceil(part.length / perLine));
  return Math.min(cap, n);
}
const LINE_HEIGHT = 15;

/** A cell's value as the sheet holds it: numbers as numbers, dates as dates, choices and refs in words. */
function displayValue(col: RegisterColumn, v: unknown, lang: Language, refLabels: Record<string, Map<number, string>> | undefined): string | number | Date | null {
  if (v === null || v === undefined || v === "") return null;
  switch (col.type) {
    case "number":
    case "scale": {
      const n = typeof v === "number" ? v : Number(v);
      return Number.isFinite(n) ? n : String(v);
    }
    case "date": {
      const m = typeof v === "string" ? v.match(/^(\d{4})-(\d{2})-(\d{2})$/) : null;
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    case "choice":
      return col.options.find((o) => o.id === v)?.label[lang] ?? String(v);
    case "ref": {
      const id = Number(v);
      return Number.isInteger(id) ? refCellText(id, refLabels?.[col.register]?.get(id)) : String(v);
    }
    default:
      return String(v);
  }
}

function columnWidth(col: RegisterColumn, lang: Language): number {
  const header = columnHeader(col, lang).length + 2;
  const base = (() => {
    switch (col.type) {
      case "long-text":
        return 48;
      case "text":
        return col.maxLength > 120 ? 36 : 26;
      case "choice":
        return Math.max(...col.options.map((o) => o.label[lang].length)) + 4;
      case "ref":
        return 32;
      case "date":
        return 12;
      case "number":
      case "scale":
        return 11;
    }
  })();
  return Math.min(60, Math.max(10, base, Math.min(header, 30)));
}

/** The hidden sheet holding long drop-down lists, filled as the register sheets ask for lists. */
class Lists {
  private columns: string[][] = [];
  add(values: string[]): string {
    this.columns.push(values);
    const letter = columnLetter(this.columns.length);
    return `${LIST_SHEET}!$${letter}$1:$${letter}$${Math.max(1, values.length)}`;
  }
  write(wb: ExcelJS.Workbook) {
    if (!this.columns.length) return;
    const ws = wb.addWorksheet(LIST_SHEET, { state: "hidden" });
    this.columns.forEach((values, c) => values.forEach((v, r) => (ws.getCell(r + 1, c + 1).value = v)));
  }
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A text that would start a formula when a CSV is opened gets an apostrophe before it (removed again on reading). */
const FORMULA_START = /^[=+\-@\t\r]/;

const CHOICE_ERROR = { en: "Choose one of the options from the list.", fa: "یکی از گزینه‌های فهرست را انتخاب کنید." };

function addRegisterSheet(
  wb: ExcelJS.Workbook,
  lists: Lists,
  name: string,
  args: { project: { id: number; name: string }; pack: Pack; item: RegisterItem; rows: ReadonlyArray<SheetSourceRow>; lang: Language; exportedAt: Date; refLabels?: Record<string, Map<number, string>> },
): ExcelJS.Worksheet {
  const { item, lang } = args;
  const rtl = lang === "fa";
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: SHEET_LINES.header, rightToLeft: rtl, activeCell: `C${SHEET_LINES.firstRow}` }],
    // Printed: one page wide, the header line on every page, "page N of M · project · date" below.
    pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${SHEET_LINES.header}:${SHEET_LINES.header}` },
    headerFooter: { oddFooter: pageFooter(args.project.name, args.exportedAt, lang), evenFooter: pageFooter(args.project.name, args.exportedAt, lang) },
  });
  const cols = item.columns;
  // Filters on the header line, as a consultant adds them before sending a register.
  ws.autoFilter = `A${SHEET_LINES.header}:${columnLetter(cols.length + 2)}${SHEET_LINES.header}`;
  ws.columns = [{ width: 10 }, { width: 8 }, ...cols.map((c) => ({ width: columnWidth(c, lang) }))];
  const lastRow = SHEET_LINES.firstRow + Math.max(item.maxRows, args.rows.length) - 1;

  const title = ws.getCell(SHEET_LINES.title, 1);
  title.value = sheetTitle(args.project, item, args.exportedAt, lang);
  title.font = { name: FONT, bold: true, size: 13 };
  title.alignment = { horizontal: rtl ? "right" : "left" };
  const key = ws.getCell(SHEET_LINES.key, 1);
  key.value = sheetKeyLine(args.project.id, item.id, lang);
  key.font = { name: FONT, size: 8, color: { argb: KEY_FONT } };
  key.alignment = { horizontal: rtl ? "right" : "left" };

  const header = ws.getRow(SHEET_LINES.header);
  header.values = [SHEET_WORDS.id[lang], SHEET_WORDS.version[lang], ...cols.map((c) => columnHeader(c, lang))];
  header.font = { name: FONT, bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell, n) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: n <= 2 ? KEY_FILL : HEADER_FILL } };
    if (n <= 2) cell.font = { name: FONT, bold: true, color: { argb: KEY_FONT } };
  });
  // Row heights are written (no program is sure to fit them on opening): wrapped text would otherwise overlap.
  const widths = [10, 8, ...cols.map((c) => columnWidth(c, lang))];
  header.height = LINE_HEIGHT * Math.max(1, ...(header.values as unknown[]).slice(1).map((v, i) => linesFor(v, widths[i]! * 0.9, 3)));

  args.rows.forEach((r, i) => {
    const cells = cellsOf(r);
    const row = ws.getRow(SHEET_LINES.firstRow + i);
    const values = [r.id, r.version, ...cols.map((c) => displayValue(c, cells[c.id], lang, args.refLabels))];
    row.values = values;
    row.alignment = { vertical: "top", wrapText: true, ...(rtl ? { readingOrder: "rtl" as const } : {}) };
    const lines = Math.max(1, ...values.map((v, k) => linesFor(v, widths[k]!)));
    if (lines > 1) row.height = LINE_HEIGHT * lines;
  });
  if (rtl) {
    // The sheet's direction alone does not set a cell's: "12 · name" or a Latin word first would read left to right.
    header.alignment = { ...header.alignment, readingOrder: "rtl" };
  }

  // Key columns greyed, dates as dates, drop-downs and ranges: for the rows written and those the register can still take.
  const range = (c: number) => `${columnLetter(c)}${SHEET_LINES.firstRow}:${columnLetter(c)}${lastRow}`;
  for (let r = SHEET_LINES.firstRow; r < SHEET_LINES.firstRow + args.rows.length; r++) {
    for (const c of [1, 2]) {
      const cell = ws.getCell(r, c);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: KEY_FILL } };
      cell.font = { name: FONT, color: { argb: KEY_FONT } };
    }
  }
  for (const c of [1, 2]) {
    const column = ws.getColumn(c);
    column.fill = { type: "pattern", pattern: "solid", fgColor: { argb: KEY_FILL } };
    column.font = { name: FONT, color: { argb: KEY_FONT } };
  }
  // The title and key lines keep their own look (the column styles above reach every cell of the column).
  for (const line of [SHEET_LINES.title, SHEET_LINES.key]) {
    for (const c of [1, 2]) {
      ws.getCell(line, c).fill = { type: "pattern", pattern: "none" };
      ws.getCell(line, c).font = { name: FONT };
    }
  }
  title.font = { name: FONT, bold: true, size: 13 };
  key.font = { name: FONT, size: 8, color: { argb: KEY_FONT } };
  if (rtl) title.alignment = { horizontal: "right", readingOrder: "rtl" };

  cols.forEach((col, i) => {
    const c = i + 3;
    const column = ws.getColumn(c);
    const label = col.label[lang];
    if (col.type === "date") column.numFmt = DATE_FORMAT[lang];
    if (col.type === "long-text" || col.type === "text" || col.type === "ref") column.alignment = { wrapText: true, vertical: "top", ...(rtl ? { readingOrder: "rtl" as const } : {}) };
    for (let r = SHEET_LINES.firstRow; r < SHEET_LINES.firstRow + args.rows.length; r++) {
      const cell = ws.getCell(r, c);
      if (col.type === "date") cell.numFmt = DATE_FORMAT[lang];
      if ((col.type === "number" && col.integer) || col.type === "scale") cell.numFmt = "0";
    }
    if ((col.type === "number" && col.integer) || col.type === "scale") column.numFmt = "0";
    let validation: ExcelJS.DataValidation | null = null;
    switch (col.type) {
      case "choice": {
        const labels = col.options.map((o) => o.label[lang]);
        const inline = `"${labels.join(",")}"`;
        const formula = inline.length <= 255 && !labels.some((l) => /[,"]/.test(l)) ? inline : lists.add(labels);
        validation = { type: "list", allowBlank: true, formulae: [formula], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error: CHOICE_ERROR[lang] };
        break;
      }
      case "ref": {
        const labels = args.refLabels?.[col.register];
        if (labels && labels.size) {
          validation = { type: "list", allowBlank: true, formulae: [lists.add([...labels].map(([id, l]) => refCellText(id, l)))], showErrorMessage: true, errorStyle: "information", errorTitle: label, error: CELL_WORDS.ref(findRegister(args.pack, col.register))[lang] };
        }
        break;
      }
      case "scale":
        validation = { type: "whole", operator: "between", allowBlank: true, formulae: [col.min, col.max], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error: bothLanguages(`validation.tooLarge|${JSON.stringify({ max: col.max })}`)[lang].replace(/\.$/, "") + ` (${localDigits(col.min, lang)}–${localDigits(col.max, lang)}).` };
        break;
      case "number": {
        const type = col.integer ? "whole" : "decimal";
        const error = bothLanguages(col.integer ? "validation.notAnInteger" : "validation.notANumber")[lang];
        if (col.min !== undefined && col.max !== undefined) validation = { type, operator: "between", allowBlank: true, formulae: [col.min, col.max], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error };
        else if (col.min !== undefined) validation = { type, operator: "greaterThanOrEqual", allowBlank: true, formulae: [col.min], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error };
        else if (col.max !== undefined) validation = { type, operator: "lessThanOrEqual", allowBlank: true, formulae: [col.max], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error };
        break;
      }
      case "text":
      case "long-text":
        validation = { type: "textLength", operator: "lessThanOrEqual", allowBlank: true, formulae: [col.maxLength], showErrorMessage: true, errorStyle: "stop", errorTitle: label, error: bothLanguages(`validation.tooLong|${JSON.stringify({ max: col.maxLength })}`)[lang] };
        break;
    }
    // A range (exceljs writes it as one rule); its typings know only cell.dataValidation.
    if (validation) (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range(c), validation);
  });
  // The header last: the column styles above reach its cells too.
  header.eachCell((cell) => (cell.alignment = { vertical: "bottom", wrapText: true, ...(rtl ? { readingOrder: "rtl" as const } : {}) }));
  return ws;
}

function newWorkbook(title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Gambegam";
  wb.title = title;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, not starting or ending with an apostrophe, unique (any case). */
function sheetName(title: string, taken: Set<string>): string {
  let base = title.replace(/[[\]:*?/\\]/g, " ").replace(/\s+/g, " ").trim().replace(/^'+|'+$/g, "") || "Sheet";
  if (base.length > 31) {
    const cut = base.slice(0, 30);
    const space = cut.lastIndexOf(" ");
    base = `${(space > 15 ? cut.slice(0, space) : cut).trim()}…`;
  }
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

export async function buildRegisterXlsx(input: RegisterSheetInput): Promise<Buffer> {
  const wb = newWorkbook(sheetTitle(input.project, input.item, input.exportedAt, input.lang));
  const lists = new Lists();
  addRegisterSheet(wb, lists, sheetName(input.item.title[input.lang], new Set([LIST_SHEET])), input);
  lists.write(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const PROJECT_WORDS = {
  index: { fa: "فهرست جدول‌ها", en: "Registers" },
  title: { fa: "جدول‌های پروژه", en: "The project's registers" },
  register: { fa: "جدول", en: "Register" },
  phase: { fa: "فاز", en: "Phase" },
  sheet: { fa: "برگه", en: "Sheet" },
  rows: { fa: "ردیف‌ها", en: "Rows" },
  note: {
    fa: "هر جدول در برگه خود است. برای درون‌ریزی، کارپوشه را در صفحه همان جدول بارگذاری کنید: فقط برگه آن جدول خوانده می‌شود.",
    en: "Each register is on its own sheet. To import, upload the workbook on that register's page: only its sheet is read.",
  },
} as const;

export async function buildProjectWorkbook(input: {
  project: { id: number; name: string };
  pack: Pack;
  registers: Array<{ item: RegisterItem; rows: ReadonlyArray<SheetSourceRow> }>;
  lang: Language;
  exportedAt: Date;
}): Promise<Buffer> {
  const { lang } = input;
  const rtl = lang === "fa";
  const w = PROJECT_WORDS;
  const wb = newWorkbook(`${w.title[lang]} · ${input.project.name} · ${titleDate(input.exportedAt, lang)}`);
  const taken = new Set<string>([LIST_SHEET]);
  const index = wb.addWorksheet(sheetName(w.index[lang], taken), {
    views: [{ rightToLeft: rtl, state: "frozen", ySplit: 4 }],
    pageSetup: { orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // The phase column fits the longest phase title on one line: a row estimated taller than its text left the text
  // floating at the top of an uneven list (seen in LibreOffice).
  const PHASE_WIDTH = 40;
  index.columns = [{ width: 60 }, { width: PHASE_WIDTH }, { width: 34 }, { width: 10 }];

  // Names of ref targets, from the registers in the same workbook.
  const byId = new Map(input.registers.map((r) => [r.item.id, r]));
  const phaseOf = new Map<string, string>();
  for (const ph of input.pack.phases) for (const st of ph.steps) for (const it of st.items) phaseOf.set(it.id, ph.title[lang]);

  const lists = new Lists();
  const sheets: Array<{ item: RegisterItem; name: string; rows: number }> = [];
  for (const r of input.registers) {
    const refLabels = refLabelsFor(input.pack, r.item, (id) => byId.get(id)?.rows ?? [], lang);
    const name = sheetName(r.item.title[lang], taken);
    addRegisterSheet(wb, lists, name, { project: input.project, pack: input.pack, item: r.item, rows: r.rows, lang, exportedAt: input.exportedAt, refLabels });
    sheets.push({ item: r.item, name, rows: r.rows.length });
  }

  const t = index.getCell(1, 1);
  t.value = `${w.title[lang]} · ${input.project.name} · ${titleDate(input.exportedAt, lang)}`;
  t.font = { name: FONT, bold: true, size: 13 };
  index.getCell(2, 1).value = w.note[lang];
  index.getCell(2, 1).alignment = { wrapText: true, vertical: "top", ...(rtl ? { readingOrder: "rtl" as const } : {}) };
  index.getRow(2).height = 32;
  index.mergeCells(2, 1, 2, 4);
  const header = index.getRow(4);
  header.values = [w.register[lang], w.phase[lang], w.sheet[lang], w.rows[lang]];
  header.font = { name: FONT, bold: true };
  header.eachCell((c) => (c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } }));
  sheets.forEach((s, i) => {
    const row = index.getRow(5 + i);
    row.values = [s.item.title[lang], phaseOf.get(s.item.id) ?? "", { text: s.name, hyperlink: `#'${s.name.replace(/'/g, "''")}'!A1` }, s.rows];
    row.getCell(3).font = { name: FONT, color: { argb: "FF1F4E79" }, underline: true };
    row.alignment = { vertical: "top", wrapText: true, ...(rtl ? { readingOrder: "rtl" as const } : {}) };
    row.height = LINE_HEIGHT * Math.max(linesFor(s.item.title[lang], 60), linesFor(phaseOf.get(s.item.id) ?? "", PHASE_WIDTH));
  });
  if (rtl) t.alignment = { horizontal: "right", readingOrder: "rtl" };
  lists.write(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV field: quoted when it must be; a text that would start a formula is kept from running. */
function csvField(v: string | number | Date | null, guard: boolean, lang: Language = "en"): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  // Persian: the Solar Hijri date as the app shows it (Latin digits: any program keeps them as typed); read back either way.
  if (v instanceof Date) return lang === "fa" ? isoToJalaliInput(isoDate(v)) : isoDate(v);
  const s = guard && FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function buildRegisterCsv(input: RegisterSheetInput): string {
  const { item, lang } = input;
  const lines: string[] = [];
  lines.push(csvField(sheetTitle(input.project, item, input.exportedAt, lang), true));
  lines.push(csvField(sheetKeyLine(input.project.id, item.id, lang), true));
  lines.push([SHEET_WORDS.id[lang], SHEET_WORDS.version[lang], ...item.columns.map((c) => columnHeader(c, lang))].map((h) => csvField(h, true)).join(","));
  for (const r of input.rows) {
    const cells = cellsOf(r);
    lines.push([String(r.id), String(r.version), ...item.columns.map((c) => csvField(displayValue(c, cells[c.id], lang, input.refLabels), true, lang))].join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

// ---------------------------------------------------------------------------
// Reading.

/** One cell as read from either format. */
type Raw = string | number | boolean | Date | { formula: true } | { error: true } | null;
type Grid = { name: string; rows: Raw[][]; lines: number[] };

const isBlank = (v: Raw) => v === null || (typeof v === "string" && stripInvisible(v).trim() === "");

function fromExcel(cell: ExcelJS.Cell): Raw {
  const v = cell.value as unknown;
  if (v instanceof Date) return v;
  if (typeof v === "number" || typeof v === "boolean") return v;
  const c = cellText(cell);
  if ("formula" in c) return { formula: true };
  if ("kind" in c) return c.kind === "date" ? (v as Date) : { error: true };
  return c.text === "" ? null : c.text;
}

async function readXlsx(bytes: Uint8Array, maxRows: number): Promise<{ grids: Grid[]; formulas: string[] } | RegisterSheetReading> {
  const zip = checkZip(bytes);
  if (!zip.ok) return refuse(zip.refusal === "not-xlsx" ? "not-a-workbook" : zip.refusal);
  const most = zip.mostRows;
  const lead = SHEET_LINES.firstRow - 1;
  if (most > SHEET_HARD_ROW_CAP + lead) return refuse("too-many-rows", { max: String(maxRows), rows: String(most - lead) });

  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    return refuse("damaged");
  }
  const formulas: string[] = [];
  const grids: Grid[] = [];
  for (const ws of wb.worksheets) {
    const rows: Raw[][] = [];
    const lines: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const values: Raw[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = fromExcel(cell);
        if (v && typeof v === "object" && "formula" in v) formulas.push(wb.worksheets.length > 1 ? `${cell.address} (${ws.name})` : cell.address);
        values[c - 1] = v;
      });
      for (let i = 0; i < values.length; i++) values[i] ??= null;
      rows.push(values);
      lines.push(r);
    });
    grids.push({ name: ws.name, rows, lines });
  }
  return { grids, formulas };
}

/** CSV text to records (RFC 4180, with the delimiter given); stops keeping records after `keep`, counting the rest that hold a value. */
function parseCsv(text: string, delimiter: string, keep: number): { rows: string[][]; lines: number[]; more: number } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let more = 0;
  let field = "";
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let filled = false;
  const endRecord = () => {
    record.push(field);
    if (rows.length < keep) {
      rows.push(record);
      lines.push(recordLine);
    } else if (record.some((f) => f.trim() !== "")) more++;
    record = [];
    field = "";
    filled = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      filled = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
      filled = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      filled = true;
    }
  }
  if (filled || field !== "" || record.length) endRecord();
  return { rows, lines, more };
}

function readCsvText(bytes: Uint8Array): string | RegisterSheetReading {
  const b = bytes;
  let text: string;
  if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder("utf-16le").decode(b.subarray(2));
  else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder("utf-16be").decode(b.subarray(2));
  else {
    // Binary (NUL and other control bytes) is not text in any encoding.
    let control = 0;
    for (let i = 0; i < Math.min(b.length, 65536); i++) {
      const x = b[i]!;
      if (x === 0) return refuse("not-a-workbook");
      if (x < 0x20 && x !== 0x09 && x !== 0x0a && x !== 0x0d) control++;
    }
    if (control > 8) return refuse("not-a-workbook");
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(b);
    } catch {
      return refuse("encoding");
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes("\u0000")) return refuse("not-a-workbook");
  return text;
}

/** A header or label for comparing: visible characters, one space, no " *", Persian yeh and kaf, any case. */
function normaliseLabel(s: string): string {
  return comparableText(s).replace(/\s*\*$/, "");
}

function rawText(v: Raw): string {
  if (v === null) return "";
  if (v instanceof Date) return isoDate(v);
  if (typeof v === "object") return "";
  return String(v);
}

/** Whole positive number from a cell (Persian or Arabic digits welcome), or null when blank; "bad" otherwise. */
function wholeNumber(v: Raw): number | null | "bad" {
  if (isBlank(v)) return null;
  if (typeof v === "number") return Number.isSafeInteger(v) && v > 0 ? v : "bad";
  const t = toLatinDigits(rawText(v)).trim();
  return /^\d{1,15}$/.test(t) && Number(t) > 0 ? Number(t) : "bad";
}

/** The stored value of one cell, or a problem. */
type Cell = { value: unknown; problem?: Localized };

/** The rows a ref column may name, by their name as the sheet writes it (normalised): ids with that name. */
type RefNames = Map<string, number[]>;

function refNamesOf(labels: Map<number, string> | undefined): RefNames {
  const out: RefNames = new Map();
  for (const [id, label] of labels ?? []) {
    const key = normaliseLabel(label);
    if (!key) continue;
    out.set(key, [...(out.get(key) ?? []), id]);
  }
  return out;
}

function readCell(
  col: RegisterColumn,
  v: Raw,
  schema: (raw: unknown) => { ok: true; value: unknown } | { ok: false; key: string },
  pack: Pack,
  refs?: { labels: Map<number, string>; names: RefNames },
): Cell {
  if (v && typeof v === "object" && "error" in v) return { value: "", problem: CELL_WORDS.error };
  const validated = (raw: unknown, shown: unknown = raw): Cell => {
    const r = schema(raw);
    if (r.ok) return { value: r.value };
    // The value found, in the message, where the forms' own words would not show it.
    const found = shown === null || shown === undefined ? "" : shown instanceof Date ? isoDate(shown) : String(shown);
    const [key, json] = r.key.split("|");
    if (key === "validation.badDate" && found) return { value: shown, problem: CELL_WORDS.badDate(found) };
    if ((key === "validation.notANumber" || key === "validation.notAnInteger") && found) return { value: shown, problem: CELL_WORDS.notANumber(found, key === "validation.notAnInteger") };
    if (key === "validation.tooLong" && json) return { value: shown, problem: CELL_WORDS.tooLong([...found].length, Number((JSON.parse(json) as { max: number }).max)) };
    return { value: shown, problem: bothLanguages(r.key) };
  };
  const text = (() => {
    const t = stripInvisible(rawText(v)).replace(/\r\n?/g, "\n").trim();
    return t.startsWith("'") && FORMULA_START.test(t.slice(1)) ? t.slice(1) : t;
  })();
  switch (col.type) {
    case "text":
    case "long-text":
      return validated(text);
    case "number":
    case "scale": {
      if (typeof v === "number") return validated(String(v), v);
      return validated(text.replace(/[\s\u00A0\u2007\u202F\u066C\u060C']/g, "").replace(/٫/g, "."), text);
    }
    case "date": {
      if (v instanceof Date) return validated(isoDate(v), text);
      if (typeof v === "number" && v > 0 && v < 2958466) return validated(isoDate(new Date(Math.round((v - 25569) * 86400000))), v);
      // A date and a midnight time (2026-12-05 00:00:00, as some programs write it).
      return validated(text.replace(/^(\S+)[ T]00:00(?::00(?:\.0+)?)?Z?$/, "$1"), text);
    }
    case "choice": {
      if (text === "") return validated("");
      const wanted = normaliseLabel(text);
      const option = col.options.find((o) => o.id === text || normaliseLabel(o.id) === wanted || normaliseLabel(o.label.en) === wanted || normaliseLabel(o.label.fa) === wanted);
      return option ? validated(option.id) : { value: text, problem: CELL_WORDS.choice(text, col) };
    }
    case "ref": {
      const target = findRegister(pack, col.register);
      if (typeof v === "number") return Number.isSafeInteger(v) && v > 0 ? validated(v) : { value: v, problem: CELL_WORDS.refNotFound(String(v), target, []) };
      if (text === "") return validated("");
      // "21 · name" (or the number alone), as the sheet writes it.
      const m = toLatinDigits(text).match(/^#?\s*(\d{1,15})(?:\s*[·•.\-–—:|]\s*[\s\S]*)?$/);
      if (m) return validated(Number(m[1]), text);
      // The row's exact name, as a client types or pastes it: taken when exactly one row has it.
      const named = refs?.names.get(normaliseLabel(text)) ?? [];
      if (named.length === 1) return validated(named[0]!, text);
      const loose = toLatinDigits(text).match(/^#?\s*(\d{1,15})\s+[\s\S]*$/);
      if (!named.length && loose) return validated(Number(loose[1]), text);
      const near = named.length > 1 ? named : nearNames(text, refs?.names);
      return { value: text, problem: CELL_WORDS.refNotFound(text, target, near.slice(0, 3).map((id) => refCellText(id, refs?.labels.get(id)))) };
    }
  }
}

/** A CSV's key followed by the delimiter the file uses (the key is the first cell of line 2). */
const CSV_KEY_THEN_DELIMITER = new RegExp(`${SHEET_KEY_PREFIX}:\\d+:\\d+:[a-z0-9.-]+"?([,;\\t\\u061B])`);

/** Rows whose name holds the text typed, or is held by it (a name typed short, or with more words): at most three. */
function nearNames(text: string, names: RefNames | undefined): number[] {
  const wanted = normaliseLabel(text);
  if (!names || wanted.length < 3) return [];
  const out: number[] = [];
  for (const [name, ids] of names) if (name.includes(wanted) || wanted.includes(name)) out.push(...ids);
  return out.slice(0, 3);
}

export async function readRegisterFile(
  bytes: Uint8Array,
  expected: {
    projectId: number;
    item: RegisterItem;
    pack: Pack;
    maxRows?: number;
    /** Names of the rows ref columns may point at, by the referenced register's id (refLabelsFor): a ref typed as a row's exact name is read as that row. */
    refLabels?: Record<string, Map<number, string>>;
  },
): Promise<RegisterSheetReading> {
  if (bytes.byteLength === 0) return refuse("empty");
  if (bytes.byteLength > MAX_WORKBOOK_UPLOAD_BYTES) return refuse("too-large");
  const item = expected.item;
  const maxRows = expected.maxRows ?? item.maxRows;
  const lead = SHEET_LINES.firstRow - 1;

  // What the bytes are decides how they are read (a CSV named .xlsx, or the reverse, is still read).
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const isOle = bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  if (isOle) return refuse("not-a-workbook", { xls: "1" });
  let grids: Grid[];
  let formulas: string[] = [];
  let read: SheetFormat;
  if (isZip) {
    const x = await readXlsx(bytes, maxRows);
    if ("ok" in x) return x;
    ({ grids, formulas } = x);
    read = "xlsx";
  } else {
    const text = readCsvText(bytes);
    if (typeof text !== "string") return text;
    if (text.trim() === "") return refuse("empty");
    // The delimiter is what follows the key: a comma, a semicolon (Excel where the decimal mark is a comma), a tab, or the
    // Arabic semicolon (Excel's list separator on a Persian Windows).
    const keyAt = text.match(CSV_KEY_THEN_DELIMITER);
    // A key alone on its line: the one found most in the first lines (the header's).
    const head = text.split(/\r?\n/, 6).join("\n");
    const delimiter = keyAt?.[1] ?? [",", ";", "\t", "\u061B"].map((d) => [d, head.split(d).length] as const).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
    const parsed = parseCsv(text, delimiter, SHEET_HARD_ROW_CAP + lead + 50);
    if (parsed.more > 0) {
      const kept = parsed.rows.filter((r) => r.some((f) => f.trim() !== "")).length;
      return refuse("too-many-rows", { max: String(maxRows), rows: String(kept + parsed.more - lead) });
    }
    grids = [{ name: "csv", rows: parsed.rows.map((r) => r.map((f) => (f === "" ? null : f))), lines: parsed.lines }];
    read = "csv";
  }

  // The sheet of this register: the one whose key names it (a whole-project workbook has many).
  type Keyed = { grid: Grid; keyIndex: number; projectId: number; itemId: string };
  const keyed: Keyed[] = [];
  for (const grid of grids) {
    for (let i = 0; i < Math.min(grid.rows.length, 6); i++) {
      const found = grid.rows[i]!.slice(0, 3).map((v) => (typeof v === "string" ? parseSheetKey(stripInvisible(v)) : null)).find(Boolean);
      if (found) {
        keyed.push({ grid, keyIndex: i, ...found });
        break;
      }
    }
  }
  if (!keyed.length) return refuse("no-key");
  const mine = keyed.find((k) => k.itemId === item.id);
  if (!mine) {
    if (keyed.some((k) => k.projectId !== expected.projectId)) return refuse("other-project");
    const other = findRegister(expected.pack, keyed[0]!.itemId);
    return refuse("other-register", { other_en: other?.title.en ?? "", other_fa: other?.title.fa ?? "", this_en: item.title.en, this_fa: item.title.fa });
  }
  if (mine.projectId !== expected.projectId) return refuse("other-project");
  if (formulas.length) {
    const named = formulas.slice(0, MAX_FORMULAS_NAMED).join(", ") + (formulas.length > MAX_FORMULAS_NAMED ? ", …" : "");
    return refuse("formula", { cells: named });
  }

  // The header: the first line after the key that holds something.
  const { grid } = mine;
  let h = mine.keyIndex + 1;
  while (h < grid.rows.length && h <= mine.keyIndex + 3 && grid.rows[h]!.every(isBlank)) h++;
  const header = grid.rows[h] ?? [];
  const byLabel = new Map<string, string>();
  for (const k of ["id", "version"] as const) {
    byLabel.set(normaliseLabel(SHEET_WORDS[k].en), k);
    byLabel.set(normaliseLabel(SHEET_WORDS[k].fa), k);
    byLabel.set(k, k);
  }
  for (const c of item.columns) {
    byLabel.set(normaliseLabel(c.label.en), c.id);
    byLabel.set(normaliseLabel(c.label.fa), c.id);
    byLabel.set(normaliseLabel(c.id), c.id);
  }
  const at = new Map<string, number>();
  const unknown: string[] = [];
  header.forEach((v, i) => {
    if (isBlank(v)) return;
    const label = rawText(v);
    const id = byLabel.get(normaliseLabel(label));
    if (!id || at.has(id)) unknown.push(`“${label.trim().slice(0, 60)}”`);
    else at.set(id, i);
  });
  const missing = [...["id", "version"].map((k) => ({ id: k, label: SHEET_WORDS[k as "id" | "version"] })), ...item.columns.map((c) => ({ id: c.id, label: c.label }))].filter((c) => !at.has(c.id));
  if (missing.length || unknown.length) {
    // Letters a program could not write in its character set come out as "?": the header is then all question marks.
    if (header.some((v) => typeof v === "string" && /^[?\s*]*\?[?\s*]*$/.test(v))) return refuse("encoding");
    return refuse("columns-changed", {
      missing_en: missing.map((m) => `“${m.label.en}”`).join(", "),
      missing_fa: missing.map((m) => `«${m.label.fa}»`).join("، "),
      unknown: unknown.join(", "),
    });
  }

  // The rows: those holding something, after the header.
  const body: Array<{ line: number; values: Raw[] }> = [];
  for (let r = h + 1; r < grid.rows.length; r++) {
    const values = grid.rows[r]!;
    if (values.every(isBlank)) continue;
    body.push({ line: grid.lines[r]!, values });
  }
  if (body.length > maxRows) return refuse("too-many-rows", { max: String(maxRows), rows: String(body.length) });

  const schemas = new Map(
    item.columns.map((c) => {
      const s = registerRowSchema({ ...item, columns: [c] });
      return [c.id, (raw: unknown) => {
        const p = s.safeParse({ [c.id]: raw });
        return p.success ? { ok: true as const, value: (p.data as Record<string, unknown>)[c.id] } : { ok: false as const, key: Object.values(fieldErrors(p.error))[0] ?? "validation.invalid" };
      }];
    }),
  );
  const refs = new Map<string, { labels: Map<number, string>; names: RefNames }>();
  for (const c of item.columns) {
    if (c.type !== "ref" || refs.has(c.register)) continue;
    const labels = expected.refLabels?.[c.register] ?? new Map<number, string>();
    refs.set(c.register, { labels, names: refNamesOf(labels) });
  }
  const seen = new Map<number, number>();
  const rows: SheetRow[] = body.map(({ line, values }) => {
    const get = (id: string) => values[at.get(id)!] ?? null;
    const problems: SheetCellProblem[] = [];
    const id = wholeNumber(get("id"));
    const version = wholeNumber(get("version"));
    if (id === "bad") problems.push({ column: "id", message: CELL_WORDS.id });
    if (version === "bad" || (typeof id === "number" && version === null)) problems.push({ column: "version", message: CELL_WORDS.version });
    if (typeof id === "number") {
      const before = seen.get(id);
      if (before !== undefined) problems.push({ column: "id", message: CELL_WORDS.twice(before) });
      else seen.set(id, line);
    }
    const cells: Record<string, unknown> = {};
    for (const c of item.columns) {
      const cell = readCell(c, get(c.id), schemas.get(c.id)!, expected.pack, c.type === "ref" ? refs.get(c.register) : undefined);
      cells[c.id] = cell.value;
      if (cell.problem) problems.push({ column: c.id, message: cell.problem });
    }
    return { line, rowId: typeof id === "number" ? id : null, version: typeof version === "number" ? version : null, cells, problems };
  });
  return { ok: true, projectId: mine.projectId, itemId: item.id, format: read, rows };
}
