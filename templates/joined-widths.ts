/**
 * A copy of a font for measuring Persian text as it is printed. docx's page
 * layout (the contents' page numbers) measures text in an embedded font letter
 * by letter with each letter's own glyph, the isolated form; Word and
 * LibreOffice join Persian letters into their initial, medial and final forms,
 * which are narrower (Vazirmatn: «شکایت» 54 px measured, 39 px printed), so
 * Persian paragraphs were laid out on more lines than they are printed on and
 * headings after them moved a page later in the contents (decision 026).
 *
 * The copy is the same font with each Arabic letter's advance set to the
 * average of its joined forms' advances (from the font's own init/medi/fina
 * substitutions), so a line of Persian measures about as wide as it is printed.
 * It is only measured, never written into a document.
 */

type Tables = Map<string, number>;

function tablesOf(view: DataView): Tables {
  const tables: Tables = new Map();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    tables.set(tag, view.getUint32(at + 8));
  }
  return tables;
}

/** The glyph of each code point of a cmap format 4 subtable (the Basic Multilingual Plane), Windows Unicode. */
function glyphsOf(view: DataView, cmap: number): Map<number, number> {
  const out = new Map<number, number>();
  const count = view.getUint16(cmap + 2);
  let sub = -1;
  for (let i = 0; i < count; i++) {
    const rec = cmap + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const offset = cmap + view.getUint32(rec + 4);
    if (view.getUint16(offset) === 4 && ((platform === 3 && encoding === 1) || platform === 0)) sub = offset;
  }
  if (sub < 0) return out;
  const segments = view.getUint16(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const ranges = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = view.getUint16(ends + s * 2);
    const start = view.getUint16(starts + s * 2);
    const delta = view.getInt16(deltas + s * 2);
    const rangeAt = ranges + s * 2;
    const range = view.getUint16(rangeAt);
    for (let code = start; code <= end && code !== 0xffff; code++) {
      let glyph: number;
      if (range === 0) glyph = (code + delta) & 0xffff;
      else {
        const g = view.getUint16(rangeAt + range + (code - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph) out.set(code, glyph);
    }
  }
  return out;
}

function coverageOf(view: DataView, at: number): number[] {
  const format = view.getUint16(at);
  const out: number[] = [];
  if (format === 1) {
    const n = view.getUint16(at + 2);
    for (let i = 0; i < n; i++) out.push(view.getUint16(at + 4 + i * 2));
  } else if (format === 2) {
    const n = view.getUint16(at + 2);
    for (let i = 0; i < n; i++) {
      const r = at + 4 + i * 6;
      for (let g = view.getUint16(r); g <= view.getUint16(r + 2); g++) out.push(g);
    }
  }
  return out;
}

/** For the GSUB features init, medi and fina (any script): each glyph's substitute, from their single substitutions. */
function formsOf(view: DataView, gsub: number): Map<string, Map<number, number>> {
  const features = gsub + view.getUint16(gsub + 6);
  const lookups = gsub + view.getUint16(gsub + 8);
  const out = new Map<string, Map<number, number>>();
  const featureCount = view.getUint16(features);
  for (let i = 0; i < featureCount; i++) {
    const rec = features + 2 + i * 6;
    const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    if (!["init", "medi", "fina"].includes(tag)) continue;
    const map = out.get(tag) ?? new Map<number, number>();
    out.set(tag, map);
    const feature = features + view.getUint16(rec + 4);
    const lookupCount = view.getUint16(feature + 2);
    for (let l = 0; l < lookupCount; l++) {
      const lookup = lookups + view.getUint16(lookups + 2 + view.getUint16(feature + 4 + l * 2) * 2);
      let type = view.getUint16(lookup);
      const subCount = view.getUint16(lookup + 4);
      for (let s = 0; s < subCount; s++) {
        let sub = lookup + view.getUint16(lookup + 6 + s * 2);
        if (type === 7) {
          type = view.getUint16(sub + 2);
          sub = sub + view.getUint32(sub + 4);
        }
        if (type !== 1) continue;
        const format = view.getUint16(sub);
        const covered = coverageOf(view, sub + view.getUint16(sub + 2));
        covered.forEach((glyph, index) => {
          if (map.has(glyph)) return;
          map.set(glyph, format === 1 ? (glyph + view.getInt16(sub + 4)) & 0xffff : view.getUint16(sub + 6 + index * 2));
        });
      }
    }
  }
  return out;
}

/** Arabic letters and Persian's own (peh, tcheh, jeh, keheh, gaf, Farsi yeh). */
const isArabicLetter = (code: number) => (code >= 0x0620 && code <= 0x064a) || [0x067e, 0x0686, 0x0698, 0x06a9, 0x06af, 0x06cc].includes(code);

/** A copy of a TrueType font whose Arabic letters are as wide as their joined forms on average. */
export function withJoinedWidths(font: Buffer): Buffer {
  const copy = Buffer.from(font);
  const view = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
  const tables = tablesOf(view);
  const [cmap, gsub, hmtx, hhea] = ["cmap", "GSUB", "hmtx", "hhea"].map((t) => tables.get(t));
  if (cmap === undefined || gsub === undefined || hmtx === undefined || hhea === undefined) return copy;
  const metrics = view.getUint16(hhea + 34);
  const advance = (glyph: number) => view.getUint16(hmtx + Math.min(glyph, metrics - 1) * 4);
  const forms = formsOf(view, gsub);
  const changes: Array<[number, number]> = [];
  for (const [code, glyph] of glyphsOf(view, cmap)) {
    if (!isArabicLetter(code) || glyph >= metrics) continue;
    // The forms a letter takes in running text; a letter that joins only the one before it has just its final form.
    const joined = ["init", "medi", "fina"].map((tag) => forms.get(tag)?.get(glyph)).filter((g): g is number => g !== undefined);
    if (joined.length === 0) continue;
    const width = Math.round(joined.reduce((sum, g) => sum + advance(g), 0) / joined.length);
    changes.push([glyph, width]);
  }
  for (const [glyph, width] of changes) view.setUint16(hmtx + glyph * 4, width);
  return copy;
}
