/**
 * A register as a spreadsheet (decision 044): the shapes the builder and the
 * reader (register-sheet.server.ts, exceljs) share with the import flow
 * (register-import.server.ts), and the small pure helpers both sides need.
 * No exceljs here: the browser and the import flow may import this file.
 *
 * The layout of a register's sheet (.xlsx and .csv alike):
 * - row 1: a readable title (project · register · date of export);
 * - row 2: the key — cell A2 holds `gambegam-register:1:<project id>:<register id>`
 *   followed by a few words for the reader (greyed, small): what ties the file to its
 *   project and register, in a visible cell so that it survives a CSV saved by
 *   Excel or LibreOffice;
 * - row 3: the header — the row id and version (greyed), then the register's
 *   columns in the reader's language (a required column's label ends in " *");
 * - row 4 on: one register row each; a new row leaves id and version blank.
 */
import type { RegisterColumn, RegisterItem } from "#methodology/schema.ts";

export type SheetFormat = "xlsx" | "csv";
export type Localized = { fa: string; en: string };
/** A problem with one cell: column = a register column id, or "id" / "version" for the key columns. */
export type SheetCellProblem = { column: string; message: Localized };
export type SheetRow = {
  /** The row number the user sees in the spreadsheet (1-based). */
  line: number;
  /** null: a row to add. */
  rowId: number | null;
  /** The version of that row when the file was downloaded. */
  version: number | null;
  /**
   * By column id, every column of the register, in the shape addRow/updateRow
   * accept as `raw` — and the shape they store, so it compares with a stored
   * row's cells as it is: text → string ("" when empty, trimmed, invisible
   * characters removed); number, scale, ref → number or null; date → ISO
   * yyyy-mm-dd or null; choice → option id or null. A cell with a problem
   * holds the text found in the file (for the preview): a row with problems
   * is never written.
   */
  cells: Record<string, unknown>;
  /** Empty when every cell could be read. */
  problems: SheetCellProblem[];
};
export type SheetRefusalCode =
  | "empty"
  | "not-a-workbook"
  | "damaged"
  | "too-large"
  | "too-many-rows"
  | "formula"
  | "no-key"
  | "other-project"
  | "other-register"
  | "columns-changed"
  | "encoding";
export type SheetRefusal = { code: SheetRefusalCode; message: Localized };
export type RegisterSheetReading =
  | { ok: true; projectId: number; itemId: string; format: SheetFormat; rows: SheetRow[] }
  | { ok: false; refusal: SheetRefusal };


/** The key in cell A2 (first cell of the key line); the readers find it by this prefix. */
export const SHEET_KEY_PREFIX = "gambegam-register";
const SHEET_KEY_VERSION = 1;
/** The lines of the layout (1-based, as the user sees them). */
export const SHEET_LINES = { title: 1, key: 2, header: 3, firstRow: 4 } as const;

function sheetKey(projectId: number, itemId: string): string {
  return `${SHEET_KEY_PREFIX}:${SHEET_KEY_VERSION}:${projectId}:${itemId}`;
}

/**
 * The key line's cell: the key, then a few words for the reader (do not change it; * marks a
 * required column; dates may be Solar Hijri or Gregorian). Only the key, the cell's first word, is read back.
 */
export function sheetKeyLine(projectId: number, itemId: string, lang: "fa" | "en"): string {
  return `${sheetKey(projectId, itemId)}   ${SHEET_WORDS.key[lang]} · ${SHEET_WORDS.required[lang]} · ${SHEET_WORDS.dates[lang]}`;
}

const KEY_PATTERN = new RegExp(`^${SHEET_KEY_PREFIX}:(\\d+):(\\d{1,15}):([a-z][a-z0-9]*(?:[-.][a-z0-9]+)*)(?:\\s|$)`);

/** The key's parts (the first word of the text), or null when the text is not a key of ours. */
export function parseSheetKey(text: string): { projectId: number; itemId: string } | null {
  const m = text.trim().match(KEY_PATTERN);
  if (!m || Number(m[1]) !== SHEET_KEY_VERSION) return null;
  return { projectId: Number(m[2]), itemId: m[3]! };
}

/** The words of the key columns and the key line, in both languages. */
export const SHEET_WORDS = {
  id: { fa: "شناسه سطر", en: "Row id" },
  version: { fa: "نسخه", en: "Version" },
  key: { fa: "کلید درون‌ریزی — تغییر ندهید", en: "Import key — do not change" },
  required: { fa: "ستون‌های * الزامی‌اند", en: "Columns marked * are required" },
  dates: { fa: "تاریخ‌ها به شمسی یا میلادی پذیرفته می‌شوند", en: "Dates in the Solar Hijri or the Gregorian calendar are both accepted" },
} as const;

/** A ref cell as the sheet shows it: "12 · the goal's name" (or "12" when the row has no name). */
export function refCellText(rowId: number, label: string | undefined): string {
  const l = (label ?? "").replace(/\s+/g, " ").trim();
  return l ? `${rowId} · ${l}` : String(rowId);
}

/** Registers edited only in their own grid (goal scores, fit and demo scores) are downloaded, never imported. */
export function isImportable(item: RegisterItem): boolean {
  return !item.workbenchOnly;
}

/** A column's header in one language: its label, and " *" when required. */
export function columnHeader(col: RegisterColumn, lang: "fa" | "en"): string {
  return col.required ? `${col.label[lang]} *` : col.label[lang];
}
