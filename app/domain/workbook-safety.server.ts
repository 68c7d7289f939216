/**
 * Opening an uploaded workbook safely (decision 031, shared by the response
 * sheet and the register spreadsheets of decision 044): the zip archive is
 * checked — entries, declared and real sizes, inflated with a cap — before any
 * XML parser sees it, and a cell is read as text or as a marker for what a
 * sheet must not hold (a formula, an error).
 */
import zlib from "node:zlib";
import ExcelJS from "exceljs";

/** An uploaded workbook (a vendor's response sheet, a register's spreadsheet) larger than this is refused unread. */
export const MAX_WORKBOOK_UPLOAD_BYTES = 5 * 1024 * 1024;
/** The whole workbook, uncompressed: far more than any real sheet of 2,000 requirements. */
export const MAX_UNCOMPRESSED_BYTES = 25 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 300;

/** mostRows: the most rows holding a value in any one worksheet, counted from the XML before any parser reads it. */
export type ZipCheck = { ok: true; mostRows: number } | { ok: false; refusal: "not-xlsx" | "damaged" | "too-large" };

/**
 * Checks a zip archive before anything parses it: its central directory, the
 * number of entries, each entry's declared uncompressed size and their sum,
 * and then each entry's real size (inflated with the declared size as a hard
 * cap, so a file that lies about its sizes cannot inflate further).
 * Each worksheet's rows holding a value are counted on the way, so a reader
 * can refuse a sheet too long before exceljs parses it.
 */
export function checkZip(bytes: Uint8Array, maxTotal = MAX_UNCOMPRESSED_BYTES): ZipCheck {
  let mostRows = 0;
  const inspect = (name: string, data: Buffer) => {
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) mostRows = Math.max(mostRows, rowsWithValues(data));
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) return { ok: false, refusal: "not-xlsx" };
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, refusal: "damaged" };
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { ok: false, refusal: "too-large" }; // zip64: never a sheet of ours
  if (entries > MAX_ZIP_ENTRIES) return { ok: false, refusal: "too-large" };
  if (cdOffset + cdSize > eocd) return { ok: false, refusal: "damaged" };
  const list: Array<{ method: number; comp: number; size: number; local: number; name: string }> = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== 0x02014b50) return { ok: false, refusal: "damaged" };
    const method = buf.readUInt16LE(p + 10);
    const comp = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (size === 0xffffffff || comp === 0xffffffff) return { ok: false, refusal: "too-large" };
    total += size;
    if (total > maxTotal) return { ok: false, refusal: "too-large" };
    if (p + 46 + nameLen > eocd) return { ok: false, refusal: "damaged" };
    list.push({ method, comp, size, local, name: buf.toString("latin1", p + 46, p + 46 + nameLen) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  for (const e of list) {
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== 0x04034b50) return { ok: false, refusal: "damaged" };
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    if (start + e.comp > buf.length) return { ok: false, refusal: "damaged" };
    const data = buf.subarray(start, start + e.comp);
    if (e.method === 0) {
      if (e.comp !== e.size) return { ok: false, refusal: "damaged" };
      inspect(e.name, data);
    } else if (e.method === 8) {
      try {
        const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
        if (out.length !== e.size) return { ok: false, refusal: "damaged" };
        inspect(e.name, out);
      } catch (err) {
        return { ok: false, refusal: (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? "too-large" : "damaged" };
      }
    } else return { ok: false, refusal: "damaged" };
  }
  return { ok: true, mostRows };
}

/** Counts, in a worksheet's XML, the rows that hold a value (without parsing it as XML). */
function rowsWithValues(xml: Buffer): number {
  const s = xml.toString("utf8");
  let n = 0;
  const re = /<row\b[^>]*?(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (m[1] === "/") continue;
    const end = s.indexOf("</row>", re.lastIndex);
    if (end < 0) break;
    const body = s.slice(re.lastIndex, end);
    if (body.includes("<v>") || body.includes("<v ") || body.includes("<is>") || body.includes("<f")) n++;
    re.lastIndex = end + 6;
  }
  return n;
}

/** A cell's value as text (rich text joined, hyperlinks by their text), or a marker for what a sheet must not hold. */
export function cellText(cell: ExcelJS.Cell): { text: string } | { formula: true } | { kind: "date" | "error" } {
  if (cell.type === ExcelJS.ValueType.Formula) return { formula: true };
  const v = cell.value as unknown;
  if (v === null || v === undefined) return { text: "" };
  if (typeof v === "string") return { text: v };
  if (typeof v === "number" || typeof v === "boolean") return { text: String(v) };
  if (v instanceof Date) return { kind: "date" };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) return { formula: true };
    if ("error" in o) return { kind: "error" };
    if (Array.isArray(o.richText)) return { text: (o.richText as Array<{ text?: string }>).map((r) => r.text ?? "").join("") };
    if (typeof o.text === "string") return { text: o.text };
    if (typeof o.text === "object" && o.text && Array.isArray((o.text as Record<string, unknown>).richText)) {
      return { text: ((o.text as { richText: Array<{ text?: string }> }).richText).map((r) => r.text ?? "").join("") };
    }
  }
  return { kind: "error" };
}
